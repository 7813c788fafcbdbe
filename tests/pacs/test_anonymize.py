"""Anonymised export: PHI gone, pixels kept, UIDs new but consistent, AI SR references still resolve."""

from __future__ import annotations

from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.fileset import FileSet

from cxr_viewer.net.anonymize import export_anonymized
from tests.dicom_factory import make_cr
from tests.dicom_validation import dciodvfy_errors
from tests.pacs.conftest import pixels_of, write_ai_sr

PHI_VALUES = ("Secret^Sam", "PIDSECRET", "ACCSECRET", "19450704", "General Hospital", "Referrer^Rita")


def _all_text(ds: pydicom.Dataset) -> str:
    return "\n".join(str(element.value) for element in ds.iterall() if element.VR not in ("OB", "OW"))


def test_export_removes_phi_and_keeps_pixels(tmp_path: Path, make_study) -> None:
    originals = make_study(2, name="Secret^Sam", id="PIDSECRET", accession="ACCSECRET", birth_date="19450704")
    sr_path = write_ai_sr(originals[0], tmp_path)
    (tmp_path / "notes.txt").write_text("not dicom")
    sources = [originals[0].parent, sr_path, tmp_path / "notes.txt"]

    report = export_anonymized(sources, tmp_path / "export")

    assert len(report.written) == 3 and [p.name for p, _ in report.failed] == ["notes.txt"]
    exported = {str(pydicom.dcmread(p).SOPClassUID): [] for p in report.written}
    for path in report.written:
        ds = pydicom.dcmread(path)
        exported[str(ds.SOPClassUID)].append(ds)
        text = _all_text(ds)
        assert not [value for value in PHI_VALUES if value in text]
        assert ds.PatientIdentityRemoved == "YES" and "PS3.15" in ds.DeidentificationMethod
        assert ds.DeidentificationMethodCodeSequence[0].CodeValue == "113100"
        assert not [element for element in ds.iterall() if element.tag.is_private]
        assert ds.PatientID == ds.PatientName == "ANON0001"
        assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID

    original_uids = {str(pydicom.dcmread(p).SOPInstanceUID) for p in originals}
    images = exported["1.2.840.10008.5.1.4.1.1.1"]
    assert {str(ds.SOPInstanceUID) for ds in images}.isdisjoint(original_uids)
    assert len({str(ds.StudyInstanceUID) for ds in images}) == 1
    expected = sorted(pixels_of(p).tobytes() for p in originals)
    assert sorted(ds.pixel_array.tobytes() for ds in images) == expected

    [sr] = exported["1.2.840.10008.5.1.4.1.1.88.34"]
    sr_refs = {str(e.value) for e in sr.iterall() if e.keyword == "ReferencedSOPInstanceUID"}
    assert sr_refs and sr_refs <= {str(ds.SOPInstanceUID) for ds in images}
    assert str(sr.StudyInstanceUID) == str(images[0].StudyInstanceUID)
    assert str(sr.PatientID) == "ANON0001"
    before = {error for original in [*originals, sr_path] for error in dciodvfy_errors(original)}
    introduced = {error for path in report.written for error in dciodvfy_errors(path)} - before
    assert not introduced, "de-identification broke the objects:\n" + "\n".join(sorted(introduced))


def _patient_item(name: str, patient_id: str) -> Dataset:
    item = Dataset()
    item.PatientName, item.PatientID = name, patient_id
    return item


def test_patient_name_and_id_in_sequence_items_get_pseudonyms(tmp_path: Path) -> None:
    group = [_patient_item("Secret^Sam", "PIDSECRET"), _patient_item("Other^Olga", "PIDOTHER")]
    code = Dataset()  # an item naming no patient must not use up a pseudonym (ANON0002 was skipped)
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = "T-D3000", "SRT", "Chest"
    make_cr(tmp_path / "in" / "a.dcm", rows=16, cols=16, PatientName="Secret^Sam", PatientID="PIDSECRET",
            AnatomicRegionSequence=[code], GroupOfPatientsIdentificationSequence=group,
            DeviceSerialNumber="SN-4711")  # fmt: skip
    [path] = export_anonymized([tmp_path / "in"], tmp_path / "out").written
    ds = pydicom.dcmread(path)
    assert not [value for value in ("Secret^Sam", "PIDSECRET", "Other^Olga", "PIDOTHER") if value in _all_text(ds)]
    items = ds.GroupOfPatientsIdentificationSequence
    assert [(item.PatientName, item.PatientID) for item in items] == [("ANON0001", "ANON0001"), ("ANON0002", "ANON0002")]
    assert ds.DeviceSerialNumber == "ANONYMIZED"  # type 1 in a SEG: replaced, not removed


def test_dicomdir_is_skipped_not_exported(tmp_path: Path) -> None:
    image = make_cr(tmp_path / "src.dcm", rows=16, cols=16, PatientName="Secret^Sam", PatientID="PIDSECRET")
    fileset = FileSet()
    fileset.add(pydicom.dcmread(image))
    fileset.write(tmp_path / "media")
    report = export_anonymized([tmp_path / "media"], tmp_path / "out")
    [written] = report.written  # the image only: a copied DICOMDIR would list the patient in its records
    assert sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file()) == [written]
    assert pydicom.dcmread(written).PatientID == "ANON0001"
    assert [path for path, _ in report.skipped] == [tmp_path / "media" / "DICOMDIR"] and report.failed == []
