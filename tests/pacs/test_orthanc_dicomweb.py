"""Against Orthanc's DICOMweb plugin: AI SR sent back over DIMSE and read over QIDO/WADO; STOW round trip."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest

from cxr_viewer.net.dicomweb import DicomWebClient
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE, pixels_of, write_ai_sr

pytestmark = pytest.mark.pacs
COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34"


def test_ai_sr_sent_by_c_store_comes_back_over_qido_and_wado(orthanc, make_study, tmp_path) -> None:
    [image] = make_study(1, name="Report^Rob", id="PIDSR")
    sr_path = write_ai_sr(image, tmp_path, diameter_mm=8.5)
    assert send_files(OUR_AE, orthanc.node, [image, sr_path]).ok

    web = DicomWebClient(orthanc.node.dicomweb_url)
    study_uid = str(pydicom.dcmread(image, stop_before_pixels=True).StudyInstanceUID)
    sr_series = web.search_series(study_uid, Modality="SR")
    assert len(sr_series) == 1
    [instance] = web.search_instances(study_uid, str(sr_series[0].SeriesInstanceUID))
    assert str(instance.SOPClassUID) == COMPREHENSIVE_3D_SR

    [returned] = web.retrieve(study_uid, str(sr_series[0].SeriesInstanceUID), str(instance.SOPInstanceUID))
    values = [float(e.value) for e in returned.iterall() if e.keyword == "NumericValue"]
    assert values == [8.5]
    refs = {str(e.value) for e in returned.iterall() if e.keyword == "ReferencedSOPInstanceUID"}
    assert str(pydicom.dcmread(image, stop_before_pixels=True).SOPInstanceUID) in refs


def test_stow_then_qido_then_wado_gives_identical_pixels(orthanc, make_study) -> None:
    originals = make_study(2, name="Webber^Wanda", id="PIDWEB", study_date="20230704")
    web = DicomWebClient(orthanc.node.dicomweb_url)
    stow = web.store(originals)
    assert len(stow.stored) == 2 and stow.failed == []

    [study] = web.search_studies(PatientName="Webber*", StudyDate="20230701-20230731")
    assert str(study.PatientID) == "PIDWEB"
    assert web.search_studies(PatientName="Webber*", StudyDate="20200101-20200131") == []
    retrieved = {str(ds.SOPInstanceUID): ds for ds in web.retrieve(str(study.StudyInstanceUID))}
    for path in originals:
        original = pydicom.dcmread(path)
        np.testing.assert_array_equal(retrieved[str(original.SOPInstanceUID)].pixel_array, pixels_of(path))


def test_dicomweb_errors_name_the_url(orthanc) -> None:
    web = DicomWebClient(orthanc.node.dicomweb_url)
    with pytest.raises(PacsError, match="dicom-web/studies/1.2.3.999"):
        web.retrieve("1.2.3.999")
