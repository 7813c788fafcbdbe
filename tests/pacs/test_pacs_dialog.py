"""The PACS window against a real Orthanc (run inside the private network namespace, see
``test_namespace_runner.py``): connection test, search with filters and series expansion, retrieval by
C-MOVE into our receiver, C-GET and WADO-RS, and sending an image plus an AI SR back."""

from __future__ import annotations

from datetime import date

import pydicom
import pytest
from PySide6.QtCore import Qt

from cxr_viewer.gui.pacs_node_table import RESULT_COLUMN, TEST_COLUMN
from cxr_viewer.gui.pacs_retrieval import C_GET, C_MOVE, WADO_RS
from cxr_viewer.gui.pacs_send_tab import STOW_RS
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import instances_of_study
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE, free_port, write_ai_sr
from tests.pacs.pacs_dialog_helpers import make_dialog

pytestmark = [pytest.mark.pacs, pytest.mark.gui]


def _study_uid(path) -> str:
    return str(pydicom.dcmread(path, stop_before_pixels=True).StudyInstanceUID)


@pytest.fixture
def dialog(qtbot, tmp_path, orthanc, our_scp_port):
    return make_dialog(qtbot, tmp_path, OUR_AE, our_scp_port, {"orthanc": orthanc.node})


def test_echo_button_shows_success_and_the_reason_of_a_failure(qtbot, tmp_path, orthanc, our_scp_port) -> None:
    wrong_ae = DicomNode("NOTORTHANC", "127.0.0.1", orthanc.node.port)
    closed = DicomNode("NOBODY", "127.0.0.1", free_port())
    dialog = make_dialog(qtbot, tmp_path, OUR_AE, our_scp_port,
                         {"a-orthanc": orthanc.node, "b-wrong-ae": wrong_ae, "c-closed": closed})
    table = dialog.nodes_tab.table
    for row in range(3):
        table.cellWidget(row, TEST_COLUMN).click()
    qtbot.waitUntil(lambda: all(table.item(r, RESULT_COLUMN).text() not in ("", "testing…") for r in range(3)),
                    timeout=15_000)
    assert table.item(0, RESULT_COLUMN).text() == "C-ECHO OK (0x0000), DICOMweb OK"
    assert table.item(1, RESULT_COLUMN).text().startswith("Failed: NOTORTHANC@127.0.0.1")
    if any(race in table.item(1, RESULT_COLUMN).text() for race in ("aborted", "closed the connection")):
        # Orthanc closes the socket right after its A-ASSOCIATE-RJ; on a loaded 2-core CI machine the close can
        # win the race and pynetdicom reports an abort (seen once in a fresh-clone CI run) or a close with no
        # A-ASSOCIATE-RJ read at all (2 in 80 echoes beside two others, 2026-12-07). The user's remedy is the same
        # click again, and so is the test's: the second answer must then name the rejection.
        table.cellWidget(1, TEST_COLUMN).click()
        qtbot.waitUntil(lambda: table.item(1, RESULT_COLUMN).text() not in ("", "testing…"), timeout=15_000)
    assert "rejected the association" in table.item(1, RESULT_COLUMN).text()
    assert "could not be reached" in table.item(2, RESULT_COLUMN).text()


def test_search_by_date_range_and_modality_then_expand_to_series(qtbot, dialog, orthanc, make_study) -> None:
    wanted = make_study(2, name="Filter^Fay", id="PIDFILT1", accession="ACCF1", study_date="20240110")
    other = make_study(1, name="Filter^Fay", id="PIDFILT2", accession="ACCF2", study_date="20230505")
    assert send_files(OUR_AE, orthanc.node, wanted + other).ok
    tab = dialog.query_tab
    tab.form.name.setText("FILTER*")
    tab.form.set_date_range(date(2024, 1, 1), date(2024, 1, 31))
    tab.form.modality.setCurrentText("CR")
    qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status.text().startswith("1 study found"), timeout=10_000)
    assert tab.tree.topLevelItemCount() == 1
    study = tab.tree.topLevelItem(0)
    assert (study.text(1), study.text(2), study.text(3)) == ("PIDFILT1", "2024-01-10 10:15", "ACCF1")

    tab.tree.expandItem(study)
    qtbot.waitUntil(lambda: study.childCount() == 1, timeout=10_000)
    assert (study.child(0).text(4), study.child(0).text(6)) == ("CR", "2")

    tab.form.set_date_range(date(2024, 2, 1), None)
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.status.text() == "No studies found.", timeout=10_000)


