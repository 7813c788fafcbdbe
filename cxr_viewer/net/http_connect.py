"""The TCP connect of a DICOMweb request, made so that Cancel can stop it while it is still connecting.

urllib3 looks the host up and connects inside one call (``create_connection``) and hands the socket out only once
connected, so the aborter of :mod:`cxr_viewer.net.http_abort` could not reach a request whose server (or proxy)
drops our SYNs or whose name server is slow: Cancel waited for the connect timeout, or for glibc's lookup. Here
the lookup goes through :func:`cxr_viewer.net.resolve.resolve` (which Cancel walks away from) and each socket is
handed to the aborter before its connect starts. Errors are raised as the urllib3 exceptions its own connect
raises, so requests still reports a connect timeout as ``ConnectTimeout``.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.connection import allowed_gai_family

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.resolve import HostLookupError, resolve


def _connect_first(conn: Any, aborter: ConnectionAborter) -> socket.socket:
    """Try each address of the host in turn, as urllib3 does, each socket watched before it connects."""
    timeout = conn.timeout if isinstance(conn.timeout, (int, float)) else None  # urllib3's "default" sentinel
    entries = resolve(conn._dns_host, conn.port, lambda: aborter.cancelled,
                      timeout if timeout is not None else float("inf"), allowed_gai_family())
    error: OSError = OSError(f"no address for {conn._dns_host!r}")
    for family, kind, proto, _name, address in entries:
        sock = socket.socket(family, kind, proto)
        aborter.watch(lambda sock=sock: sock)
        try:
            for option in conn.socket_options or ():
                sock.setsockopt(*option)
            sock.settimeout(timeout)
            if conn.source_address:
                sock.bind(conn.source_address)
            sock.connect(address)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
            if aborter.cancelled:
                break
    raise error


def cancellable_connect(conn: Any, aborter: ConnectionAborter) -> None:
    """Replace ``conn``'s ``_new_conn`` (urllib3's internal that opens the socket, for a direct request, to the
    proxy, or for HTTPS before TLS) with one Cancel can stop; an urllib3 release that renames it brings back the
    wait, which ``tests/pacs/test_cancel_while_connecting.py`` shows."""

    def new_conn() -> socket.socket:
        try:
            sock = _connect_first(conn, aborter)
        except HostLookupError as exc:
            raise NameResolutionError(conn.host, conn, socket.gaierror(str(exc))) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(
                conn, f"Connection to {conn.host} timed out. (connect timeout={conn.timeout})") from exc
        except OSError as exc:
            raise NewConnectionError(conn, f"Failed to establish a new connection: {exc}") from exc
        sys.audit("http.client.connect", conn, conn.host, conn.port)
        return sock

    conn._new_conn = new_conn
