"""DICOMweb as the alternative transport: QIDO-RS search, WADO-RS retrieve, STOW-RS send.

Useful where only HTTPS leaves the hospital network, or the PACS is cloud-hosted. Answers are turned into
pydicom Datasets so the rest of the workstation does not care which transport brought them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from http.client import RemoteDisconnected
from io import BytesIO
from pathlib import Path
from urllib.parse import quote, urlencode

import requests
from pydicom import dcmread
from pydicom.dataset import Dataset

from cxr_viewer.net.errors import PacsError, did_not_answer
from cxr_viewer.net.matches import Matches
from cxr_viewer.net.multipart import build_related, split_parts
from cxr_viewer.net.nodes import DEFAULT_CONNECT_TIMEOUT_S
from cxr_viewer.net.resolve import HostLookupError

_DICOM_PARTS = 'multipart/related; type="application/dicom"'
_FAILED_SOP_SEQUENCE = "00081198"
_REFERENCED_SOP_SEQUENCE = "00081199"
_SOP_INSTANCE_UID = "00081155"


@dataclass
class StowResult:
    stored: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _buried(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> BaseException | None:
    """The first of ``kinds`` in the chain of requests' and urllib3's wrappers, which otherwise show as "Max retries
    exceeded … NameResolutionError(<urllib3.connection.HTTPConnection object at 0x…>: …)"."""
    seen: BaseException | None = exc
    while seen is not None and not isinstance(seen, kinds):
        seen = seen.__cause__ or seen.__context__ or getattr(seen, "reason", None)
    return seen


def _plain(base_url: str, exc: BaseException) -> str | None:
    """A lookup failure, a refused connection or one the server dropped, in words; None for anything else."""
    found = _buried(exc, (HostLookupError, ConnectionRefusedError, ConnectionResetError, RemoteDisconnected))
    if isinstance(found, HostLookupError):
        return f"{base_url}: {found}"
    if isinstance(found, ConnectionRefusedError):
        return (f"{base_url} could not be reached: the connection was refused; check that the DICOMweb server is "
                "running and that the URL's host and port are right")
    if found is not None:
        return f"{base_url}: the server broke off the request (connection dropped); it may have been stopped: try again"
    return None


def _uids(response_json: dict, sequence_tag: str) -> list[str]:
    items = response_json.get(sequence_tag, {}).get("Value", [])
    return [item[_SOP_INSTANCE_UID]["Value"][0] for item in items if _SOP_INSTANCE_UID in item]


class DicomWebClient:
    """A client for one DICOMweb root URL, e.g. ``http://pacs:8042/dicom-web``.

    ``timeout_s`` bounds each wait for the server's answer; ``connect_timeout_s`` (the node's) bounds the TCP
    connect, to the server or to the HTTP proxy in between, so a server that drops our SYNs is reported in seconds.
    """

    def __init__(self, base_url: str, session: requests.Session | None = None, timeout_s: float = 30.0,
                 connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.timeout_s = timeout_s
        self.connect_timeout_s = connect_timeout_s

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            return self.session.request(method, url, timeout=(self.connect_timeout_s, self.timeout_s), **kwargs)
        except requests.ConnectTimeout as exc:
            raise did_not_answer(self.base_url, self.connect_timeout_s) from exc
        except requests.RequestException as exc:
            raise PacsError(_plain(self.base_url, exc) or f"{url}: {exc}") from exc

    def _get(self, path: str, accept: str, params: dict | None = None) -> requests.Response:
        url = f"{self.base_url}/{path}"
        if params:
            # Wildcards and list commas are legal in a query (RFC 3986 sub-delims, and "?"); some servers, Orthanc
            # 1.10 among them, do not match a percent-encoded ``*`` or ``?``, so we leave them as they are.
            url += "?" + urlencode(params, safe="*,?", quote_via=quote)
        response = self._send("GET", url, headers={"Accept": accept})
        if response.status_code == 204:
            return response
        if not response.ok:
            raise PacsError(f"{url}: HTTP {response.status_code} {response.text[:200]}")
        return response

    def _search(self, path: str, filters: dict[str, str]) -> Matches:
        """The matches, marked as cut short when the server says so (PS3.18's ``Warning: 299 ...: There are
        additional results that can be requested``); other warnings, e.g. fuzzy matching not supported, are not."""
        response = self._get(path, "application/dicom+json", {k: v for k, v in filters.items() if v})
        if response.status_code == 204 or not response.content:
            return Matches()
        warning = response.headers.get("Warning", "")
        cut_short = f"the server warned {warning!r}" if "additional results" in warning.lower() else ""
        return Matches((Dataset.from_json(item) for item in response.json()), cut_short)

    def search_studies(self, **filters: str) -> Matches:
        """QIDO-RS; filters are DICOM keywords, e.g. ``PatientName="DOE*"``, ``StudyDate="20240101-"``."""
        return self._search("studies", filters)

    def search_series(self, study_uid: str, **filters: str) -> Matches:
        return self._search(f"studies/{study_uid}/series", filters)

    def search_instances(self, study_uid: str, series_uid: str = "", **filters: str) -> Matches:
        path = f"studies/{study_uid}/series/{series_uid}/instances" if series_uid else f"studies/{study_uid}/instances"
        return self._search(path, filters)

    def retrieve(self, study_uid: str, series_uid: str = "", sop_uid: str = "") -> list[Dataset]:
        """WADO-RS of a whole study, a series or one instance, in the PACS's stored transfer syntax."""
        path = f"studies/{study_uid}"
        if series_uid:
            path += f"/series/{series_uid}"
            if sop_uid:
                path += f"/instances/{sop_uid}"
        response = self._get(path, f"{_DICOM_PARTS}; transfer-syntax=*")
        parts = split_parts(response.content, response.headers.get("Content-Type", ""))
        return [dcmread(BytesIO(part)) for part in parts]

    def store(self, paths: Sequence[Path]) -> StowResult:
        """STOW-RS of local files; the answer says which instances the server kept."""
        body, content_type = build_related(Path(p).read_bytes() for p in paths)
        url = f"{self.base_url}/studies"
        response = self._send("POST", url, data=body,
                              headers={"Content-Type": content_type, "Accept": "application/dicom+json"})
        if response.status_code not in (200, 202, 409):
            raise PacsError(f"{url}: STOW-RS answered HTTP {response.status_code} {response.text[:200]}")
        answer = response.json() if response.content else {}
        return StowResult(_uids(answer, _REFERENCED_SOP_SEQUENCE), _uids(answer, _FAILED_SOP_SEQUENCE))
