"""Reading a DICOM file's indexed tags, and no pixels, without being harmed or fooled by the file.

Kept apart from turning those tags into an index record (:mod:`cxr_viewer.index.headers`): this part is about the
file as bytes (a deflated data set that would inflate to gigabytes, a bare data set without the 'DICM' marker, a
file cut short, a disk error), and it says in one sentence why a file cannot be read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO

import pydicom
from pydicom.errors import InvalidDicomError

from cxr_viewer.core.deflate_guard import DEFAULT_INFLATED_LIMIT, inflated_size_over
from cxr_viewer.index.records import UnreadableFile
from cxr_viewer.index.truncation import cut_short_reason, truncation_problem

INDEXED_TAGS = [
    "PatientID", "PatientName", "PatientBirthDate", "PatientSex",
    "StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription",
    "SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription", "BodyPartExamined",
    "SOPInstanceUID", "SOPClassUID", "InstanceNumber", "Rows", "Columns", "PhotometricInterpretation",
]  # fmt: skip

_NOT_DICOM = "not a DICOM file (no 'DICM' marker, and no data set without one) nor a supported image type"
_DEFER_SIZE = 64 * 1024  # values this long are not read: a forced parse of a big non-DICOM file stays cheap
# pydicom inflates a deflated data set whole even for its header: a 1 MB file inflating to 1 GB took 2.2 GB to import
INFLATED_LIMIT = DEFAULT_INFLATED_LIMIT


def read_indexed_tags(path: Path) -> Any:
    """The indexed tags of a DICOM file, also of one without the Part 10 preamble and 'DICM' marker.

    The viewer opens such files (older systems write the bare data set; ``core.loader`` reads them with
    ``force``), so the index takes them too, with the viewer's safeguard (``core.dicom_reader._pixel_element``):
    a forced parse must find SOP Class UID or Rows, otherwise it is not DICOM. The UID and Rows/Columns checks
    in :func:`~cxr_viewer.index.headers.read_dicom_header` then apply to both kinds alike, so garbage is still
    refused. A file cut short is said to be so (``truncation``) before any of those checks, whose messages would
    only describe its symptoms.
    """
    with path.open("rb") as fp:
        size = os.fstat(fp.fileno()).st_size
        too_large = inflated_size_over(fp, INFLATED_LIMIT)
        if too_large:
            raise UnreadableFile(too_large)
        try:
            ds = pydicom.dcmread(fp, stop_before_pixels=True, specific_tags=INDEXED_TAGS)
        except InvalidDicomError:
            ds = _read_bare_dataset(fp)  # no 'DICM' marker
        except Exception as exc:  # pydicom raises many types on damaged files; all mean the same to the user
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # the disk, not the content: the importer says "cannot read file" with the reason
            if fp.tell() >= size:  # pydicom's "No tag to read" and the like: it ran out of file
                raise UnreadableFile(cut_short_reason(size)) from None
            raise UnreadableFile(f"damaged DICOM header: {type(exc).__name__}: {exc}") from None
        problem = truncation_problem(fp, ds, size)
    if problem is not None:
        raise UnreadableFile(problem)
    return ds


def _read_bare_dataset(fp: BinaryIO) -> Any:
    fp.seek(0)
    try:
        ds = pydicom.dcmread(
            fp, stop_before_pixels=True, specific_tags=INDEXED_TAGS, force=True, defer_size=_DEFER_SIZE
        )
    except Exception:  # a forced parse of something that is not DICOM fails in many ways; all mean the same
        raise UnreadableFile(_NOT_DICOM) from None
    if "SOPClassUID" not in ds and "Rows" not in ds:
        raise UnreadableFile(_NOT_DICOM)
    return ds
