"""The receiver a user starts from the viewer: our storage SCP with everything it stores indexed.

The GUI needs one object it can start, stop and read counters from while instances arrive on pynetdicom's
threads; this pairs :class:`StorageSCP` with an :class:`IndexWriter` and applies the same allowed-sender
rule as ``cxr-pacs scp`` (the explicit list plus every configured node).
"""

from __future__ import annotations

from pathlib import Path

from cxr_viewer.index.importer import ImportReport
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.index_writer import IndexWriter, open_writer
from cxr_viewer.net.receiver import ReceiveLog
from cxr_viewer.net.scp import StorageSCP


def allowed_senders(settings: PacsSettings) -> list[str]:
    """Who may open an association to us: the explicit list and every node we ourselves talk to."""
    titles = [*settings.allowed_calling_aes, *(node.ae_title for node in settings.nodes.values())]
    return sorted({title.strip() for title in titles if title.strip()})


class IndexedReceiver:
    """Start/stop wrapper; counters stay readable after stop so the GUI can show the last session."""

    def __init__(self, index_path: Path | None = None) -> None:
        self.index_path = index_path
        self._scp: StorageSCP | None = None
        self._writer: IndexWriter | None = None
        self.log = ReceiveLog()
        self.last_index_report = ImportReport()

    @property
    def running(self) -> bool:
        return self._scp is not None

    @property
    def port(self) -> int:
        if self._scp is None:
            raise RuntimeError("the receiver is not running")
        return self._scp.port

    def start(self, settings: PacsSettings) -> None:
        """Listen on ``settings.scp_port``; a busy port, an empty allowed list or an index that cannot be written
        raises PacsError."""
        if self._scp is not None:
            raise PacsError("the receiver is already running")
        allowed = allowed_senders(settings)
        if not allowed:
            raise PacsError("no sender is allowed: add a node or an allowed AE title first")
        writer = open_writer(self.index_path)
        try:
            scp = StorageSCP(settings.resolved_store_dir(), settings.ae_title, settings.scp_port, allowed,
                             settings.scp_bind_address, on_stored=writer)
            scp.start()
        except (OSError, ValueError, PacsError) as exc:
            writer.close()
            where = f"{settings.scp_bind_address}:{settings.scp_port}"
            raise PacsError(f"cannot start the receiver {settings.ae_title} on {where}: {exc}") from exc
        self._scp, self._writer, self.log = scp, writer, scp.received

    def stop(self) -> ImportReport:
        """Stop listening and abort the associations still open, then wait until every received file is in the
        index. Left open, a sender mid-push went on writing into the store after the writer had closed: those files
        were on disk but never indexed. The file in hand lands whole and is queued before the writer closes."""
        if self._scp is None or self._writer is None:
            return self.last_index_report
        self._scp.stop(abort_open=True)
        self.last_index_report = self._writer.close()
        self._scp = self._writer = None
        return self.last_index_report

    def index_failures(self) -> list[tuple[Path, str]]:
        """Files stored but not indexable so far (read while running: a snapshot, the writer appends)."""
        report = self._writer.report if self._writer is not None else self.last_index_report
        return list(report.failed)
