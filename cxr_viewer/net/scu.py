"""Opening associations to a configured node, and the C-ECHO that checks a node is reachable.

Every SCU operation goes through :func:`associate`, so a refused or unreachable peer always surfaces as one
:class:`PacsError` that names the node, instead of a ``None`` association or a pynetdicom log line, and a
Cancel (through a :class:`~cxr_viewer.net.abort.ConnectionAborter`) surfaces as :class:`Cancelled`. The TCP
connect is bounded by the node's ``connect_timeout_s`` (pynetdicom's ``AE.connection_timeout``), so a PACS that
drops our SYNs is reported after seconds, not after the OS's connect timeout of about 2 minutes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from pynetdicom import AE, evt
from pynetdicom.association import Association
from pynetdicom.presentation import PresentationContext
from pynetdicom.sop_class import Verification  # type: ignore[attr-defined]

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.nodes import DicomNode, validate_ae_title

DEFAULT_TIMEOUT_S = 30.0


class PacsError(RuntimeError):
    """A DICOM network operation failed; the message says which node and why."""


class Cancelled(PacsError):
    """The user cancelled: callers report "cancelled", never a failure of the node."""


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

    With an ``aborter``, the association's socket is handed to it as soon as the TCP connection opens, so a
    Cancel also cuts a peer that accepted the connection and never answers the association request.
    """
    connected = threading.Event()

    def on_connected(event: evt.Event) -> None:
        connected.set()
        if aborter is not None:
            _watch_socket(aborter, event.assoc)

    handlers = [*(evt_handlers or []), (evt.EVT_CONN_OPEN, on_connected)]
    ae = AE(ae_title=validate_ae_title(calling_ae))
    ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = timeout_s
    ae.connection_timeout = node.connect_timeout_s
    ae.maximum_pdu_size = 0
    for context in contexts:
        if isinstance(context, PresentationContext):
            ae.add_requested_context(context.abstract_syntax, context.transfer_syntax)
        else:
            ae.add_requested_context(context)
    started = time.monotonic()
    assoc = ae.associate(node.host, node.port, ae_title=node.ae_title, evt_handlers=handlers, ext_neg=ext_neg or [])
    if not assoc.is_established and aborter is not None and aborter.cancelled:
        raise Cancelled(f"{node.describe()}: cancelled while connecting")
    if not assoc.is_established and not connected.is_set() and time.monotonic() - started >= node.connect_timeout_s:
        # pynetdicom only logs why the connect failed; a failure that took the whole connect timeout is that
        # timeout (a refusal or "no route" comes back at once)
        raise did_not_answer(f"{node.ae_title}@{node.host}:{node.port}", node.connect_timeout_s)
    if not assoc.is_established:
        reason = "rejected the association" if assoc.is_rejected else "could not be reached or aborted"
        raise PacsError(f"{node.describe()} {reason} (our AE title {calling_ae!r})")
    try:
        yield assoc
    except BaseException:
        assoc.abort()
        raise
    else:
        assoc.release()


def _watch_socket(aborter: ConnectionAborter, assoc: Association) -> None:
    transport = assoc.dul.socket
    aborter.watch(lambda: transport.socket if transport is not None else None)


def did_not_answer(where: str, connect_timeout_s: float) -> PacsError:
    """The TCP connect got no reply at all: what a switched-off, unplugged or firewalled node looks like."""
    return PacsError(f"{where} did not answer within {connect_timeout_s:g} s: check that the PACS is switched on "
                     "and on the network, that its host and port are right, and that no firewall blocks the port "
                     "(a slow link may need a longer connect timeout in the node's settings)")


def no_answer(node: DicomNode, operation: str, calling_ae: str, waited_s: float, timeout_s: float,
              answered: bool) -> PacsError:
    """An abort before any answer, at once, is most often a PACS that does not know the AE title we call from;
    saying only "timed out or aborted" left the user guessing."""
    if not answered and waited_s < min(2.0, timeout_s / 2):
        return PacsError(f"{node.describe()}: the PACS aborted the {operation} at once; it may not accept "
                         f"{operation} requests from our AE title {calling_ae!r} (ask its administrator to add it)")
    return PacsError(f"{node.describe()}: {operation} got no answer within {timeout_s:g} s or the association "
                     "was aborted")


def echo(calling_ae: str, node: DicomNode, timeout_s: float = DEFAULT_TIMEOUT_S) -> int:
    """C-ECHO: returns the status (0x0000 when the node answers) or raises PacsError."""
    with associate(calling_ae, node, [Verification], timeout_s=timeout_s) as assoc:
        status = assoc.send_c_echo()
        if not status:
            raise PacsError(f"{node.describe()} gave no answer to C-ECHO")
        return int(status.Status)
