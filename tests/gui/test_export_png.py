"""Export view as PNG refuses an empty pane and gives a typed name without an extension ".png"."""

from __future__ import annotations

import pytest
from PySide6 import QtGui

pytestmark = pytest.mark.gui


def test_an_empty_pane_is_not_exported_as_if_it_were_a_key_image(window, tmp_path):
    target = tmp_path / "key.png"
    assert not window.export_view(str(target))
    assert not target.exists()
    assert "no film is shown" in window.messages.messages()[-1]


def test_a_name_without_an_extension_gets_png(window, cr_file, tmp_path):
    window.open_paths([cr_file])
    assert window.export_view(str(tmp_path / "key image"))
    written = tmp_path / "key image.png"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith("key")] == ["key image.png"]
    picture = QtGui.QImage(str(written))
    pane = window.layout_panes.active
    assert picture.format() != QtGui.QImage.Format.Format_Invalid
    assert picture.size() == pane.grab().size()
    assert str(written) in window.statusBar().currentMessage()
