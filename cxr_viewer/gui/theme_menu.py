"""View > Theme: Light, Dark or System, switched live and kept in ``viewer.json`` for the next start.

The choice is written at once (only the ``theme`` key, as every settings write), so a viewer that crashes later still
starts in the theme the reader chose. "System" also follows the desktop when it switches between light and dark while
the viewer runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui import theme
from cxr_viewer.settings import THEMES
from cxr_viewer.settings_file import update_settings_file

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

LABELS = {"light": "Light", "dark": "Dark", "system": "System (follow the desktop)"}


def install(w: "MainWindow") -> dict[str, QtGui.QAction]:
    """Add the submenu, its entry for the current setting checked; the actions are named ``theme_<name>``."""
    menu = w.menu_named("&View").addMenu("Theme")
    group = QtGui.QActionGroup(menu)
    chosen: dict[str, QtGui.QAction] = {}
    for name in THEMES:
        action = group.addAction(LABELS[name])
        action.setObjectName(f"theme_{name}")
        action.setCheckable(True)
        action.setChecked(name == w.settings.theme)
        action.triggered.connect(lambda _checked=False, name=name: choose(w, name))
        menu.addAction(action)
        chosen[name] = action
    _DesktopFollower(w)
    return chosen


def choose(w: "MainWindow", name: str) -> None:
    """Switch the whole application now, and keep the choice (or say in Messages why it was not kept)."""
    w.settings.theme = name
    theme.apply(QtWidgets.QApplication.instance(), name)
    try:
        update_settings_file(lambda raw: raw.update(theme=name))
    except OSError as exc:
        w.report_error("Settings not saved", f"the {LABELS[name]} theme lasts until the viewer closes: {exc}")


class _DesktopFollower(QtCore.QObject):
    """Re-applies "system" when the desktop changes scheme; a child of the window, so it goes with it."""

    def __init__(self, w: "MainWindow") -> None:
        super().__init__(w)
        self._settings = w.settings
        QtWidgets.QApplication.instance().styleHints().colorSchemeChanged.connect(self.desktop_changed)

    def desktop_changed(self, _scheme: QtCore.Qt.ColorScheme) -> None:
        if self._settings.theme == "system":
            theme.apply(QtWidgets.QApplication.instance(), "system")
