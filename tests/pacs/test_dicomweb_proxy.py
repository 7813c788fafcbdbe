"""DICOMweb through an HTTP proxy: requests still work, and Cancel cuts one that waits on a silent server.

requests opens proxied connections from its own urllib3 ProxyManager, which ``http_abort`` did not watch: behind a
proxy (``HTTP_PROXY`` in the environment, common in hospitals) Cancel had no socket to cut and the call waited out
the 30 s read timeout. The proxy here is a small forwarding proxy on 127.0.0.1 written for the test; it records
what it forwarded, so a test cannot pass by going around it.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cxr_viewer.net.dicomweb_transfer import qido_search
from cxr_viewer.net.query import QueryFilter
from tests.pacs.qido_peer import serve_http
from tests.pacs.silent_peers import silent_node, silent_server
from tests.pacs.test_cancel_silent_peer import OPERATIONS, assert_reported_cancelled, cancel_midway

_HOP_BY_HOP = {"connection", "proxy-connection", "keep-alive", "transfer-encoding", "host", "content-length"}


class _Forwarder(BaseHTTPRequestHandler):
    """Forwards an absolute-form request (``GET http://host:port/path``) to its server and relays the answer."""

    seen: list[str]

    def _forward(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        target = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        try:
            upstream.request(self.command, target.path + (f"?{target.query}" if target.query else ""), body, headers)
            answer = upstream.getresponse()
            status, answer_headers, data = answer.status, answer.getheaders(), answer.read()
        except OSError:
            status, answer_headers, data = 502, [], b""
        finally:
            upstream.close()
        try:
            self.send_response(status)
            for key, value in answer_headers:
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client is gone: Cancel cut its connection to us
            pass

    do_GET = do_POST = _forward

    def log_message(self, *args: object) -> None:
        pass


class _EmptyQido(BaseHTTPRequestHandler):
    """A DICOMweb server with no studies: every QIDO-RS answers 204 No Content."""

    def do_GET(self) -> None:
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def proxy_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every plain-HTTP request of the test goes through the forwarding proxy; yields what it forwarded."""
    seen: list[str] = []
    with serve_http(type("Forwarder", (_Forwarder,), {"seen": seen})) as proxy_url:
        for variable in ("no_proxy", "NO_PROXY"):
            monkeypatch.delenv(variable, raising=False)
        for variable in ("http_proxy", "HTTP_PROXY"):
            monkeypatch.setenv(variable, proxy_url)
        yield seen


def test_a_search_through_the_proxy_gets_its_answer(proxy_log: list[str]) -> None:
    with serve_http(_EmptyQido) as server_url:
        assert qido_search(f"{server_url}/dicom-web", QueryFilter(level="study")) == []
    assert len(proxy_log) == 1 and proxy_log[0].startswith(f"GET {server_url}/dicom-web/studies?")


@pytest.mark.parametrize("name", ["QIDO-RS", "WADO-RS", "STOW-RS"])
def test_cancel_cuts_a_request_waiting_behind_the_proxy(name: str, proxy_log: list[str], tmp_path: Path) -> None:
    with silent_server() as port:
        node = silent_node(port)
        assert_reported_cancelled(cancel_midway(OPERATIONS[name], node, tmp_path))
    assert proxy_log and all(line.split()[1].startswith(node.dicomweb_url) for line in proxy_log), proxy_log
