"""Why our storage SCP could not start listening, in words that say what to change.

The socket's own errors read "[Errno 98] Address already in use" or "[Errno 99] Cannot assign requested address"
(``cxr-pacs scp`` printed them as they came; the Receiver tab after "cannot start the receiver"), which tell a
user neither that another program holds the port nor which setting to change.
"""

from __future__ import annotations

import errno
import socket


def listen_failure(exc: OSError, address: str, port: int) -> str:
    """What went wrong listening on ``address:port``, and what to do; the system's text for anything else."""
    if isinstance(exc, socket.gaierror):
        return (f"the listen address {address!r} was not found ({exc.strerror}): give one of this computer's IP "
                "addresses, or 0.0.0.0 for all of them")
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} is already in use by another program (another DICOM receiver such as storescp or "
                "Orthanc, the viewer's Receiver tab, or a second cxr-pacs scp): stop it, or choose another port")
    if exc.errno == errno.EADDRNOTAVAIL:
        return (f"{address} is not an address of this computer: give one of its IP addresses, or 0.0.0.0 for all "
                "of them")
    if exc.errno == errno.EACCES and port < 1024:
        return (f"port {port} needs administrator rights (ports below 1024 do): choose a port from 1024 up, such as "
                "DICOM's 11112, and tell the PACS")
    return f"cannot listen on {address}:{port}: {exc.strerror or exc}"
