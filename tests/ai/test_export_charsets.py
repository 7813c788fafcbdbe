"""SR and SEG of sources in other character sets and with a malformed age: written, valid, the names kept.

highdicom accepts only the Specific Character Set terms it lists, so a Japanese film (``\\ISO 2022 IR 87``, the
form of PS3.5 Annex H), a Korean one, or one with an empty Specific Character Set got no SR or SEG; and
a Patient Age without its unit (``62``) was copied into every object, which then failed dciodvfy.
"""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest

from cxr_ai.dicom.export import export_dicom
from cxr_ai.engine.image_input import engine_input
from cxr_viewer.core.loader import load_image
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.dicom_validation import dciodvfy_errors


def _film(path: Path, **attributes) -> Path:
    """A DX with one nodule; ``attributes`` set in order (the character set before the text it encodes)."""
    write_dx(path, synthetic_chest(300, 400, [(150.0, 200.0, 25.0)]))
    dataset = pydicom.dcmread(path)
    for keyword, value in attributes.items():
        setattr(dataset, keyword, value)
    dataset.save_as(path)
    return path


def _export(engine, source: Path, out: Path) -> dict[str, pydicom.Dataset]:
    analysis = engine.analyse([engine_input(load_image(source))])[0]
    shown = engine.select(analysis.result, "sens")
    assert shown.findings  # so a binary SEG is written too
    written = export_dicom(source, shown, analysis, engine, out, source.stem).written
    return {path.stem.removeprefix(f"{source.stem}_"): path for path in written}


@pytest.mark.parametrize(("character_set", "name", "written_as"), [
    (["", "ISO 2022 IR 87"], "Yamada^Tarou=山田^太郎=やまだ^たろう", ["ISO 2022 IR 6", "ISO 2022 IR 87"]),
    (["ISO 2022 IR 6", "ISO 2022 IR 149"], "Hong^Gildong=洪^吉洞=홍^길동", "ISO_IR 192"),
    ("", "Doe^Jane", None),
    ("ISO_IR 100", "Müller^Jürgen", "ISO_IR 100"),
])
def test_sources_in_any_character_set_are_exported_with_their_names(engine, tmp_path, character_set, name,
                                                                     written_as) -> None:
    source = _film(tmp_path / "film.dcm", SpecificCharacterSet=character_set, PatientName=name)
    paths = _export(engine, source, tmp_path / "out")
    assert sorted(paths) == ["seg_binary", "seg_fractional", "sr"]
    for path in paths.values():
        written = pydicom.dcmread(path)
        assert written.get("SpecificCharacterSet") == written_as
        assert str(written.PatientName) == name
        assert dciodvfy_errors(path) == []


@pytest.mark.filterwarnings("ignore:Invalid value for VR AS")  # the malformed source is written on purpose
@pytest.mark.parametrize(("age", "copied"), [("62", ""), ("062Y", "062Y"), ("3M", "")])
def test_an_age_without_its_unit_is_left_empty_not_copied_into_invalid_objects(engine, tmp_path, age,
                                                                               copied) -> None:
    source = _film(tmp_path / "film.dcm", PatientAge=age)
    for path in _export(engine, source, tmp_path / "out").values():
        assert pydicom.dcmread(path).get("PatientAge", "") == copied
        assert dciodvfy_errors(path) == []
    assert pydicom.dcmread(source).PatientAge == age  # the source file is not touched
