"""The AI plugin in the real main window (entry points, real tasks on worker threads, the test ONNX models):
cached results on reopen, stale results discarded, detection on open, blinded reading respected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import CONTOURS_ID
from cxr_viewer.settings import load_settings
from tests.ai.dicom_factory import write_dx
from tests.ai.viewer_helpers import ai_layers, chest_with_dim_nodule, open_and_settle, plugin, settle, status

pytestmark = pytest.mark.gui


def test_reopening_shows_cached_findings_without_pressing_d(viewer, files, qtbot) -> None:
    a, b = files
    window = viewer()
    open_and_settle(qtbot, window, a)
    assert ai_layers(window) == {}  # nothing cached yet, and detection on open is off
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_D)
    settle(qtbot, window)
    assert len(ai_layers(window)[CONTOURS_ID].contours) == 2
    open_and_settle(qtbot, window, b)
    assert ai_layers(window) == {}
    open_and_settle(qtbot, window, a)
    assert len(ai_layers(window)[CONTOURS_ID].contours) == 2
    assert plugin(window).dock.list.count() == 2
    assert "2 finding(s) at 'sens'" in status(window) and window.plugin_status.text().endswith(", cached")


def test_a_result_for_an_image_no_longer_shown_is_discarded(viewer, files, qtbot) -> None:
    a, b = files
    window = viewer()
    open_and_settle(qtbot, window, a)
    window.plugin_actions["cxr_ai.detect"].trigger()
    window.open_paths([b])  # the detection's result reaches the GUI thread only after this
    settle(qtbot, window)
    assert ai_layers(window) == {} and plugin(window).dock.list.count() == 0
    open_and_settle(qtbot, window, a)  # the discarded result was real: it went into the cache
    assert len(ai_layers(window)[CONTOURS_ID].contours) == 2


def test_detection_on_open_runs_on_a_cache_miss_and_persists(viewer, files, qtbot) -> None:
    window = viewer()
    dock = plugin(window).dock
    assert not dock.auto_run.isChecked()
    action = window.plugin_actions["cxr_ai.auto_run"]
    assert action.isCheckable() and not action.isChecked()
    action.trigger()
    assert action.isChecked() and dock.auto_run.isChecked()
    assert load_settings().plugin_settings["cxr_ai"]["auto_run"] is True
    open_and_settle(qtbot, window, files[0])
    assert len(ai_layers(window)[CONTOURS_ID].contours) == 2 and dock.list.count() == 2
    assert "cached" not in status(window)
    restarted = viewer(settings=load_settings())
    assert plugin(restarted).dock.auto_run.isChecked() and restarted.plugin_actions["cxr_ai.auto_run"].isChecked()
    plugin(restarted).dock.auto_run.click()
    assert load_settings().plugin_settings["cxr_ai"]["auto_run"] is False
    assert not restarted.plugin_actions["cxr_ai.auto_run"].isChecked()


def test_the_demo_shows_findings_on_open_without_changing_the_setting(viewer, files, qtbot) -> None:
    window = viewer(demo=True)
    assert window.host.demo_mode() and not plugin(window).dock.auto_run.isChecked()
    open_and_settle(qtbot, window, files[0])
    assert len(ai_layers(window)[CONTOURS_ID].contours) == 2 and plugin(window).dock.list.count() == 2
    assert "auto_run" not in load_settings().plugin_settings.get("cxr_ai", {})


def test_blinded_reading_gets_no_cached_findings(viewer, files, qtbot) -> None:
    a, b = files
    window = viewer()
    open_and_settle(qtbot, window, a)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    open_and_settle(qtbot, window, b)
    window.host.set_exclusive("reader_study")
    open_and_settle(qtbot, window, a)
    assert ai_layers(window) == {} and plugin(window).dock.list.count() == 0
    assert "finding" not in status(window)
    assert "off while the reader_study plugin holds the view" in window.plugin_status.text()  # not "press D": D is off


def test_blinded_reading_starts_no_detection_even_with_auto_run(viewer, files, tmp_path, qtbot) -> None:
    """Detection on open must not run behind a blinded read: its refused layers would tell the reader that
    results exist, and the work would slow the reading down.

    The hold ends as a reader study ends it, with the film closed first. The end of a hold looks a film left on
    screen up as if just opened, which with ``auto_run`` on rightly runs a detection; this test used to release the
    hold over the film and switch ``auto_run`` off only then, so that detection raced the next open's cancellation
    and, on a loaded machine, reached the model first and filled the cache. The ``settle`` after the release lets
    whatever the release started finish before the check, so the outcome does not depend on the threads' timing."""
    unseen = write_dx(tmp_path / "unseen.dcm", chest_with_dim_nodule())
    window = viewer()
    window.plugin_actions["cxr_ai.auto_run"].trigger()
    window.host.set_exclusive("reader_study")
    open_and_settle(qtbot, window, unseen)
    assert ai_layers(window) == {} and "not shown" not in window.statusBar().currentMessage()
    window.host.close_image()
    window.host.set_exclusive(None)
    settle(qtbot, window)
    window.plugin_actions["cxr_ai.auto_run"].trigger()  # off: reopening may only show what is cached
    open_and_settle(qtbot, window, files[1])
    open_and_settle(qtbot, window, unseen)
    assert ai_layers(window) == {}, "a detection ran during the blinded read and filled the cache"


def test_in_a_small_window_the_findings_read_the_same_on_the_film_in_the_list_and_the_status_bar(
        viewer, files, qtbot) -> None:
    window = viewer()
    window.resize(1024, 700)
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    dock = plugin(window).dock
    labels = [contour.label for contour in ai_layers(window)[CONTOURS_ID].contours]
    rows = [dock.list.item(row).text() for row in range(dock.list.count())]
    assert labels and all(label.startswith(f"#{i + 1} 0.") and len(label.split()[1]) == 4
                          for i, label in enumerate(labels))  # "#1 0.87": two decimals
    assert [row.split("  score ")[0] for row in rows] == [label.split()[0] for label in labels]
    assert [row.split("  score ")[1][:4] for row in rows] == [label.split()[1] for label in labels]
    shown = window.plugin_status
    count_end = shown.text().index("finding(s)") + len("finding(s)")
    assert shown.fontMetrics().horizontalAdvance(shown.text()[:count_end]) <= shown.width()  # not clipped away
    qtbot.waitUntil(lambda: dock.summary.height() >= dock.summary.heightForWidth(dock.summary.width()))
    assert "Research use only" in dock.summary.text()
