"""The search text: DICOM wildcards typed as in a PACS query, and case ignored in every script, not just ASCII."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import search

from .conftest import write_study

PATIENTS = {
    "smith": {"PatientName": "SMITH^JOHN", "PatientID": "PAT00001"},
    "goldsmith": {"PatientName": "GOLDSMITH^ANNA", "PatientID": "PAT00002"},
    "tenth": {"PatientName": "Ten^Th", "PatientID": "PAT00010", "StudyDescription": "Portable 100%"},
    "thousand": {"PatientName": "Thou^Sand", "PatientID": "X_1", "StudyDescription": "Portable 1000"},
    "xy": {"PatientName": "Ex^Why", "PatientID": "XY1"},
    "mueller": {"PatientName": "Müller^Jürgen", "SpecificCharacterSet": "ISO_IR 100"},
    "odegard": {"PatientName": "Ødegård^Åse", "SpecificCharacterSet": "ISO_IR 192"},
    "greek": {"PatientName": "Σωκράτης^Νίκος", "SpecificCharacterSet": "ISO_IR 192"},
    "strasse": {"PatientName": "Straße^Eva", "SpecificCharacterSet": "ISO_IR 192"},
    "decomposed": {"PatientName": "Lo\u0308we^Ida", "SpecificCharacterSet": "ISO_IR 192"},  # o + combining ¨
}


@pytest.fixture
def patients(index: StudyIndex, tmp_path: Path) -> dict[str, str]:
    uids = {key: write_study(tmp_path / key, n_images=1, **tags) for key, tags in PATIENTS.items()}
    assert import_paths(index, [tmp_path]).failed == []
    return uids


def found(index: StudyIndex, text: str, patients: dict[str, str]) -> set[str]:
    by_uid = {uid: key for key, uid in patients.items()}
    return {by_uid[row.study_uid] for row in search(index, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SMITH*", {"smith", "goldsmith"}),  # a word is still found anywhere in the field
        ("smith^j*", {"smith"}),
        ("J*HN", {"smith"}),
        ("PAT0000?", {"smith", "goldsmith"}),  # ? is exactly one character: PAT00010 has two after PAT000
        ("P?T00010", {"tenth"}),
        ("PAT000??", {"smith", "goldsmith", "tenth"}),
        ("*", set(PATIENTS)),
    ],
)
def test_dicom_wildcards_in_the_search_text(index: StudyIndex, patients: dict, text: str, expected: set) -> None:
    assert found(index, text, patients) == expected


def test_percent_and_underscore_stay_literal(index: StudyIndex, patients: dict) -> None:
    assert found(index, "100%", patients) == {"tenth"}  # not "Portable 1000"
    assert found(index, "X_1", patients) == {"thousand"}  # not "XY1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MÜLLER", {"mueller"}),
        ("müller jÜrgen", {"mueller"}),
        ("ødegård", {"odegard"}),
        ("ØDEGÅRD åse", {"odegard"}),
        ("ΣΩΚΡΆΤΗΣ", {"greek"}),  # final sigma folds with capital sigma
        ("νίκος", {"greek"}),
        ("STRASSE", {"strasse"}),  # ß folds to ss
        ("straße", {"strasse"}),
        ("LÖWE", {"decomposed"}),  # stored with a combining accent, typed as one letter
        ("ＳＭＩＴＨ", {"smith", "goldsmith"}),  # full-width letters from an East Asian input method
        ("muller", set()),  # accents still count: ü is not u
    ],
)
def test_case_is_ignored_beyond_ascii(index: StudyIndex, patients: dict, text: str, expected: set) -> None:
    assert found(index, text, patients) == expected


def test_ascii_search_is_unchanged(index: StudyIndex, patients: dict) -> None:
    assert found(index, "john smith", patients) == {"smith"}
    assert found(index, "pat00001", patients) == {"smith"}
    assert found(index, "müller*", patients) == {"mueller"}  # folding and wildcards together


def test_search_fold_is_on_every_connection(index: StudyIndex) -> None:
    from cxr_viewer.index.db import search_fold

    assert index.connection.execute("SELECT cxr_fold('MÜLLER^Ödön')").fetchone()[0] == "müller^ödön"
    assert search_fold("Straße") == "strasse" and search_fold(None) is None and search_fold(3) == 3
