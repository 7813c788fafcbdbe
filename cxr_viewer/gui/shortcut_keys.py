"""Which keys are bound in the main window, so that no key is ever given twice.

Qt fires neither of two actions that share a key in one window (it prints "Ambiguous shortcut overload" to stderr
and nothing else happens): a plugin asking for W silently killed Auto window, one asking for A the AI's marks, and a
user who rebound Invert to W lost both keys. So each key goes to one command: the viewer's over a plugin's, the
first plugin's over a later one's, a key the user rebound over a default, and whoever loses it is named in Messages.
The same walk (``bindings``) feeds the keyboard-shortcut help (F1), so what it shows is what the keys do, and one
check (``key_owner``) decides whether a key is taken, wherever a key is handed out. During a plugin's hold its
panel's declared keys come before the window's (``help_rows``): the panel takes them first; and a command switched
off (the other plugins' actions, opening and navigating) keeps its key but is shown as off.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui, QtWidgets

from cxr_viewer.plugin_api import PanelKey


COMMAND_OFF = "command_off"  # a keyboard-only shortcut's property: the action it triggers is switched off


def key_text(sequence: QtGui.QKeySequence | str) -> str:
    """One spelling per key ("w" and "W" are the same key), as the settings file and the help write it."""
    return QtGui.QKeySequence(sequence).toString(QtGui.QKeySequence.SequenceFormat.PortableText)


Binding = tuple[str, str, str, bool]  # key, what it does, where to find it, whether it is switched on


def bindings(window: QtWidgets.QMainWindow) -> list[Binding]:
    """Each key bound in ``window``: its menus' entries menu by menu, then any other action's, then the keyboard-only
    shortcuts. The one walk of the window, so the help (F1) and the taken-check can never disagree. A switched-off
    command still holds its key (it gets it back when the hold ends), but F1 must not offer it as working."""
    found: list[Binding] = []
    in_menus: set[QtGui.QAction] = set()
    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            _menu_bindings(menu_action.menu(), menu_action.text().replace("&", ""), found, in_menus)
    for action in window.findChildren(QtGui.QAction):
        if action not in in_menus:
            found += _action_bindings(action, "no menu")
    for shortcut in window.findChildren(QtGui.QShortcut):
        if not shortcut.key().isEmpty():
            on = shortcut.isEnabled() and not shortcut.property(COMMAND_OFF)
            found.append((key_text(shortcut.key()), shortcut.objectName(), "keyboard only", on))
    return found


HelpRow = tuple[str, str, str, bool]  # a binding, and whether the key does that now


def help_rows(listed: list[Binding], holder: str, panel: Sequence[PanelKey]) -> list[HelpRow]:
    """The help's rows while the plugin named ``holder`` holds the view: its ``panel`` keys first, under its name,
    then the window's bindings, each switched off or on a key the panel takes marked as not doing that now. A list
    that still gave the window's meaning of a reader study's digits (window presets), or offered D for the AI's
    Detect that the hold had switched off, contradicted what the keys did."""
    taken = {key.key for key in panel}
    off = " (off during the hold)" if holder else " (off now)"
    rows = [(key.key, key.description, f"{holder} panel", True) for key in panel]
    for key, what, where, on in listed:
        rows.append((key, what, where, True) if on and key not in taken else (key, what + off, where, False))
    return rows


def _menu_bindings(menu: QtWidgets.QMenu, where: str, found: list[Binding], in_menus: set[QtGui.QAction]) -> None:
    for action in menu.actions():
        if action.menu() is not None:
            _menu_bindings(action.menu(), f"{where} > {action.text()}", found, in_menus)
        in_menus.add(action)
        found += _action_bindings(action, where)


def _action_bindings(action: QtGui.QAction, where: str) -> list[Binding]:
    text = action.text().replace("&", "")
    return [(key_text(sequence), text, where, action.isEnabled()) for sequence in action.shortcuts()
            if not sequence.isEmpty()]


def bound_keys(window: QtWidgets.QMainWindow) -> dict[str, str]:
    """Each key bound in ``window`` → what it does (the first of ``bindings`` to have it)."""
    keys: dict[str, str] = {}
    for key, what, _where, _on in bindings(window):
        keys.setdefault(key, what)
    return keys


def key_owner(key: str | None, bound: dict[str, str]) -> str | None:
    """What in ``bound`` (key → its owner) already has ``key``, whatever its spelling; None when it is free or no key.
    The one taken-check: the viewer's table, its keyboard-only keys and the plugins' entries all ask it."""
    return bound.get(key_text(key)) if key else None


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
        owner = key_owner(key, owners)
        if owner is not None:
            refused.append(f"{key} is set for both {names[owner]!r} and {names[command]!r}; "
                           f"{names[command]!r} has no key (change one of them under \"shortcuts\" in viewer.json)")
            continue
        owners[key] = command
        given[command] = key
    return given, refused
