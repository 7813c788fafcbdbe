"""Which keys are bound in the main window, so that no key is ever given twice.

Qt fires neither of two actions that share a key in one window (it prints "Ambiguous shortcut overload" to stderr
and nothing else happens): a plugin asking for W silently killed Auto window, one asking for A the AI's marks, and a
user who rebound Invert to W lost both keys. So each key goes to one command: the viewer's over a plugin's, the
first plugin's over a later one's, a key the user rebound over a default, and whoever loses it is named in Messages.
The same list feeds the keyboard-shortcut help (F1), so what it shows is what the keys do.
"""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets


def key_text(sequence: QtGui.QKeySequence | str) -> str:
    """One spelling per key ("w" and "W" are the same key), as the settings file and the help write it."""
    return QtGui.QKeySequence(sequence).toString(QtGui.QKeySequence.SequenceFormat.PortableText)


def bound_keys(window: QtWidgets.QWidget) -> dict[str, str]:
    """Each key bound in ``window`` (its actions, the plugins' included, and its shortcuts) → what it does."""
    keys: dict[str, str] = {}
    for action in window.findChildren(QtGui.QAction):
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                keys.setdefault(key_text(sequence), action.text().replace("&", ""))
    for shortcut in window.findChildren(QtGui.QShortcut):
        if not shortcut.key().isEmpty():
            keys.setdefault(key_text(shortcut.key()), shortcut.objectName())
    return keys


def assign_keys(wanted: dict[str, str], rebound: set[str], names: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Give each command of ``wanted`` (command id → key) its key unless another already has it.

    The commands in ``rebound`` (the keys the user chose in the settings) are served first, so a user's choice wins
    over a default; the others keep the table's order. Returns the keys given and a sentence for each key refused.
    """
    given: dict[str, str] = {}
    owners: dict[str, str] = {}
    refused: list[str] = []
    for command in sorted(wanted, key=lambda c: c not in rebound):
        key = key_text(wanted[command])
        if not key:
            if wanted[command].strip():  # a typo in viewer.json ("Ctrl+Shft+O") would otherwise just do nothing
                refused.append(f"{wanted[command]!r} for {names[command]!r} is not a key; it has no key")
            continue
        if key in owners:
            refused.append(f"{key} is set for both {names[owners[key]]!r} and {names[command]!r}; "
                           f"{names[command]!r} has no key (change one of them under \"shortcuts\" in viewer.json)")
            continue
        owners[key] = command
        given[command] = key
    return given, refused
