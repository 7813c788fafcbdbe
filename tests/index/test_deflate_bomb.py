"""A deflated DICOM file that inflates past the limit is refused by the import before pydicom inflates it.

pydicom inflates a deflated data set whole, in memory, even to read its header: a 1 MB file inflating to 1 GB took
2.2 GB to import. The viewer's loader refused such files already (``core.deflate_guard``); the import did not. The
limit is scaled down here so that nothing large is written or inflated.
"""

from __future__ import annotations

import pydicom
from pydicom.uid import DeflatedExplicitVRLittleEndian

from cxr_viewer.index import header_read
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from tests.dicom_factory import make_cr


def test_a_deflated_file_inflating_past_the_limit_is_reported_and_not_indexed(tmp_path, monkeypatch) -> None:
    films = tmp_path / "films"
    make_cr(films / "good.dcm", rows=16, cols=16)
    ds = pydicom.dcmread(make_cr(films / "bomb.dcm", rows=2, cols=2, PixelData=b"\0" * 100_000))
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    ds.save_as(films / "bomb.dcm", enforce_file_format=True)
    assert (films / "bomb.dcm").stat().st_size < 2000
    monkeypatch.setattr(header_read, "INFLATED_LIMIT", 4000)
    report = import_paths(StudyIndex(tmp_path / "ix.sqlite3"), films)
    assert report.added == 1
    [(path, reason)] = report.failed
    assert path.name == "bomb.dcm" and reason.startswith("image is too large: its deflated data set inflates to over")
