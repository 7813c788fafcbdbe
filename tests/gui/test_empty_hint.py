"""The hint in the empty main pane: drawn with the Open commands' real keys, gone with a film, back when the film is
closed, never while a plugin holds the view (opening is off then), never in the comparison pane."""

from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from cxr_viewer.settings import DEFAULT_SHORTCUTS, Settings

pytestmark = pytest.mark.gui


def hint_label(pane) -> QtWidgets.QLabel | None:
    return pane.findChild(QtWidgets.QLabel, "empty_hint")


def hint_shown(pane) -> bool:
    label = hint_label(pane)
    return label is not None and label.isVisible()


def hint_pixels(pane) -> int:
    """Pixels lighter than the empty pane's black in the band across the pane's middle, as the screen shows it."""
    picture = pane.grab().toImage()
    middle = picture.height() // 2
    return sum(1 for y in range(middle - 30, middle + 30) for x in range(0, picture.width(), 2)
               if picture.pixelColor(x, y).lightness() > 60)


def test_an_empty_pane_says_how_to_open_a_film_until_one_is_shown(window, cr_file, qtbot):
    pane = window.layout_panes.primary
    assert hint_pixels(pane) > 100
    hint = hint_label(pane)
    assert hint.isVisible() and hint.text() == "Open a file (Ctrl+O) or a folder (Ctrl+Shift+O),\nor drop one here"
    assert pane.rect().contains(hint.geometry()) and abs(hint.geometry().center().x() - pane.width() // 2) <= 2
    window.open_paths([cr_file])
    assert not hint.isVisible()
    window.close_image()
    assert hint.isVisible() and hint_pixels(pane) > 100
    window.set_layout("1x2")  # the comparison pane's corner line says why it is empty; it gets no hint
    second = window.layout_panes.secondary
    assert not hint_shown(second) and hint_pixels(second) == 0


def test_the_hint_names_the_keys_the_user_bound(make_window):
    shortcuts = dict(DEFAULT_SHORTCUTS, open_files="F3", open_folder="")
    window = make_window(settings=Settings(shortcuts=shortcuts))
    label = hint_label(window.layout_panes.primary)
    assert label is not None, "no hint in the empty pane"
    text = label.text()
    assert "Open a file (F3)" in text and "Ctrl+O" not in text
    assert "a folder (File > Open folder…)" in text  # no key: the menu entry, not a key that does nothing


def test_no_hint_to_open_a_file_while_a_plugin_holds_the_view(window, cr_file, qtbot):
    """A reader study closes the film after the last case and at log-out; opening is off while it holds the view."""
    pane = window.layout_panes.primary
    window.open_paths([cr_file])
    window.host.set_exclusive("reader_study")
    window.host.set_metadata_hidden(True)
    window.host.close_image()
    assert not hint_shown(pane) and hint_pixels(pane) == 0
    window.host.set_exclusive(None)
    window.host.set_metadata_hidden(False)
    assert hint_pixels(pane) > 100 and hint_shown(pane)
