"""``cxr-reader analyze --times READS.csv`` took any reads file: one exported from another study (other readers,
arms and cases) gave its reading-time comparison beside this study's MRMC figures, as if both came from the same
reads. A reads file that shares no reader, arm or case with the ratings file is now refused (exit 2), naming what
differs; one that shares only some is analysed, with a note naming the rest."""

from __future__ import annotations

import json
from pathlib import Path

from cxr_reader_study.stats import analyze_cli

RATINGS = {"c0": (0, 1), "c1": (0, 2), "c2": (0, 3), "c3": (1, 4), "c4": (1, 2), "c5": (1, 5)}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ratings(tmp_path: Path) -> Path:
    return _write(tmp_path / "ratings.csv", ["reader,modality,case,truth,rating"] + [
        f"{reader},{arm},{case},{truth},{rating}" for reader in ("R1", "R2", "R3") for arm in ("unaided", "aided")
        for case, (truth, rating) in RATINGS.items()])


def _reads(tmp_path: Path, readers, arms, cases) -> Path:
    return _write(tmp_path / "reads.csv", ["reader,arm,phase,case,reading_time_s"] + [
        f"{reader},{arm},final,{case},{10 + 3 * i + j}" for i, reader in enumerate(readers)
        for j, arm in enumerate(arms) for case in cases])


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = analyze_cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_reads_file_of_another_study_is_refused(tmp_path, capsys):
    reads = _reads(tmp_path, ("A1", "A2"), ("without-cad", "with-cad"), ("x1", "x2"))
    code, out, err = _run(capsys, _ratings(tmp_path), "--times", reads)
    assert (code, out) == (2, "")
    assert f"--times {reads} is not a reads file of {tmp_path / 'ratings.csv'}" in err
    assert "its readers (A1, A2) share none with the ratings file's (R1, R2, R3)" in err
    assert "its arms (with-cad, without-cad) share none with the ratings file's (aided, unaided)" in err
    assert "its cases (x1, x2) share none with the ratings file's (c0, c1, c2, c3, c4, c5)" in err


def test_other_cases_alone_are_refused_too(tmp_path, capsys):
    reads = _reads(tmp_path, ("R1", "R2"), ("unaided", "aided"), ("x1", "x2"))
    code, _, err = _run(capsys, _ratings(tmp_path), "--times", reads)
    assert code == 2 and "its cases (x1, x2) share none" in err and "readers" not in err


def test_a_partial_overlap_is_analysed_with_a_note(tmp_path, capsys):
    reads = _reads(tmp_path, ("R1", "R2", "R9"), ("unaided", "aided"), ("c0", "c1", "c9"))
    code, out, err = _run(capsys, _ratings(tmp_path), "--times", reads, "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert f"--times {reads} and {tmp_path / 'ratings.csv'} differ in readers: R9 only in --times; R3 only in the " \
           "ratings file" in result["notes"]
    assert any("differ in cases: c9 only in --times; c2, c3, c4, c5 only in the ratings file" in n
               for n in result["notes"])
    assert not any("differ in arms" in n for n in result["notes"])
    assert result["paired_reading_time"][0]["readers"] == ["R1", "R2", "R9"]