def test_move_is_refused_without_receiver_then_lands_in_it_with_progress(qtbot, dialog, orthanc, make_study,
                                                                         tmp_path) -> None:
    files = make_study(3, name="Moved^Max", id="PIDGUIMOVE")
    assert send_files(OUR_AE, orthanc.node, files).ok
    tab = dialog.query_tab
    tab.form.patient_id.setText("PIDGUIMOVE")
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1, timeout=10_000)
    tab.tree.topLevelItem(0).setSelected(True)
    tab.method.setCurrentText(C_MOVE)
    tab.retrieve_button.click()
    assert "our receiver, which is not running" in tab.status.text() and tab.retrieve_button.isEnabled()

    dialog.receiver_tab.start_button.click()
    assert dialog.receiver.running
    seen: list[tuple[int, int]] = []
    tab.progress.valueChanged.connect(lambda value: seen.append((value, tab.progress.maximum())))
    with qtbot.waitSignal(dialog.retrieved, timeout=20_000) as blocker:
        tab.retrieve_button.click()
    assert sorted(p.name for p in blocker.args[0]) == sorted(
        f"{pydicom.dcmread(f, stop_before_pixels=True).SOPInstanceUID}.dcm" for f in files)
    assert tab.status.text() == "Retrieved 3 instances (done)"
    assert any(maximum == 3 for _value, maximum in seen), seen
    dialog.receiver_tab.stop_button.click()
    with StudyIndex(tmp_path / "index.sqlite") as index:
        assert len(instances_of_study(index, _study_uid(files[0]))) == 3


@pytest.mark.parametrize("method", [C_GET, WADO_RS])
def test_get_and_wado_retrieve_a_series(qtbot, dialog, orthanc, make_study, method) -> None:
    files = make_study(2, name="Fetched^Flo", id=f"PIDFETCH{len(method)}")
    assert send_files(OUR_AE, orthanc.node, files).ok
    tab = dialog.query_tab
    tab.transport.setCurrentText("DICOMweb" if method == WADO_RS else "DIMSE")
    tab.method.setCurrentText(method)
    tab.form.patient_id.setText(f"PIDFETCH{len(method)}")
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1, timeout=10_000)
    study = tab.tree.topLevelItem(0)
    tab.tree.expandItem(study)
    qtbot.waitUntil(lambda: study.childCount() == 1, timeout=10_000)
    study.child(0).setSelected(True)
    with qtbot.waitSignal(dialog.retrieved, timeout=20_000) as blocker:
        tab.retrieve_button.click()
    received = blocker.args[0]
    assert len(received) == 2 and all(p.is_file() for p in received)
    assert {_study_uid(p) for p in received} == {_study_uid(files[0])}


@pytest.mark.parametrize("transport", ["C-STORE", STOW_RS])
def test_send_tab_sends_an_image_and_its_ai_sr(qtbot, tmp_path, orthanc, our_scp_port, make_study,
                                               transport) -> None:
    image = make_study(1, name="Sent^Sam", id=f"PIDSEND{len(transport)}")[0]
    report = write_ai_sr(image, image.parent)
    dialog = make_dialog(qtbot, tmp_path, OUR_AE, our_scp_port, {"orthanc": orthanc.node},
                         send_paths=lambda: [image, report, tmp_path / "missing.dcm"])
    tab = dialog.send_tab
    assert [tab.table.item(r, 1).text() for r in range(3)] == ["CR", "SR", ""]
    assert tab.paths() == [image, report], "the unreadable file must start unticked"
    tab.transport.setCurrentText(transport)
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Sent"), timeout=20_000)
    assert tab.status.text() == "Sent 2, failed 0" and tab.progress.value() == 2

    series = find(OUR_AE, orthanc.node, QueryFilter(level="series", study_uid=_study_uid(image)))
    assert sorted(str(s.Modality) for s in series) == ["CR", "SR"]


def test_a_failed_search_leaves_the_list_tied_to_the_node_that_made_it(qtbot, tmp_path, orthanc, our_scp_port,
                                                                     make_study) -> None:
    """After a failed search on another node, expanding and retrieving the listed studies went to that node."""
    closed = DicomNode("NOBODY", "127.0.0.1", free_port())
    dialog = make_dialog(qtbot, tmp_path, OUR_AE, our_scp_port, {"a-orthanc": orthanc.node, "b-down": closed})
    assert send_files(OUR_AE, orthanc.node, make_study(1, name="Stale^Sam", id="PIDSTALE")).ok
    tab = dialog.query_tab
    tab.form.name.setText("STALE*")
    tab.node.setCurrentText("a-orthanc")
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.status.text().startswith("1 study found"), timeout=10_000)
    tab.node.setCurrentText("b-down")
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Search failed"), timeout=15_000)
    study = tab.tree.topLevelItem(0)
    tab.tree.expandItem(study)
    qtbot.waitUntil(lambda: study.childCount() == 1, timeout=10_000)  # the series came from a-orthanc
