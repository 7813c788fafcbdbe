"""The header of an iMRMC input file is free text up to the line ``BEGIN DATA:``; the counts are the lines
``NR: 5``, ``N0: 40``, ``N1: 40``, ``NM: 2`` (iMRMC reads them top to bottom, a later line overwriting an earlier
one, and compares them with the data). Every line whose text before its first colon was NR, N0, N1 or NM and whose
rest was a number was taken as a count: a description line above the counts ("NR: 3" of the pilot) refused a good
file, and a description such as "NM: ²" stopped the command with Python's "invalid literal for int()". A file saved
from a spreadsheet (``NR: 4,,,``, ``BEGIN DATA:,,,``) was not taken for an iMRMC file at all."""

from __future__ import annotations

import json
from pathlib import Path

from cxr_reader_study.stats import analyze_cli

CASES = {"c0": (0, 1), "c1": (0, 2), "c2": (0, 3), "c3": (1, 4), "c4": (1, 2), "c5": (1, 5)}
READERS = ("R1", "R2", "R3", "R4")


def _imrmc(path: Path, header: list[str], readers=READERS, begin: str = "BEGIN DATA:") -> Path:
    data = [f"-1,{case},0,{truth}" for case, (truth, _) in CASES.items()]
    data += [f"{reader},{case},{arm},{rating + (j + i) % 2}" for j, reader in enumerate(readers)
             for i, arm in enumerate(("0", "1")) for case, (_, rating) in CASES.items()]
    path.write_text("\n".join([*header, begin, *data]) + "\n", encoding="utf-8")
    return path


def _run(capsys, path: Path) -> tuple[int, str, str]:
    code = analyze_cli.main([str(path), "--json"])
    out = capsys.readouterr()
    return code, out.out, out.err


COUNTS = ["NR: 4", "N0: 3", "N1: 3", "NM: 2"]


def test_free_text_lines_that_start_like_counts_are_description(tmp_path, capsys):
    header = ["Nodule study, main phase", "NR: 3", "(the line above is the pilot's reader count)",
              "NR: four radiologists from two sites", "N1: abnormal = biopsy-proven", "NM: ²", "", *COUNTS]
    code, out, err = _run(capsys, _imrmc(tmp_path / "s.imrmc", header))
    assert (code, err) == (0, "")
    assert json.loads(out)["readers"] == list(READERS)


def test_a_file_saved_from_a_spreadsheet_is_read_and_its_counts_checked(tmp_path, capsys):
    """A spreadsheet pads every line to the widest row's four fields; iMRMC strips the trailing commas."""
    header = ["Nodule study,,,", "NR: 4,,,", "N0: 3,,,", "N1: 3,,,", "NM: 2,,,"]
    assert _run(capsys, _imrmc(tmp_path / "full.csv", header, begin="BEGIN DATA:,,,"))[0] == 0
    code, out, err = _run(capsys, _imrmc(tmp_path / "cut.csv", header, READERS[:3], "BEGIN DATA:,,,"))  # R4 lost
    assert (code, out) == (2, "")
    assert "cut.csv: the header declares NR: 4 but the data have 3" in err


def test_the_last_count_line_of_a_key_is_the_one_checked(tmp_path, capsys):
    """As iMRMC reads it; a truncated copy is still refused by the count that stands."""
    header = ["NR: 3", *COUNTS]
    code, out, err = _run(capsys, _imrmc(tmp_path / "cut.imrmc", header, readers=READERS[:3]))
    assert code == 2 and "the header declares NR: 4 but the data have 3" in err
