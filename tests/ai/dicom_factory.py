"""Write small but complete DX DICOM files with pydicom (what a modality would send), for engine and export tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import DigitalXRayImageStorageForPresentation, ExplicitVRLittleEndian, generate_uid


def write_dx(path: Path, pixels: np.ndarray, spacing_mm: float | None = 0.2, monochrome1: bool = False,
             bits_stored: int = 12) -> Path:
    """uint16 ``pixels`` as a DX image; MONOCHROME1 stores the negated values so the picture looks the same."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = DigitalXRayImageStorageForPresentation
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    dataset.SOPClassUID = meta.MediaStorageSOPClassUID
    dataset.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    dataset.StudyInstanceUID, dataset.SeriesInstanceUID = generate_uid(), generate_uid()
    dataset.FrameOfReferenceUID = generate_uid()
    dataset.PatientName, dataset.PatientID = "Test^Phantom", "AI1"
    dataset.PatientBirthDate, dataset.PatientSex = "", "O"
    dataset.StudyDate, dataset.StudyTime, dataset.StudyID, dataset.AccessionNumber = "20260101", "120000", "1", ""
    dataset.ReferringPhysicianName = ""
    dataset.Modality, dataset.SeriesNumber, dataset.InstanceNumber = "DX", 1, 1
    dataset.Manufacturer = "tests"
    dataset.BodyPartExamined, dataset.ViewPosition, dataset.PatientOrientation = "CHEST", "PA", ["L", "F"]
    dataset.ImageType = ["ORIGINAL", "PRIMARY"]
    dataset.PresentationIntentType = "FOR PRESENTATION"
    dataset.SamplesPerPixel, dataset.PixelRepresentation = 1, 0
    dataset.PhotometricInterpretation = "MONOCHROME1" if monochrome1 else "MONOCHROME2"
    dataset.Rows, dataset.Columns = pixels.shape
    dataset.BitsAllocated, dataset.BitsStored, dataset.HighBit = 16, bits_stored, bits_stored - 1
    dataset.RescaleIntercept, dataset.RescaleSlope, dataset.RescaleType = 0, 1, "US"
    dataset.WindowCenter, dataset.WindowWidth = 2**(bits_stored - 1), 2**bits_stored
    if spacing_mm is not None:
        dataset.PixelSpacing = dataset.ImagerPixelSpacing = [spacing_mm, spacing_mm]
    stored = (2**bits_stored - 1 - pixels) if monochrome1 else pixels
    dataset.PixelData = stored.astype(np.uint16).tobytes()
    dataset.save_as(path, enforce_file_format=True)
    return path
