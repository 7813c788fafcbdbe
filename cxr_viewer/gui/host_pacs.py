"""The plugin API's PACS calls (``plugin_api.host.pacs``): which nodes there are, and a plugin's files sent to one.

``GuiHost`` takes them in as a base class. The nodes are those of the PACS window (its settings object while it is
open, else the settings file it saves to), so a node added there is offered at once, and the plugins that asked to
be told hear of each edit of its Nodes tab (``nodes_edited``, connected by ``PacsLauncher``). The send runs as a
viewer task (progress and Cancel in the status bar) through the Send tab's C-STORE code (``net.send``); its outcome
is said file by file (``pacs_send_wording``), and nothing the plugin wrote is moved or deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cxr_viewer.gui import pacs_send_wording as wording

if TYPE_CHECKING:
    from cxr_viewer.gui.host_hooks import PluginHooks
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.net.config import PacsSettings
    from cxr_viewer.net.send import SendResult
    from cxr_viewer.plugin_api.host import ProgressReporter


class _CancelOf:
    """The task's Cancel as the ``threading.Event`` that ``send_files`` and its connection cutter poll."""

    def __init__(self, reporter: "ProgressReporter") -> None:
        self._reporter = reporter

    def is_set(self) -> bool:
        return self._reporter.cancelled


class PacsSendCalls:
    _window: "MainWindow"
    _hooks: "PluginHooks"
    _last_node = ""  # preselected the next time: the node this session last sent to

    def _pacs_settings(self) -> "PacsSettings":
        from cxr_viewer.net.config import load_settings  # here: networking stays off the start-up path

        dialog = self._window.pacs.dialog
        return dialog.settings if dialog is not None else load_settings()

    def pacs_nodes(self) -> list[str]:
        try:
            return sorted(self._pacs_settings().nodes)
        except ValueError:  # a broken settings file is said when the PACS window or a send needs it
            return []

    def on_pacs_nodes_changed(self, callback: Callable[[], None]) -> None:
        self._hooks.pacs_nodes.append(callback)

    def nodes_edited(self) -> None:
        """The Nodes tab added, edited or removed a node (and saved it): the plugins' hooks are called."""
        self._hooks.notify_pacs_nodes()

    def send_to_pacs(self, paths: Sequence[Path | str], what: str = "") -> None:
        from cxr_viewer.gui.pacs_node_choice import NodeChoice

        files = [Path(path) for path in paths]
        if not files:
            self._window.statusBar().showMessage("Nothing to send to PACS", 8000)
            return
        try:
            settings = self._pacs_settings()
        except ValueError as exc:
            self._window.report_error(wording.TITLE_NOT_SENT, wording.failed_text(exc, files, "PACS settings", what))
            return
        if not settings.nodes:
            error = LookupError("no PACS node is configured: add one on the Nodes tab of File > Query/Retrieve from "
                                "PACS…")
            self._window.report_error(wording.TITLE_NOT_SENT, wording.failed_text(error, files, "PACS", what))
            return
        nodes = {name: settings.nodes[name].describe() for name in sorted(settings.nodes)}
        dialog = NodeChoice(self._window, nodes, files, what, self._last_node)
        dialog.accepted.connect(lambda: self._send(settings, dialog.chosen(), files, what))
        dialog.rejected.connect(lambda: self._window.statusBar().showMessage(
            f"Not sent to PACS; the {len(files)} file(s) stay in {files[0].parent}", 8000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _send(self, settings: "PacsSettings", name: str, files: list[Path], what: str) -> None:
        from cxr_viewer.net.send import send_files

        self._last_node = name
        node, where = settings.nodes[name], f"{name} ({settings.nodes[name].describe()})"

        def work(reporter: "ProgressReporter") -> "SendResult":
            reporter.report(-1.0, f"Connecting to {where}")
            step = lambda done, total: reporter.report(done / total, f"{done} of {total} sent to {name}")  # noqa: E731
            cancel = _CancelOf(reporter)
            return send_files(settings.ae_title, node, files, step, cancel=cancel)  # type: ignore[arg-type]

        def done(result: "SendResult") -> None:
            if result.ok:
                self._window.statusBar().showMessage(wording.sent_line(result, where, what), 15000)
            else:
                title = wording.TITLE_CANCELLED if result.cancelled and not result.failed else wording.TITLE_NOT_SENT
                self._window.report_error(title, wording.unsent_text(result, files, where, what))

        def failed(error: BaseException) -> None:  # the network code's errors name the node's address already
            self._window.report_error(wording.TITLE_NOT_SENT, wording.failed_text(error, files, f"PACS node {name!r}",
                                                                                  what))

        self._window.tasks.run(work, done, failed, title=f"Sending to PACS {name}")
