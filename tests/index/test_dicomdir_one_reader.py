"""The study index reads a DICOMDIR with the viewer's own reader (``core.dicomdir``), so a CD that opens in the
viewer imports the same files, and one the viewer cannot use is said by both.

The index had a reader of its own that matched names only exactly or all in lower case, so media whose folders a
mount had lowered but whose file names it kept (``pt000000/st000000/se000000/IM000000``) opened in the viewer but
failed to import; and a DICOMDIR without its record list was a failure to the index but silently nothing to the
viewer.
"""

from __future__ import annotations

from pathlib import Path

import pydicom
from pydicom.fileset import FileSet

from cxr_viewer.core.dicomdir import dicomdir_files
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import search
from tests.dicom_factory import make_cr


def _media(tmp_path: Path, n_files: int = 2) -> Path:
    fileset = FileSet()
    for k in range(1, n_files + 1):
        fileset.add(pydicom.dcmread(make_cr(tmp_path / "src" / f"{k}.dcm", rows=16, cols=16, InstanceNumber=k)))
    fileset.write(tmp_path / "media")
    return tmp_path / "media"


def test_folders_in_lower_case_and_files_in_upper_case_import_as_the_viewer_opens_them(index: StudyIndex,
                                                                                        tmp_path: Path) -> None:
    media = _media(tmp_path)
    for folder in sorted((path for path in media.rglob("*") if path.is_dir()), key=lambda p: -len(p.parts)):
        folder.rename(folder.with_name(folder.name.lower()))  # deepest first: the file names stay in upper case
    assert all(path.name.isupper() for path in media.rglob("IM*"))
    problems: list[str] = []
    opened = dicomdir_files(media / "DICOMDIR", problems)
    report = import_paths(index, [media / "DICOMDIR"])
    assert (report.added, report.failed, problems) == (2, [], [])
    assert len(opened) == 2 and sum(row.n_instances for row in search(index)) == 2


def test_a_dicomdir_without_its_record_list_is_said_by_the_index_and_the_viewer(index: StudyIndex,
                                                                                tmp_path: Path) -> None:
    media = _media(tmp_path, n_files=1)
    dicomdir = pydicom.dcmread(media / "DICOMDIR")
    del dicomdir.DirectoryRecordSequence
    dicomdir.save_as(media / "DICOMDIR")
    problems: list[str] = []
    assert dicomdir_files(media / "DICOMDIR", problems) == []
    report = import_paths(index, [media / "DICOMDIR"])
    assert report.added == 0 and [path for path, _ in report.failed] == [media / "DICOMDIR"]
    reason = report.failed[0][1]
    assert "Directory Record Sequence" in reason and problems == [f"{media / 'DICOMDIR'}: {reason}"]
