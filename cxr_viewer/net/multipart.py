"""``multipart/related`` bodies as DICOMweb uses them (PS3.18): WADO-RS answers and STOW-RS requests.

Written here rather than pulled from a MIME library because DICOMweb needs only this narrow subset and
the payloads are large binary parts that e-mail oriented parsers copy several times.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)


def boundary_of(content_type: str) -> str:
    match = _BOUNDARY.search(content_type)
    if not match:
        raise ValueError(f"response is not multipart (Content-Type: {content_type!r})")
    return match.group(1)


def split_parts(body: bytes, content_type: str) -> list[bytes]:
    """The payload of every part, headers removed."""
    delimiter = b"--" + boundary_of(content_type).encode("ascii")
    payloads = []
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        headers_end = chunk.find(b"\r\n\r\n")
        if headers_end < 0:
            raise ValueError("multipart part without a header block")
        payload = chunk[headers_end + 4:]
        payloads.append(payload[:-2] if payload.endswith(b"\r\n") else payload)
    return payloads


def build_related(payloads: Iterable[bytes], part_type: str = "application/dicom") -> tuple[bytes, str]:
    """The request body and its Content-Type header for STOW-RS."""
    boundary = f"cxr-{uuid.uuid4().hex}"
    pieces = []
    for payload in payloads:
        pieces += [f"--{boundary}\r\nContent-Type: {part_type}\r\n\r\n".encode("ascii"), payload, b"\r\n"]
    pieces.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(pieces), f'multipart/related; type="{part_type}"; boundary={boundary}'
