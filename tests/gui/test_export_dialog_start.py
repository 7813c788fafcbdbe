"""Export view's dialog starts beside the film, then where the last export went, with a name from the film that
overwrites nothing; with names hidden, a name that tells nothing of the patient. It had offered ``view.png`` in the
working directory every time."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory

pytestmark = pytest.mark.gui


def _export(window, qtbot, accept_in: Path | None = None) -> tuple[str, str]:
    """Ctrl+E's dialog: the folder it shows and the name it offers; accepted as offered (in ``accept_in`` if given),
    else cancelled."""
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        dialog = QtWidgets.QApplication.activeModalWidget()
        if not isinstance(dialog, QtWidgets.QFileDialog):
            QtCore.QTimer.singleShot(50, answer)
            return
        name = Path(dialog.selectedFiles()[0]).name
        seen.append((dialog.directory().absolutePath(), name))
        if accept_in is None:
            dialog.reject()
            return
        dialog.selectFile(str(accept_in / name))
        dialog.accept()

    QtCore.QTimer.singleShot(50, answer)
    window.actions["export_png"].trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return seen[0]


def test_the_dialog_starts_beside_the_film_then_where_the_last_export_went(window, qtbot, tmp_path, config) -> None:
    films = tmp_path / "films"
    films.mkdir()
    window.open_paths([dicom_factory.make_cr(films / "cr.dcm", rows=200, cols=300, spacing=0.2, PatientID="P/7 x")])
    assert _export(window, qtbot) == (str(films), "P_7_x_20240102_1.png")
    exports = tmp_path / "exports"
    exports.mkdir()
    assert _export(window, qtbot, accept_in=exports) == (str(films), "P_7_x_20240102_1.png")
    assert (exports / "P_7_x_20240102_1.png").is_file()
    assert json.loads((config / "viewer.json").read_text())["export_folder"] == str(exports)
    assert _export(window, qtbot) == (str(exports), "P_7_x_20240102_2.png")  # the first one is not offered again


def test_names_hidden_offer_neither_the_patient_nor_the_films_folder(window, qtbot, tmp_path, config) -> None:
    films = tmp_path / "DOE_JOHN"
    films.mkdir()
    window.open_paths([dicom_factory.make_cr(films / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    window.host.set_metadata_hidden(True)
    folder, name = _export(window, qtbot)
    assert name == "view_1.png"
    assert folder != str(films)
    window.host.set_metadata_hidden(False)


def test_names_hidden_ignore_the_last_export_folder_and_keep_no_folder(window, qtbot, tmp_path, config) -> None:
    """An export beside the film (named after the patient) made the blinded read's dialog start there, saved the
    blinded export's folder and showed its path in the status bar."""
    films = tmp_path / "DOE_JOHN_19600101"
    films.mkdir()
    window.open_paths([dicom_factory.make_cr(films / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    _export(window, qtbot, accept_in=films)
    window.host.set_metadata_hidden(True)
    folder, name = _export(window, qtbot, accept_in=films)
    assert (folder, name) == (str(_pictures_or_home()), "view_1.png")
    assert json.loads((config / "viewer.json").read_text())["export_folder"] == str(films)  # the unblinded one's
    assert window.statusBar().currentMessage() == "Exported view_1.png"
    window.host.set_metadata_hidden(False)


def _pictures_or_home() -> Path:
    pictures = platformdirs.user_pictures_path()
    return pictures if pictures.is_dir() else Path.home()
