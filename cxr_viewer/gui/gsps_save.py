"""Tools > Save measurements as presentation state…: the active pane's measurements and window kept the DICOM way.

The viewer keeps measurements for the session only; a Grayscale Softcopy Presentation State (``core.gsps``) beside
the study lets the PACS and other viewers draw them over the same image. The entry is greyed while the active pane's
film has no finished measurement or is not DICOM (no SOP Instance UID to reference), and during a blinded read
(a plugin's hold or hidden names: its measurements are not kept either, and the save dialog would browse the disk,
a reader study's truth table included); a call that comes anyway is refused with a status message.

Tools > Send measurements to PACS… writes the same object into a new temporary folder (a send must not replace a
state the user saved) and hands it to the viewer's own plugin-API call (``GuiHost.send_to_pacs``: the node asked,
a task, the outcome said file by file, the file kept); greyed as Save is, and while no PACS node is configured.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtGui, QtWidgets

from cxr_viewer.core.gsps import Window, build_gsps, write_whole
from cxr_viewer.core.gsps_marks import annotation

if TYPE_CHECKING:
    from cxr_viewer.core.image import LoadedImage
    from cxr_viewer.gui.image_view import ImagePane
    from cxr_viewer.gui.main_window import MainWindow

COMMAND = "save_gsps"
TEXT = "Save measurements as presentation state…"
SEND_COMMAND = "send_gsps"
SEND_TEXT = "Send measurements to PACS…"
NO_NODE = "No PACS node is configured: add one on the Nodes tab of File > Query/Retrieve from PACS…"


def _refusal(w: "MainWindow") -> str:
    """Why the active pane's measurements cannot be saved now, or "" when they can."""
    if w.hold.blinded:
        return "Measurements are not saved during a blinded read"
    pane = w.layout_panes.active
    image = pane.image
    if image is None or image.dataset is None or not str(image.metadata.get("SOPInstanceUID", "") or "").strip():
        return "No DICOM film in the active pane: a presentation state needs an image to reference"
    if not _finished(pane):
        return "No measurement on this film to save"
    return ""


def _finished(pane: "ImagePane") -> list:
    return [m for m in pane.measure.measurements if m is not pane.measure.unfinished]


def _send_refusal(w: "MainWindow") -> str:
    return _refusal(w) or ("" if w.host.pacs_nodes() else NO_NODE)


class _Entries:
    """The two entries' grey state, for the menu's eye only.

    A disabled QAction ignores its key, and a key bound to either (the docs invite rebinding menu-only commands)
    would do nothing without a word: so the entries are greyed only while the Tools menu shows, and otherwise left on
    for ``save``/``send``, which check at trigger time and say why they refuse. Whether a PACS node exists is read
    once and again when the Nodes tab changes them, not on every opening of the menu (it reads a settings file)."""

    def __init__(self, w: "MainWindow", action: QtGui.QAction, send_action: QtGui.QAction) -> None:
        self._w, self._entries = w, (action, send_action)
        self._has_nodes: bool | None = None  # unknown until the menu first opens: the host is built after the menu

    def _nodes_changed(self) -> None:
        self._has_nodes = bool(self._w.host.pacs_nodes())

    def grey(self) -> None:
        if self._has_nodes is None:
            self._w.host.on_pacs_nodes_changed(self._nodes_changed)
            self._nodes_changed()
        refusal = _refusal(self._w)
        self._entries[0].setEnabled(not refusal)
        self._entries[1].setEnabled(not refusal and bool(self._has_nodes))

    def ungrey(self) -> None:
        for entry in self._entries:
            entry.setEnabled(True)


def attach(w: "MainWindow", action: QtGui.QAction, send_action: QtGui.QAction) -> None:
    """Grey the entries that cannot run now while their menu shows; their keys always reach ``save``/``send``."""
    entries = _Entries(w, action, send_action)
    menu = w.menu_named("&Tools")
    menu.aboutToShow.connect(lambda: entries.grey())  # lambdas hold ``entries``: PySide keeps no bound method alive
    menu.aboutToHide.connect(lambda: entries.ungrey())


def _file_name(image: "LoadedImage") -> str:
    return f"{str(image.metadata['SOPInstanceUID']).strip()}_measurements_gsps.dcm"


def save(w: "MainWindow") -> None:
    """Ask where, then write; a refusal is said in the status bar."""
    refusal = _refusal(w)
    if refusal:
        w.statusBar().showMessage(refusal, 8000)
        return
    image = w.layout_panes.active.image
    folder = w.settings.last_folder if w.settings.last_folder and Path(w.settings.last_folder).is_dir() else (
        str(image.path.parent) if image.path is not None else "")
    name = _file_name(image)
    path, _ = QtWidgets.QFileDialog.getSaveFileName(w, TEXT.rstrip("…"), str(Path(folder) / name),
                                                    "DICOM (*.dcm);;All files (*)")
    if path:
        write(w, Path(path))


def write(w: "MainWindow", path: Path) -> bool:
    """Write the active pane's presentation state at ``path``; False, after saying why, when nothing was written."""
    refusal = _refusal(w)
    if refusal:
        w.statusBar().showMessage(refusal, 8000)
        return False
    pane = w.layout_panes.active
    image, state = pane.image, pane.windowing.state
    window = Window(state.center, state.width, state.function, state.voi_lut, state.invert)
    marks = [annotation(m.mark, m.text) for m in _finished(pane)]
    try:
        gsps = build_gsps(image.dataset, marks, window, image.frame_index + 1 if image.frame_count > 1 else None)
        write_whole(gsps, path)
    except (OSError, ValueError, TypeError, AttributeError) as error:
        w.report_error("Save measurements failed", f"{error} (nothing was written)")
        return False
    w.statusBar().showMessage(f"Saved {len(marks)} measurement(s) as a presentation state to {path}", 8000)
    return True


def send(w: "MainWindow") -> None:
    """Write the state into a new temporary folder and send it to the node the user picks; refusals in the status
    bar. The file stays there whatever the node answers (the viewer's message names it)."""
    refusal = _send_refusal(w)
    if refusal:
        w.statusBar().showMessage(refusal, 8000)
        return
    path = Path(tempfile.mkdtemp(prefix="cxr_measurements_")) / _file_name(w.layout_panes.active.image)
    if write(w, path):
        w.host.send_to_pacs([path], "measurements")
