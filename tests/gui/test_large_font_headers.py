"""With a large font (1.5 times the usual size, as a reader with poor sight sets it) the column titles of the PACS
results and the layer list stay whole."""

from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from cxr_viewer.gui.layer_panel import LayerPanel
from cxr_viewer.gui.pacs_results_tree import ResultsTree


@pytest.fixture
def large_font(qapp):
    usual = qapp.font()
    large = qapp.font()
    large.setPointSizeF(usual.pointSizeF() * 1.5)
    qapp.setFont(large)
    yield
    qapp.setFont(usual)


def _cut_titles(header: QtWidgets.QHeaderView, columns: range) -> list[str]:
    model = header.model()
    return [model.headerData(c, header.orientation()) for c in columns
            if header.sectionSize(c) < header.sectionSizeHint(c)]


def test_pacs_result_titles_are_whole_in_a_large_font(large_font, qtbot):
    tree = ResultsTree()
    qtbot.addWidget(tree)
    tree.show()
    assert _cut_titles(tree.header(), range(tree.columnCount())) == []


def test_the_opacity_title_is_whole_in_a_large_font(large_font, qtbot):
    layers = LayerPanel()
    qtbot.addWidget(layers)
    layers.show()
    assert _cut_titles(layers.tree.header(), range(1, 2)) == []  # the Layer column stretches to what is left
