"""A file the user may not read (another user's export, a share's permissions) is reported as such, not as a
damaged DICOM header: "damaged" sends the research coordinator looking for corruption that is not there.

Root reads every file whatever its mode, so as root the command runs in a user namespace of its own (``unshare -U``),
where the kernel no longer grants root's override and the file's mode counts; skipped where that is not allowed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dicom_factory import make_cr


def _cxr_index_without_root_powers(*args: str) -> subprocess.CompletedProcess:
    prefix = ["unshare", "-U"] if os.geteuid() == 0 else []
    command = [*prefix, sys.executable, "-m", "cxr_viewer.index", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if prefix and result.returncode not in (0, 3):
        pytest.skip(f"cannot drop root's file access here (unshare -U): {result.stderr.strip()[:200]}")
    return result


def test_a_file_without_read_permission_is_reported_as_unreadable_not_damaged(tmp_path: Path) -> None:
    make_cr(tmp_path / "films" / "a.dcm", rows=16, cols=16)
    locked = make_cr(tmp_path / "films" / "b.dcm", rows=16, cols=16)
    locked.chmod(0)
    try:
        result = _cxr_index_without_root_powers("--index", str(tmp_path / "ix.sqlite3"), "import",
                                                str(tmp_path / "films"))
    finally:
        locked.chmod(0o644)
    assert result.returncode == 3, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "b.dcm" in line]
    assert "cannot read file: Permission denied" in line and "damaged" not in line
    assert result.stdout.startswith("1 added")
