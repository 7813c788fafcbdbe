"""Cancel cuts a connection that urllib3 wraps without a ``shutdown()`` (TLS through an https:// proxy)."""

from __future__ import annotations

import socket
import threading

from cxr_viewer.net.abort import ConnectionAborter


class _TlsInTls:
    """Shaped as urllib3's ``SSLTransport``: the carrying socket in ``socket``, no ``shutdown`` of its own."""

    def __init__(self, carrier: socket.socket) -> None:
        self.socket = carrier


def test_cancel_shuts_down_the_socket_that_carries_a_wrapped_connection():
    ours, peer = socket.socketpair()
    peer.settimeout(10)
    cancel = threading.Event()
    try:
        with ConnectionAborter(cancel) as aborter:
            aborter.watch(lambda: _TlsInTls(ours))
            cancel.set()
            assert peer.recv(1) == b""  # the line was shut down from our side (a timeout would raise instead)
    finally:
        ours.close()
        peer.close()
