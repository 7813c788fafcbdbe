"""The workstation window: panes in the centre, docks around them, menus built from the command table."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.discovery import pictures_among
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.raster_reader import PILLOW_SUFFIXES
from cxr_viewer.gui import actions
from cxr_viewer.gui.cache import ImageCache
from cxr_viewer.gui.host import GuiHost
from cxr_viewer.gui.layer_panel import LayerPanel
from cxr_viewer.gui.layout import PaneLayout
from cxr_viewer.gui.messages import MessagePanel
from cxr_viewer.gui.opener import ImageOpener
from cxr_viewer.gui.tag_panel import TagPanel
from cxr_viewer.gui.tasks import TaskProgressWidget, TaskRunner
from cxr_viewer.plugins import PluginRecord, activate_all, discover, guarded
from cxr_viewer.settings import Settings, load_settings, save_settings

MENU_ORDER = ("&File", "&Image", "&Tools", "&Navigate", "&View", "Plugins")
VIEW_CHANGING_COMMANDS = ("open_files", "open_folder", "open_dicomdir", "pacs", "prev_image", "next_image",
                          "prev_study", "next_study", "layout_1x2")
# the comparison pane's corner line, by where its film came from (navigation.Comparison.origin), or why it is empty
COMPARISON_TEXT = {"list": "comparison", "study": "comparison", "index": "comparison from the study index",
                   "": "no study of this patient to compare",
                   "undated": "no study date on this film: no prior sought in the study index"}


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
                                  lambda text: self.statusBar().showMessage(text, 8000))
        self.layout_panes = PaneLayout()
        self.setCentralWidget(self.layout_panes)
        self.tag_panel = TagPanel()
        self.layer_panel = LayerPanel()
        self.layer_panel.set_manager(self.layout_panes.primary.overlays)
        self.docks = {
            "tags": self.add_dock("DICOM tags", self.tag_panel, QtCore.Qt.DockWidgetArea.RightDockWidgetArea),
            "layers": self.add_dock("Layers", self.layer_panel, QtCore.Qt.DockWidgetArea.RightDockWidgetArea),
            "messages": self.add_dock("Messages", self.messages, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea),
        }
        # the side docks run the full height and the message strip sits under the image only: stacked side docks
        # (tags, layers, a plugin's findings or reading panel) need the height more than the messages need the width
        self.setCorner(QtCore.Qt.Corner.BottomLeftCorner, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(QtCore.Qt.Corner.BottomRightCorner, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        self.browser = None
        if with_browser:
            from cxr_viewer.gui.browser import StudyBrowser

            self.browser = StudyBrowser(self)
            self.docks["browser"] = self.add_dock("Studies", self.browser, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.cursor_label = QtWidgets.QLabel()
        self.statusBar().addWidget(self.cursor_label, 1)
        self.plugin_status = self._permanent_status_label()
        self.statusBar().addPermanentWidget(self.plugin_status)
        self.task_progress = TaskProgressWidget(self.tasks)
        self.statusBar().addPermanentWidget(self.task_progress)
        for pane in self.layout_panes.panes:
            pane.cursor_text.connect(self.cursor_label.setText)
            pane.corners.set_visible(self.settings.show_text_overlays)
        self.actions = actions.install(self)
        self.opener.image_ready.connect(self._on_image_ready)
        for pane in self.layout_panes.panes:  # the prior is measured too (a nodule's size then and now)
            pane.measure.measured.connect(lambda text: self.statusBar().showMessage(f"Distance {text}"))
            pane.measure.deleted.connect(self._on_measurements_deleted)
        self.metadata_hidden = False
        self._last_study_uid = ""
        self._pacs_dialog = None
        self.host = GuiHost(self)
        self.plugin_records: list[PluginRecord] = []
        self._plugins_deactivated = False
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self._docks_sized = False  # sized to the window when it is first shown
        if load_plugins:
            self.load_plugins()

    def add_dock(self, title: str, widget: QtWidgets.QWidget, area: QtCore.Qt.DockWidgetArea,
                 name_prefix: str = "dock") -> QtWidgets.QDockWidget:
        """A dock with its View-menu toggle, so a dock closed by its cross can always be brought back."""
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(f"{name_prefix}-{title}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menus["&View"].addAction(dock.toggleViewAction())
        return dock

    def _size_docks(self) -> None:
        """Give the image the room: a short message strip, side docks just wide enough to read.

        The sizes shrink with the window (they are set again when it is first shown, at its real size): fixed
        widths that suit 1400 px left a 1024 px window a quarter of its width for the film, and fixed heights
        squeezed the docks below the tags (the AI findings) until their text was cut off.
        """
        horizontal, vertical = QtCore.Qt.Orientation.Horizontal, QtCore.Qt.Orientation.Vertical
        width, height = self.width(), self.height()
        self.resizeDocks([self.docks["messages"]], [min(90, height // 10)], vertical)
        self.resizeDocks([self.docks["tags"]], [min(380, width // 4)], horizontal)
        self.resizeDocks([self.docks["tags"], self.docks["layers"]], [min(420, height * 3 // 10), min(160, height // 8)],
                         vertical)
        if "browser" in self.docks:
            self.resizeDocks([self.docks["browser"]], [min(330, width // 5)], horizontal)

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            self._size_docks()

    @staticmethod
    def _permanent_status_label() -> QtWidgets.QLabel:
        """Plugins' permanent status (the AI's "research use only" and model version), right of the cursor readout
        and the passing messages, which therefore cannot erase it. It is clipped rather than widen the window, and
        to half its width (see ``resizeEvent``) so that a passing message keeps room to be read."""
        label = QtWidgets.QLabel()
        label.setMinimumWidth(1)
        return label

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt naming
        self.plugin_status.setMaximumWidth(event.size().width() // 2)
        super().resizeEvent(event)

    def menu_named(self, name: str) -> QtWidgets.QMenu:
        if name not in self.menus:
            self.menus[name] = self.menuBar().addMenu(name)
        return self.menus[name]

    # --- plugins and errors ------------------------------------------------------------------------------
    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt naming
        self.deactivate_plugins()
        super().closeEvent(event)

    def deactivate_plugins(self) -> None:
        """Call each active plugin's ``deactivate`` once (it closes its files, ends its threads); one that raises
        is reported and the others, and the closing, go on."""
        if self._plugins_deactivated:
            return
        self._plugins_deactivated = True
        for record in self.plugin_records:
            if record.active:
                guarded(self.report_error, f"{record.name} deactivate", record.plugin.deactivate)

    def load_plugins(self) -> None:
        self.plugin_records = discover(set(self.settings.disabled_plugins))
        activate_all(self.plugin_records, self.host, self.report_error)
        enabled_menu = self.menu_named("Plugins").addMenu("Enabled plugins (at next start)")
        for record in self.plugin_records:
            toggle = enabled_menu.addAction(record.name + (f"  — failed: {record.error}" if record.error else ""))
            toggle.setCheckable(True)
            toggle.setChecked(not record.disabled)
            toggle.toggled.connect(lambda on, name=record.name: self._set_plugin_enabled(name, on))

    def _set_plugin_enabled(self, name: str, enabled: bool) -> None:
        disabled = [n for n in self.settings.disabled_plugins if n != name] + ([] if enabled else [name])
        self.settings.disabled_plugins = disabled
        save_settings(self.settings)
        self.statusBar().showMessage(f"Plugin {name} {'enabled' if enabled else 'disabled'} from the next start", 6000)

    def report_error(self, title: str, text: str, detail: str | None = None) -> None:
        """Non-blocking: list the message, show its first line in the status bar, bring the message dock up.

        ``detail`` is the long form (e.g. every file a summary leaves out), shown when the message is double-clicked.
        """
        self.messages.add(title, text, detail)
        first_line = text.split("\n", 1)[0]
        self.statusBar().showMessage(f"{title}: {first_line}", 15000)
        self.docks["messages"].show()

    # --- opening ----------------------------------------------------------------------------------------------
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

    def _on_measurements_deleted(self, texts: list) -> None:
        """The status bar must not go on reading "Distance 20.0 mm" for a line that is gone."""
        if self.statusBar().currentMessage() in {f"Distance {text}" for text in texts}:
            self.statusBar().clearMessage()

    def close_image(self) -> None:
        self.layout_panes.primary.position_text = ""  # "Image 1/1 Study 1/1" beside an empty view reads as a film
        self.layout_panes.primary.clear_image()
        self.tag_panel.set_dataset(None)
        self._update_title(None)
        self.opener.close()  # last: whoever hears of it (plugins) finds the view empty

    def set_view_locked(self, owner: str | None) -> None:
        """While a plugin holds the view (blinded reading), the user cannot change what is shown: no opening or
        navigating, no comparison pane (it would show another study), no layer toggles."""
        self.opener.locked_by = owner
        if owner is not None:
            self.set_layout("1x1")
        for command_id in VIEW_CHANGING_COMMANDS:
            self.actions[command_id].setEnabled(owner is None)
        self.layer_panel.setEnabled(owner is None)

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
        """The comparison pane: the same patient's prior (from the open list, else from the study index), else
        another image of this study; else it is emptied (a film left from the last study, perhaps another patient's,
        must not stand beside this one)."""
        second = self.layout_panes.secondary
        if second is None:
            return
        comparison = self.opener.navigator.comparison(self.browser.prior_image if self.browser is not None else None)
        path = comparison.path
        missing = path is not None and not path.exists()  # an indexed prior moved or deleted since its import
        image = self.opener.load(path) if path is not None and not missing else None
        if image is None:
            second.position_text = (COMPARISON_TEXT[comparison.origin] if path is None
                                    else f"comparison missing on disk:\n{path}" if missing
                                    else "comparison not opened (see Messages)")
            second.clear_image()
            return
        second.blinded = self.metadata_hidden
        second.position_text = COMPARISON_TEXT[comparison.origin]
        second.set_image(image)
        if self.layout_panes.linked_view:
            self.layout_panes.set_linked_view(True)
        primary = self.layout_panes.primary
        if self.layout_panes.linked_window and primary.state != primary.start_state:  # e.g. a window kept in a series
            self.layout_panes.set_linked_window(True)

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

    # --- command handlers -------------------------------------------------------------------------------------
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
            self.open_paths(files)

    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "Open folder (searched recursively)")
        if folder:
            self.open_paths([folder])

    def choose_dicomdir(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Open DICOMDIR", filter="DICOMDIR (DICOMDIR);;All files (*)")
        if path:
            self.open_paths([path])

    def open_pacs(self) -> None:
        """Non-modal Query/Retrieve; retrieved studies are opened and added to the study index.

        One window per main window, so its query results, receiver and send list survive closing and reopening.
        """
        from cxr_viewer.gui.pacs_dialog import PacsDialog
        from cxr_viewer.net.config import load_settings as load_pacs_settings

        if self._pacs_dialog is None:
            try:
                pacs_settings = load_pacs_settings()
            except ValueError as exc:
                self.report_error("PACS settings", str(exc))
                return
            self._pacs_dialog = PacsDialog(pacs_settings, self, send_paths=self.pacs_send_candidates)
            self._pacs_dialog.retrieved.connect(self._open_retrieved)
        self._pacs_dialog.send_tab.reload_from_viewer()
        self._pacs_dialog.show()
        self._pacs_dialog.raise_()

    def pacs_send_candidates(self) -> list[Path]:
        """The DICOM files of the study on screen, as the navigator grouped them (the Send tab's default list)."""
        navigator = self.opener.navigator
        if not navigator.studies:
            return []
        return [path for path in navigator.studies[navigator.study] if path.suffix.lower() not in PILLOW_SUFFIXES]

    def _open_retrieved(self, paths: list) -> None:
        pictures = pictures_among(Path(p) for p in paths)  # SR/SEG stay on disk, in the receiver's store
        if pictures:
            self.open_paths(pictures)
        elif paths:
            self.statusBar().showMessage(f"Retrieved {len(paths)} object(s), none of them an image to show "
                                         "(reports, segmentations); they are in the receiver's store", 15000)
        if pictures and self.browser is not None:
            self.browser.import_files(pictures, title="Indexing retrieved study")

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

    # --- drag and drop --------------------------------------------------------------------------------------
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
            self.open_paths(paths)
