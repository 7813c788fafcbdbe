"""A small self-contained study (synthetic images, truth, AI findings) for trying the workflow and for tests.

Images are small synthetic "radiographs" (two dark lung fields in a brighter body, smooth noise) with a
faint bright nodule per lesion; half are written as DICOM (with
PixelSpacing, via pydicom) and half as PNG, so both loading paths and both lesion size units are exercised.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter
from pydicom.dataset import FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid
from pydicom import Dataset

SIZE = 192
SPACING_MM = 1.5


def _chest(rng: np.random.Generator) -> np.ndarray:
    """A body with two darker lung fields and low-frequency texture, in 12-bit units."""
    yy, xx = np.mgrid[:SIZE, :SIZE] / SIZE
    body = 2200 - 900 * (((xx - 0.5) / 0.48) ** 2 + ((yy - 0.55) / 0.6) ** 2)
    for centre in (0.3, 0.7):
        lung = ((xx - centre) / 0.17) ** 2 + ((yy - 0.48) / 0.3) ** 2 < 1
        body = np.where(lung, body - 700, body)
    return gaussian_filter(body + rng.normal(0, 120, body.shape), 1.5)


def _write_dicom(path: Path, pixels: np.ndarray) -> None:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality, ds.PatientName, ds.PatientID = "OT", "Demo^Patient", path.stem
    ds.PatientBirthDate, ds.PatientSex, ds.ReferringPhysicianName = "", "O", ""
    ds.StudyDate, ds.StudyTime, ds.StudyID, ds.AccessionNumber = "", "", "", ""
    ds.SeriesNumber, ds.InstanceNumber, ds.ConversionType = 1, 1, "WSD"  # made on a workstation, not scanned
    ds.BodyPartExamined, ds.PatientOrientation = "CHEST", ["L", "F"]
    ds.Rows, ds.Columns = pixels.shape
    ds.PixelSpacing = [SPACING_MM, SPACING_MM]
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.PixelData = pixels.astype(np.uint16).tobytes()
    ds.save_as(path, enforce_file_format=True)


def write_demo_study(
    folder: Path, n_normal: int = 4, n_abnormal: int = 4, readers: int = 4, task: str = "roc",
    arms: tuple[str, ...] = ("unaided", "aided"), washout_days: float = 28, training: int = 1, seed: int = 7,
) -> Path:
    """Write images, ``cases.csv``, ``ai.json`` (findings), ``ai_scores.csv`` (per-case AI score) and
    ``study.toml`` into ``folder``; returns the study file."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows, findings = ["case_id,image,truth,lesions,training"], {}
    truths = ["abnormal"] * training + ["normal"] * n_normal + ["abnormal"] * n_abnormal
    yy, xx = np.mgrid[:SIZE, :SIZE]
    for number, truth in enumerate(truths):
        case_id = f"C{number:03d}"
        pixels = _chest(rng)
        lesions, case_findings = [], []
        if truth == "abnormal":  # in a lung field
            x = int(rng.choice((0.3, 0.7)) * SIZE + rng.integers(-SIZE // 12, SIZE // 12))
            y = int(0.48 * SIZE + rng.integers(-SIZE // 5, SIZE // 5))
            pixels += 260 * np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * 4.0**2))
            lesions.append((x, y))
            if rng.random() < 0.85:  # a good but imperfect AI: it misses some nodules ...
                case_findings.append({"x": x + 2, "y": y - 1, "diameter_px": 12,
                                      "score": round(rng.uniform(0.35, 1), 3)})
        if rng.random() < 0.4:  # ... and flags some normal tissue
            case_findings.append({"x": float(rng.integers(10, SIZE - 10)), "y": float(rng.integers(10, SIZE - 10)),
                                  "diameter_px": 10, "score": round(rng.uniform(0.1, 0.75), 3)})
        pixels = np.clip(pixels, 0, 4095)
        if number % 2:
            image, size = f"{case_id}.png", "6px"  # radius in pixels
            Image.fromarray((pixels / 16).astype(np.uint8)).save(folder / image)
        else:
            image, size = f"{case_id}.dcm", "18mm"  # diameter: 6 px radius at 1.5 mm per pixel
            _write_dicom(folder / image, pixels)
        cell = "; ".join(f"{x} {y} {size}" for x, y in lesions)
        rows.append(f"{case_id},{image},{truth},{cell},{'yes' if number < training else ''}")
        findings[case_id] = case_findings
    (folder / "cases.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "ai.json").write_text(json.dumps({"cases": findings}, indent=1), encoding="utf-8")
    (folder / "ai_scores.csv").write_text(  # per-case scores, the form `analyze --ai-ratings` reads
        "case,rating\n" + "".join(f"{case},{max((f['score'] for f in found), default=0.0)}\n"
                                  for case, found in findings.items()), encoding="utf-8")
    reader_lines = "".join(
        f'\n[[readers]]\nid = "R{r + 1}"\ngroup = "{"radiologist" if r % 2 == 0 else "non-radiologist"}"\n'
        for r in range(readers)
    )
    study = folder / "study.toml"
    study.write_text(
        f'[study]\nname = "Demo study"\ncases = "cases.csv"\ntask = "{task}"\nscale = "1-5"\n'
        f"arms = {json.dumps(list(arms))}\nwashout_days = {washout_days}\nseed = {seed}\n"
        f'ai_findings = "ai.json"\npositive_threshold = 3\n{reader_lines}',
        encoding="utf-8",
    )
    return study
