"""What the index learns about one file before it is stored: patient, study, series and instance fields.

DICOM files give these from their header (read without pixel data, which is what makes importing thousands
of files fast). Plain images (PNG, JPEG, MHA, NRRD, NIfTI) have no such header, so each folder of them becomes
one pseudo patient / study / series, with UIDs derived from a hash of the absolute path (see
:func:`uid_from_path`): re-importing the same folder finds the same UIDs, but a moved plain image is a new
instance (its old entry then shows up in :func:`cxr_viewer.index.maintenance.verify`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

PLAIN_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".mha", ".nrrd", ".nii", ".nii.gz")


class UnreadableFile(Exception):
    """A file the index cannot take; the message is the reason shown to the user next to the path."""


class NotARadiograph(Exception):
    """A readable file the index leaves out on purpose (an icon or logo); the message says why.

    Reported as skipped, not failed: nothing is wrong with the file, it just is not a patient's image.
    """


@dataclass(frozen=True)
class InstanceRecord:
    patient_id: str
    patient_name: str
    birth_date: str
    sex: str
    study_uid: str
    study_date: str
    study_time: str
    accession: str
    study_description: str
    series_uid: str
    modality: str
    series_number: int | None
    series_description: str
    body_part: str
    sop_instance_uid: str
    sop_class_uid: str
    instance_number: int | None
    rows: int | None
    cols: int | None
    photometric: str
    source: str  # "dicom" or "image"


def is_plain_image(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(suffix) for suffix in PLAIN_IMAGE_SUFFIXES)


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes (``import --hash`` stores it; ``verify --thorough`` compares it)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def uid_from_path(role: str, path: Path) -> str:
    """A stable DICOM UID for a file or folder without one: ``2.25.`` + 128 bits of SHA-256(role:path).

    The ``2.25`` root (UUID-derived UIDs, PS3.5 B.2) needs no registered organisation root, and the role
    keeps a folder's study and series UIDs distinct.
    """
    digest = hashlib.sha256(f"{role}:{path.as_posix()}".encode()).digest()[:16]
    return f"2.25.{int.from_bytes(digest, 'big')}"


def plain_image_record(path: Path, rows: int, cols: int, photometric: str) -> InstanceRecord:
    """The pseudo hierarchy for a plain image: its folder is the patient, the study and the series."""
    folder = path.parent
    folder_key = hashlib.sha256(folder.as_posix().encode()).hexdigest()[:10].upper()
    return InstanceRecord(
        patient_id=f"LOCAL-{folder_key}",
        patient_name=folder.name or folder.as_posix(),
        birth_date="",
        sex="",
        study_uid=uid_from_path("study", folder),
        study_date="",
        study_time="",
        accession="",
        study_description=f"Images in {folder.as_posix()}",
        series_uid=uid_from_path("series", folder),
        modality="OT",
        series_number=None,
        series_description=folder.name,
        body_part="",
        sop_instance_uid=uid_from_path("instance", path),
        sop_class_uid="",
        instance_number=None,
        rows=rows,
        cols=cols,
        photometric=photometric,
        source="image",
    )
