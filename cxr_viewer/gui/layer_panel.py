"""The layer list: a checkbox and an opacity slider per overlay layer, and one checkbox per group.

Groups (e.g. all AI outputs) toggle together because a reader usually wants "AI on/off", not ten clicks. A layer a
blinded read hides (``view_hold``: a presentation state's annotations) is listed greyed, its box out of reach.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.overlay_manager import OverlayManager

_LAYER_ROLE = QtCore.Qt.ItemDataRole.UserRole
_GROUP_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1


class LayerPanel(QtWidgets.QWidget):
    visibility_chosen = QtCore.Signal(dict)  # {layer id: visible} the user just set with a box (not a rebuild)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["Layer", "Opacity"])
        self.tree.setAccessibleName("Layers")
        self.tree.itemChanged.connect(self._on_item_changed)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.Fixed)
        # in a quarter-width dock the names need the room more than the sliders, but the title stays whole at any
        # font size ("Opacity" was cut at 1.5 times the usual size)
        header.resizeSection(1, max(72, header.sectionSizeHint(1)))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree)
        self._manager: OverlayManager | None = None
        self._own_change = False
        self.sliders: dict[str, QtWidgets.QSlider] = {}
        self._locked: frozenset[str] = frozenset()

    def lock(self, layer_ids: frozenset[str]) -> None:
        """Grey these layers' rows: the list stays enabled for the others, yet ticking one would undo the hiding."""
        self._locked = layer_ids
        self.rebuild()

    def set_manager(self, manager: OverlayManager) -> None:
        if self._manager is not None:
            self._manager.changed.disconnect(self._on_manager_changed)
        self._manager = manager
        manager.changed.connect(self._on_manager_changed)
        self.rebuild()

    def _on_manager_changed(self) -> None:
        if not self._own_change:
            self.rebuild()

    def rebuild(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self.sliders.clear()
        groups: dict[str, QtWidgets.QTreeWidgetItem] = {}
        for layer in self._manager.layers() if self._manager else []:
            parent = self.tree.invisibleRootItem()
            if layer.group:
                if layer.group not in groups:
                    groups[layer.group] = self._checkable(parent, f"[{layer.group}]", _GROUP_ROLE, layer.group, True)
                parent = groups[layer.group]
            item = self._checkable(parent, layer.name, _LAYER_ROLE, layer.id, layer.visible)
            self.tree.setItemWidget(item, 1, self._slider(layer.id, layer.name, layer.opacity))
            if layer.id in self._locked:
                item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsEnabled)
                self.sliders[layer.id].setEnabled(False)
        for group_item in groups.values():
            self._show_group_state(group_item)
            group_item.setExpanded(True)
        self.tree.blockSignals(False)

    def _show_group_state(self, group_item: QtWidgets.QTreeWidgetItem | None) -> None:
        """A group's box is ticked while any of its layers shows (unticking it then hides them all)."""
        if group_item is None:
            return
        children = [group_item.child(i).checkState(0) for i in range(group_item.childCount())]
        any_on = QtCore.Qt.CheckState.Checked in children
        blocked = self.tree.blockSignals(True)
        group_item.setCheckState(0, QtCore.Qt.CheckState.Checked if any_on else QtCore.Qt.CheckState.Unchecked)
        self.tree.blockSignals(blocked)

    def _checkable(self, parent, text: str, role: int, key: str, checked: bool) -> QtWidgets.QTreeWidgetItem:
        item = QtWidgets.QTreeWidgetItem(parent, [text])
        item.setToolTip(0, text)  # a narrow dock elides long layer names
        item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, QtCore.Qt.CheckState.Checked if checked else QtCore.Qt.CheckState.Unchecked)
        item.setData(0, role, key)
        return item

    def _slider(self, layer_id: str, name: str, opacity: float) -> QtWidgets.QSlider:
        slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        slider.setAccessibleName(f"Opacity of {name}")  # a row of unnamed sliders all read "slider"
        slider.setRange(0, 100)
        slider.setValue(round(opacity * 100))
        slider.valueChanged.connect(lambda value, lid=layer_id: self._set_opacity(lid, value / 100))
        self.sliders[layer_id] = slider
        return slider

    def _set_opacity(self, layer_id: str, opacity: float) -> None:
        if self._manager is not None:
            self._own_change = True
            try:
                self._manager.set_opacity(layer_id, opacity)
            finally:
                self._own_change = False

    def _on_item_changed(self, item: QtWidgets.QTreeWidgetItem, column: int) -> None:
        if self._manager is None or column != 0:
            return
        visible = item.checkState(0) == QtCore.Qt.CheckState.Checked
        layer_id, group = item.data(0, _LAYER_ROLE), item.data(0, _GROUP_ROLE)
        self._own_change = True
        try:
            if layer_id:
                self._manager.set_visible(layer_id, visible)
                self._show_group_state(item.parent())
                chosen = {layer_id: visible}
            elif group:
                self._manager.set_group_visible(group, visible)
                self.tree.blockSignals(True)
                for i in range(item.childCount()):
                    item.child(i).setCheckState(0, item.checkState(0))
                self.tree.blockSignals(False)
                chosen = {layer.id: visible for layer in self._manager.layers() if layer.group == group}
            else:
                return
        finally:
            self._own_change = False
        self.visibility_chosen.emit(chosen)

    def item_for(self, layer_id: str) -> QtWidgets.QTreeWidgetItem | None:
        iterator = QtWidgets.QTreeWidgetItemIterator(self.tree)
        while iterator.value():
            if iterator.value().data(0, _LAYER_ROLE) == layer_id:
                return iterator.value()
            iterator += 1
        return None
