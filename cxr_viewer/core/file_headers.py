"""What one cheap header read says about a file found for opening, and the order a reader steps through files in.

Opening a folder reads each file's header once (no pixels): enough to group the files into studies, to put them in
reading order, to see that two files hold the same image, and to leave out what is no film at all (a report, a key
object selection, a presentation state, a segmentation) or cannot be DICOM (an empty file, a file whose 'DICM' mark
is followed by garbage). Files that pass may still fail to decode (pixel data cut short); the opener names those
when they are reached. Qt-free.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, NamedTuple

import pydicom
from pydicom.errors import InvalidDicomError

from cxr_viewer.core.deflate_guard import DEFAULT_INFLATED_LIMIT, inflated_size_over
from cxr_viewer.core.dicom_dates import normalize_da, normalize_tm
from cxr_viewer.core.errors import DAMAGED_AFTER_DICM, NOT_AN_IMAGE_FILE
from cxr_viewer.core.header import is_image_sop_class, sop_class_label
from cxr_viewer.core.loader import has_dicm_prefix
from cxr_viewer.core.raster_reader import RASTER_SUFFIXES, raster_suffix

_TAGS = ["StudyInstanceUID", "PatientID", "StudyDate", "StudyTime", "SeriesInstanceUID", "SeriesNumber",
         "InstanceNumber", "SOPInstanceUID", "SOPClassUID", "Rows"]
_LAST = float("inf")  # a missing series or instance number sorts after the numbered ones


class FileHeader(NamedTuple):
    """One file as the header read saw it; ``problem`` is why it is left out ('' for a file to list)."""

    path: Path
    study_key: str  # StudyInstanceUID, else ``folder:<parent>`` (plain images and unreadable headers)
    patient: str = ""
    when: str = ""  # Study Date and Time as one text that sorts in time order ('' undated)
    series: str = ""
    series_number: float = _LAST
    instance_number: float = _LAST
    sop_uid: str = ""
    problem: str = ""

    @property
    def study_uid(self) -> str:
        return "" if self.study_key.startswith("folder:") else self.study_key


def _number(value: object) -> float:
    try:
        return float(int(str(value).strip()))
    except (TypeError, ValueError):
        return _LAST


def _text(ds: pydicom.Dataset, keyword: str) -> str:
    try:
        return str(ds.get(keyword, "") or "").strip()
    except Exception:  # noqa: BLE001 - a malformed value is as good as none for grouping
        return ""


def _problem(ds: pydicom.Dataset | None, part10: bool) -> str:
    if ds is None:
        return DAMAGED_AFTER_DICM if part10 else NOT_AN_IMAGE_FILE
    has_meta = "TransferSyntaxUID" in getattr(ds, "file_meta", {})
    if not ("SOPClassUID" in ds or "Rows" in ds or (part10 and has_meta)):
        return DAMAGED_AFTER_DICM if part10 else NOT_AN_IMAGE_FILE
    if not is_image_sop_class(ds):
        return f"not an image (SOP class {sop_class_label(ds)})"
    return ""


def _read(stream: BinaryIO, force: bool) -> pydicom.Dataset | None:
    stream.seek(0)
    try:
        return pydicom.dcmread(stream, stop_before_pixels=True, specific_tags=_TAGS, force=force)
    except InvalidDicomError:
        raise
    except Exception:  # noqa: BLE001 - pydicom raises many kinds on garbage; all mean "no header"
        return None


def read_header(path: Path, inflated_limit: int = DEFAULT_INFLATED_LIMIT) -> FileHeader:
    """The facts of ``path`` from its header (plain images by their folder); never raises. One open per DICOM file:
    on a share each open is a round trip, and a folder may hold thousands. A deflated file that would inflate past
    ``inflated_limit`` bytes is left out unread (``deflate_guard``)."""
    folder = f"folder:{path.parent}"
    try:
        if raster_suffix(path) in RASTER_SUFFIXES and not has_dicm_prefix(path):
            return FileHeader(path, folder)
        with path.open("rb") as stream:
            too_large = inflated_size_over(stream, inflated_limit)
            if too_large:
                return FileHeader(path, folder, problem=too_large)
            try:
                ds, part10 = _read(stream, force=False), True
            except InvalidDicomError:  # no 'DICM': only a forced read tells an old preamble-less file from garbage
                ds, part10 = (None, False) if path.stat().st_size == 0 else (_read(stream, force=True), False)
    except (OSError, InvalidDicomError) as error:
        return FileHeader(path, folder, problem=f"cannot read the file ({getattr(error, 'strerror', None) or error})")
    problem = "file is empty (0 bytes)" if ds is None and not part10 and path.stat().st_size == 0 else \
        _problem(ds, part10)
    if ds is None or problem:
        return FileHeader(path, folder, problem=problem)
    date = normalize_da(_text(ds, "StudyDate"))
    when = date + normalize_tm(_text(ds, "StudyTime")) if len(date) == 8 and date.isdigit() else ""
    return FileHeader(path, _text(ds, "StudyInstanceUID") or folder, _text(ds, "PatientID"), when,
                      _text(ds, "SeriesInstanceUID"), _number(ds.get("SeriesNumber")),
                      _number(ds.get("InstanceNumber")), _text(ds, "SOPInstanceUID"))


def reading_order(headers: list[FileHeader]) -> list[FileHeader]:
    """``headers`` as a reader steps through them: a patient's studies together, the patient with the newest study
    first and within a patient the newest study first (the current one, then the priors, as a PACS lists them);
    undated studies after the dated; within a study series by Series Number, images by Instance Number (files
    without numbers after the numbered, by path). Files the scan found in path order stay so where nothing says
    otherwise (equal keys keep their order)."""
    studies: dict[str, list[FileHeader]] = {}
    for header in headers:
        studies.setdefault(header.study_key, []).append(header)
    first_of_series: dict[str, int] = {}
    for position, header in enumerate(headers):
        first_of_series.setdefault(header.series or str(header.path), position)
    newest: dict[str, str] = {}
    for group in studies.values():
        patient, when = group[0].patient, group[0].when
        if patient:
            newest[patient] = max(newest.get(patient, ""), when)
    ordered = sorted(studies.values(), key=lambda group: group[0].when, reverse=True)
    ordered.sort(key=lambda group: newest.get(group[0].patient, group[0].when), reverse=True)
    result: list[FileHeader] = []
    for group in ordered:
        result += sorted(group, key=lambda h: (h.series_number, first_of_series[h.series or str(h.path)],
                                               h.instance_number, str(h.path)))
    return result
