"""The current film, the one in the main pane, and what follows it: the tags, the layers, the title, the comparison
pane and the Studies dock's Recent list.

The opener says when a film becomes current (``image_ready``); everything that shows something of it is brought up to
date here in one place, so no dock goes on showing the last film's tags or layers beside a new one. A blinded read
(``view_hold``) leaves the file's name out of the title and the comparison pane's corner line.

The corner's list position ("Image 1/1  Study 1/2") is shown only beside a film of the open list, and not while a
plugin holds the view: a reader-study case (``open_image_object``) is no film of the coordinator's list, and the
position of that list beside it was wrong and read as a clue. It comes back when the hold ends (``view_hold``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui.comparison_pane import ComparisonPane

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

TITLE = "CXR Viewer (research use only)"
_TEXT_FIELDS = (QtWidgets.QLineEdit, QtWidgets.QPlainTextEdit, QtWidgets.QTextEdit, QtWidgets.QAbstractSpinBox)


class CurrentFilm:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self._last_study_uid = ""
        browser = window.browser
        self.comparison = ComparisonPane(window.layout_panes, window.opener,
                                         browser.prior_image if browser is not None else None,
                                         browser.later_image if browser is not None else None)
        if browser is not None:  # an import may bring the prior the comparison pane lacked
            browser.import_finished.connect(lambda _report: self.comparison.refresh(window.hold.metadata_hidden))

    def show(self, image: LoadedImage) -> None:
        """``image`` is now current: into the main pane and everything that follows it."""
        window = self._window
        pane = window.layout_panes.primary
        pane.position_text = self._position_text(image)
        pane.set_image(image, keep_series_window=True)  # the one place the series rule applies (docs/viewer.md)
        window.tag_panel.set_dataset(image.dataset)
        window.layer_panel.set_manager(pane.overlays)
        self.update_title(image)
        self.show_comparison()
        self._forget_frames()
        window.layout_panes.set_active(pane)  # a new current film: the prior was reloaded too, so start on the film
        if not isinstance(QtWidgets.QApplication.focusWidget(), _TEXT_FIELDS):  # typed letters would become keys
            pane.setFocus()  # arrow keys navigate while the image area has focus
        study_uid = self.study_uid()
        if window.browser is not None and study_uid != self._last_study_uid:
            self._last_study_uid = study_uid
            window.browser.note_opened(study_uid)

    def close(self) -> None:
        """Leave the main pane empty, and everything that showed something of its film.

        The comparison pane keeps its film; the tags follow the active pane as ever, so with the prior active they
        go on showing its header (under its caption) rather than an empty dock beside a film on screen."""
        window = self._window
        primary = window.layout_panes.primary
        primary.position_text = ""  # "Image 1/1 Study 1/1" beside an empty view reads as a film
        primary.clear_image()
        window.layout_panes.film_replaced(primary)  # the tags empty only if the emptied pane is the active one
        self.update_title(None)
        self._forget_frames()
        window.opener.close()  # last: whoever hears of it (plugins) finds the view empty

    def refresh_position(self) -> None:
        """The main pane's list position again, after a hold on the view began or ended."""
        pane = self._window.layout_panes.primary
        pane.position_text = self._position_text(pane.image)
        pane.refresh_text()

    def _forget_frames(self) -> None:
        """The frame stepper keeps frames only of the films on screen."""
        panes = self._window.layout_panes.panes
        self._window.frames.keep_only({pane.image.path for pane in panes if pane.image is not None})

    def _position_text(self, image: LoadedImage | None) -> str:
        """The open list's "Image i/n  Study j/m" when ``image`` is its current film and no plugin holds the view."""
        navigator = self._window.opener.navigator
        listed = image is not None and image.path is not None and image.path == navigator.current
        return navigator.position_text() if listed and self._window.hold.owner is None else ""

    def study_uid(self) -> str:
        """The StudyInstanceUID of the image in the main pane ('' for none or non-DICOM)."""
        image = self._window.layout_panes.primary.image
        return str(image.metadata.get("StudyInstanceUID", "")) if image is not None else ""

    def update_title(self, image: LoadedImage | None) -> None:
        """The file's name after the product's, unless the read is blinded."""
        name = "" if image is None or self._window.hold.metadata_hidden else f" — {image.display_name}"
        self._window.setWindowTitle(f"{TITLE}{name}")

    def show_comparison(self) -> None:
        """What the comparison pane shows for the current film, in the layout now on screen."""
        self.comparison.show(self._window.hold.metadata_hidden)
