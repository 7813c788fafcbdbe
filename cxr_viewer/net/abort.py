"""Cancel that takes effect while the peer is silent: shut the TCP connection down.

pynetdicom and requests wait for a peer's answer with the whole network timeout (30 s), and pynetdicom's own
``Association.abort()`` does not wake those waits (measured: the C-FIND still returned after 30 s), so a Cancel
that was checked only when the next answer arrived did nothing against a PACS that had stopped answering.
Shutting the socket down does wake every waiter at once: pynetdicom sees the transport close and ends the
association as aborted (waits return an empty status), and requests raises a ConnectionError. The operation then
finds ``cancel`` set and reports "cancelled" rather than an error.

A watcher thread polls the caller's ``threading.Event`` (the GUI's Cancel button sets it). Operations that can
stop politely (C-CANCEL of a C-GET or C-MOVE) register that first; the watcher sends it and gives the peer
``grace_s`` to end the operation before the line is cut, so an answering PACS still stops cleanly.
"""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType

POLL_S = 0.05

SocketGetter = Callable[[], "socket.socket | None"]


class ConnectionAborter:
    """Watches ``cancel`` while its ``with`` block runs and, once it is set, shuts down every watched socket.

    Sockets are given as getters because they appear later (when a connection is opened, before its TCP connect
    starts); the watcher keeps cutting new ones until the block ends, so one that connects just after the Cancel
    is cut too. Shutting down a socket whose connect is in progress ends that connect at once (Linux), which is
    what makes Cancel work against a node that drops our SYNs. ``cancel=None`` makes this a no-op that starts
    no thread.
    """

    def __init__(self, cancel: threading.Event | None, grace_s: float = 0.0) -> None:
        self._cancel = cancel
        self.grace_s = grace_s
        self._lock = threading.Lock()
        self._getters: list[SocketGetter] = []
        self._polite: list[Callable[[], None]] = []
        self._cut: list[socket.socket] = []
        self._done = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def watch(self, get_socket: SocketGetter) -> None:
        with self._lock:
            self._getters.append(get_socket)

    def on_cancel(self, polite: Callable[[], None]) -> None:
        """``polite()`` (e.g. send C-CANCEL) runs first on Cancel; the socket is cut ``grace_s`` later."""
        with self._lock:
            self._polite.append(polite)

    def __enter__(self) -> "ConnectionAborter":
        if self._cancel is not None:
            threading.Thread(target=self._run, name="cxr-pacs-abort", daemon=True).start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._done.set()

    def _run(self) -> None:
        cut_at: float | None = None
        while not self._done.wait(POLL_S):
            if not self.cancelled:
                continue
            if cut_at is None:
                with self._lock:
                    polite = list(self._polite)
                for ask in polite:
                    try:
                        ask()
                    except Exception:  # noqa: BLE001 - the peer may already be gone; cutting follows anyway
                        pass
                cut_at = time.monotonic() + (self.grace_s if polite else 0.0)
            if time.monotonic() >= cut_at:
                self._cut_all()

    def _cut_all(self) -> None:
        with self._lock:
            getters = list(self._getters)
        for get_socket in getters:
            try:
                sock = get_socket()
            except Exception:  # noqa: BLE001 - a half-torn-down connection object; nothing left to cut
                continue
            if sock is None or any(sock is done for done in self._cut):
                continue
            try:
                _carrier(sock).shutdown(socket.SHUT_RDWR)
            except OSError as exc:
                if exc.errno == errno.ENOTCONN:  # created but its connect not yet started: cut it at the next poll
                    continue
            self._cut.append(sock)  # cut, or already closed


def _carrier(sock: object) -> socket.socket:
    """The socket to shut down for a watched connection socket. urllib3 wraps a TLS connection made through an
    ``https://`` proxy (TLS in TLS) in an ``SSLTransport`` that has no ``shutdown()``; its ``socket`` is the TLS
    socket to the proxy that carries it, and cutting that cuts the request. Without this the watcher thread died on
    the AttributeError and Cancel did nothing."""
    return sock if hasattr(sock, "shutdown") else sock.socket  # type: ignore[attr-defined]
