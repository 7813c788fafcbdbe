"""The keys outside the command table: the arrows while the image has the keyboard, and Escape back to the image.

They are ``QShortcut``s, not menu actions: an arrow must reach lists and text fields while one of them has the
keyboard, so the arrows act only while the panes have it (a second key for four Navigate commands), and Escape,
which acts from any dock, is no menu entry. Both are rebound in the settings' shortcuts like the commands, and a
key an action already has is refused with a message (Qt would fire neither of the two and say so only on stderr).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from cxr_viewer.gui.shortcut_keys import COMMAND_OFF, bound_keys, key_owner, key_text

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

# Second keys for navigation, active only while the image area has focus so that lists and text fields keep
# their arrow keys. Rebind or switch off (empty string) with "<command id>_arrow" in the settings' shortcuts.
ARROW_KEYS = {"prev_image": "Left", "next_image": "Right", "prev_study": "Up", "next_study": "Down"}

# Escape gives the keyboard back to the image (the active pane) from a dock (the tag search, the study browser, a
# plugin's panel), so a reader who clicked into one can go on with the arrow keys without the mouse. "focus_image" in
# the shortcuts rebinds it.
FOCUS_IMAGE_KEY = "Escape"


def install(w: "MainWindow", actions: dict[str, QtGui.QAction]) -> None:
    """After the command table's actions, whose keys come first."""
    _install_arrow_keys(w, actions)
    _install_focus_image_key(w)


def _install_focus_image_key(w: "MainWindow") -> None:
    key = _free_key(w, w.settings.shortcuts.get("focus_image", FOCUS_IMAGE_KEY), "Keyboard back to the image")
    if key:
        shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), w)  # window context: fires from any dock
        shortcut.setObjectName("Keyboard back to the image")
        shortcut.activated.connect(lambda: w.layout_panes.active.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason))


def _install_arrow_keys(w: "MainWindow", actions: dict[str, QtGui.QAction]) -> None:
    for command_id, default in ARROW_KEYS.items():
        name = f"{actions[command_id].text()} (image focused)"
        key = _free_key(w, w.settings.shortcuts.get(f"{command_id}_arrow", default), name)
        if not key:
            continue
        shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), w.layout_panes)
        shortcut.setObjectName(name)
        shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(actions[command_id].trigger)
        # stays enabled, so a held view's arrows still go nowhere, but F1 must see that its command is off
        actions[command_id].enabledChanged.connect(lambda on, shortcut=shortcut: shortcut.setProperty(COMMAND_OFF, not on))


def _free_key(w: "MainWindow", key: str, name: str) -> str:
    """``key``, or "" (after saying so) when an action already has it."""
    owner = key_owner(key, bound_keys(w))
    if owner is not None:
        w.report_error("Shortcuts", f"{key_text(key)} is set for both {owner!r} and {name!r}; {name!r} has no key")
        return ""
    return key
