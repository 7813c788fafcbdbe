"""A real HTTP server on 127.0.0.1 that answers every QIDO-RS search with one study, for "a later search works"."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.pacs.silent_peers import STUDY_UID

STUDY = {"0020000D": {"vr": "UI", "Value": [STUDY_UID]}, "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Web^Wes"}]},
         "00080020": {"vr": "DA", "Value": ["20240101"]}}


class _OneStudy(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = json.dumps([STUDY]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/dicom+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:  # keep the test output quiet
        pass


@contextmanager
def serve_http(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """The root URL of a real HTTP server on loopback answering with ``handler``, shut down when the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def qido_server() -> Iterator[str]:
    """The DICOMweb root URL of a server that lists one study."""
    with serve_http(_OneStudy) as url:
        yield f"{url}/dicom-web"
