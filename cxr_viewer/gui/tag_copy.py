"""Copying from the DICOM tags tree: Ctrl+C and the context menu put the selected rows' values on the clipboard.

A reader copies a UID into a PACS query or a ticket, or a dose value into a report; the row cuts long values to fit
(``MAX_VALUE_CHARS``), so the copy is made from the element itself and is always whole.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets
from pydicom.dataelem import DataElement

from cxr_viewer.gui.copy_key import CopyKey
from cxr_viewer.gui.tag_text import value_text

MAX_VALUE_CHARS = 120
ELEMENT_ROLE = QtCore.Qt.ItemDataRole.UserRole  # the row's DataElement (None for an "Item n" row)


def shown_value(element: DataElement, limit: int | None = MAX_VALUE_CHARS) -> str:
    """``value_text``, or why the value cannot be read: a malformed value must not hide the rest of the header."""
    try:
        return value_text(element, limit)
    except Exception as exc:  # noqa: BLE001 - any decoding error of any element
        return f"<unreadable: {exc}>"


def rows(tree: QtWidgets.QTreeWidget, flags: QtWidgets.QTreeWidgetItemIterator.IteratorFlag) -> list:
    """The rows with ``flags``, in tree order (``selectedItems`` gives them in the order they were picked)."""
    found = []
    iterator = QtWidgets.QTreeWidgetItemIterator(tree, flags)
    while iterator.value():
        found.append(iterator.value())
        iterator += 1
    return found


def add_copy_actions(tree: QtWidgets.QTreeWidget) -> None:
    """"Copy value" (Ctrl+C while the tree has the focus) and "Copy row" on the tree's context menu."""
    tree.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
    tree.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.ActionsContextMenu)
    value = QtGui.QAction("Copy value (Ctrl+C)", tree)
    value.triggered.connect(lambda: copy_selected(tree, _value_line))
    CopyKey(tree, value.trigger)
    row = QtGui.QAction("Copy row (tag, name, VR, value)", tree)
    row.triggered.connect(lambda: copy_selected(tree, _row_line))
    tree.addActions([value, row])


def copy_selected(tree: QtWidgets.QTreeWidget, line: Callable[[QtWidgets.QTreeWidgetItem], str]) -> None:
    """The selected rows that are shown, one ``line`` each, onto the clipboard."""
    flags = QtWidgets.QTreeWidgetItemIterator.IteratorFlag
    selected = rows(tree, flags.Selected | flags.NotHidden)
    if selected:
        QtWidgets.QApplication.clipboard().setText("\n".join(line(item) for item in selected))


def _value_line(item: QtWidgets.QTreeWidgetItem) -> str:
    element = item.data(0, ELEMENT_ROLE)
    return shown_value(element, None) if element is not None else item.text(3)


def _row_line(item: QtWidgets.QTreeWidgetItem) -> str:
    return "\t".join([item.text(0), item.text(1), item.text(2), _value_line(item)])
