"""Our storage SCP fed by DCMTK's storescu and by pynetdicom: bulk, refusals, hostile input, full disk.

These talk only to our own SCP bound to 127.0.0.1, so they run in the ordinary test session.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pydicom
import pytest
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_file_meta_info
from pydicom.uid import ComputedRadiographyImageStorage, ExplicitVRLittleEndian
from pynetdicom import AE
from pynetdicom import _config as pynetdicom_config

from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.receiver import STATUS_CANNOT_UNDERSTAND, STATUS_OUT_OF_RESOURCES
from cxr_viewer.net.scp import StorageSCP
from cxr_viewer.net.scu import echo
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import write_cr

SCP_AE = "CXRSCP"
SENDER_AE = "MODALITY1"
needs_storescu = pytest.mark.skipif(shutil.which("storescu") is None, reason="DCMTK storescu is not installed")


def _pixel_digest(path: Path) -> tuple[str, str]:
    ds = pydicom.dcmread(path)
    return str(ds.SOPInstanceUID), hashlib.sha256(ds.PixelData).hexdigest()


@pytest.fixture
def scp(tmp_path: Path):
    stored: list[Path] = []
    server = StorageSCP(tmp_path / "store", SCP_AE, 0, [SENDER_AE], on_stored=stored.append)
    with server:
        server.callback_paths = stored
        yield server


def _node(scp: StorageSCP) -> DicomNode:
    return DicomNode(SCP_AE, "127.0.0.1", scp.port)


@needs_storescu
def test_storescu_sends_200_instances_in_one_association_without_loss(scp, make_study) -> None:
    originals = make_study(200)
    completed = subprocess.run(
        ["storescu", "-aet", SENDER_AE, "-aec", SCP_AE, "127.0.0.1", str(scp.port), *map(str, originals)],
        capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert len(scp.received.stored) == 200 and scp.received.rejected == []
    assert sorted(scp.callback_paths) == sorted(scp.received.stored)
    assert dict(map(_pixel_digest, scp.received.stored)) == dict(map(_pixel_digest, originals))
    assert not list(scp.handler.store_dir.rglob(".incoming-*")), "temporary files were left behind"


@needs_storescu
def test_storescu_with_unknown_calling_ae_is_rejected_at_association(scp, make_study) -> None:
    completed = subprocess.run(
        ["storescu", "-aet", "STRANGER", "-aec", SCP_AE, "127.0.0.1", str(scp.port), str(make_study(1)[0])],
        capture_output=True, text=True, timeout=60)
    assert completed.returncode != 0
    assert "Association Rejected" in completed.stderr + completed.stdout
    assert scp.received.stored == []


def test_echo_and_send_from_pynetdicom(scp, make_study) -> None:
    assert echo(SENDER_AE, _node(scp)) == 0x0000
    result = send_files(SENDER_AE, _node(scp), make_study(2))
    assert result.ok and len(scp.received.stored) == 2
    with pytest.raises(PacsError, match="rejected"):
        echo("STRANGER", _node(scp))


def test_malformed_dataset_gets_cannot_understand_and_scp_keeps_working(scp, make_study, tmp_path,
                                                                         monkeypatch) -> None:
    good = make_study(1)[0]
    meta = DicomBytesIO()
    write_file_meta_info(meta, pydicom.dcmread(good, stop_before_pixels=True).file_meta)
    broken = tmp_path / "broken.dcm"
    odd_rows = b"\x28\x00\x10\x00US\x03\x00abc"  # Rows (US) with 3 bytes: not a whole number of values
    broken.write_bytes(b"\0" * 128 + b"DICM" + meta.getvalue() + odd_rows)
    monkeypatch.setattr(pynetdicom_config, "STORE_SEND_CHUNKED_DATASET", True)  # send the bytes undecoded
    ae = AE(ae_title=SENDER_AE)
    ae.add_requested_context(ComputedRadiographyImageStorage, ExplicitVRLittleEndian)
    assoc = ae.associate("127.0.0.1", scp.port, ae_title=SCP_AE)
    assert assoc.is_established
    status = assoc.send_c_store(broken)
    assoc.release()
    assert int(status.Status) == STATUS_CANNOT_UNDERSTAND
    assert send_files(SENDER_AE, _node(scp), [good]).ok, "the SCP must survive a malformed dataset"
    assert len(scp.received.stored) == 1 and scp.received.rejected[0][0] == STATUS_CANNOT_UNDERSTAND


@pytest.mark.filterwarnings("ignore:Invalid value for VR UI")
def test_hostile_uids_cannot_escape_the_store(scp, tmp_path) -> None:
    path = write_cr(tmp_path, "../../../../tmp/evil", "/etc/passwd", 0, {"name": "X", "id": "X"})
    assert send_files(SENDER_AE, _node(scp), [path]).ok
    [stored] = scp.received.stored
    store = scp.handler.store_dir.resolve()
    assert stored.resolve().is_relative_to(store)
    assert all(part.startswith("h") or part[0].isdigit() for part in stored.relative_to(store).parts)


def test_disk_full_answers_out_of_resources(tmp_path, make_study) -> None:
    huge_reserve = 1 << 62
    with StorageSCP(tmp_path / "full", SCP_AE, 0, [SENDER_AE], min_free_bytes=huge_reserve) as full:
        result = send_files(SENDER_AE, _node(full), make_study(1))
    assert not result.ok and f"0x{STATUS_OUT_OF_RESOURCES:04X}" in result.failed[0][1]
    assert full.received.stored == [] and not list((tmp_path / "full").rglob("*.dcm"))


def test_scp_refuses_to_start_open_to_everyone(tmp_path) -> None:
    with pytest.raises(ValueError, match="allowed calling AE"):
        StorageSCP(tmp_path, SCP_AE, 0, [])
