"""A remote DICOM node (PACS, modality, another workstation) and the checks on its address.

Validation happens when a node is created, so a typo in an AE title or port is reported when the user
enters it, not as an obscure association failure later.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

_AE_FORBIDDEN = set("\\") | {chr(c) for c in range(32)} | {chr(127)}

# How long to wait for a node to accept the TCP connection. Without a limit a PACS that drops SYNs (firewalled,
# switched off, unplugged) held an Echo or a Search for the OS's connect timeout, about 2 minutes on Linux. A
# PACS on the LAN or over a VPN answers a SYN within a second; 10 s still lets a lossy link retransmit a lost SYN
# three times (Linux resends at 1, 3 and 7 s) before the radiologist is told the node did not answer.
DEFAULT_CONNECT_TIMEOUT_S = 10.0
MAX_CONNECT_TIMEOUT_S = 300.0


def validate_ae_title(title: str) -> str:
    """AE titles are 1-16 characters of the default repertoire, no backslash or control characters."""
    stripped = title.strip()
    if not stripped or len(stripped) > 16:
        raise ValueError(f"AE title {title!r} must be 1 to 16 characters")
    if any(ch in _AE_FORBIDDEN or ord(ch) > 126 for ch in stripped):
        raise ValueError(f"AE title {title!r} contains a backslash, control or non-ASCII character")
    return stripped


@dataclass(frozen=True)
class DicomNode:
    """Where a DICOM peer listens; ``dicomweb_url`` is optional, for QIDO/WADO/STOW instead of DIMSE.

    ``connect_timeout_s`` belongs to the node because it depends on the path to it (a PACS on the LAN, a cloud
    archive behind a VPN); it bounds the TCP connect of both transports, not the wait for answers.
    """

    ae_title: str
    host: str
    port: int
    dicomweb_url: str = ""
    connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S

    def __post_init__(self) -> None:
        object.__setattr__(self, "ae_title", validate_ae_title(self.ae_title))
        object.__setattr__(self, "host", self.host.strip())
        object.__setattr__(self, "dicomweb_url", self.dicomweb_url.strip())
        if not self.host:
            raise ValueError("host must not be empty")
        if self.dicomweb_url and urlparse(self.dicomweb_url).scheme not in ("http", "https"):
            raise ValueError(f"DICOMweb URL {self.dicomweb_url!r} must start with http:// or https://")
        if not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise ValueError(f"port {self.port!r} must be an integer from 1 to 65535")
        timeout = self.connect_timeout_s
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) \
                or not 0 < timeout <= MAX_CONNECT_TIMEOUT_S:
            raise ValueError(f"connect timeout {timeout!r} must be a number of seconds above 0 and at most "
                             f"{MAX_CONNECT_TIMEOUT_S:g}")
        object.__setattr__(self, "connect_timeout_s", float(timeout))

    def describe(self) -> str:
        web = f" web={self.dicomweb_url}" if self.dicomweb_url else ""
        return f"{self.ae_title}@{self.host}:{self.port}{web}"


def validate_host(host: str) -> str:
    """A node's host as entered (``nodes add``, the node editor): a name or IP address. A URL or ``host:port``,
    pasted from a browser or an Orthanc page, was saved as it came and failed later as a name not found. Only
    checked on entry, so a settings file written before still loads."""
    stripped = host.strip()
    if "://" in stripped or "/" in stripped or any(char.isspace() for char in stripped):
        raise ValueError(f"host {stripped!r} must be a host name or IP address alone, e.g. pacs.example.org or "
                         "192.168.1.20, without http:// or a path")
    if stripped.count(":") == 1:  # one colon: host:port (an IPv6 address has at least two)
        raise ValueError(f"host {stripped!r} must not hold the port: give the host alone and the port apart")
    return stripped


def validate_node_name(name: str) -> str:
    """A node's name in the settings (the GUI editor and ``cxr-pacs nodes add`` apply the same rules)."""
    stripped = name.strip()
    if not stripped:
        raise ValueError("the node needs a name")
    return stripped
