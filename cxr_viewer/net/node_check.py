"""The connection test behind the Nodes tab's *Test (C-ECHO)* button, stoppable by Cancel.

Without a cancel event the test could only end by itself: against a node that drops our SYNs the row said
"testing…" for the node's whole connect timeout (up to 300 s), and against a silent name server for glibc's
lookup. Both steps (the C-ECHO and, when the node has a DICOMweb URL, a one-study QIDO-RS) therefore run under one
:class:`~cxr_viewer.net.abort.ConnectionAborter`, the machinery every other PACS operation uses: Cancel walks away
from the host lookup and cuts the socket whether it is still connecting or waiting for an answer. Whatever the cut
raises then reads as :class:`~cxr_viewer.net.errors.Cancelled`, never as a failure of the node.
"""

from __future__ import annotations

import threading

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.dicomweb import DicomWebClient
from cxr_viewer.net.errors import Cancelled
from cxr_viewer.net.http_abort import abortable_session
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.scu import echo

ECHO_TIMEOUT_S = 10.0


def check_node(calling_ae: str, node: DicomNode, cancel: threading.Event | None = None) -> str:
    """C-ECHO, plus a one-study QIDO-RS when the node has a DICOMweb URL: the text to show, or raises PacsError
    with the reason (Cancelled once ``cancel`` is set)."""
    with ConnectionAborter(cancel) as aborter:
        try:
            status = echo(calling_ae, node, timeout_s=ECHO_TIMEOUT_S, aborter=aborter)
            text = f"C-ECHO OK (0x{status:04X})"
            if node.dicomweb_url:
                with abortable_session(aborter) as session:
                    DicomWebClient(node.dicomweb_url, session, timeout_s=ECHO_TIMEOUT_S,
                                   connect_timeout_s=node.connect_timeout_s).search_studies(limit="1")
                text += ", DICOMweb OK"
        except Exception as exc:  # a cut connection shows up as any of pynetdicom's or requests' errors
            if aborter.cancelled:
                raise Cancelled(f"{node.describe()}: test cancelled") from exc
            raise
    return text
