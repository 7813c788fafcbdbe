"""Peers that stop answering, for the Cancel tests: both bind 127.0.0.1 only, so they need no private namespace.

``silent_server`` accepts TCP connections and never says a word: to DIMSE it is a PACS that never answers the
association request, to HTTP a DICOMweb server that never answers. ``syn_dropping_port`` does not even accept:
the kernel drops our SYNs, as a firewall or a switched-off host does. ``StubPacs`` is a pynetdicom SCP that
associates and answers C-FIND with one study, but whose handlers for the operations named in ``stall`` block
until the test ends, i.e. a PACS that goes silent in the middle of an operation.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from pydicom.dataset import Dataset
from pynetdicom import AE, evt
from pynetdicom.sop_class import (  # type: ignore[attr-defined]
    ComputedRadiographyImageStorage,
    StudyRootQueryRetrieveInformationModelFind,
    StudyRootQueryRetrieveInformationModelGet,
    StudyRootQueryRetrieveInformationModelMove,
)

from cxr_viewer.net.nodes import DicomNode

STUB_AE = "STUBPACS"
STUDY_UID = "1.2.826.0.1.3680043.8.498.1"


@contextmanager
def silent_server() -> Iterator[int]:
    """The port of a listener that accepts and then never reads or writes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:  # the listener was closed: the test is over
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        for conn in accepted:
            conn.close()


@contextmanager
def syn_dropping_port() -> Iterator[int]:
    """A port on 127.0.0.1 where a TCP connect gets no reply at all, until the client's own timeout.

    The listener has a backlog of 0 and one connection waiting that is never accepted, so its accept queue is
    full; Linux then drops every further SYN without answering (no RST), exactly what a client sees of a
    firewalled or unplugged host. A short probe checks that this kernel really does so.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    queued = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        with socket.socket() as probe:
            probe.settimeout(0.5)
            try:
                probe.connect(("127.0.0.1", port))
            except TimeoutError:
                pass
            else:
                raise RuntimeError("a connect beyond the full backlog was answered: no SYN-dropping peer here")
        yield port
    finally:
        queued.close()
        listener.close()


def silent_node(port: int) -> DicomNode:
    return DicomNode("SILENT", "127.0.0.1", port, f"http://127.0.0.1:{port}/dicom-web")


class StubPacs:
    """A pynetdicom SCP; ``stall`` names the operations ("C-FIND", "C-GET", "C-MOVE", "C-STORE") it never answers,
    ``abort`` those it aborts at once (as a PACS does for a calling AE title it does not know).

    ``move_to`` is the (host, port) its C-MOVE sends to when C-MOVE is not stalled; pynetdicom answers 0xA801
    when it cannot associate there, which is how a PACS with our AE title on the wrong port behaves.
    """

    def __init__(self, stall: set[str], move_to: tuple[str, int] | None = None, abort: set[str] | None = None,
                 ) -> None:
        self.stall, self.move_to, self.abort = stall, move_to, abort or set()
        self.release = threading.Event()
        self.stalled = threading.Event()  # set once a stalled handler is waiting: the client is mid-operation
        ae = AE(STUB_AE)
        for context in (StudyRootQueryRetrieveInformationModelFind, StudyRootQueryRetrieveInformationModelGet,
                        StudyRootQueryRetrieveInformationModelMove):
            ae.add_supported_context(context)
        # both roles, so a subclass's C-GET can send instances back over the client's association
        ae.add_supported_context(ComputedRadiographyImageStorage, scu_role=True, scp_role=True)
        ae.add_requested_context(ComputedRadiographyImageStorage)  # for C-MOVE's sub-association
        handlers = [(evt.EVT_C_FIND, self._find), (evt.EVT_C_GET, self._get), (evt.EVT_C_MOVE, self._move),
                    (evt.EVT_C_STORE, self._store)]
        self.ae = ae
        self.server = ae.start_server(("127.0.0.1", 0), block=False, evt_handlers=handlers)
        self.node = DicomNode(STUB_AE, "127.0.0.1", self.server.server_address[1])

    def close(self) -> None:
        self.release.set()  # let stalled handlers return so the server can stop
        self.server.shutdown()

    def _misbehave(self, operation: str, event) -> None:
        if operation in self.abort:
            event.assoc.abort()
        if operation in self.stall:
            self.stalled.set()
            self.release.wait(60)

    def _find(self, event):
        self._misbehave("C-FIND", event)
        match = Dataset()
        match.QueryRetrieveLevel, match.StudyInstanceUID = "STUDY", STUDY_UID
        match.PatientName, match.PatientID, match.StudyDate = "Stub^Stan", "PIDSTUB", "20240101"
        yield 0xFF00, match

    def _get(self, event):
        self._misbehave("C-GET", event)
        if event.assoc.is_aborted:
            return
        yield 0

    def _move(self, event):
        self._misbehave("C-MOVE", event)
        if event.assoc.is_aborted:
            return
        yield self.move_to or (None, None)
        yield 1
        yield 0xFF00, None

    def _store(self, event) -> int:
        self._misbehave("C-STORE", event)
        return 0x0000


@contextmanager
def stub_pacs(stall: set[str], move_to: tuple[str, int] | None = None, abort: set[str] | None = None,
              ) -> Iterator[StubPacs]:
    pacs = StubPacs(stall, move_to, abort)
    try:
        yield pacs
    finally:
        pacs.close()
