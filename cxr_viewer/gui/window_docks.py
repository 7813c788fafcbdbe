"""The main window's docks: each with its View-menu toggle, the side docks running the full height, and their sizes
fitted to the window when it is first shown.

Every dock, the viewer's and the plugins' alike, gets a toggle under View, so one closed by its cross can always be
brought back; a plugin's panel that must stay open has neither working (``keep_open``). The film needs the room more
than any dock: the message strip sits under the image only, and stacked side docks (tags, layers, a plugin's findings
or reading panel) take the full height, which they need more than the messages need the width.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

Area = QtCore.Qt.DockWidgetArea


def add_dock(window: QtWidgets.QMainWindow, view_menu: QtWidgets.QMenu, title: str, widget: QtWidgets.QWidget,
             area: QtCore.Qt.DockWidgetArea, name_prefix: str = "dock") -> QtWidgets.QDockWidget:
    """A dock with its View-menu toggle."""
    dock = QtWidgets.QDockWidget(title, window)
    dock.setObjectName(f"{name_prefix}-{title}")
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    view_menu.addAction(dock.toggleViewAction())
    return dock


def keep_open(dock: QtWidgets.QDockWidget) -> None:
    """No close button, and its View-menu toggle off (Qt disables it for a dock that cannot close): a panel the user
    must not lose while it is in use (``add_dock_widget(closable=False)``)."""
    dock.setFeatures(dock.features() & ~QtWidgets.QDockWidget.DockWidgetFeature.DockWidgetClosable)


def add_standard_docks(window: QtWidgets.QMainWindow, view_menu: QtWidgets.QMenu, tag_panel: QtWidgets.QWidget,
                       layer_panel: QtWidgets.QWidget, messages: QtWidgets.QWidget) -> dict[str, QtWidgets.QDockWidget]:
    """The DICOM tags and Layers docks on the right, Messages under the image (the side areas take the bottom
    corners); keyed "tags", "layers", "messages"."""
    docks = {
        "tags": add_dock(window, view_menu, "DICOM tags", tag_panel, Area.RightDockWidgetArea),
        "layers": add_dock(window, view_menu, "Layers", layer_panel, Area.RightDockWidgetArea),
        "messages": add_dock(window, view_menu, "Messages", messages, Area.BottomDockWidgetArea),
    }
    window.setCorner(QtCore.Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
    window.setCorner(QtCore.Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)
    return docks


def size_docks(window: QtWidgets.QMainWindow, docks: dict[str, QtWidgets.QDockWidget]) -> None:
    """Give the image the room: a short message strip, side docks just wide enough to read.

    The sizes shrink with the window (they are set again when it is first shown, at its real size): fixed
    widths that suit 1400 px left a 1024 px window a quarter of its width for the film, and fixed heights
    squeezed the docks below the tags (the AI findings) until their text was cut off.
    """
    horizontal, vertical = QtCore.Qt.Orientation.Horizontal, QtCore.Qt.Orientation.Vertical
    width, height = window.width(), window.height()
    window.resizeDocks([docks["messages"]], [min(90, height // 10)], vertical)
    window.resizeDocks([docks["tags"]], [min(380, width // 4)], horizontal)
    window.resizeDocks([docks["tags"], docks["layers"]], [min(420, height * 3 // 10), min(160, height // 8)],
                       vertical)
    if "browser" in docks:
        window.resizeDocks([docks["browser"]], [min(330, width // 5)], horizontal)
