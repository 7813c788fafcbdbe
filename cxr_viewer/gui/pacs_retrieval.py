"""Which ``cxr_viewer.net`` call fetches a study for each retrieve method the Query/Retrieve tab offers.

Kept apart from the widgets: the tab only says "this study, this node, this method"; the choice of
C-GET, C-MOVE into our running receiver, or WADO-RS, and the refusal when C-MOVE has nowhere to land,
live here so that the rule reads in one place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from cxr_viewer.net import retrieve
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.dicomweb_transfer import wado_fetch
from cxr_viewer.net.errors import Cancelled, PacsError
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.receiver_service import IndexedReceiver
from cxr_viewer.net.retrieve_result import RetrieveFailed, RetrieveResult, failed_after
from cxr_viewer.net.safe_store import safe_name

C_GET, C_MOVE, WADO_RS = "C-GET", "C-MOVE to our receiver", "WADO-RS"


class RetrieveRefused(ValueError):
    """The request cannot work as asked; the message tells the user what to change."""


@dataclass(frozen=True)
class RetrieveRequest:
    node_name: str
    node: DicomNode
    method: str
    study_uid: str
    series_uid: str = ""


def check_request(request: RetrieveRequest, receiver: IndexedReceiver) -> None:
    if request.method == C_MOVE and not receiver.running:
        raise RetrieveRefused("C-MOVE makes the PACS send to our receiver, which is not running: start it on the "
                              "Receiver tab, or retrieve with C-GET.")
    if request.method == WADO_RS and not request.node.dicomweb_url:
        raise RetrieveRefused(f"Node {request.node_name!r} has no DICOMweb URL: add one on the Nodes tab.")


def retrieval_work(
    request: RetrieveRequest, settings: PacsSettings, receiver: IndexedReceiver, cancel: threading.Event,
) -> Callable[[Callable], RetrieveResult]:
    """The blocking call for a worker thread; ``report`` receives :class:`RetrieveProgress` values."""
    check_request(request, receiver)
    study, series, node, store = request.study_uid, request.series_uid, request.node, settings.resolved_store_dir()

    def fetch(report: Callable) -> RetrieveResult:
        if request.method == C_GET:
            return retrieve.get(settings.ae_title, node, study, store, series, progress=report, cancel=cancel)
        if request.method == WADO_RS:
            return wado_fetch(node.dicomweb_url, study, store, series, progress=report, cancel=cancel,
                              connect_timeout_s=node.connect_timeout_s)
        already = len(receiver.log.stored)
        try:
            result = retrieve.move(settings.ae_title, node, study, settings.ae_title, series, progress=report,
                                   cancel=cancel, delivered=lambda: len(receiver.log.stored) > already)
        except PacsError as exc:
            arrived = _arrived(receiver, already, study)
            if not arrived or isinstance(exc, Cancelled):
                raise
            raise failed_after(exc, arrived, store) from exc
        result.files = _arrived(receiver, already, study)
        return result

    def work(report: Callable) -> RetrieveResult:
        """A failure after some instances arrived is a result, so the window still opens and indexes them."""
        try:
            return fetch(report)
        except RetrieveFailed as exc:
            return RetrieveResult(files=exc.files, failure=str(exc))

    return work


def _arrived(receiver: IndexedReceiver, already: int, study_uid: str) -> list:
    """The files of ``study_uid`` our receiver stored since it had ``already`` files."""
    with receiver.log.lock:
        arrived = receiver.log.stored[already:]
    return [path for path in arrived if path.parent.parent.name == safe_name(study_uid)]
