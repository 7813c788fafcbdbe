"""Opening associations to a configured node, and the C-ECHO that checks a node is reachable.

Every SCU operation goes through :func:`associate`, so a refused or unreachable peer always surfaces as one
:class:`~cxr_viewer.net.errors.PacsError` that names the node, instead of a ``None`` association or a pynetdicom
log line, and a Cancel (through a :class:`~cxr_viewer.net.abort.ConnectionAborter`) surfaces as
:class:`~cxr_viewer.net.errors.Cancelled`. The TCP connect is bounded by the node's ``connect_timeout_s``
(pynetdicom's ``AE.connection_timeout``), so a PACS that drops our SYNs is reported after seconds, not after the
OS's connect timeout of about 2 minutes. Cancel also works before the association exists: the host name is looked
up by :mod:`cxr_viewer.net.resolve` (which Cancel walks away from), and the socket reaches the aborter before the
connect starts, so a Cancel while the node drops our SYNs ends the connect at once instead of at the connect
timeout.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from pynetdicom import AE, evt
from pynetdicom.association import Association
from pynetdicom.presentation import PresentationContext
from pynetdicom.sop_class import Verification  # type: ignore[attr-defined]

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.assoc_refusal import RejectionWatch, not_connected
from cxr_viewer.net.errors import Cancelled, PacsError, did_not_answer
from cxr_viewer.net.nodes import DicomNode, validate_ae_title
from cxr_viewer.net.resolve import HostLookupError, LookupCancelled, resolve

DEFAULT_TIMEOUT_S = 30.0


class _WatchedAE(AE):
    """An AE whose association socket reaches the aborter as soon as it exists, before the TCP connect.

    Handed over at EVT_CONN_OPEN, as before, the socket was out of reach while a node dropped our SYNs, so Cancel
    waited for the connect timeout. Shutting down a socket that is still connecting ends the connect at once
    (Linux wakes it with ECONNRESET). ``_create_socket`` is pynetdicom's internal (3.0): a release that renames it
    brings the wait back, which ``tests/pacs/test_cancel_while_connecting.py`` shows.
    """

    def __init__(self, ae_title: str, aborter: ConnectionAborter | None) -> None:
        super().__init__(ae_title=ae_title)
        self._aborter = aborter
        self._raw: list[socket.socket] = []

    def _create_socket(self, assoc, address, tls_args):  # type: ignore[no-untyped-def]
        sock = super()._create_socket(assoc, address, tls_args)
        self._raw.append(sock.socket)
        if self._aborter is not None:
            self._aborter.watch(lambda: sock.socket)  # read at each poll: pynetdicom replaces it for TLS
        return sock

    def close_failed(self) -> None:
        """Close the socket of an association that failed: pynetdicom closes it only when its own shutdown works,
        which it does not on a connect the aborter cut (ENOTCONN), so the descriptor waited for the garbage
        collector."""
        for raw in self._raw:
            raw.close()


def _address(node: DicomNode, aborter: ConnectionAborter | None) -> str:
    """The node's IP address, preferring IPv4 as pynetdicom does; a lookup that fails or is cancelled says so."""
    try:
        entries = resolve(node.host, node.port, lambda: aborter is not None and aborter.cancelled,
                          node.connect_timeout_s)
    except LookupCancelled as exc:
        raise Cancelled(f"{node.describe()}: {exc}") from exc
    except HostLookupError as exc:
        raise PacsError(f"{node.describe()}: {exc}") from exc
    ipv4 = [entry for entry in entries if entry[0] == socket.AF_INET]
    return str((ipv4 or entries)[0][4][0])


@contextmanager
def associate(
    calling_ae: str,
    node: DicomNode,
    contexts: Sequence[PresentationContext | str],
    evt_handlers: list | None = None,
    ext_neg: list | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    aborter: ConnectionAborter | None = None,
) -> Iterator[Association]:
    """An established association that is released (or aborted on error) when the block ends.

    With an ``aborter``, the host lookup stops at a Cancel and the association's socket is handed to it before
    the TCP connect, so a Cancel cuts a node that drops our SYNs as well as one that accepted the connection and
    never answers the association request.
    """
    connected, rejection = threading.Event(), RejectionWatch()
    handlers = [*(evt_handlers or []), (evt.EVT_CONN_OPEN, lambda _event: connected.set()),
                (evt.EVT_ACSE_RECV, rejection)]
    ae = _WatchedAE(validate_ae_title(calling_ae), aborter)
    ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = timeout_s
    ae.connection_timeout = node.connect_timeout_s
    ae.maximum_pdu_size = 0
    for context in contexts:
        if isinstance(context, PresentationContext):
            ae.add_requested_context(context.abstract_syntax, context.transfer_syntax)
        else:
            ae.add_requested_context(context)
    address = _address(node, aborter)
    started = time.monotonic()
    assoc = ae.associate(address, node.port, ae_title=node.ae_title, evt_handlers=handlers, ext_neg=ext_neg or [])
    if not assoc.is_established:
        ae.close_failed()
    if not assoc.is_established and aborter is not None and aborter.cancelled:
        raise Cancelled(f"{node.describe()}: cancelled while connecting")
    if not assoc.is_established and not connected.is_set() and time.monotonic() - started >= node.connect_timeout_s:
        # pynetdicom only logs why the connect failed; a failure that took the whole connect timeout is that
        # timeout (a refusal or "no route" comes back at once)
        raise did_not_answer(f"{node.ae_title}@{node.host}:{node.port}", node.connect_timeout_s)
    if not assoc.is_established and assoc.is_rejected:
        raise PacsError(f"{node.describe()} rejected the association: {rejection.reason(node.ae_title, calling_ae)}")
    if not assoc.is_established and not connected.is_set():
        raise PacsError(not_connected(node.describe(), calling_ae))
    if not assoc.is_established:
        raise PacsError(f"{node.describe()} closed the connection before accepting the association (our AE title "
                        f"{calling_ae!r}); it may not accept this workstation, or offers none of what we asked for")
    try:
        yield assoc
    except BaseException:
        assoc.abort()
        raise
    else:
        assoc.release()


def echo(calling_ae: str, node: DicomNode, timeout_s: float = DEFAULT_TIMEOUT_S,
         aborter: ConnectionAborter | None = None) -> int:
    """C-ECHO: returns the status (0x0000 when the node answers) or raises PacsError; with an ``aborter``, a Cancel
    cuts it even while connecting (the Nodes tab's Test, :mod:`cxr_viewer.net.node_check`)."""
    with associate(calling_ae, node, [Verification], timeout_s=timeout_s, aborter=aborter) as assoc:
        status = assoc.send_c_echo()
        if not status:
            raise PacsError(f"{node.describe()} gave no answer to C-ECHO")
        return int(status.Status)
