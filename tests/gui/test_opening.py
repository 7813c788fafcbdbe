"""Opening files (menus, drag and drop, broken files), navigation, 1×2 layout, tag panel and PNG export."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest
from pydicom.dataelem import RawDataElement
from pydicom.fileset import FileSet
from pydicom.tag import Tag
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.tag_panel import TagPanel
from tests import dicom_factory
from tests.gui.conftest import drag, send_wheel, widget_point

pytestmark = pytest.mark.gui


def _truncated_copy(source, target):
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 3])
    return target


def test_broken_file_is_reported_and_the_next_one_opens(window, tmp_path, qtbot):
    good = dicom_factory.make_cr(tmp_path / "b_good.dcm", rows=80, cols=90)
    broken = _truncated_copy(good, tmp_path / "a_broken.dcm")
    assert window.open_paths([broken, good])
    assert window.layout_panes.primary.image.path == good
    messages = window.messages.messages()
    assert any("a_broken.dcm" in text for text in messages), messages
    assert "a_broken.dcm" in window.statusBar().currentMessage()
    assert window.docks["messages"].isVisible()
    assert QtWidgets.QApplication.activeModalWidget() is None


def test_a_folders_garbage_and_empty_dcm_files_are_named_and_a_preambleless_one_opens(window, tmp_path):
    good = dicom_factory.make_cr(tmp_path / "a_good.dcm", rows=40, cols=40)
    raw = tmp_path / "b_raw.dcm"  # the same object without the 128-byte preamble and 'DICM'
    raw.write_bytes(good.read_bytes()[132:])
    (tmp_path / "c_garbage.dcm").write_bytes(b"this is not DICOM at all" * 20)
    (tmp_path / "d_empty.dcm").write_bytes(b"")
    assert window.open_paths([tmp_path])
    assert window.opener.step_image(+1) and window.layout_panes.primary.image.path == raw
    for _ in range(2):  # on to the broken two: each is reported as it is reached
        window.opener.step_image(+1)
    messages = window.messages.messages()
    assert any("c_garbage.dcm" in text for text in messages), messages
    assert any("d_empty.dcm" in text and "empty" in text for text in messages), messages


def test_a_file_with_a_malformed_header_element_does_not_stop_its_folder(window, tmp_path):
    good = dicom_factory.make_cr(tmp_path / "a_good.dcm", rows=40, cols=40)
    # preamble, DICM, then (0002,0000) UL with a value length of 3: pydicom raises BytesLengthException
    (tmp_path / "b_bad.dcm").write_bytes(b"\0" * 128 + b"DICM" + b"\x02\x00\x00\x00UL\x03\x00\x01\x02\x03")
    assert window.open_paths([tmp_path])
    assert window.layout_panes.primary.image.path == good
    assert window.opener.step_image(+1) is False
    assert any("b_bad.dcm" in text for text in window.messages.messages())


def test_after_a_broken_last_file_the_previous_image_is_one_step_back(window, tmp_path, qtbot):
    first, second = (dicom_factory.make_cr(tmp_path / f"a{i}.dcm", rows=30, cols=30, StudyInstanceUID="1.2.9.1")
                     for i in (1, 2))
    third = dicom_factory.make_cr(tmp_path / "src" / "a3.dcm", rows=30, cols=30, StudyInstanceUID="1.2.9.1")
    _truncated_copy(third, tmp_path / "a3.dcm")  # a film of its own (a copy of a1 would sort into a1's series)
    window.open_paths([tmp_path / f"a{i}.dcm" for i in (1, 2, 3)])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_PageDown)
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_PageDown)  # a3 is reported; a2 stays on screen
    assert pane.image.path == second and "Image 2/3" in pane.corners.labels["bottom_right"].text()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_PageUp)
    assert pane.image.path == first


def test_next_and_previous_image_skip_nothing_and_step_studies(window, tmp_path, qtbot):
    first = dicom_factory.make_cr(tmp_path / "s1a.dcm", rows=40, cols=40, StudyInstanceUID="1.2.3.1")
    second = dicom_factory.make_cr(tmp_path / "s1b.dcm", rows=40, cols=40, StudyInstanceUID="1.2.3.1")
    other = dicom_factory.make_cr(tmp_path / "s2a.dcm", rows=40, cols=40, StudyInstanceUID="1.2.3.2")
    window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    assert pane.image.path == first
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_PageDown)
    assert pane.image.path == second
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_PageDown, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert pane.image.path == other
    assert "Study 2/2" in pane.corners.labels["bottom_right"].text()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_PageUp)
    assert pane.image.path == second


def test_dicomdir_opens_the_files_it_references(window, tmp_path):
    source = dicom_factory.make_cr(tmp_path / "source.dcm", rows=24, cols=24)
    media = FileSet()
    media.add(pydicom.dcmread(source))
    media.write(tmp_path / "media")
    assert window.open_paths([tmp_path / "media" / "DICOMDIR"])
    assert window.layout_panes.primary.image.path.name == "IM000000"


def test_dropping_a_file_on_the_image_opens_it(window, cr_file, qtbot):
    viewport = window.layout_panes.primary.viewport()
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(cr_file))])
    pos = QtCore.QPointF(50, 50)
    enter = QtGui.QDragEnterEvent(pos.toPoint(), QtCore.Qt.DropAction.CopyAction, mime,
                                  QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.NoModifier)
    QtWidgets.QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(pos, QtCore.Qt.DropAction.CopyAction, mime,
                            QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.opener.scan_ended, timeout=10000):  # a drop is scanned off the GUI thread
        QtWidgets.QApplication.sendEvent(viewport, drop)
    assert window.layout_panes.primary.image is not None
    assert window.layout_panes.primary.image.path == cr_file


def test_export_png_has_the_view_size_and_content(window, cr_file, tmp_path):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    out = tmp_path / "view.png"
    size = pane.export_png(str(out))
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (pane.width(), pane.height()) == (size.width(), size.height())
    grey = np.array([QtGui.QColor(image.pixel(x, image.height() // 2)).value() for x in range(0, image.width(), 4)])
    assert grey.std() > 10  # the ramp, not a blank picture


def test_the_pixel_readout_of_one_film_is_cleared_when_the_next_opens(window, cr_file, tmp_path):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    pane.scene().sigMouseMoved.emit(pane.mapToScene(widget_point(pane, 20.5, 20.5)))
    assert window.cursor_label.text().startswith("x 20  y 20")
    window.open_paths([dicom_factory.make_cr(tmp_path / "other.dcm", rows=40, cols=40)])
    assert window.cursor_label.text() == ""


def test_a_failed_export_is_reported_not_announced_as_done(window, cr_file, tmp_path):
    window.open_paths([cr_file])
    assert window.export_view(str(tmp_path / "view.png"))
    target = tmp_path / "no such folder" / "view.png"
    assert not window.export_view(str(target))
    assert not target.exists()
    assert any("Export failed" in line and str(target) in line for line in window.messages.messages())
    assert "Exported" not in window.statusBar().currentMessage()


def test_a_malformed_element_is_one_unreadable_row_and_the_image_opens_fully(window, tmp_path):
    ds = pydicom.dcmread(dicom_factory.make_cr(tmp_path / "ok.dcm", rows=40, cols=40))
    ds[0x00280106] = RawDataElement(Tag(0x00280106), "US", 3, b"\x01\x02\x03", 0, False, True)  # US of 3 bytes
    ds.LossyImageCompression = "00"  # (0028,2110), after the bad element
    ds.save_as(tmp_path / "bad_tag.dcm")
    assert window.open_paths([tmp_path / "bad_tag.dcm"])
    rows = [window.tag_panel.tree.topLevelItem(i) for i in range(window.tag_panel.tree.topLevelItemCount())]
    bad = [row for row in rows if row.text(0) == "(0028,0106)"]
    assert len(bad) == 1 and bad[0].text(3).startswith("<unreadable")
    assert rows[-1].text(0) == "(0028,2110)"  # the elements after it are listed too
    assert "bad_tag.dcm" in window.windowTitle()  # opening went on past the tag panel


def test_a_narrow_tag_panel_keeps_a_third_of_its_width_for_values(qtbot, cr_file):
    panel = TagPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 400)
    panel.show()
    panel.set_dataset(pydicom.dcmread(cr_file))
    tree = panel.tree
    shown = [column for column in range(3) if not tree.isColumnHidden(column)]
    value_width = tree.viewport().width() - sum(tree.columnWidth(column) for column in shown)
    assert value_width >= tree.viewport().width() / 3
    assert tree.columnWidth(0) >= tree.sizeHintForColumn(0)  # the tag number is never cut
    tree.setColumnWidth(1, 40)  # set by hand: a resize within the same width class keeps it
    panel.resize(310, 400)
    assert tree.columnWidth(1) == 40
    narrow_keyword = tree.columnWidth(1)
    panel.resize(900, 400)
    assert tree.columnWidth(1) > narrow_keyword and not tree.isColumnHidden(2)  # room again: all shown whole
    row = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert row.toolTip(3) == row.text(3) and row.toolTip(1) == f"{row.text(1)} ({row.text(2)})"


def test_tag_panel_search_finds_a_tag(window, cr_file, qtbot):
    window.open_paths([cr_file])
    panel = window.tag_panel
    assert "PatientName" in panel.visible_matches()
    qtbot.keyClicks(panel.search, "bodypart")
    shown = panel.visible_matches()
    assert "BodyPartExamined" in shown and "PatientName" not in shown
    qtbot.keyClicks(panel.search, "xyz-no-such-tag")
    assert panel.visible_matches() == []


def test_one_by_two_linked_zoom_and_window(window, tmp_path, qtbot):
    dicom_factory.make_cr(tmp_path / "current.dcm", rows=200, cols=300, StudyInstanceUID="1.2.3.1")
    dicom_factory.make_cr(tmp_path / "prior.dcm", rows=200, cols=300, StudyInstanceUID="1.2.3.2", seed=3)
    window.open_paths([tmp_path])
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    first, second = window.layout_panes.panes
    assert second.isVisible() and second.image is not None and second.image.path != first.image.path
    window.actions["link_view"].trigger()
    window.actions["link_window"].trigger()
    send_wheel(first.viewport(), widget_point(first, 100, 80), 4)
    first_range, second_range = first.viewbox.viewRange(), second.viewbox.viewRange()
    assert second_range[0] == pytest.approx(first_range[0]) and second_range[1] == pytest.approx(first_range[1])
    first.set_window(1000, 400)  # both films open at nearly the same window: the prior takes nearly the same
    assert (second.state.center, second.state.width) == pytest.approx((1000, 400), rel=0.01)
    window.actions["link_view"].trigger()
    send_wheel(first.viewport(), widget_point(first, 100, 80), 2)
    assert second.viewbox.viewRange()[0] == pytest.approx(second_range[0])


def test_linked_window_keeps_a_prior_from_another_detector_readable(window, tmp_path, qtbot):
    """A 12-bit MONOCHROME2 film beside a 15-bit MONOCHROME1 prior: modality values copied across would black the
    prior out; it follows in proportion to its own opening window, and darkens when the current film darkens."""
    dicom_factory.make_cr(tmp_path / "current.dcm", rows=200, cols=300, StudyInstanceUID="1.2.3.1")
    dicom_factory.make_cr(tmp_path / "prior.dcm", rows=200, cols=300, StudyInstanceUID="1.2.3.2", bits_stored=15,
                          monochrome1=True)
    window.open_paths([tmp_path / "current.dcm", tmp_path / "prior.dcm"])
    window.set_layout("1x2")
    first, second = window.layout_panes.panes
    prior_start, prior_mean = second.state, second.pipeline.render(second.state).mean()
    window.actions["link_window"].trigger()
    start = widget_point(first, 150, 100)
    drag(qtbot, first.viewport(), start, start + QtCore.QPoint(-40, 60), QtCore.Qt.MouseButton.RightButton)
    assert second.state.width == pytest.approx(prior_start.width * first.state.width / first.start_state.width)
    shown = second.pipeline.render(second.state)
    assert 10 < shown.mean() < prior_mean  # darker, as the current film, and not blacked out
    assert second.state.invert  # still in its own polarity


def test_metadata_hidden_blanks_names_and_tag_panel(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    assert "Test^Patient" in pane.corners.labels["top_left"].text()
    window.host.set_metadata_hidden(True)
    texts = " ".join(label.text() for label in pane.corners.labels.values())
    assert "Test^Patient" not in texts and "cr.dcm" not in texts and "cr.dcm" not in window.windowTitle()
    assert not window.docks["tags"].isVisible()


def test_a_retrieved_study_opens_its_images_not_its_reports(window, cr_file, tmp_path):
    from cxr_viewer.gui.pacs_dialog import PacsDialog

    report = dicom_factory.make_sr(tmp_path / "ai_sr.dcm")
    window.actions["pacs"].trigger()  # File → Query/Retrieve from PACS…
    dialog = window.findChild(PacsDialog)
    dialog.retrieved.emit([report, cr_file])  # what the PACS window hands over once a retrieve is in
    assert window.layout_panes.primary.image.path == cr_file and window.opener.navigator.position_text().endswith("1/1")
    assert not window.messages.messages()
    dialog.retrieved.emit([report])
    assert "none of them an image" in window.statusBar().currentMessage()
    dialog.close()
