"""Suite-wide set-up: offscreen Qt, and user folders redirected into a temporary tree.

No test may read or write the real user's config, data or cache folders, so each run gets its own.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6 import QtWidgets

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_USER_ROOT = Path(tempfile.mkdtemp(prefix="cxr-tests-"))
for _var, _sub in (
    ("CXR_VIEWER_CONFIG_DIR", "config"),
    ("CXR_VIEWER_DATA_DIR", "data"),
    ("CXR_VIEWER_CACHE_DIR", "cache"),
    ("CXR_AI_CACHE_DIR", "ai-cache"),
):
    os.environ[_var] = str(_USER_ROOT / _sub)

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The team's shared folder (``CXR_SHARED`` or ``../shared``), or None when this machine has none."""
    candidate = Path(os.environ.get("CXR_SHARED", REPO_ROOT.parent / "shared"))
    return candidate if (candidate / "data").is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared (or $CXR_SHARED) is not present on this machine")
    return path


@pytest.fixture
def make_window(qtbot):
    """Build a shown MainWindow; plugins and the study browser only when a test asks for them."""

    def build(load_plugins: bool = False, with_browser: bool = False, settings=None, demo: bool = False):
        from cxr_viewer.gui.main_window import MainWindow
        from cxr_viewer.settings import Settings

        window = MainWindow(settings=settings or Settings(), load_plugins=load_plugins, with_browser=with_browser,
                            demo=demo)
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # shortcuts only fire in the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        _release_held_buttons(window)
        return window

    return build


def _release_held_buttons(window: QtWidgets.QWidget) -> None:
    """Let go of any mouse button Qt still believes held from an earlier test.

    QTest's mouseDClick on a widget leaves the button down in Qt's state (Qt 6.11). The next test's plain moves then
    arrive as drags with that button: the pane under them keeps the mouse, and moving out of it sends it no Leave,
    so its cursor readout never clears. The release lands outside the window, where no pane or control takes it.
    """
    from PySide6 import QtCore, QtGui
    from PySide6.QtTest import QTest

    held = QtGui.QGuiApplication.mouseButtons()
    for button in (QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton,
                   QtCore.Qt.MouseButton.MiddleButton):
        if held & button:
            QTest.mouseRelease(window.windowHandle(), button, QtCore.Qt.KeyboardModifier.NoModifier,
                               QtCore.QPoint(-1, -1))


@pytest.fixture
def restore_look(qapp):
    """The theme is the application's (``gui.theme``): put its style and palette back after a test that switches
    it, so later tests see the look they expect."""
    from PySide6 import QtGui

    style, palette = qapp.style().name(), QtGui.QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
