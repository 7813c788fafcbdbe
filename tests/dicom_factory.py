"""Real DICOM files for tests, written with pydicom and valid file meta, so every test reads a true Part 10 file.

Other areas' tests import this (``from tests.dicom_factory import make_cr``). Every ``make_*`` writes ``path``
and returns it; extra keyword arguments are DICOM keywords set on the dataset last (``PatientName="Doe^J"``),
so a test can override any tag, or remove one by passing ``None``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import (
    ComputedRadiographyImageStorage,
    CTImageStorage,
    DigitalXRayImageStorageForPresentation,
    EncapsulatedPDFStorage,
    ExplicitVRLittleEndian,
    PYDICOM_IMPLEMENTATION_UID,
    SecondaryCaptureImageStorage,
    UID,
    generate_uid,
)

__all__ = [
    "new_dataset",
    "set_pixels",
    "save",
    "make_cr",
    "make_dx",
    "make_ct_like",
    "make_rgb",
    "make_multiframe",
    "make_sr",
    "make_encapsulated_pdf",
    "overlay_tags",
]


def _patient_and_study(ds: Dataset, modality: str) -> None:
    ds.PatientName = "Test^Patient"
    ds.PatientID = "TEST-0001"
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "F"
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.StudyDate = "20240102"
    ds.StudyTime = "101500"
    ds.StudyID = "1"
    ds.AccessionNumber = "ACC0001"
    ds.StudyDescription = "Chest PA"
    ds.SeriesDescription = "PA"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.Modality = modality


def new_dataset(sop_class: str, modality: str, transfer_syntax: str = ExplicitVRLittleEndian) -> Dataset:
    """A dataset with file meta, patient/study/series identity and a fresh SOP Instance UID, but no image."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = UID(sop_class)
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = UID(transfer_syntax)
    ds.file_meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
    ds.SOPClassUID = UID(sop_class)
    _patient_and_study(ds, modality)
    return ds


def set_pixels(ds: Dataset, pixels: np.ndarray, bits_stored: int, photometric: str, signed: bool = False) -> None:
    """Attach ``pixels`` (H×W, H×W×3 or F×H×W) as native pixel data with a matching Image Pixel module."""
    samples = 3 if photometric in ("RGB", "YBR_FULL") else 1
    ds.SamplesPerPixel = samples
    ds.PhotometricInterpretation = photometric
    rows, cols = (pixels.shape[-3], pixels.shape[-2]) if samples == 3 else pixels.shape[-2:]
    ds.Rows, ds.Columns = int(rows), int(cols)
    ds.BitsAllocated = pixels.dtype.itemsize * 8
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if samples == 3:
        ds.PlanarConfiguration = 0
    ds.PixelData = np.ascontiguousarray(pixels).tobytes()


def save(ds: Dataset, path: Path | str, **tags: Any) -> Path:
    """Apply keyword overrides (``None`` deletes) and write a Part 10 file with preamble and file meta."""
    for keyword, value in tags.items():
        if value is None:
            if keyword in ds:
                delattr(ds, keyword)
        else:
            setattr(ds, keyword, value)
    if "SOPInstanceUID" in ds:
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path


def _ramp(rows: int, cols: int, bits_stored: int, seed: int) -> np.ndarray:
    """A smooth gradient plus a little noise: every pixel differs, so decode errors cannot hide."""
    rng = np.random.default_rng(seed)
    top = (1 << bits_stored) - 1
    grid = np.add.outer(np.linspace(0, 0.7, rows), np.linspace(0, 0.3, cols))
    noisy = grid * top + rng.normal(0, top * 0.01, (rows, cols))
    return np.clip(noisy, 0, top).astype(np.uint16 if bits_stored > 8 else np.uint8)


def make_cr(
    path: Path | str,
    rows: int = 64,
    cols: int = 64,
    bits_stored: int = 12,
    monochrome1: bool = False,
    spacing: float | None = 0.15,
    imager_spacing: float | None = None,
    pixels: np.ndarray | None = None,
    seed: int = 0,
    **tags: Any,
) -> Path:
    """A Computed Radiography image; ``spacing`` sets PixelSpacing and ``imager_spacing`` ImagerPixelSpacing."""
    ds = new_dataset(ComputedRadiographyImageStorage, "CR")
    ds.BodyPartExamined = "CHEST"
    ds.ViewPosition = "PA"
    data = pixels if pixels is not None else _ramp(rows, cols, bits_stored, seed)
    set_pixels(ds, data, bits_stored, "MONOCHROME1" if monochrome1 else "MONOCHROME2")
    if spacing is not None:
        ds.PixelSpacing = [spacing, spacing]
    if imager_spacing is not None:
        ds.ImagerPixelSpacing = [imager_spacing, imager_spacing]
    return save(ds, path, **tags)


