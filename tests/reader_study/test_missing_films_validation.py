"""``validate`` names each missing film and nothing else: a case whose film is missing still counts toward the list's
normal/abnormal balance (the audit's study, its films moved away, got "no normal cases" and "no abnormal cases")."""

from __future__ import annotations

import shutil
from pathlib import Path

from cxr_reader_study.cli import main
from cxr_reader_study.demo import write_demo_study


def _move_films(study_file: Path, names: list[str], to: Path) -> None:
    to.mkdir()
    for name in names:
        shutil.move(study_file.parent / name, to / name)


def test_all_films_moved_away_names_each_film_and_no_design_problem(tmp_path, capsys):
    study_file = write_demo_study(tmp_path / "study")
    films = sorted(p.name for p in study_file.parent.iterdir() if p.suffix in (".dcm", ".png"))
    _move_films(study_file, films, tmp_path / "elsewhere")
    assert main(["validate", str(study_file)]) != 0
    said = capsys.readouterr()
    lines = [line for line in (said.out + said.err).splitlines() if line.startswith("  - ")]
    assert len(lines) == len(films) == 9
    assert all("not found" in line for line in lines)
    assert all(any(f"'{film}'" in line for line in lines) for film in films)


def test_only_the_abnormal_films_missing_is_not_no_abnormal_cases(tmp_path, capsys):
    study_file = write_demo_study(tmp_path / "study")
    abnormal = ["C005.png", "C006.dcm", "C007.png", "C008.dcm"]  # the demo's scored abnormal cases
    _move_films(study_file, abnormal, tmp_path / "elsewhere")
    assert main(["validate", str(study_file)]) != 0
    said = capsys.readouterr()
    text = said.out + said.err
    assert "no abnormal cases" not in text
    assert [line for line in text.splitlines() if line.startswith("  - ")] == [
        line for line in text.splitlines() if line.startswith("  - ") and "not found" in line]
    assert all(f"'{film}' not found" in text for film in abnormal)
