"""C-STORE SCU: send selected files (images, or our AI results as SR/SEG) to a node.

Presentation contexts are derived from the files themselves (their SOP class and transfer syntax, plus
explicit little endian as a fallback), so whatever the user selected can be offered in one association.
A file that cannot be read is reported per file and does not stop the others. Cancel stops between files and
cuts the file in flight (a stuck peer would otherwise hold each file for the whole network timeout).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydicom import dcmread
from pydicom.errors import InvalidDicomError
from pydicom.uid import ExplicitVRLittleEndian
from pynetdicom.association import Association
from pynetdicom.presentation import PresentationContext, build_context

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.scu import DEFAULT_TIMEOUT_S, associate

MAX_CONTEXTS = 128


@dataclass
class SendResult:
    sent: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False  # files neither sent nor failed were not sent (or cut off) because of Cancel

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled


def _contexts_for(headers: dict[Path, tuple[str, str]]) -> list[PresentationContext]:
    """One context per (SOP class, stored transfer syntax), so each file goes out exactly as stored,
    plus explicit little endian per SOP class as the conversion fallback when a peer refuses the former."""
    pairs = sorted({*headers.values(), *((sop, ExplicitVRLittleEndian) for sop, _ts in headers.values())})
    if len(pairs) > MAX_CONTEXTS:
        raise PacsError(f"{len(pairs)} SOP class/transfer syntax pairs exceed one association's {MAX_CONTEXTS}")
    return [build_context(sop, ts) for sop, ts in pairs]


def _read_header(path: Path) -> tuple[str, str]:
    meta = dcmread(path, stop_before_pixels=True, specific_tags=["SOPClassUID"]).file_meta
    return str(meta.MediaStorageSOPClassUID), str(meta.TransferSyntaxUID)


def send_files(
    calling_ae: str,
    node: DicomNode,
    paths: Sequence[Path],
    progress: Callable[[int, int], None] | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    cancel: threading.Event | None = None,
) -> SendResult:
    """Send every readable file in one association; per-file failures are collected, not raised."""
    result = SendResult()
    headers: dict[Path, tuple[str, str]] = {}
    for path in map(Path, paths):
        try:
            headers[path] = _read_header(path)
        except (OSError, InvalidDicomError, AttributeError) as exc:
            result.failed.append((path, f"not a readable DICOM file: {exc}"))
    if not headers:
        return result
    try:
        with ConnectionAborter(cancel) as aborter, \
                associate(calling_ae, node, _contexts_for(headers), timeout_s=timeout_s, aborter=aborter) as assoc:
            result.cancelled = _store_each(assoc, node, headers, result, progress, aborter)
    except Exception:  # Cancelled, or whatever the cut connection raised between two steps
        if cancel is None or not cancel.is_set():
            raise
        result.cancelled = True
    return result


def _store_each(assoc: Association, node: DicomNode, headers: dict[Path, tuple[str, str]], result: SendResult,
                progress: Callable[[int, int], None] | None, aborter: ConnectionAborter) -> bool:
    """Send each file; True when Cancel stopped it before the last (a Cancel after it changes nothing)."""
    for done, path in enumerate(headers, start=1):
        if aborter.cancelled:
            return True
        try:
            status = assoc.send_c_store(path)
        except (ValueError, RuntimeError) as exc:  # no accepted context for it, or the link dropped
            if aborter.cancelled:
                return True
            result.failed.append((path, f"cannot send: {exc}"))
            continue
        code = int(status.Status) if status else None
        if code is None and aborter.cancelled:
            return True  # cut off by Cancel: neither sent nor a failure of the node
        if code is None:
            result.failed.append((path, "no response (timeout or association aborted)"))
        elif code in (0x0000, 0xB000, 0xB006, 0xB007):
            result.sent.append(path)
        else:
            result.failed.append((path, f"{node.describe()} answered 0x{code:04X}"))
        if progress is not None:
            progress(done, len(headers))
    return False
