"""A real C-FIND SCP on the loopback (pynetdicom) answering with whatever a test's handler yields: the PACS
behaviours Orthanc cannot be made to show (statuses, orders) without a network namespace."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pynetdicom import AE, evt
from pynetdicom.sop_class import StudyRootQueryRetrieveInformationModelFind  # type: ignore[attr-defined]

from cxr_viewer.net.nodes import DicomNode


@contextmanager
def find_server(ae_title: str, answer: Callable) -> Iterator[DicomNode]:
    """The node of a study-root C-FIND SCP whose ``EVT_C_FIND`` handler is ``answer``, stopped on exit."""
    ae = AE(ae_title)
    ae.add_supported_context(StudyRootQueryRetrieveInformationModelFind)
    server = ae.start_server(("127.0.0.1", 0), block=False, evt_handlers=[(evt.EVT_C_FIND, answer)])
    try:
        yield DicomNode(ae_title, "127.0.0.1", server.server_address[1])
    finally:
        server.shutdown()
