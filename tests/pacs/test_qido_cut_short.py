"""QIDO-RS: a server's ``Warning: 299 ... additional results`` marks the list as cut short; other warnings do not.

PS3.18 has an origin server that returns fewer matches than there are say so in a Warning header. Read as nothing,
the window showed the first page of a patient's studies as if it were all of them. A real HTTP server on loopback
answers with one study and the header under test.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

import pytest

from cxr_viewer.net.dicomweb_transfer import qido_search
from cxr_viewer.net.matches import INCOMPLETE
from cxr_viewer.net.query import QueryFilter
from tests.pacs.qido_peer import STUDY, serve_http

MORE = '299 pacs.example: There are additional results that can be requested'
FUZZY = '299 pacs.example: The fuzzymatching parameter is not supported. Only literal matching has been performed.'


def _answering_with(warning: str) -> type[BaseHTTPRequestHandler]:
    class OneStudyWarned(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body = json.dumps([STUDY]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/dicom+json")
            self.send_header("Warning", warning)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    return OneStudyWarned


@pytest.mark.parametrize(("warning", "cut"), [(MORE, True), (FUZZY, False)], ids=["additional-results", "fuzzy"])
def test_qido_warning_of_more_results_marks_the_list(warning: str, cut: bool) -> None:
    with serve_http(_answering_with(warning)) as url:
        studies = qido_search(f"{url}/dicom-web", QueryFilter(level="study", patient_name="Web*"))
    assert len(studies) == 1
    assert studies.note().startswith(INCOMPLETE) == cut and ("additional results" in studies.note()) == cut
