"""DICOMweb counterparts of C-FIND, C-GET and C-STORE with the same filters, progress and results.

The viewer treats DIMSE and DICOMweb as two transports behind one dialog, so QIDO-RS takes a
:class:`QueryFilter`, WADO-RS retrieval returns a :class:`RetrieveResult` with files written exactly like our
SCP writes them, and STOW-RS returns a :class:`SendResult`. Instances go one request each: a per-instance
loop is what makes progress possible over plain HTTP. Cancel stops the loop and cuts the request in flight
(:mod:`cxr_viewer.net.http_abort`), so a server that never answers does not hold it for the read timeout.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from pydicom.dataset import Dataset
from pydicom.filebase import DicomBytesIO

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.dicomweb import DicomWebClient
from cxr_viewer.net.errors import Cancelled, PacsError
from cxr_viewer.net.http_abort import abortable_session
from cxr_viewer.net.matches import Matches
from cxr_viewer.net.nodes import DEFAULT_CONNECT_TIMEOUT_S
from cxr_viewer.net.query import QueryFilter
from cxr_viewer.net.receiver import OnStored
from cxr_viewer.net.retrieve_result import ProgressCallback, RetrieveProgress, RetrieveResult
from cxr_viewer.net.safe_store import instance_path, write_atomically
from cxr_viewer.net.send import SendResult

_STUDY_FIELDS = ("ModalitiesInStudy", "StudyDescription", "AccessionNumber", "NumberOfStudyRelatedInstances")
_SERIES_FIELDS = ("SeriesDescription", "SeriesNumber", "NumberOfSeriesRelatedInstances")


def qido_search(base_url: str, query: QueryFilter, cancel: threading.Event | None = None,
                connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S) -> Matches:
    """QIDO-RS at study or series level with the same matching keys as :func:`cxr_viewer.net.query.find`, marked
    when the server says it left matches out; raises Cancelled once ``cancel`` is set."""
    with ConnectionAborter(cancel) as aborter, abortable_session(aborter) as session:
        try:
            return _qido(DicomWebClient(base_url, session, connect_timeout_s=connect_timeout_s), query)
        except Exception as exc:  # a cut connection shows up as any of requests' errors
            if aborter.cancelled:
                raise Cancelled(f"{base_url}: search cancelled") from exc
            raise


def _qido(client: DicomWebClient, query: QueryFilter) -> Matches:
    # Orthanc 1.10's DICOMweb plugin matches no PatientName holding "^" (not even "Doe^Jane"), so "Doe, Jane" found
    # nothing; "?" matches the caret on any server, at worst finding a "Doe Jane" beside her.
    filters = {"PatientName": query.patient_name.replace("^", "?"), "PatientID": query.patient_id}
    if query.level == "series":
        return client.search_series(query.study_uid, Modality=query.modality,
                                    includefield=",".join(_SERIES_FIELDS))
    if query.level != "study":
        raise ValueError("DICOMweb search supports study and series level")
    filters.update(StudyDate=query.date_range(), ModalitiesInStudy=query.modality,
                   AccessionNumber=query.accession_number, includefield=",".join(_STUDY_FIELDS))
    return client.search_studies(**filters)


def _encoded(dataset: Dataset) -> bytes:
    buffer = DicomBytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def wado_fetch(
    base_url: str, study_uid: str, store_dir: Path, series_uid: str = "",
    progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
    on_stored: OnStored | None = None, connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S,
) -> RetrieveResult:
    """WADO-RS a study or series instance by instance into ``store_dir/<study>/<series>/<sop>.dcm``."""
    result = RetrieveResult()
    with ConnectionAborter(cancel) as aborter, abortable_session(aborter) as session:
        client = DicomWebClient(base_url, session, connect_timeout_s=connect_timeout_s)
        try:
            instances = client.search_instances(study_uid, series_uid)
        except Exception:  # a cut connection shows up as any of requests' errors
            if not aborter.cancelled:
                raise
            result.cancelled = True
            return result
        result.cancelled = _fetch_each(client, instances, study_uid, store_dir, result, progress, aborter, on_stored)
    return result


def _fetch_each(client: DicomWebClient, instances: list[Dataset], study_uid: str, store_dir: Path,
                result: RetrieveResult, progress: ProgressCallback | None, aborter: ConnectionAborter,
                on_stored: OnStored | None) -> bool:
    """Fetch each instance; True when Cancel stopped it before the last (a Cancel after it changes nothing)."""
    for done, instance in enumerate(instances):
        if aborter.cancelled:
            return True
        try:
            parts = client.retrieve(study_uid, str(instance.SeriesInstanceUID), str(instance.SOPInstanceUID))
            for dataset in parts:
                path = write_atomically(_mkdirs(instance_path(Path(store_dir), dataset)), _encoded(dataset))
                result.files.append(path)
                if on_stored is not None:
                    on_stored(path)
            result.completed += 1
        except (PacsError, OSError, ValueError, AttributeError) as exc:
            if aborter.cancelled:
                return True  # cut off by Cancel, not a failure of the server
            result.failed += 1
            result.status = 0xB000
            result.errors.append(f"{instance.get('SOPInstanceUID', '?')}: {exc}")
        if progress is not None:
            progress(RetrieveProgress(result.completed, len(instances) - done - 1, result.failed, 0))
    return False


def _mkdirs(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def stow_files(
    base_url: str, paths: Sequence[Path], progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None, connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S,
) -> SendResult:
    """STOW-RS each file; a refused or unreadable file is listed with the reason, the others still go."""
    result = SendResult()
    with ConnectionAborter(cancel) as aborter, abortable_session(aborter) as session:
        client = DicomWebClient(base_url, session, connect_timeout_s=connect_timeout_s)
        result.cancelled = _stow_each(client, paths, result, progress, aborter)
    return result


def _stow_each(client: DicomWebClient, paths: Sequence[Path], result: SendResult,
               progress: Callable[[int, int], None] | None, aborter: ConnectionAborter) -> bool:
    """Store each file; True when Cancel stopped it before the last (a Cancel after it changes nothing)."""
    for done, path in enumerate(map(Path, paths), start=1):
        if aborter.cancelled:
            return True
        try:
            answer = client.store([path])
        except (PacsError, OSError) as exc:
            if aborter.cancelled:
                return True  # cut off by Cancel: neither sent nor refused
            result.failed.append((path, str(exc)))
        else:
            if answer.failed or not answer.stored:
                result.failed.append((path, f"{client.base_url} did not keep it (STOW-RS failed SOP list)"))
            else:
                result.sent.append(path)
        if progress is not None:
            progress(done, len(paths))
    return False
