"""The storage SCP the user starts so that a PACS can send (C-STORE, C-MOVE destination) to us.

Only peers whose calling AE title is on the allowed list get an association at all: pynetdicom rejects
the rest during negotiation, before a byte of data arrives. An empty list is refused at start-up rather
than read as "anyone", because an open receiver on a hospital network is a data-leak channel.
"""

from __future__ import annotations

from pathlib import Path

from pynetdicom import AE, ALL_TRANSFER_SYNTAXES, AllStoragePresentationContexts, evt
from pynetdicom.sop_class import Verification  # type: ignore[attr-defined]

from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.listen_errors import listen_failure
from cxr_viewer.net.nodes import validate_ae_title
from cxr_viewer.net.receiver import OnStored, ReceiveLog, StoreHandler
from cxr_viewer.net.safe_store import MIN_FREE_BYTES

ABORT_WAIT_S = 5.0


class StorageSCP:
    """A background C-STORE/C-ECHO server; use as a context manager or call start()/stop()."""

    def __init__(
        self,
        store_dir: Path,
        ae_title: str,
        port: int,
        allowed_calling_aes: list[str],
        bind_address: str = "127.0.0.1",
        on_stored: OnStored | None = None,
        min_free_bytes: int = MIN_FREE_BYTES,
    ) -> None:
        allowed = [validate_ae_title(title) for title in allowed_calling_aes]
        if not allowed:
            raise ValueError("the storage SCP needs at least one allowed calling AE title")
        self.ae_title = validate_ae_title(ae_title)
        self.requested_port = port
        self.bind_address = bind_address
        self.handler = StoreHandler(Path(store_dir), on_stored, min_free_bytes)
        self._ae = AE(ae_title=self.ae_title)
        self._ae.require_calling_aet = allowed
        self._ae.maximum_pdu_size = 0  # no limit: large CR images arrive in fewer PDUs
        for context in AllStoragePresentationContexts:
            self._ae.add_supported_context(context.abstract_syntax, ALL_TRANSFER_SYNTAXES)
        self._ae.add_supported_context(Verification)
        self._server = None

    @property
    def received(self) -> ReceiveLog:
        return self.handler.log

    @property
    def port(self) -> int:
        """The port actually bound (useful when 0 asked the OS for a free one)."""
        if self._server is None:
            raise RuntimeError("the storage SCP is not running")
        return int(self._server.server_address[1])

    def start(self) -> "StorageSCP":
        """Listen; a port or address that cannot be used raises PacsError saying what to change."""
        if self._server is not None:
            raise RuntimeError("the storage SCP is already running")
        try:
            self._server = self._ae.start_server(
                (self.bind_address, self.requested_port),
                block=False,
                evt_handlers=[(evt.EVT_C_STORE, self.handler)],
            )
        except OSError as exc:
            raise PacsError(listen_failure(exc, self.bind_address, self.requested_port)) from exc
        return self

    def stop(self, abort_open: bool = False) -> None:
        """Stop accepting. ``abort_open`` (the command line's Ctrl+C) also aborts the associations still open and
        waits up to ``ABORT_WAIT_S`` for each to end, so an instance being written lands whole before the caller
        exits: their network threads are not daemons, and a sender that stayed connected kept the process alive."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()  # stop accepting first, then abort whatever is open
        for assoc in server.active_associations if abort_open else ():
            assoc.abort()
            assoc.join(ABORT_WAIT_S)

    def __enter__(self) -> "StorageSCP":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
