"""Feeds instances received over the network into the study index, from one background thread.

pynetdicom runs each association on its own thread; indexing from those threads would open one SQLite
connection per association and commit once per file. Instead the SCP's ``on_stored`` callback only queues
the path, and a single writer imports whatever has queued up in one transaction, which keeps up with
hundreds of instances per second and never makes a sender wait for the database.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from pathlib import Path

from cxr_viewer.index.db import IndexVersionError, StudyIndex
from cxr_viewer.index.importer import ImportReport, import_paths
from cxr_viewer.index.paths import default_index_path
from cxr_viewer.index.read_only import cannot_write
from cxr_viewer.net.errors import PacsError

log = logging.getLogger(__name__)
_STOP = object()
MAX_BATCH = 200


class IndexWriter:
    """Callable as ``on_stored``; call :meth:`close` to drain the queue before the program exits."""

    def __init__(self, index: StudyIndex) -> None:
        self.index = index
        self.report = ImportReport()
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="cxr-index-writer", daemon=True)
        self._thread.start()

    def __call__(self, path: Path) -> None:
        self._queue.put(Path(path))

    def close(self) -> ImportReport:
        self._queue.put(_STOP)
        self._thread.join()
        return self.report

    def _run(self) -> None:
        try:
            stopping = False
            while not stopping:
                batch = [self._queue.get()]
                while len(batch) < MAX_BATCH and not self._queue.empty():
                    batch.append(self._queue.get_nowait())
                stopping = _STOP in batch
                paths = [item for item in batch if item is not _STOP]
                if paths:
                    self._import(paths)
        finally:
            self.index.close()  # this thread's connection

    def _import(self, paths: list[Path]) -> None:
        """Import one batch; a batch that fails as a whole is recorded as failed instead of ending the thread.

        The index can be locked for too long or the disk full; a dead writer would leave every later instance of
        the session unindexed without a word.
        """
        try:
            part = import_paths(self.index, paths)
        except Exception as exc:  # any error here would otherwise kill the writer silently
            log.exception("indexing %d received instances failed", len(paths))
            reason = f"not indexed: {type(exc).__name__}: {exc}"
            part = ImportReport(failed=[(path, reason) for path in paths])
        self._merge(part)

    def _merge(self, part: ImportReport) -> None:
        self.report.added += part.added
        self.report.updated += part.updated
        self.report.unchanged += part.unchanged
        self.report.failed.extend(part.failed)
        self.report.duplicates.extend(part.duplicates)


def open_writer(index_path: Path | None = None) -> IndexWriter:
    """A writer on the study index at ``index_path`` (None: the default one); PacsError, with the reason, when the
    index cannot be opened for writing: on a read-only share or disk (which the viewer opens for reading), damaged,
    or newer. Raised as it came, SQLite's "unable to open database file" escaped the Receiver tab's Start button,
    which then did nothing visible, and ended ``cxr-pacs scp`` with a traceback."""
    path = Path(index_path) if index_path is not None else default_index_path()
    if cannot_write(path):  # else SQLite's "unable to open database file", which named no cause
        raise PacsError(f"the study index {path} cannot take received files: it cannot be written (its file or "
                        "folder is read-only, or on a read-only disk or share)")
    try:
        index = StudyIndex(path)
    except (sqlite3.Error, IndexVersionError, OSError) as exc:
        busy = "; another program (an import in the viewer, cxr-index) holds it: try again once it has finished"
        raise PacsError(f"the study index {path} cannot take received files ({exc}"
                        f"{busy if 'locked' in str(exc) else ''})") from exc
    return IndexWriter(index)
