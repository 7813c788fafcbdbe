"""C-MOVE (the PACS pushes to our SCP) and C-GET (instances come back on our own association).

C-MOVE needs the PACS to know our AE title, host and port; C-GET works through firewalls that only allow
outgoing connections, which is why both exist. Both send one request and hand its responses to
:func:`cxr_viewer.net.retrieve_responses.follow_responses` for progress and outcome; cancelling sends C-CANCEL
and, for C-GET, also refuses any instance still in flight. A PACS that does not end the operation within
``CANCEL_GRACE_S`` of the C-CANCEL (a silent one) has its connection cut, so Cancel always takes effect within a
few seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from pydicom.dataset import Dataset
from pynetdicom import build_role, evt
from pynetdicom.sop_class import (  # type: ignore[attr-defined]
    StudyRootQueryRetrieveInformationModelGet,
    StudyRootQueryRetrieveInformationModelMove,
)

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.nodes import DicomNode, validate_ae_title
from cxr_viewer.net.receiver import OnStored, StoreHandler
from cxr_viewer.net.retrieve_responses import follow_responses
from cxr_viewer.net.retrieve_result import ProgressCallback, RetrieveResult, failed_after
from cxr_viewer.net.retrieve_status import Operation
from cxr_viewer.net.scu import DEFAULT_TIMEOUT_S, associate
from cxr_viewer.net.storage_classes import retrieve_storage_contexts

CANCEL_GRACE_S = 2.0  # time an answering PACS gets to end the operation after our C-CANCEL
MESSAGE_ID = 1  # one request per association, so C-CANCEL can name it without bookkeeping


def _identifier(study_uid: str, series_uid: str) -> Dataset:
    ds = Dataset()
    ds.QueryRetrieveLevel = "SERIES" if series_uid else "STUDY"
    ds.StudyInstanceUID = study_uid
    if series_uid:
        ds.SeriesInstanceUID = series_uid
    return ds


def _was_cancelled(cancel: threading.Event | None) -> bool:
    """Whatever a cut connection raised (Cancelled, or pynetdicom's error when the cut came between two
    steps), a set ``cancel`` makes the outcome "cancelled"."""
    return cancel is not None and cancel.is_set()


def _cancel_request(assoc, model: str) -> Callable[[], None]:
    """C-CANCEL at most once, and only on a live association; the aborter runs it on Cancel and cuts the line if
    the PACS has not ended the operation within the grace."""
    sent = threading.Event()

    def send() -> None:
        if not sent.is_set() and assoc.is_established:
            sent.set()
            assoc.send_c_cancel(MESSAGE_ID, None, model)

    return send


def move(
    calling_ae: str, node: DicomNode, study_uid: str, destination_ae: str, series_uid: str = "",
    progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S, delivered: Callable[[], bool] = lambda: False,
) -> RetrieveResult:
    """Ask ``node`` to send a study (or one series) to ``destination_ae``, usually our running SCP; ``delivered``
    says whether instances have reached it (then an abort is the PACS breaking off, not a refusal of us)."""
    model = StudyRootQueryRetrieveInformationModelMove
    operation = Operation("C-MOVE", calling_ae, validate_ae_title(destination_ae))
    try:
        with ConnectionAborter(cancel, CANCEL_GRACE_S) as aborter, \
                associate(calling_ae, node, [model], timeout_s=timeout_s, aborter=aborter) as assoc:
            responses = assoc.send_c_move(
                _identifier(study_uid, series_uid), operation.destination_ae, model, msg_id=MESSAGE_ID)
            aborter.on_cancel(_cancel_request(assoc, model))
            return follow_responses(responses, node, operation, progress, aborter, timeout_s, delivered)
    except Exception:
        if not _was_cancelled(cancel):
            raise
        return RetrieveResult(cancelled=True)


def get(
    calling_ae: str, node: DicomNode, study_uid: str, store_dir: Path, series_uid: str = "",
    progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
    on_stored: OnStored | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
) -> RetrieveResult:
    """Fetch a study (or one series) over our own association into ``store_dir``; a failure after some instances
    arrived raises :class:`~cxr_viewer.net.retrieve_result.RetrieveFailed`, which lists them."""
    # the Cancel event itself refuses what is still in flight, the moment it is set: through the aborter's thread,
    # a PACS sending small instances had delivered the whole study before the refusal took hold
    handler = StoreHandler(Path(store_dir), on_stored, refuse=cancel)
    storage = retrieve_storage_contexts()
    roles = [build_role(context.abstract_syntax, scp_role=True) for context in storage]
    model = StudyRootQueryRetrieveInformationModelGet
    try:
        with ConnectionAborter(cancel, CANCEL_GRACE_S) as aborter, \
                associate(calling_ae, node, [model, *storage], evt_handlers=[(evt.EVT_C_STORE, handler)],
                          ext_neg=roles, timeout_s=timeout_s, aborter=aborter) as assoc:
            responses = assoc.send_c_get(_identifier(study_uid, series_uid), model, msg_id=MESSAGE_ID)
            aborter.on_cancel(_cancel_request(assoc, model))
            result = follow_responses(responses, node, Operation("C-GET", calling_ae), progress, aborter, timeout_s,
                                      lambda: bool(handler.log.stored))
    except Exception as exc:
        if not _was_cancelled(cancel):
            if handler.log.stored:  # a PACS stopped or refusing mid-study: say what already came
                raise failed_after(exc, handler.log.stored, Path(store_dir)) from exc
            raise
        result = RetrieveResult(cancelled=True)
    if handler.refused_for_cancel() and not result.cancelled:  # the PACS ended on our refusals, not on C-CANCEL
        result = RetrieveResult(status=result.status, completed=result.completed, cancelled=True)
    result.files = list(handler.log.stored)
    return result
