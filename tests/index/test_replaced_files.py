"""A file overwritten by another image is found by ``verify`` (and the CLI), and ``forget-missing`` drops its entry.

Before, ``verify`` only asked whether the path still existed: a study whose file now held another patient's image
was reported "all in place", and opening it from the list showed the wrong film.
"""

from __future__ import annotations

import os
from pathlib import Path

from cxr_viewer.index.cli import main
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.maintenance import forget_missing, verify
from tests.dicom_factory import make_cr
from tests.index.conftest import count


def _film(path: Path, n: int, patient_id: str) -> Path:
    """A small CR whose UIDs all have the same length, so two of them have the same byte size."""
    uids = {f"{kind}InstanceUID": f"1.2.826.0.1.3680043.10.{k}.{n}" for k, kind in enumerate(("Study", "Series", "SOP"))}
    return make_cr(path, rows=16, cols=16, PatientID=patient_id, **uids)


def _replace_keeping_size_and_time(path: Path) -> None:
    """Overwrite ``path`` with another instance of the same byte size and modification time (``cp -p`` style)."""
    stat = path.stat()
    _film(path, 2, "P2")
    assert path.stat().st_size == stat.st_size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_file_replaced_by_another_image_is_reported(index: StudyIndex, tmp_path: Path) -> None:
    path = make_cr(tmp_path / "a.dcm", rows=16, cols=16, PatientName="Right^Patient", PatientID="P1")
    import_paths(index, [path])
    make_cr(path, rows=16, cols=20, PatientName="Other^Patient", PatientID="P2")  # a new size: read by default
    [entry] = verify(index)
    assert entry.path == path and "replaced by another image" in entry.reason


def test_same_size_and_time_needs_thorough(index: StudyIndex, tmp_path: Path) -> None:
    path = _film(tmp_path / "a.dcm", 1, "P1")
    import_paths(index, [path])
    _replace_keeping_size_and_time(path)
    assert verify(index) == []  # a stat cannot tell: by default only changed files are read
    [entry] = verify(index, thorough=True)
    assert "replaced by another image" in entry.reason
    assert forget_missing(index, [entry]) == 1 and count(index, "instance") == 0


def test_a_rewritten_file_with_the_same_image_is_in_place(index: StudyIndex, tmp_path: Path) -> None:
    path = make_cr(tmp_path / "a.dcm", rows=16, cols=16, PatientName="Before^Edit")
    import_paths(index, [path])
    make_cr(path, rows=16, cols=16, PatientName="After^Edit", SOPInstanceUID=_indexed_uid(index))
    os.utime(path, (1, 1))
    assert verify(index) == [] and verify(index, thorough=True) == []


def test_cli_verify_thorough_and_forget_missing(index: StudyIndex, tmp_path: Path, capsys) -> None:
    path = _film(tmp_path / "a.dcm", 1, "P1")
    import_paths(index, [path])
    _replace_keeping_size_and_time(path)
    db = str(index.db_path)
    index.close()
    assert main(["--index", db, "verify"]) == 0
    assert main(["--index", db, "verify", "--thorough"]) == 3
    assert "replaced by another image" in capsys.readouterr().out
    assert main(["--index", db, "forget-missing", "--thorough"]) == 0
    assert main(["--index", db, "verify", "--thorough"]) == 0


def _indexed_uid(index: StudyIndex) -> str:
    return str(index.connection.execute("SELECT sop_instance_uid FROM instance").fetchone()[0])


def test_thorough_compares_the_hash_stored_by_import_hash(index: StudyIndex, tmp_path: Path) -> None:
    path = _film(tmp_path / "a.dcm", 1, "P1")
    import_paths(index, [path], hash_contents=True)
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # one pixel byte flipped (bit rot, a bad copy): same UID, same size, same time
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert verify(index) == []
    [entry] = verify(index, thorough=True)
    assert "SHA-256 differs" in entry.reason
