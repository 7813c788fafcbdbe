"""The workstation window: panes in the centre, docks around them, menus built from the command table.

The window puts the parts together and keeps what ties them to each other: which film is current (the tags, the
layers, the title and the comparison pane follow it), blinded reading and a plugin's hold on the view, and the
handlers the command table (``actions``) binds. The parts each have a module: the docks (``window_docks``), the
status bar (``status_bar``), the plugins (``window_plugins``), the comparison pane (``comparison_pane``) and the
Query/Retrieve window (``pacs_launcher``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui import actions, status_bar, window_docks
from cxr_viewer.gui.cache import ImageCache
from cxr_viewer.gui.comparison_pane import ComparisonPane
from cxr_viewer.gui.host import GuiHost
from cxr_viewer.gui.layer_panel import LayerPanel
from cxr_viewer.gui.layout import PaneLayout
from cxr_viewer.gui.messages import MessagePanel
from cxr_viewer.gui.opener import ImageOpener
from cxr_viewer.gui.pacs_launcher import PacsLauncher
from cxr_viewer.gui.tag_panel import TagPanel
from cxr_viewer.gui.tasks import TaskRunner
from cxr_viewer.gui.window_plugins import WindowPlugins
from cxr_viewer.plugins import PluginRecord
from cxr_viewer.settings import Settings, load_settings

MENU_ORDER = ("&File", "&Image", "&Tools", "&Navigate", "&View", "Plugins")
VIEW_CHANGING_COMMANDS = ("open_files", "open_folder", "open_dicomdir", "pacs", "prev_image", "next_image",
                          "prev_study", "next_study", "layout_1x2")


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, settings: Settings | None = None, load_plugins: bool = True, with_browser: bool = True,
                 demo: bool = False) -> None:
        super().__init__()
        self.demo = demo
        self.setWindowTitle("CXR Viewer (research use only)")
        self.settings = settings or load_settings()
        self.menus: dict[str, QtWidgets.QMenu] = {name: self.menuBar().addMenu(name) for name in MENU_ORDER}
        self.plugin_actions: dict[str, QtGui.QAction] = {}
        self.messages = MessagePanel()
        self.tasks = TaskRunner(self.report_error, self)
        self.opener = ImageOpener(ImageCache(self.settings.cache_limit_mb * 2**20), self.report_error,
                                  lambda text: self.statusBar().showMessage(text, 8000), self.tasks)
        self.layout_panes = PaneLayout()
        self.setCentralWidget(self.layout_panes)
        self.tag_panel = TagPanel()
        self.layer_panel = LayerPanel()
        self.layer_panel.set_manager(self.layout_panes.primary.overlays)
        self.docks = window_docks.add_standard_docks(self, self.menus["&View"], self.tag_panel, self.layer_panel,
                                                     self.messages)
        self.browser = None
        if with_browser:
            from cxr_viewer.gui.browser import StudyBrowser

            self.browser = StudyBrowser(self)
            self.docks["browser"] = self.add_dock("Studies", self.browser, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.cursor_label, self.plugin_status, self.task_progress = status_bar.install(self.statusBar(), self.tasks)
        for pane in self.layout_panes.panes:
            pane.cursor_text.connect(self.cursor_label.setText)
            pane.corners.set_visible(self.settings.show_text_overlays)
        self.actions = actions.install(self)
        self.opener.image_ready.connect(self._on_image_ready)
        for pane in self.layout_panes.panes:  # the prior is measured too (a nodule's size then and now)
            pane.measure.measured.connect(lambda text: status_bar.show_distance(self.statusBar(), text))
            pane.measure.deleted.connect(lambda texts: status_bar.forget_distances(self.statusBar(), texts))
        self.metadata_hidden = False
        self._last_study_uid = ""
        self.comparison = ComparisonPane(self.layout_panes, self.opener,
                                         self.browser.prior_image if self.browser is not None else None)
        if self.browser is not None:  # an import may bring the prior the comparison pane lacked
            self.browser.import_finished.connect(lambda _report: self.comparison.refresh(self.metadata_hidden))
        self.pacs = PacsLauncher(self)
        self.host = GuiHost(self)
        self.plugins = WindowPlugins(self.settings, self.report_error, self.statusBar().showMessage)
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self._docks_sized = False  # sized to the window when it is first shown
        if load_plugins:
            self.plugins.load(self.host, self.menu_named("Plugins"))

    @property
    def plugin_records(self) -> list[PluginRecord]:
        return self.plugins.records

    def add_dock(self, title: str, widget: QtWidgets.QWidget, area: QtCore.Qt.DockWidgetArea,
                 name_prefix: str = "dock") -> QtWidgets.QDockWidget:
        return window_docks.add_dock(self, self.menus["&View"], title, widget, area, name_prefix)

    def menu_named(self, name: str) -> QtWidgets.QMenu:
        if name not in self.menus:
            self.menus[name] = self.menuBar().addMenu(name)
        return self.menus[name]

    def report_error(self, title: str, text: str, detail: str | None = None) -> None:
        """Non-blocking: list the message, show its first line in the status bar, bring the message dock up.

        ``detail`` is the long form (e.g. every file a summary leaves out), shown when the message is double-clicked.
        """
        self.messages.add(title, text, detail)
        first_line = text.split("\n", 1)[0]
        self.statusBar().showMessage(f"{title}: {first_line}", 15000)
        self.docks["messages"].show()

    # --- the current film ---------------------------------------------------------------------------------------
    def open_paths(self, paths: list[str | Path]) -> bool:
        return self.opener.open_paths(paths)

    def _on_image_ready(self, image: LoadedImage) -> None:
        pane = self.layout_panes.primary
        pane.position_text = self.opener.navigator.position_text()
        pane.set_image(image, keep_series_window=True)  # the one place the series rule applies (docs/viewer.md)
        self.tag_panel.set_dataset(image.dataset)
        self.layer_panel.set_manager(pane.overlays)
        self._update_title(image)
        self._load_secondary()
        self.layout_panes.set_active(pane)  # a new current film: the prior was reloaded too, so start on the film
        pane.setFocus()  # arrow keys navigate while the image area has focus
        study_uid = self.current_study_uid()
        if self.browser is not None and study_uid != self._last_study_uid:
            self._last_study_uid = study_uid
            self.browser.note_opened(study_uid)

    def close_image(self) -> None:
        self.layout_panes.primary.position_text = ""  # "Image 1/1 Study 1/1" beside an empty view reads as a film
        self.layout_panes.primary.clear_image()
        self.tag_panel.set_dataset(None)
        self._update_title(None)
        self.opener.close()  # last: whoever hears of it (plugins) finds the view empty

    def current_study_uid(self) -> str:
        """The StudyInstanceUID of the image in the main pane ('' for none or non-DICOM)."""
        image = self.layout_panes.primary.image
        return str(image.metadata.get("StudyInstanceUID", "")) if image is not None else ""

    def _update_title(self, image: LoadedImage | None) -> None:
        name = "" if image is None or self.metadata_hidden else f" — {image.display_name}"
        self.setWindowTitle(f"CXR Viewer (research use only){name}")

    def set_layout(self, mode: str) -> None:
        self.layout_panes.set_mode(mode)
        self._load_secondary()

    def _load_secondary(self) -> None:
        self.comparison.show(self.metadata_hidden)

    # --- blinded reading and a plugin's hold on the view -------------------------------------------------------
    def set_view_locked(self, owner: str | None) -> None:
        """While a plugin holds the view (blinded reading), the user cannot change what is shown: no opening or
        navigating, no comparison pane (it would show another study), no layer toggles."""
        self.opener.locked_by = owner
        if owner is not None:
            self.set_layout("1x1")
        for command_id in VIEW_CHANGING_COMMANDS:
            self.actions[command_id].setEnabled(owner is None)
        self.layer_panel.setEnabled(owner is None)

    def set_metadata_hidden(self, hidden: bool) -> None:
        self.metadata_hidden = hidden
        for pane in self.layout_panes.panes:
            pane.blinded = hidden
            pane.refresh_text()
        self.tag_panel.setEnabled(not hidden)
        self.docks["tags"].setVisible(not hidden)
        self.docks["tags"].toggleViewAction().setEnabled(not hidden)
        if self.browser is not None:
            self.docks["browser"].setVisible(not hidden)
            self.docks["browser"].toggleViewAction().setEnabled(not hidden)
        self._update_title(self.layout_panes.primary.image)

    # --- command handlers (bound by ``actions``) ----------------------------------------------------------------
    def apply_preset(self, number: int) -> None:
        if not self.layout_panes.active.apply_preset(number):
            self.statusBar().showMessage(f"No window preset {number} for this image", 4000)

    def toggle_measure(self) -> None:
        """On or off in both panes, the hidden one too, so a prior shown later is measured like the film."""
        active = self.actions["measure"].isChecked()
        for pane in self.layout_panes.panes:
            pane.measure.active = active
        self.statusBar().showMessage("Measure: left-drag on the image" if active else "Measure off", 4000)

    def toggle_text(self) -> None:
        for pane in self.layout_panes.panes:
            pane.corners.set_visible(self.actions["toggle_text"].isChecked())

    def toggle_link_view(self) -> None:
        self.layout_panes.set_linked_view(self.actions["link_view"].isChecked())

    def toggle_link_window(self) -> None:
        self.layout_panes.set_linked_window(self.actions["link_window"].isChecked())

    def choose_files(self) -> None:
        files, _ = QtWidgets.QFileDialog.getOpenFileNames(self, "Open images")
        if files:
            self.opener.open_in_background(files)

    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "Open folder (searched recursively)")
        if folder:
            self.opener.open_in_background([folder])

    def choose_dicomdir(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Open DICOMDIR", filter="DICOMDIR (DICOMDIR);;All files (*)")
        if path:
            self.opener.open_in_background([path])

    def open_pacs(self) -> None:
        self.pacs.open()

    def choose_export(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Export view", "view.png", "PNG (*.png)")
        if path:
            self.export_view(path)

    def export_view(self, path: str) -> bool:
        """A failed export is reported like any other error: the reader must not believe a key image saved."""
        try:
            size = self.layout_panes.active.export_png(path)  # in 1×2, the pane the reader chose
        except OSError as error:
            self.report_error("Export failed", f"{error} (nothing was written)")
            return False
        self.statusBar().showMessage(f"Exported {size.width()}×{size.height()} to {path}", 6000)
        return True

    # --- Qt events ----------------------------------------------------------------------------------------------
    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            window_docks.size_docks(self, self.docks)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt naming
        status_bar.fit_permanent_status(self.plugin_status, event.size().width())
        super().resizeEvent(event)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt naming
        self.plugins.deactivate()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:  # noqa: N802 - Qt naming
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QtGui.QDragMoveEvent) -> None:  # noqa: N802 - Qt naming
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:  # noqa: N802 - Qt naming
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.opener.open_in_background(paths)  # scanned off the GUI thread (gui/opener.py)
