"""The demo study: two real chest radiographs from pydicom-data and one synthetic chest the project writes.

The synthetic file is written once into the user cache folder (``$CXR_VIEWER_CACHE_DIR`` when set, else
platformdirs' user cache dir for "cxr-viewer") and reused; its UIDs derive from the seed so the same demo
study keeps the same identity across runs and machines.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ComputedRadiographyImageStorage, ExplicitVRLittleEndian, PYDICOM_IMPLEMENTATION_UID, generate_uid

from cxr_viewer.core.phantom import synthetic_chest

PYDICOM_DATA_FILES = ("RG1_UNCR.dcm", "RG1_J2KR.dcm")
_DEMO_VERSION = 2  # bump when the phantom changes so old cached files are not reused


def cache_dir() -> Path:
    override = os.environ.get("CXR_VIEWER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("cxr-viewer"))


def _uid(seed: int, role: str) -> str:
    return generate_uid(entropy_srcs=["cxr-viewer synthetic chest", str(seed), role])


def synthetic_dataset(size: tuple[int, int], monochrome1: bool, spacing: float, seed: int) -> Dataset:
    """A CR dataset holding ``synthetic_chest`` with patient, study and calibration tags a real one would have."""
    pixels = synthetic_chest(size, spacing, seed)
    if monochrome1:
        pixels = 4095 - pixels
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = ComputedRadiographyImageStorage
    ds.file_meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
    ds.SOPClassUID = ComputedRadiographyImageStorage
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = _uid(seed, f"instance {monochrome1} {size}")
    ds.StudyInstanceUID = _uid(seed, "study")
    ds.SeriesInstanceUID = _uid(seed, f"series {monochrome1} {size}")
    ds.PatientName, ds.PatientID = "Synthetic^Chest", f"SYNTH-{seed:04d}"
    ds.PatientBirthDate, ds.PatientSex, ds.PatientAge = "19650412", "O", "059Y"
    ds.StudyDate, ds.StudyTime, ds.StudyID, ds.AccessionNumber = "20240315", "093000", "1", f"DEMO{seed:04d}"
    ds.StudyDescription, ds.SeriesDescription = "Chest PA (synthetic)", "PA"
    ds.ReferringPhysicianName = ""
    ds.Modality, ds.BodyPartExamined, ds.ViewPosition = "CR", "CHEST", "PA"
    ds.PatientOrientation = ["L", "F"]  # rows run to the patient's left, columns to the feet: a PA film as read
    ds.SeriesNumber, ds.InstanceNumber = 1, 1
    ds.Manufacturer, ds.InstitutionName = "cxr-viewer phantom", "Demo"
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME1" if monochrome1 else "MONOCHROME2"
    ds.Rows, ds.Columns = pixels.shape
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.ImagerPixelSpacing = ds.PixelSpacing = [spacing, spacing]
    ds.WindowCenter, ds.WindowWidth, ds.WindowCenterWidthExplanation = [1900, 1400], [3400, 1500], ["FULL", "LUNG"]
    ds.PixelData = pixels.tobytes()
    return ds


def write_synthetic_chest_dicom(
    path: Path | str, size: tuple[int, int] = (2000, 2000), monochrome1: bool = False, spacing: float = 0.15,
    seed: int = 0,
) -> Path:
    """Write the synthetic PA chest as a 12-bit CR file (atomically, so a crash never leaves half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    synthetic_dataset(size, monochrome1, spacing, seed).save_as(partial, enforce_file_format=True)
    partial.replace(path)
    return path


def synthetic_demo_path(seed: int = 0) -> Path:
    """The cached synthetic chest, written on first use."""
    path = cache_dir() / "demo" / f"synthetic_chest_v{_DEMO_VERSION}_seed{seed}.dcm"
    if not path.is_file():
        write_synthetic_chest_dicom(path, seed=seed)
    return path


def demo_paths() -> list[Path]:
    """RG1_UNCR and RG1_J2KR (when pydicom-data is installed) and the synthetic chest."""
    found = [get_testdata_file(name) for name in PYDICOM_DATA_FILES]
    return [Path(p) for p in found if p] + [synthetic_demo_path()]
