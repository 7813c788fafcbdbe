"""Round trips against a real Orthanc over DIMSE: echo, store, find, move, get, cancel, AI SR send-back."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pynetdicom.sop_class import XRayRadiationDoseSRStorage  # type: ignore[attr-defined]

from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.retrieve import get, move
from cxr_viewer.net.scp import StorageSCP
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.scu import echo
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE, ORTHANC_AE, pixels_of, write_ai_sr

pytestmark = pytest.mark.pacs


def _by_sop(paths: list[Path]) -> dict[str, Path]:
    return {str(pydicom.dcmread(p, stop_before_pixels=True).SOPInstanceUID): p for p in paths}


def test_echo_answers_and_wrong_called_ae_is_refused(orthanc) -> None:
    assert echo(OUR_AE, orthanc.node) == 0x0000
    wrong = DicomNode("NOTORTHANC", "127.0.0.1", orthanc.node.port)
    with pytest.raises(PacsError, match="rejected"):
        echo(OUR_AE, wrong)


def test_store_find_move_gives_identical_pixels(orthanc, make_study, our_scp_port, tmp_path) -> None:
    originals = make_study(4, name="Moveson^Mary", id="PIDMOVE", accession="ACCMOVE", study_date="20240110")
    sent = send_files(OUR_AE, orthanc.node, originals)
    assert sent.ok and len(sent.sent) == 4

    studies = find(OUR_AE, orthanc.node, QueryFilter(
        level="study", patient_name="MOVESON*", date_from=date(2024, 1, 1), date_to=date(2024, 1, 31),
        modality="CR", accession_number="ACCMOVE"))
    assert [str(s.PatientID) for s in studies] == ["PIDMOVE"]
    study_uid = str(studies[0].StudyInstanceUID)
    assert find(OUR_AE, orthanc.node, QueryFilter(level="study", patient_name="MOVESON*",
                                                   date_from=date(2025, 1, 1))) == []
    patients = find(OUR_AE, orthanc.node, QueryFilter(level="patient", patient_id="PIDMOVE"))
    assert [str(p.PatientName) for p in patients] == ["Moveson^Mary"]
    series = find(OUR_AE, orthanc.node, QueryFilter(level="series", study_uid=study_uid, modality="CR"))
    assert len(series) == 1 and int(series[0].NumberOfSeriesRelatedInstances) == 4

    seen = []
    with StorageSCP(tmp_path / "store", OUR_AE, our_scp_port, [ORTHANC_AE]) as scp:
        result = move(OUR_AE, orthanc.node, study_uid, OUR_AE, progress=seen.append)
    assert result.ok and result.completed == 4
    assert seen and all(p.completed + p.remaining + p.failed + p.warning <= 4 for p in seen)
    received = _by_sop(scp.received.stored)
    for sop_uid, original in _by_sop(originals).items():
        np.testing.assert_array_equal(pixels_of(received[sop_uid]), pixels_of(original))


def test_c_get_retrieves_series_into_a_folder(orthanc, make_study, tmp_path) -> None:
    originals = make_study(3, name="Getter^Gus", id="PIDGET")
    assert send_files(OUR_AE, orthanc.node, originals).ok
    header = pydicom.dcmread(originals[0], stop_before_pixels=True)
    progress = []
    result = get(OUR_AE, orthanc.node, str(header.StudyInstanceUID), tmp_path / "got",
                 series_uid=str(header.SeriesInstanceUID), progress=progress.append)
    assert result.ok and result.completed == 3 and len(result.files) == 3
    assert progress, "C-GET gave no pending progress responses"
    received = _by_sop(result.files)
    for sop_uid, original in _by_sop(originals).items():
        np.testing.assert_array_equal(pixels_of(received[sop_uid]), pixels_of(original))


def test_c_get_of_a_study_with_a_dose_report_retrieves_it_all(orthanc, make_study, tmp_path) -> None:
    """DX units send an X-Ray Radiation Dose SR with the images; without its presentation context Orthanc
    refused the whole C-GET (status 0xC000, nothing retrieved)."""
    (image,) = make_study(1, name="Dose^Dora", id="PIDDOSE")
    dose = pydicom.dcmread(write_ai_sr(image, tmp_path))
    dose.SOPClassUID = dose.file_meta.MediaStorageSOPClassUID = XRayRadiationDoseSRStorage
    dose.SOPInstanceUID = dose.file_meta.MediaStorageSOPInstanceUID = pydicom.uid.generate_uid()
    dose.save_as(tmp_path / "dose.dcm")
    assert send_files(OUR_AE, orthanc.node, [image, tmp_path / "dose.dcm"]).ok
    study_uid = str(pydicom.dcmread(image, stop_before_pixels=True).StudyInstanceUID)
    result = get(OUR_AE, orthanc.node, study_uid, tmp_path / "got")
    assert result.ok and len(result.files) == 2


def test_a_query_from_an_ae_title_the_pacs_does_not_know_names_it(orthanc) -> None:
    """Orthanc aborts at once; the message said only "timed out or the association was aborted"."""
    with pytest.raises(PacsError, match="our AE title 'STRANGERAE'"):
        find("STRANGERAE", orthanc.node, QueryFilter(level="study", patient_name="*"))


@pytest.mark.parametrize("operation", ["C-GET", "C-MOVE"])
def test_a_retrieve_from_an_ae_title_the_pacs_does_not_know_names_it(orthanc, tmp_path, operation) -> None:
    """Orthanc aborts at once, as for C-FIND; the retrieve said only "timed out or the association was aborted"."""
    with pytest.raises(PacsError, match=rf"aborted the {operation} at once.*our AE title 'STRANGERAE'"):
        if operation == "C-GET":
            get("STRANGERAE", orthanc.node, "1.2.3.4.5.6.7.8.9", tmp_path / "got")
        else:
            move("STRANGERAE", orthanc.node, "1.2.3.4.5.6.7.8.9", OUR_AE)


def test_move_to_a_receiver_the_pacs_cannot_reach_says_what_to_check(orthanc, make_study) -> None:
    """Orthanc knows our AE title, but nothing listens on its port (our receiver is not running): Orthanc answers
    0xC000, which was reported bare."""
    files = make_study(1, name="Unreached^Una", id="PIDUNREACHED")
    assert send_files(OUR_AE, orthanc.node, files).ok
    study_uid = str(pydicom.dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
    with pytest.raises(PacsError) as caught:
        move(OUR_AE, orthanc.node, study_uid, OUR_AE)
    message = str(caught.value)
    assert message.startswith("ORTHANCTEST") and "(status 0xC000)" in message
    assert f"lists our AE title {OUR_AE!r} with this workstation's host and our receiver's port" in message


def test_cancelled_get_stops_and_says_so(orthanc, make_study, tmp_path) -> None:
    originals = make_study(12, name="Cancel^Carl", id="PIDCANCEL")
    assert send_files(OUR_AE, orthanc.node, originals).ok
    study_uid = str(pydicom.dcmread(originals[0], stop_before_pixels=True).StudyInstanceUID)
    cancel = threading.Event()
    result = get(OUR_AE, orthanc.node, study_uid, tmp_path / "partial",
                 on_stored=lambda _path: cancel.set(), cancel=cancel)  # Cancel as the first instance lands
    assert result.cancelled and not result.ok
    assert len(result.files) == 1 < len(originals)  # the rest refused at once, not let in while Cancel took hold


def test_moving_an_unknown_study_raises_a_clear_error(orthanc, our_scp_port, tmp_path) -> None:
    with StorageSCP(tmp_path / "none", OUR_AE, our_scp_port, [ORTHANC_AE]) as scp:
        with pytest.raises(PacsError, match=r"ORTHANCTEST.*C-MOVE failed.*\(status 0x[0-9A-F]{4}\)"):
            move(OUR_AE, orthanc.node, "1.2.3.4.5.6.7.8.9", OUR_AE)
    assert scp.received.stored == []
