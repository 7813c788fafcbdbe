"""Turns one incoming C-STORE request into a stored file or a precise DIMSE failure status.

Shared by the storage SCP (C-MOVE destinations, modalities pushing to us) and the C-GET SCU, which receives
its instances over its own association. A sender must never be able to crash us: undecodable data answers
0xC210 (cannot understand), missing identifying UIDs 0xC211, a full disk 0xA700 (out of resources).
"""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pynetdicom.events import Event

from cxr_viewer.net.safe_store import MIN_FREE_BYTES, StoreFullError, instance_path, write_atomically

log = logging.getLogger(__name__)

STATUS_SUCCESS = 0x0000
STATUS_OUT_OF_RESOURCES = 0xA700
STATUS_CANNOT_UNDERSTAND = 0xC210
STATUS_MISSING_UIDS = 0xC211
STATUS_REFUSED_CANCELLED = 0xA702

OnStored = Callable[[Path], None]


@dataclass
class ReceiveLog:
    """What arrived, for progress displays and tests; guarded because associations run on threads."""

    stored: list[Path] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add_stored(self, path: Path) -> None:
        with self.lock:
            self.stored.append(path)

    def add_rejected(self, status: int, reason: str) -> None:
        with self.lock:
            self.rejected.append((status, reason))


class StoreHandler:
    """``EVT_C_STORE`` handler writing into ``store_dir``; calls ``on_stored`` after each file lands."""

    def __init__(
        self,
        store_dir: Path,
        on_stored: OnStored | None = None,
        min_free_bytes: int = MIN_FREE_BYTES,
        refuse: threading.Event | None = None,
    ) -> None:
        self.store_dir = Path(store_dir)
        self.on_stored = on_stored
        self.min_free_bytes = min_free_bytes
        self.log = ReceiveLog()
        self.refuse = refuse if refuse is not None else threading.Event()  # once set, instances are refused

    def __call__(self, event: Event) -> int:
        calling = event.assoc.requestor.ae_title
        if self.refuse.is_set():
            return self._reject(STATUS_REFUSED_CANCELLED, f"{calling}: retrieval was cancelled")
        try:
            dataset = event.dataset
            for _element in dataset.iterall():
                pass  # forces every value to decode now, so garbage is caught here and not by a reader later
        except Exception as exc:  # noqa: BLE001 - any decoding error means the same thing to the sender
            return self._reject(STATUS_CANNOT_UNDERSTAND, f"{calling}: undecodable dataset: {exc}")
        missing = [k for k in ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID") if not dataset.get(k)]
        if missing:
            return self._reject(STATUS_MISSING_UIDS, f"{calling}: dataset lacks {', '.join(missing)}")
        path = instance_path(self.store_dir, dataset)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, event.encoded_dataset(), self.min_free_bytes)
        except StoreFullError as exc:
            return self._reject(STATUS_OUT_OF_RESOURCES, f"{calling}: store full: {exc}")
        except OSError as exc:  # ENOSPC/EDQUOT mid-write, permissions, a vanished disk: all out of resources
            full = " (disk full)" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
            return self._reject(STATUS_OUT_OF_RESOURCES, f"{calling}: cannot write {path}{full}: {exc}")
        self.log.add_stored(path)
        if self.on_stored is not None:
            try:
                self.on_stored(path)
            except Exception:  # the file is safely stored; an indexing hiccup must not fail the transfer
                log.exception("on_stored callback failed for %s", path)
        return STATUS_SUCCESS

    def refused_for_cancel(self) -> int:
        """How many instances were turned away because the retrieval was cancelled."""
        return sum(1 for status, _reason in self.log.rejected if status == STATUS_REFUSED_CANCELLED)

    def _reject(self, status: int, reason: str) -> int:
        log.warning("C-STORE refused with 0x%04X: %s", status, reason)
        self.log.add_rejected(status, reason)
        return status
