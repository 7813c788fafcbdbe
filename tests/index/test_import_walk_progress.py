"""An import says what it is doing while it is still looking for files, in the API and on a terminal.

Before, the progress started only once every folder had been walked: on a share of 50,000 files the terminal's
line (and the viewer's strip) stayed blank for minutes, and the user could not tell a slow walk from a hang.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from tests.dicom_factory import make_cr


def _tree(root: Path) -> Path:
    for folder in ("a", "b/c", "d"):
        for n in range(2):
            make_cr(root / folder / f"i{n}.dcm", rows=8, cols=8)
    return root


def test_walking_reports_each_folder_and_the_files_found_so_far(index: StudyIndex, tmp_path: Path) -> None:
    root = _tree(tmp_path / "tree")
    walked: list[tuple[int, str]] = []
    read: list[int] = []
    report = import_paths(index, [root], progress=lambda done, total, path: read.append(done),
                          walking=lambda found, folder: walked.append((found, folder)))
    assert report.added == 6 and read[-1] == 6
    assert [Path(folder).relative_to(root).as_posix() for _, folder in walked] == [".", "a", "b", "b/c", "d"]
    assert [found for found, _ in walked] == [0, 0, 2, 2, 4]  # counted before each folder's own files


def test_the_terminal_line_says_it_is_looking_before_it_reads(tmp_path: Path) -> None:
    root = _tree(tmp_path / "tree")
    main_side, terminal = pty.openpty()  # the progress line is drawn only on a terminal
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cxr_viewer.index", "--index", str(tmp_path / "i.sqlite3"), "import", str(root)],
            stderr=terminal, stdout=subprocess.PIPE, timeout=120, env={**os.environ, "PYTHONPATH": os.getcwd()},
        )  # fmt: skip
    finally:
        os.close(terminal)
    shown = os.read(main_side, 65536).decode()
    os.close(main_side)
    assert done.returncode == 0, shown
    assert "looking for files: 0 files found so far" in shown
    assert shown.index("looking for files") < shown.index("reading 6/6 files")
