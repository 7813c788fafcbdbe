"""An ROC ratings file in which a reader skipped a case: the analysis ran with the missing rating counted as the
lowest one and said nothing, so a skipped abnormal case lowered that reader's AUC unseen. It still runs (an
unfinished study's export is such a file), but now names what is missing, in the text report and the JSON."""

from __future__ import annotations

import json

import pytest

from cxr_reader_study.stats import analyze_cli


def _ratings(path, skip: tuple[str, str, str] | None) -> None:
    rows = ["reader,modality,case,truth,rating"]
    ratings = {"N1": 1, "N2": 2, "N3": 3, "A1": 4, "A2": 2, "A3": 5}
    for reader in ("R1", "R2", "R3"):
        for modality in ("unaided", "aided"):
            for case, rating in ratings.items():
                if (reader, modality, case) != skip:
                    rows.append(f"{reader},{modality},{case},{int(case.startswith('A'))},{rating}")
    path.write_text("\n".join(rows) + "\n")


def test_a_skipped_case_is_named_in_the_text_report_and_the_json(tmp_path, capsys):
    _ratings(tmp_path / "r.csv", skip=("R2", "aided", "A3"))
    assert analyze_cli.main([str(tmp_path / "r.csv")]) == 0
    note = ("note: 1 of 36 ratings are missing (R2 in aided: 1) and count as the lowest rating; OR and DBM assume "
            "every reader rated every case in every modality")
    assert note in capsys.readouterr().out
    assert analyze_cli.main([str(tmp_path / "r.csv"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["notes"] == [note.removeprefix("note: ")]
    # the skipped abnormal case (rated 5 by the others) counted below every normal case: R2's aided AUC by hand
    hand = sum(1.0 if a > n else 0.5 if a == n else 0.0 for a in (4, 2, float("-inf")) for n in (1, 2, 3)) / 9
    assert out["fom_per_reader"]["aided"]["R2"] == pytest.approx(hand)


def test_a_complete_file_has_no_note(tmp_path, capsys):
    _ratings(tmp_path / "r.csv", skip=None)
    assert analyze_cli.main([str(tmp_path / "r.csv"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == []
