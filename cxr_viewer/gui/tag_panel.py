"""The DICOM header as a searchable tree (sequences expandable), for checking what a file really says.

In 1×2 it follows the active pane (``follow``): a reader who clicks the prior to check its date, view or exposure
reads the prior's header, and a caption says so, since two headers of one patient look alike at a glance. The
search text is kept across the switch, so the same tag can be read off both films in turn.
"""

from __future__ import annotations

from PySide6 import QtWidgets
from pydicom.datadict import keyword_for_tag
from pydicom.dataset import Dataset

from cxr_viewer.gui.image_view import ImagePane
from cxr_viewer.gui.layout import PaneLayout
from cxr_viewer.gui import theme
from cxr_viewer.gui.tag_copy import ELEMENT_ROLE, add_copy_actions, rows, shown_value
from cxr_viewer.gui.tag_text import element_name, row_text, tag_query

MAX_COLUMN_PX = 150
# In a quarter-width dock (about 300 px) the tag number is kept whole, the keyword gets at most this share of the
# width and the VR column is hidden (the keyword's tooltip names the VR), so that the Value column keeps about a
# third; elided cells show their full text as a tooltip, and columns can still be widened by hand.
MAX_KEYWORD_SHARE = 0.30
SHOW_VR_FROM_PX = 420
# Real headers hold a few hundred elements, a few thousand with big private blocks; a damaged or hostile one with
# 400,000 froze the viewer for 21 s while its rows were built. Beyond this many rows the rest is said, not listed.
MAX_ROWS = 20_000


class TagPanel(QtWidgets.QWidget):
    """The header tree; Ctrl+C or the context menu copies the selected rows' values (whole, not as cut to fit)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText("Search tag, keyword or value…")
        self.search.setAccessibleName("Search the header")
        self.search.textChanged.connect(self.apply_filter)
        self.caption = QtWidgets.QLabel()  # whose tags, when not the current film's
        theme.follow_palette(self.caption, theme.ACCENT, "font-weight: bold;")  # the blue of the pane's outline
        self.caption.hide()
        self._dataset: Dataset | None = None
        self._rows_left = MAX_ROWS
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["Tag", "Keyword", "VR", "Value"])
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("DICOM header")
        add_copy_actions(self.tree)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

    def follow(self, panes: PaneLayout) -> None:
        """From now on show the tags of the active pane's film (the window still hands over each new current film)."""
        def show(pane: ImagePane) -> None:
            caption = "" if pane is panes.primary else "Comparison film (right pane)"
            self.set_dataset(pane.image.dataset if pane.image is not None else None, caption)

        panes.active_film_changed.connect(show)

    def set_dataset(self, ds: Dataset | None, caption: str = "") -> None:
        """Show ``ds``'s header, filtered by the search text; ``caption`` names whose it is ('' for the current film).
        The same header again is not rebuilt, so what the reader expanded stays open."""
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        if ds is self._dataset and ds is not None:
            return
        self._dataset = ds
        self.tree.clear()
        self._rows_left = MAX_ROWS
        if ds is not None:
            for meta_or_data in (getattr(ds, "file_meta", None), ds):
                if meta_or_data is not None:
                    self._add_elements(meta_or_data, self.tree.invisibleRootItem())
            if self._rows_left < 0:
                QtWidgets.QTreeWidgetItem(self.tree, ["", "", "", f"… only the first {MAX_ROWS:,} elements are "
                                                                  "listed: the header holds more (damaged?)"])
        self.fit_columns()
        self.apply_filter(self.search.text())

    def fit_columns(self) -> None:
        available = self.tree.viewport().width()
        self.tree.setColumnHidden(2, available < SHOW_VR_FROM_PX)
        limits = (MAX_COLUMN_PX, min(MAX_COLUMN_PX, int(MAX_KEYWORD_SHARE * available)), MAX_COLUMN_PX)
        for column, limit in enumerate(limits):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), limit))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Columns are fitted again only when the panel turns narrow or wide, so a column the user widened by
        hand stays as set while the dock is resized."""
        super().resizeEvent(event)
        if (self.tree.viewport().width() < SHOW_VR_FROM_PX) != self.tree.isColumnHidden(2):
            self.fit_columns()

    def _add_elements(self, ds: Dataset, parent: QtWidgets.QTreeWidgetItem) -> None:
        for key in ds.keys():
            self._rows_left -= 1
            if self._rows_left < 0:
                return
            tag = f"({key.group:04X},{key.element:04X})"
            try:
                element = ds[key]  # decodes the raw element, which raises for a malformed one
            except Exception as exc:  # noqa: BLE001 - one bad element must not hide the rest of the header
                QtWidgets.QTreeWidgetItem(parent, [tag, keyword_for_tag(key), "", f"<unreadable: {exc}>"])
                continue
            name = element_name(element)
            if element.VR == "SQ":
                item = QtWidgets.QTreeWidgetItem(parent, [tag, name, "SQ", f"{len(element.value)} item(s)"])
                for number, child in enumerate(element.value, start=1):
                    child_item = QtWidgets.QTreeWidgetItem(item, ["", f"Item {number}", "", ""])
                    self._add_elements(child, child_item)
            else:
                item = QtWidgets.QTreeWidgetItem(parent, [tag, name, str(element.VR), row_text(shown_value(element))])
                item.setData(0, ELEMENT_ROLE, element)
                item.setToolTip(1, f"{name} ({element.VR})")
                item.setToolTip(3, shown_value(element))

    def apply_filter(self, text: str) -> None:
        """Show rows matching ``text`` in any column, with their ancestors (so the context stays visible)."""
        needle = text.strip().lower()
        needles = tuple({needle, tag_query(needle)}) if needle else ()  # "00100010" is a tag or a date
        root = self.tree.invisibleRootItem()
        for row in range(root.childCount()):
            self._filter(root.child(row), needles)

    def _filter(self, item: QtWidgets.QTreeWidgetItem, needles: tuple[str, ...]) -> bool:
        own = not needles or any(n in item.text(column).lower() for n in needles for column in range(4))
        child_match = False
        for row in range(item.childCount()):
            child_match |= self._filter(item.child(row), needles if not own else ())
        visible = own or child_match
        item.setHidden(not visible)
        if needles and child_match:
            item.setExpanded(True)
        return visible

    def visible_matches(self) -> list[str]:
        """Keywords of the rows currently shown (leaves and sequences), for tests and the status line."""
        return [item.text(1) for item in rows(self.tree, QtWidgets.QTreeWidgetItemIterator.IteratorFlag.NotHidden)]
