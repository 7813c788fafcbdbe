"""Looking up a node's host name in a way that Cancel can walk away from, with a plain message when it fails.

``getaddrinfo`` cannot be interrupted, and neither the connect timeout nor Cancel bounded it: pynetdicom resolves
the host in the calling thread before it even creates a socket, and urllib3 inside its connect. With a name
server that does not answer, glibc waits 5 s per try (measured here: a lookup still running after 3 s, the 10 s
connect timeout not yet started), so Cancel froze the PACS window. The lookup therefore runs on its own daemon
thread and the caller waits for it while watching the cancel event: a Cancel returns at once and the lookup thread
ends on its own later, its answer dropped (it holds no socket and writes nothing). The wait is also bounded by
the node's connect timeout. An unknown name used to surface as "[Errno -2] Name or service not known"; it now
says which host and what to check.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable

from cxr_viewer.net.abort import POLL_S

AddressInfo = tuple  # one getaddrinfo entry: (family, type, proto, canonname, sockaddr)


class HostLookupError(OSError):
    """The host name could not be turned into an address; the message says which name and what to check."""


class LookupCancelled(OSError):
    """Cancel was pressed while the name was being looked up; the lookup thread finishes on its own."""


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return False
    return True


class _Lookup:
    """One ``getaddrinfo`` on a daemon thread; the result or the error is kept for whoever still waits."""

    def __init__(self, host: str, port: int, family: int) -> None:
        self.done = threading.Event()
        self.result: list[AddressInfo] = []
        self.error: OSError | None = None
        threading.Thread(target=self._run, args=(host, port, family), name="cxr-pacs-resolve", daemon=True).start()

    def _run(self, host: str, port: int, family: int) -> None:
        try:
            self.result = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
        except OSError as exc:
            self.error = exc
        finally:
            self.done.set()


def resolve(host: str, port: int, cancelled: Callable[[], bool], timeout_s: float,
            family: int = socket.AF_UNSPEC) -> list[AddressInfo]:
    """The addresses of ``host`` for a TCP connect to ``port``.

    Raises :class:`LookupCancelled` within ``POLL_S`` of ``cancelled()`` turning true (the aborter's Cancel), and
    :class:`HostLookupError` for an unknown name or a name server silent for ``timeout_s``. A numeric address
    needs no name server and no thread.
    """
    if _is_address(host):
        return socket.getaddrinfo(host.strip("[]"), port, family, socket.SOCK_STREAM)
    lookup = _Lookup(host, port, family)
    deadline = time.monotonic() + timeout_s
    while not lookup.done.wait(POLL_S):
        if cancelled():
            raise LookupCancelled(f"cancelled while looking up the host name {host!r}")
        if time.monotonic() >= deadline:
            raise HostLookupError(f"the host name {host!r} could not be looked up within {timeout_s:g} s: the name "
                                  "server (DNS) did not answer; check the network, or enter the PACS's IP address")
    if lookup.error is not None:
        reason = getattr(lookup.error, "strerror", None) or str(lookup.error)
        raise HostLookupError(f"the host name {host!r} was not found ({reason}): check its spelling in the node's "
                              "settings, or enter the PACS's IP address") from lookup.error
    if not lookup.result:
        raise HostLookupError(f"the host name {host!r} has no address")
    return lookup.result
