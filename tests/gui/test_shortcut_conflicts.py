"""With every first-party plugin loaded, no two actions may share a shortcut: Qt fires neither when they do."""

from __future__ import annotations

from collections import defaultdict

from PySide6 import QtGui


def test_no_two_actions_share_a_shortcut(make_window):
    window = make_window(load_plugins=True)
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QtGui.QAction):
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                owners[sequence.toString()].append(action.text())
    clashes = {key: texts for key, texts in owners.items() if len(texts) > 1}
    assert owners, "no shortcuts found at all: the test would prove nothing"
    assert clashes == {}
