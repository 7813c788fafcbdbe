"""The top of the Studies dock: the search fields (Unread only among them), the Search / Recent / Import buttons and
the ⋯ menu.

Only the controls: what a search finds and what the buttons do is the dock's (``browser``), which hands its actions
in, so the form can be laid out and switched off as one while the index cannot be used.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui, QtWidgets

from cxr_viewer.gui.line_edit_fit import fit_placeholder


class StudySearchForm(QtWidgets.QWidget):
    """Free text, a date range and a modality; Return in any field searches."""

    def __init__(self, search: Callable[[], object], show_recent: Callable[[], object],
                 choose_import: Callable[[], object], check_missing: Callable[[], object]) -> None:
        super().__init__()
        self.text = QtWidgets.QLineEdit(placeholderText="Name, ID, accession, description")
        self.date_from = QtWidgets.QLineEdit(placeholderText="from YYYYMMDD")
        self.date_to = QtWidgets.QLineEdit(placeholderText="to YYYYMMDD")
        self.modality = QtWidgets.QLineEdit(placeholderText="Modality")
        self.date_from.setToolTip("Studies on or after this date: YYYYMMDD or YYYY-MM-DD")
        self.date_to.setToolTip("Studies on or before this date: YYYYMMDD or YYYY-MM-DD")
        self.modality.setToolTip("Studies with a series of this modality, e.g. CR or DX")
        # a reader's worklist: ticking it searches at once. The dock lays it out beside the list's note (``browser``):
        # in these rows it widened a narrow dock or cut the search field's placeholder
        self.unread_only = QtWidgets.QCheckBox("Unread only")
        self.unread_only.setToolTip("List only the studies not read yet (unread studies are in bold)")
        self.unread_only.setAccessibleName("Unread studies only")
        self.unread_only.toggled.connect(search)
        for field, name in zip(self.fields, ("Search studies", "Studies from date", "Studies to date", "Modality"),
                               strict=True):
            field.returnPressed.connect(search)
            field.setAccessibleName(name)  # a placeholder is gone once typed in, and many screen readers skip it
        for field in (self.date_from, self.date_to, self.modality):
            fit_placeholder(field)  # "from YYYYMMDD" stays whole in a narrow dock
        self.check_missing_action = QtGui.QAction("Check for missing files…", self)
        self.check_missing_action.setToolTip("Find indexed files that were moved, deleted, replaced by another image "
                                             "or can no longer be read; forget them if you agree")
        self.check_missing_action.triggered.connect(check_missing)
        buttons = QtWidgets.QHBoxLayout()
        self.buttons: list[QtWidgets.QAbstractButton] = []
        for label, slot in (("Search", search), ("Recent", show_recent), ("Import folder…", choose_import)):
            button = QtWidgets.QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons.append(button)
        self.import_button = self.buttons[-1]
        self.more_button = QtWidgets.QToolButton(text="⋯", toolTip="More: check the index for missing files")
        self.more_button.setAccessibleName("More")  # read aloud, "⋯" is nothing
        self.more_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        more_menu = QtWidgets.QMenu(self.more_button)
        more_menu.addAction(self.check_missing_action)
        self.more_button.setMenu(more_menu)
        dates = QtWidgets.QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        dates.addWidget(self.modality)
        top = QtWidgets.QHBoxLayout()  # the overflow menu beside the search text: the button row is full already
        top.addWidget(self.text, 1)
        top.addWidget(self.more_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(dates)
        layout.addLayout(buttons)

    @property
    def fields(self) -> tuple[QtWidgets.QLineEdit, ...]:
        return self.text, self.date_from, self.date_to, self.modality

    def set_usable(self, usable: bool, writable: bool = True) -> None:
        """Off while the index cannot be used: nothing to search, import into or check. Import and the check (whose
        point is forgetting) are off too while the index is read-only."""
        for widget in (*self.fields, *self.buttons, self.unread_only):
            widget.setEnabled(usable)
        self.import_button.setEnabled(usable and writable)
        self.more_button.setEnabled(usable and writable)
        self.check_missing_action.setEnabled(usable and writable)
