"""A study index that cannot be used: opening it, saying why in the Studies dock, and moving it aside.

An index that cannot be opened (damaged, or written by a newer version) must not keep the viewer from showing
files: the dock then says why and offers to move the file aside (renamed with the time, never deleted) and start a
new index. A locked index (another program importing) is fine, just busy, so only Try again is offered for it. An
index that cannot be written (a read-only share or disk, no write permission) is opened for reading: the panel says
so, and searching and opening work while importing is off.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from cxr_viewer.index import recent
from cxr_viewer.index.db import IndexReadOnlyError, IndexVersionError, StudyIndex
from cxr_viewer.index.db import open_index as open_study_index
from cxr_viewer.index.rows import StudyRow


class UnusableIndex(Exception):
    """Why the index cannot be used (``reason``, a sentence for the dock) and what it is (``kind``: "damaged" or
    "newer-version", which moving the file aside cures, or '' when only trying again can help)."""

    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.reason, self.kind = reason, kind


def open_index(path: Path, recent_count: int) -> tuple[StudyIndex, list[StudyRow]]:
    """Open the index and read its Recent list (damage often shows only there); raises :class:`UnusableIndex`.

    A failed open leaves no connection behind, so the file can be renamed at once (on Windows an open file cannot).
    """
    index: StudyIndex | None = None
    try:
        index = open_study_index(path)  # read-only when it cannot be written; closes its connection on failure
        return index, recent.recent_studies(index, recent_count)
    except (IndexVersionError, IndexReadOnlyError, sqlite3.DatabaseError, OSError) as exc:
        if index is not None:
            index.close()
        raise _unusable(path, exc) from exc


def _unusable(path: Path, exc: Exception) -> UnusableIndex:
    if isinstance(exc, IndexReadOnlyError):  # nothing to move aside: the file cannot be renamed either
        return UnusableIndex(f"It cannot be written, and it {str(exc).removeprefix(f'{path}: study index ')}.", "")
    if isinstance(exc, IndexVersionError):
        reason = str(exc).removeprefix(f"{path}: ")
        return UnusableIndex(f"It was written by a newer version of the workstation: {reason}.", "newer-version")
    if isinstance(exc, sqlite3.OperationalError):  # locked by another program, no permission: the file may be fine
        return UnusableIndex(f"It cannot be opened: {exc}.", "")
    if isinstance(exc, sqlite3.DatabaseError):  # not a database, or a damaged one
        return UnusableIndex(f"It is damaged: {exc}.", "damaged")
    return UnusableIndex(f"Its folder cannot be used: {exc.strerror or exc}.", "")


def aside_path(path: Path, kind: str) -> Path:
    """A free name beside ``path`` saying what it was and when it was set aside (no existing file is replaced)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{kind}-{stamp}")
    number = 2
    while any(Path(f"{candidate}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        candidate = path.with_name(f"{path.name}.{kind}-{stamp}-{number}")
        number += 1
    return candidate


def move_aside(path: Path, kind: str) -> Path:
    """Rename the index with its WAL files to a dated name beside it; on an OSError every file is put back first."""
    target = aside_path(path, kind)
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("-wal", "-shm", ""):  # the database last: a new index must never meet the old WAL
            source = Path(f"{path}{suffix}")
            if source.exists():
                source.rename(Path(f"{target}{suffix}"))
                moved.append((Path(f"{target}{suffix}"), source))
    except OSError:
        for back, source in reversed(moved):
            back.rename(source)
        raise
    return target


class IndexProblemPanel(QtWidgets.QFrame):
    """The top of the Studies dock while the index cannot be used: why, which file, and what can be done."""

    def __init__(self, move_aside: Callable[[], object], retry: Callable[[], object]) -> None:
        super().__init__(frameShape=QtWidgets.QFrame.Shape.StyledPanel)
        self.reason = ""  # why the index cannot be used ('' while it can)
        self.path: Path | None = None
        self.kind = ""
        self.label = QtWidgets.QLabel(wordWrap=True)
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_field = QtWidgets.QLineEdit(readOnly=True)  # a long path scrolls instead of widening the dock
        self.move_aside_button = QtWidgets.QPushButton("Move it aside and start a new index")
        self.move_aside_button.setToolTip("Renames the file (adding the date and time); nothing is deleted")
        self.move_aside_button.clicked.connect(move_aside)
        self.retry_button = QtWidgets.QPushButton("Try again")
        self.retry_button.clicked.connect(retry)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.label, self.path_field, self.move_aside_button, self.retry_button):
            layout.addWidget(widget)
        self.hide()

    def set_problem(self, reason: str, path: Path | None, kind: str) -> None:
        """Show why the index cannot be used, or hide the panel when ``reason`` is empty."""
        self.reason, self.path, self.kind = reason, path, kind
        self.setVisible(bool(reason))
        if reason:
            self.label.setText(f"<b>The study index cannot be used.</b> {reason}<br>Files still open from the "
                               "File menu or by drag and drop; searching and importing need an index.")
            self.path_field.setText(str(path))
            self.path_field.setCursorPosition(0)
            self.move_aside_button.setVisible(bool(kind) and path is not None and path.exists())

    def set_read_only(self, path: Path) -> None:
        """Say that the index is open for reading only, and what that leaves out (Try again reopens it)."""
        self.reason, self.path, self.kind = "", path, ""
        self.label.setText("<b>The study index is read-only</b> (its file or folder cannot be written). Searching "
                           "and opening studies work; importing, checking for missing files and the Recent list "
                           "need an index that can be written.")
        self.path_field.setText(str(path))
        self.path_field.setCursorPosition(0)
        self.move_aside_button.hide()
        self.show()
