"""AI > "Save findings as DICOM SR/SEG…" in the real main window: a radiologist who ran detection in the viewer had
no way to keep the result as DICOM (only ``cxr-ai detect --dicom-out`` wrote it). The objects written from the
viewer are the CLI's for that film and operating point, valid (dciodvfy, highdicom), in the folder the user
picked, which is remembered; refusals and failures are said."""

from __future__ import annotations

from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom
import pytest
import SimpleITK as sitk
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from cxr_ai.cli import main
from tests.ai.model_factory import synthetic_chest
from tests.ai.viewer_helpers import open_and_settle, plugin, settle, status
from tests.dicom_validation import dciodvfy_errors

pytestmark = pytest.mark.gui
ACTION = "cxr_ai.save_dicom"


class FolderDialogAnswer:
    """As the user does in the folder dialog once it is up: ``answer(dialog)`` picks a folder or cancels; ``seen``
    lists the folder each dialog opened at. Polls from the event loop (the dialog's ``exec`` runs its own) until
    ``stop``, so that no poll outlives its test."""

    def __init__(self, answer) -> None:
        self.answer, self.seen, self._stopped = answer, [], False
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        if self._stopped:
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            self.seen.append(dialog.directory().absolutePath())
            self.answer(dialog)
        QTimer.singleShot(20, self._poll)

    def stop(self) -> list[str]:
        self._stopped = True
        return self.seen


def _pick(folder: Path | None):
    def answer(dialog: QFileDialog) -> None:
        if folder is None:
            dialog.reject()
        else:
            dialog.setDirectory(str(folder))
            dialog.accept()
    return answer


def _save(qtbot, window, folder: Path | None, trigger=None) -> list[str]:
    """Trigger the entry (or ``trigger``) and answer the dialog with ``folder`` (None: Cancel); the folders the
    dialogs opened at, none when it was refused before asking."""
    answering = FolderDialogAnswer(_pick(folder))
    (trigger or window.plugin_actions[ACTION].trigger)()
    settle(qtbot, window)
    return answering.stop()


def _findings_in(sr: pydicom.Dataset) -> int:
    return len(hd.sr.Comprehensive3DSR.from_dataset(sr).content.get_planar_roi_measurement_groups())


def _cli_objects(tmp_path: Path, source: Path, model_dir: Path, operating_point: str) -> dict[str, pydicom.Dataset]:
    out = tmp_path / "cli"
    assert main(["detect", str(source), "--out", str(out / "results.json"), "--models", str(model_dir), "--device",
                 "cpu", "--operating-point", operating_point, "--dicom-out", str(out / "dicom")]) == 0
    return {path.name: pydicom.dcmread(path) for path in (out / "dicom").iterdir()}


def test_saved_as_the_cli_writes_them_at_the_docks_operating_point(viewer, files, qtbot, tmp_path, model_dir) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    plugin(window).set_operating_point("spec")  # the obvious nodule only
    folder = tmp_path / "reports"
    folder.mkdir()
    _save(qtbot, window, folder)
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["a_seg_binary.dcm", "a_seg_fractional.dcm", "a_sr.dcm"]  # nothing half-written beside them
    assert f"findings saved as DICOM in {folder}" in status(window)
    assert window.host.settings("cxr_ai")["dicom_folder"] == str(folder)
    source = pydicom.dcmread(files[0])
    saved = {name: pydicom.dcmread(folder / name) for name in names}
    for name in names:
        assert dciodvfy_errors(folder / name) == [], name
        assert saved[name].StudyInstanceUID == source.StudyInstanceUID
    assert _findings_in(saved["a_sr.dcm"]) == 1
    binary = hd.seg.Segmentation.from_dataset(saved["a_seg_binary.dcm"])
    assert binary.number_of_segments == 1
    cli = _cli_objects(tmp_path, files[0], model_dir, "spec")
    assert sorted(cli) == names
    assert _findings_in(cli["a_sr.dcm"]) == 1
    for name in ("a_seg_binary.dcm", "a_seg_fractional.dcm"):
        assert np.array_equal(saved[name].pixel_array, cli[name].pixel_array), name


def test_the_dialog_opens_beside_the_film_then_at_the_last_folder_and_cancel_writes_nothing(viewer, files, qtbot, tmp_path) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert _save(qtbot, window, first) == [str(files[0].parent)]  # the first time beside the film
    assert _save(qtbot, window, None) == [str(first)]  # opened where the last save went; then cancelled
    assert _save(qtbot, window, second) == [str(first)]
    assert len(list(first.iterdir())) == len(list(second.iterdir())) == 3


def test_an_unwritable_folder_is_said_and_nothing_is_written(viewer, files, qtbot, tmp_path) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / "reports").write_text("a file where the folder should be")  # root ignores permissions; this not

    def pick_a_folder_under_the_file(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(folder))
        dialog.selectFile(str(folder / "reports" / "out"))
        dialog.done(QFileDialog.DialogCode.Accepted)

    answering = FolderDialogAnswer(pick_a_folder_under_the_file)
    window.plugin_actions[ACTION].trigger()
    settle(qtbot, window)
    assert len(answering.stop()) == 1  # the dialog was answered
    assert "not saved as DICOM" in status(window)
    assert sorted(path.name for path in folder.iterdir()) == ["reports"]


def test_refused_without_a_result_without_a_dicom_header_and_during_a_hold(viewer, files, qtbot, tmp_path) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    assert not window.plugin_actions[ACTION].isEnabled()  # greyed; its key (or a race) is refused all the same
    assert _save(qtbot, window, None, trigger=plugin(window).save_dicom) == []  # no folder dialog: refused before
    assert "no result for this film to save; press D" in status(window)
    mha = tmp_path / "chest.mha"
    sitk.WriteImage(sitk.GetImageFromArray(synthetic_chest(500, 600, [(300.0, 250.0, 30.0)])), str(mha))
    open_and_settle(qtbot, window, mha)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    assert _save(qtbot, window, None) == []
    assert "no DICOM header" in status(window)
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    window.host.set_exclusive("reader_study")  # a blinded read: the host switches the entry off ...
    assert not window.plugin_actions[ACTION].isEnabled()
    # ... and the plugin refuses it all the same (a shortcut, the --overlay route)
    assert _save(qtbot, window, None, trigger=plugin(window).save_dicom) == []
    assert "off while the reader_study plugin holds the view" in status(window)
