"""The storage SCP the user starts so that a PACS can send (C-STORE, C-MOVE destination) to us.

Only peers whose calling AE title is on the allowed list get an association at all: pynetdicom rejects
the rest during negotiation, before a byte of data arrives. An empty list is refused at start-up rather
than read as "anyone", because an open receiver on a hospital network is a data-leak channel.
"""

from __future__ import annotations

from pathlib import Path

from pynetdicom import AE, ALL_TRANSFER_SYNTAXES, AllStoragePresentationContexts, evt
from pynetdicom.sop_class import Verification  # type: ignore[attr-defined]

from cxr_viewer.net.nodes import validate_ae_title
from cxr_viewer.net.receiver import OnStored, ReceiveLog, StoreHandler
from cxr_viewer.net.safe_store import MIN_FREE_BYTES


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
        if self._server is not None:
            raise RuntimeError("the storage SCP is already running")
        self._server = self._ae.start_server(
            (self.bind_address, self.requested_port),
            block=False,
            evt_handlers=[(evt.EVT_C_STORE, self.handler)],
        )
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None

    def serve_forever(self) -> None:
        """Blocking mode for the command line: runs until interrupted."""
        self._ae.start_server(
            (self.bind_address, self.requested_port),
            block=True,
            evt_handlers=[(evt.EVT_C_STORE, self.handler)],
        )

    def __enter__(self) -> "StorageSCP":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
