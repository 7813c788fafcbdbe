"""The workstation window: panes in the centre, docks around them, menus built from the command table.

The window puts the parts together and gives them the few calls they share (a dock, a menu, an error message). The
parts each have a module: the current film and what follows it (``current_film``, with the comparison pane in
``comparison_pane``), blinded reading and a plugin's hold on the view (``view_hold``), the docks (``window_docks``),
the status bar (``status_bar``), the plugins (``window_plugins``, reaching the window through ``host``), the Open and
Export dialogs and drops (``window_files``), the controls over both panes (``pane_controls``) and the Query/Retrieve
window (``pacs_launcher``). The command table (``actions``) binds their handlers to menus and keys.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui import actions, status_bar, theme, theme_menu, window_docks
from cxr_viewer.gui.cache import ImageCache
from cxr_viewer.gui.eliding_status_bar import ElidingStatusBar
from cxr_viewer.gui.current_film import TITLE, CurrentFilm
from cxr_viewer.gui.frame_stepper import FrameStepper
from cxr_viewer.gui.empty_hint import hint_text
from cxr_viewer.gui.host import GuiHost
from cxr_viewer.gui.layer_panel import LayerPanel
from cxr_viewer.gui.layout import PaneLayout
from cxr_viewer.gui.messages import MessagePanel
from cxr_viewer.gui.opener import ImageOpener
from cxr_viewer.gui.pacs_launcher import PacsLauncher
from cxr_viewer.gui.pane_controls import PaneControls
from cxr_viewer.gui.tag_panel import TagPanel
from cxr_viewer.gui.tasks import TaskRunner
from cxr_viewer.gui.user_presets import UserPresets
from cxr_viewer.gui.view_hold import ViewHold
from cxr_viewer.gui.window_files import WindowFiles
from cxr_viewer.gui.window_plugins import WindowPlugins
from cxr_viewer.plugins import PluginRecord
from cxr_viewer.settings import Settings, load_settings

MENU_ORDER = ("&File", "&Image", "&Tools", "&Navigate", "&View", "Plugins")


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, settings: Settings | None = None, load_plugins: bool = True, with_browser: bool = True,
                 demo: bool = False) -> None:
        settings = settings or load_settings()
        theme.apply(QtWidgets.QApplication.instance(), settings.theme)  # before any widget: none is ever drawn light
        super().__init__()
        self.demo = demo
        self.setWindowTitle(TITLE)
        self.setStatusBar(ElidingStatusBar())  # a long message stops short of the plugins' permanent status
        self.settings = settings
        self.menus: dict[str, QtWidgets.QMenu] = {name: self.menuBar().addMenu(name) for name in MENU_ORDER}
        self.plugin_actions: dict[str, QtGui.QAction] = {}
        self.messages = MessagePanel()
        self.hold = ViewHold(self)  # before anything reports: ``report_error`` asks it
        self.tasks = TaskRunner(self.report_error, self)
        self.opener = ImageOpener(ImageCache(self.settings.cache_limit_mb * 2**20), self.report_error,
                                  lambda text: self.statusBar().showMessage(text, 8000), self.tasks)
        self.layout_panes = PaneLayout()
        self.setCentralWidget(self.layout_panes)
        self.tag_panel = TagPanel()
        self.tag_panel.follow(self.layout_panes)  # in 1×2 the tags of the active pane's film
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
        self.pane_controls = PaneControls(self)
        self.user_presets = UserPresets(self)
        self.frames = FrameStepper(self)
        self.files = WindowFiles(self)
        self.pacs = PacsLauncher(self)
        self.actions = actions.install(self)
        self.user_presets.attach()
        self.theme_actions = theme_menu.install(self)
        self.layout_panes.primary.empty_hint.set_text(hint_text(self.actions["open_files"], self.actions["open_folder"]))
        self.film = CurrentFilm(self)
        self.opener.image_ready.connect(self.film.show)
        self.host = GuiHost(self)
        self.plugins = WindowPlugins(self.settings, self.report_error, self.statusBar().showMessage)
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self._docks_sized = False  # sized to the window when it is first shown
        if load_plugins:
            self.plugins.load(self.host, self.menu_named("Plugins"))
        for problem in self.settings.problems:  # a damaged settings file: said where the user looks, not only logged
            self.report_error("Settings", problem)

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
        self.hold.announce(title, text)  # not during a blinded read: the dock and the line would name files

    # --- the parts' calls that tests, the command line and other modules make on the window ---------------------
    def open_paths(self, paths: list[str | Path]) -> bool:
        return self.opener.open_paths(paths)

    def close_image(self) -> None:
        self.film.close()

    def current_study_uid(self) -> str:
        return self.film.study_uid()

    def set_layout(self, mode: str) -> None:
        self.layout_panes.set_mode(mode)
        self.film.show_comparison()

    def open_pacs(self) -> None:
        self.pacs.open()

    def export_view(self, path: str) -> bool:
        return self.files.export_view(path)

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
        self.tasks.shut_down()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:  # noqa: N802 - Qt naming
        self.files.accept_drag(event)

    def dragMoveEvent(self, event: QtGui.QDragMoveEvent) -> None:  # noqa: N802 - Qt naming
        self.files.accept_drag(event)

    def dropEvent(self, event: QtGui.QDropEvent) -> None:  # noqa: N802 - Qt naming
        self.files.drop(event)
