"""A real name server for the lookup tests, on the address the system resolver asks (only in the private namespace).

glibc reads its name server from ``/etc/resolv.conf``; inside ``unshare -n`` nothing answers there. This puts that
address on loopback (root, private namespace only) and serves it from a UDP socket, either answering every
question with NXDOMAIN ("no such name", what a mistyped host gets) or never answering (a name server that is down
or unreachable, which makes glibc wait several seconds per try). The system resolver, not a stand-in, does the
lookup, so the tests see exactly what the workstation sees on a hospital network.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NXDOMAIN_FLAGS = 0x8183  # a response, recursion desired and available, RCODE 3 (name error)


def system_name_server() -> str:
    """The first name server in resolv.conf, or glibc's default when there is none."""
    for line in Path("/etc/resolv.conf").read_text().splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0] == "nameserver":
            return fields[1]
    return "127.0.0.1"


def _question_end(query: bytes) -> int:
    """Offset just past the first question (name labels, then type and class)."""
    offset = 12
    while query[offset]:
        offset += 1 + query[offset]
    return offset + 5


def _nxdomain(query: bytes) -> bytes:
    return query[:2] + struct.pack(">HHHHH", NXDOMAIN_FLAGS, 1, 0, 0, 0) + query[12:_question_end(query)]


@contextmanager
def name_server(answer: bool) -> Iterator[list[bytes]]:
    """Serve the system's name server address; yields the list of queries received (proof the lookup came here)."""
    address = system_name_server()
    ip = ipaddress.ip_address(address)
    if not ip.is_loopback:
        subprocess.run(["ip", "addr", "replace", f"{address}/{ip.max_prefixlen}", "dev", "lo"], check=True)
    server = socket.socket(socket.AF_INET if ip.version == 4 else socket.AF_INET6, socket.SOCK_DGRAM)
    server.bind((address, 53))
    server.settimeout(0.1)
    queries: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                query, client = server.recvfrom(512)
            except TimeoutError:
                continue
            queries.append(query)
            if answer:
                server.sendto(_nxdomain(query), client)

    serving = threading.Thread(target=serve, name="fake-dns", daemon=True)
    serving.start()
    try:
        yield queries
    finally:
        stop.set()
        serving.join()
        server.close()
