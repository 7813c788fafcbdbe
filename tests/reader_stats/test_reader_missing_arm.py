"""An ROC ratings file in which a reader rated one modality only: their other modality counted as the lowest
rating on every case (AUC 0.5), lowering its mean and inflating the reader-by-modality error term of every test.
Such a reader is left out of the analysis, named; the figures are those of the file without them. With fewer
than two readers left the analysis is refused, saying who lacked what."""

from __future__ import annotations

import json

from cxr_reader_study.stats import analyze_cli

RATINGS = {"N1": 1, "N2": 2, "N3": 3, "N4": 2, "A1": 4, "A2": 2, "A3": 5, "A4": 3}
SHIFT = {"R1": 0, "R2": 1, "R3": -1, "R4": 0}


def _ratings(path, readers: dict[str, tuple[str, ...]]) -> None:
    rows = ["reader,modality,case,truth,rating"]
    for reader, modalities in readers.items():
        for modality in modalities:
            for k, (case, rating) in enumerate(RATINGS.items()):
                bump = (k + SHIFT[reader]) % 3 == 0 and modality == "aided"  # differ by reader and modality
                rows.append(f"{reader},{modality},{case},{int(case.startswith('A'))},{rating + bump}")
    path.write_text("\n".join(rows) + "\n")


def _json(path, capsys) -> dict:
    assert analyze_cli.main([str(path), "--json", "--threshold", "3"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_reader_missing_a_modality_is_left_out(tmp_path, capsys):
    both = ("unaided", "aided")
    _ratings(tmp_path / "all.csv", {"R1": both, "R2": both, "R3": ("unaided",), "R4": both})
    _ratings(tmp_path / "complete.csv", {"R1": both, "R2": both, "R4": both})
    analysed, complete = _json(tmp_path / "all.csv", capsys), _json(tmp_path / "complete.csv", capsys)
    assert analysed["readers"] == ["R1", "R2", "R4"]
    assert analysed["excluded_readers"] == {"R3": ["aided"]} and complete["excluded_readers"] == {}
    for key in ("fom_per_reader", "fom_per_modality", "or", "dbm", "per_reader"):
        assert analysed[key] == complete[key]
    assert analysed["notes"] == [
        "1 reader(s) left out of every analysis for having no ratings in a modality (R3 has none in aided): OR "
        "and DBM need every reader in every modality, and an arm never read would count as the lowest rating "
        "on every case"]


def test_fewer_than_two_complete_readers_are_refused_with_who_lacks_what(tmp_path, capsys):
    _ratings(tmp_path / "r.csv", {"R1": ("unaided", "aided"), "R2": ("aided",), "R3": ("unaided",)})
    assert analyze_cli.main([str(tmp_path / "r.csv")]) == 2
    error = capsys.readouterr().err
    assert "(R2 has none in unaided; R3 has none in aided)" in error
    assert "1 reader(s) rated in every modality, and the MRMC analysis needs at least two" in error