def make_dx(path: Path | str, rows: int = 64, cols: int = 64, bits_stored: int = 14, **tags: Any) -> Path:
    """A DX For Presentation image with only ImagerPixelSpacing (0.14 mm), as most flat-panel detectors write."""
    ds = new_dataset(DigitalXRayImageStorageForPresentation, "DX")
    ds.BodyPartExamined = "CHEST"
    ds.ViewPosition = "PA"
    set_pixels(ds, _ramp(rows, cols, bits_stored, 1), bits_stored, "MONOCHROME2")
    ds.ImagerPixelSpacing = [0.14, 0.14]
    ds.PresentationIntentType = "FOR PRESENTATION"
    return save(ds, path, **tags)


def make_ct_like(
    path: Path | str,
    rows: int = 64,
    cols: int = 64,
    pixels: np.ndarray | None = None,
    slope: float = 1.0,
    intercept: float = -1024.0,
    **tags: Any,
) -> Path:
    """A signed 16-bit CT slice with Rescale Slope/Intercept and a lung window, for the modality-LUT path."""
    ds = new_dataset(CTImageStorage, "CT")
    data = pixels if pixels is not None else (_ramp(rows, cols, 12, 2).astype(np.int16) - 200)
    set_pixels(ds, data.astype(np.int16), 16, "MONOCHROME2", signed=True)
    ds.RescaleSlope = slope
    ds.RescaleIntercept = intercept
    ds.RescaleType = "HU"
    ds.WindowCenter = [-600, 40]
    ds.WindowWidth = [1500, 400]
    ds.WindowCenterWidthExplanation = ["LUNG", "MEDIASTINUM"]
    ds.PixelSpacing = [0.7, 0.7]
    return save(ds, path, **tags)


def make_rgb(path: Path | str, rows: int = 32, cols: int = 48, pixels: np.ndarray | None = None,
             planar: int = 0, **tags: Any) -> Path:
    """An RGB Secondary Capture image; ``planar=1`` stores the three colour planes one after another."""
    ds = new_dataset(SecondaryCaptureImageStorage, "OT")
    rng = np.random.default_rng(3)
    data = pixels if pixels is not None else rng.integers(0, 256, (rows, cols, 3), dtype=np.uint8)
    set_pixels(ds, data, 8, "RGB")
    if planar:
        ds.PlanarConfiguration = 1
        ds.PixelData = np.ascontiguousarray(data.transpose(2, 0, 1)).tobytes()
    return save(ds, path, **tags)


def make_multiframe(path: Path | str, frames: int = 3, rows: int = 16, cols: int = 16, **tags: Any) -> Path:
    """A multi-frame 16-bit Secondary Capture whose frame k holds the value ``100 * (k + 1)`` everywhere."""
    ds = new_dataset("1.2.840.10008.5.1.4.1.1.7.3", "OT")
    data = np.stack([np.full((rows, cols), 100 * (k + 1), np.uint16) for k in range(frames)])
    set_pixels(ds, data, 12, "MONOCHROME2")
    ds.NumberOfFrames = frames
    return save(ds, path, **tags)


def make_sr(path: Path | str, **tags: Any) -> Path:
    """A Basic Text SR document: a valid DICOM object that carries no image."""
    ds = new_dataset("1.2.840.10008.5.1.4.1.1.88.11", "SR")
    ds.ValueType = "CONTAINER"
    ds.ContinuityOfContent = "SEPARATE"
    return save(ds, path, **tags)


def make_encapsulated_pdf(path: Path | str, **tags: Any) -> Path:
    """An Encapsulated PDF: another valid object with no pixels."""
    ds = new_dataset(EncapsulatedPDFStorage, "DOC")
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.EncapsulatedDocument = b"%PDF-1.4\n%%EOF\n"
    return save(ds, path, **tags)


def overlay_tags(bitmap: np.ndarray, row: int = 1, col: int = 1, group: int = 0x6000,
                 description: str = "") -> dict[int, tuple[str, Any]]:
    """The Overlay Plane elements for a boolean ``bitmap`` whose top-left bit lies at 1-based (``row``, ``col``):
    pass them to ``add_elements`` (repeating-group tags have no keyword ``save`` could set)."""
    from pydicom.pixels import pack_bits

    rows, cols = bitmap.shape
    tags: dict[int, tuple[str, Any]] = {
        group << 16 | 0x0010: ("US", rows), group << 16 | 0x0011: ("US", cols), group << 16 | 0x0040: ("CS", "G"),
        group << 16 | 0x0050: ("SS", [row, col]), group << 16 | 0x0100: ("US", 1), group << 16 | 0x0102: ("US", 0),
        group << 16 | 0x3000: ("OW", pack_bits(bitmap.astype(np.uint8).ravel())),
    }
    if description:
        tags[group << 16 | 0x0022] = ("LO", description)
    return tags


def add_elements(path: Path | str, elements: dict[int, tuple[str, Any]]) -> Path:
    """Add elements given by tag (VR, value) to the file at ``path`` and write it back."""
    import pydicom

    ds = pydicom.dcmread(path)
    for tag, (vr, value) in elements.items():
        ds.add_new(tag, vr, value)
    ds.save_as(path, enforce_file_format=True)
    return Path(path)
