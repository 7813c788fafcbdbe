"""Opening what a user throws at the window: a folder of good and bad files, DICOMDIRs, studies in reading order,
drops scanned off the GUI thread, files deleted or changed after they were listed."""

from __future__ import annotations

import pydicom
import pytest
from pydicom.fileset import FileSet
from PySide6 import QtCore, QtGui, QtWidgets

from tests import dicom_factory

pytestmark = pytest.mark.gui


def _bad_folder(tmp_path):
    folder = tmp_path / "mixed"
    films = [dicom_factory.make_cr(folder / f"film{k}.dcm", rows=24, cols=24, seed=k, StudyInstanceUID="1.2.7",
                                   InstanceNumber=k + 1) for k in range(3)]
    whole = dicom_factory.make_cr(tmp_path / "whole.dcm", rows=40, cols=40, StudyInstanceUID="1.2.7",
                                  InstanceNumber=9).read_bytes()
    (folder / "cut.dcm").write_bytes(whole[:-700])  # pixel data cut: found only when decoded
    (folder / "empty.dcm").write_bytes(b"")
    (folder / "readme.dcm").write_text("not DICOM\n" * 20)
    dicom_factory.make_sr(folder / "report.dcm")
    (folder / ".hidden.dcm").write_bytes(films[0].read_bytes())
    return folder, films


def _messages_naming(window, name):
    return [text for text in window.messages.messages() if name in text]


def test_a_folder_of_good_and_bad_files_opens_every_film_and_names_each_bad_file_once(window, tmp_path):
    folder, films = _bad_folder(tmp_path)
    assert window.open_paths([folder])
    shown = [window.layout_panes.primary.image.path]
    while window.opener.step_image(+1):
        shown.append(window.layout_panes.primary.image.path)
    while window.opener.step_image(-1):  # back over the broken file, and forth again
        pass
    while window.opener.step_image(+1):
        pass
    assert shown == [film.resolve() for film in films]
    for name in ("cut.dcm", "empty.dcm", "readme.dcm", "report.dcm"):
        assert len(_messages_naming(window, name)) == 1, window.messages.messages()
    assert "truncated" in _messages_naming(window, "cut.dcm")[0]
    assert "not an image" in _messages_naming(window, "report.dcm")[0]
    assert not _messages_naming(window, ".hidden.dcm")
    assert QtWidgets.QApplication.activeModalWidget() is None


def _media(tmp_path):
    sources = [dicom_factory.make_cr(tmp_path / "src" / f"{k}.dcm", rows=16, cols=16, seed=k, StudyInstanceUID="1.4.1")
               for k in range(3)]
    file_set = FileSet()
    for source in sources:
        file_set.add(pydicom.dcmread(source))
    file_set.write(tmp_path / "cd")
    return tmp_path / "cd"


def test_a_dicomdir_with_a_missing_file_and_lower_case_names_on_disk(window, tmp_path):
    media = _media(tmp_path)
    gone = sorted(media.rglob("IM*"))[0]
    gone.unlink()
    for path in sorted(media.rglob("*"), key=lambda p: -len(p.parts)):
        if path.name != "DICOMDIR":
            path.rename(path.with_name(path.name.lower()))
    assert window.open_paths([media / "DICOMDIR"])
    assert window.opener.navigator.position_text() == "Image 1/2  Study 1/1"
    assert len(_messages_naming(window, f"{gone}: listed in")) == 1


def test_studies_open_newest_first_a_copy_is_said_and_a_file_opened_twice_is_listed_once(window, tmp_path):
    old = dicom_factory.make_cr(tmp_path / "a_old.dcm", rows=16, cols=16, StudyDate="20200101", StudyInstanceUID="1.5.1")
    new = dicom_factory.make_cr(tmp_path / "b_new.dcm", rows=16, cols=16, StudyDate="20240101", StudyInstanceUID="1.5.2")
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / "same.dcm").write_bytes(new.read_bytes())
    assert window.open_paths([tmp_path, new])
    navigator = window.opener.navigator
    assert navigator.studies == [[new.resolve()], [old.resolve()]]
    assert len(_messages_naming(window, "same.dcm: a copy of")) == 1


def _drop(window, paths):
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path)) for path in paths])
    viewport, buttons = window.layout_panes.primary.viewport(), QtCore.Qt.MouseButton.LeftButton
    enter = QtGui.QDragEnterEvent(QtCore.QPoint(40, 40), QtCore.Qt.DropAction.CopyAction, mime, buttons,
                                  QtCore.Qt.KeyboardModifier.NoModifier)
    QtWidgets.QApplication.sendEvent(viewport, enter)
    drop = QtGui.QDropEvent(QtCore.QPointF(40, 40), QtCore.Qt.DropAction.CopyAction, mime, buttons,
                            QtCore.Qt.KeyboardModifier.NoModifier)
    QtWidgets.QApplication.sendEvent(viewport, drop)


def test_a_dropped_folder_is_scanned_off_the_gui_thread_and_a_second_drop_replaces_the_first(window, tmp_path, qtbot):
    first = [dicom_factory.make_cr(tmp_path / "first" / f"{k:03d}.dcm", rows=8, cols=8, seed=k) for k in range(60)]
    second = dicom_factory.make_cr(tmp_path / "second" / "only.dcm", rows=8, cols=8)
    _drop(window, [tmp_path / "first"])
    scan = window.opener.scan
    assert scan is not None and window.layout_panes.primary.image is None  # the drop returned before the scan
    with qtbot.waitSignal(window.opener.scan_ended, timeout=20000):
        _drop(window, [tmp_path / "second"])
    assert scan.cancelled
    qtbot.waitUntil(lambda: scan.done, timeout=20000)
    qtbot.wait(50)  # the replaced scan's answer, had it been let through, would have arrived by now
    assert window.layout_panes.primary.image.path == second.resolve()
    assert window.opener.navigator.position_text() == "Image 1/1  Study 1/1" and first


def test_a_file_deleted_or_rewritten_after_it_was_listed(window, tmp_path):
    a, b, c = (dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=16, cols=16, seed=k, StudyInstanceUID="1.6.1",
                                     InstanceNumber=k + 1) for k, name in enumerate("abc"))
    assert window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    window.opener.step_image(+1)
    window.opener.step_image(+1)
    b.unlink()  # viewed once (decoded and held in memory), then deleted
    dicom_factory.make_cr(a, rows=12, cols=20, StudyInstanceUID="1.6.1", PatientName="Rewritten^Film")
    assert window.opener.step_image(-1) and pane.image.path == a.resolve()  # b is skipped: gone
    assert pane.image.shape == (12, 20) and pane.image.metadata["PatientName"] == "Rewritten^Film"
    assert len(_messages_naming(window, "b.dcm: no longer on disk")) == 1
    assert window.opener.step_image(+1) and pane.image.path == c.resolve()
    assert len(_messages_naming(window, "b.dcm")) == 1
