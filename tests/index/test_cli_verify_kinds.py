"""``cxr-index verify`` says of each file it lists whether it is missing, replaced or unreadable, in a column a
script can read, and counts them by kind with advice for each kind found.

It printed ``PATH: REASON`` and "N of M indexed files are missing or replaced": a replaced or unreadable file read
as lost, the advice was the same for every kind, and a script could only guess the kind from the reason's wording
(and could not split a path holding ": " from its reason). Real DICOM files, a real SQLite index, the real
``cxr-index`` entry point in a subprocess, as a script would run it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.dicom_factory import make_cr

from .conftest import write_study


def _cxr_index(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxr_viewer.index", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_verify_lists_each_files_kind_in_a_column_and_counts_the_kinds(tmp_path: Path) -> None:
    db, folder = tmp_path / "idx.sqlite3", tmp_path / "scans: 2024"  # a path with ": " in it
    write_study(folder, n_images=5, PatientName="Kinds^Patient")
    files = sorted(folder.rglob("*.dcm"))
    assert _cxr_index("--index", db, "import", folder).returncode == 0
    files[0].unlink()
    make_cr(files[1], rows=24, cols=24)  # another image (another SOP Instance UID) at the indexed path
    files[2].write_bytes(b"overwritten with something that is not an image")

    done = _cxr_index("--index", db, "verify")
    assert done.returncode == 3, done.stderr
    listed = {}
    lines = done.stdout.splitlines()
    for line in lines:
        columns = line.split("\t")
        if len(columns) == 3:
            listed[Path(columns[1])] = columns[0]
    assert listed == {files[0]: "missing", files[1]: "replaced", files[2]: "unreadable"}, done.stdout
    assert "3 of 5 indexed files need attention: 1 missing, 1 replaced, 1 unreadable" in done.stdout
    advice = lines[len(listed) + 1:]
    assert [line.split(" ", 1)[0] for line in advice] == ["missing", "replaced", "unreadable"], advice
    assert "import their folders again" in advice[1] and "permissions" in advice[2]

    forgot = _cxr_index("--index", db, "forget-missing")
    assert forgot.returncode == 0, forgot.stderr
    forgotten = {Path(line.split("\t")[2]): line.split("\t")[1]
                 for line in forgot.stdout.splitlines() if line.startswith("forgot\t")}
    assert forgotten == listed
    assert "removed 3 index entries (found 1 missing, 1 replaced, 1 unreadable), 2 indexed files left" in (
        forgot.stdout)


def test_verify_of_replaced_files_alone_neither_calls_them_missing_nor_gives_missing_advice(tmp_path: Path) -> None:
    db, folder = tmp_path / "idx.sqlite3", tmp_path / "in"
    write_study(folder, n_images=2)
    assert _cxr_index("--index", db, "import", folder).returncode == 0
    for path in sorted(folder.rglob("*.dcm")):
        make_cr(path, rows=24, cols=24)
    done = _cxr_index("--index", db, "verify")
    assert done.returncode == 3
    assert "2 of 2 indexed files need attention: 2 replaced (index:" in done.stdout
    assert "missing" not in done.stdout.replace("forget-missing", "")
