"""The Nodes tab's Test button becomes Cancel while its test runs, and Cancel stops the test within seconds.

Before, a row's test could not be stopped: against a node that drops our SYNs (connect timeout up to 300 s; 30 s
here) or a DICOMweb server that never answers, the row said "testing…" until the timeout, and rebuilding the rows
(adding, editing or removing a node) blanked "testing…" while the test ran on. Now the button reads "Cancel";
clicking it must end the test within 5 s (a functional bound against the 30 s, not a speed measurement) with the
row reading "Cancelled" in neither green nor red, the button back to "Test (C-ECHO)", no thread or socket left,
and a later Test of the same row answered. The peers are real sockets on 127.0.0.1 (``silent_peers``) and a real
pynetdicom Verification SCP, so these run outside the private namespace, except the name-server case.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from pynetdicom import AE
from pynetdicom.sop_class import Verification  # type: ignore[attr-defined]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from cxr_viewer.gui.pacs_dialog import PacsDialog
from cxr_viewer.gui.pacs_node_table import RESULT_COLUMN, TEST_COLUMN
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.nodes import DicomNode
from tests.pacs.conftest import OUR_AE
from tests.pacs.pacs_dialog_helpers import fill_next_editor, make_dialog
from tests.pacs.silent_peers import silent_server, syn_dropping_port
from tests.pacs.test_cancel_while_connecting import CONNECT_TIMEOUT_S, _settles, dead_node, open_sockets

pytestmark = pytest.mark.gui
STOPS_WITHIN_MS = 5_000
TEST, CANCEL = "Test (C-ECHO)", "Cancel"
GREEN, RED = "#1e8449", "#c0392b"


@contextmanager
def echo_scp(port: int = 0) -> Iterator[DicomNode]:
    """A pynetdicom SCP on 127.0.0.1 that answers C-ECHO (``port`` 0: any free one)."""
    ae = AE("ECHOSCP")
    ae.add_supported_context(Verification)
    server = ae.start_server(("127.0.0.1", port), block=False)
    try:
        yield DicomNode("ECHOSCP", "127.0.0.1", server.server_address[1], connect_timeout_s=CONNECT_TIMEOUT_S)
    finally:
        server.shutdown()


def dead(port: int) -> DicomNode:
    """A node that drops our SYNs (connect timeout 30 s), C-ECHO only: its port may later host an echo SCP."""
    return replace(dead_node(port), dicomweb_url="")


class Rows:
    """The Nodes tab as a radiologist sees it: each node's row, its button and its "Last test" text."""

    def __init__(self, qtbot, dialog) -> None:
        self.qtbot, self.tab = qtbot, dialog.nodes_tab
        self.table = self.tab.table

    def row(self, name: str) -> int:
        rows = [r for r in range(self.table.rowCount()) if self.table.item(r, 0).text() == name]
        assert len(rows) == 1, f"{name!r} is on rows {rows}"
        return rows[0]

    def button(self, name: str) -> QPushButton:
        return self.table.cellWidget(self.row(name), TEST_COLUMN)

    def result(self, name: str) -> str:
        return self.table.item(self.row(name), RESULT_COLUMN).text()

    def colour(self, name: str) -> str:
        return self.table.item(self.row(name), RESULT_COLUMN).foreground().color().name()

    def start(self, name: str) -> None:
        assert self.button(name).text() == TEST
        self.button(name).click()
        self.qtbot.wait(500)  # well inside the 30 s connect timeout and the 10 s read timeout
        assert self.result(name) == "testing…" and self.button(name).text() == CANCEL, self.result(name)
        assert self.button(name).isEnabled()

    def cancel(self, name: str) -> None:
        """Click Cancel; the row must read "Cancelled", uncoloured, with its Test button back, within 5 s."""
        self.button(name).click()
        self.qtbot.waitUntil(lambda: self.result(name) == "Cancelled", timeout=STOPS_WITHIN_MS)
        assert self.button(name).text() == TEST and self.button(name).isEnabled()
        assert self.colour(name) not in (GREEN, RED)

    def wait_answer(self, name: str, within_ms: int = STOPS_WITHIN_MS) -> str:
        self.qtbot.waitUntil(lambda: self.result(name) not in ("", "testing…"), timeout=within_ms)
        return self.result(name)


def _nothing_left(threads: set[threading.Thread], sockets: int, leftover: str = "") -> None:
    """No thread but ``leftover`` (an abandoned host lookup, which also holds the resolver's socket) and no socket
    beyond the ``sockets`` counted before the test started."""
    def left() -> set[str]:
        return {thread.name for thread in set(threading.enumerate()) - threads} - {leftover}

    assert _settles(lambda: not left()), f"threads left running: {left()}"
    if not leftover:
        assert _settles(lambda: open_sockets() <= sockets), f"{open_sockets() - sockets} sockets left open"


def test_cancel_stops_a_test_still_connecting_and_a_later_test_of_the_row_works(qtbot, tmp_path: Path) -> None:
    with syn_dropping_port() as port:
        rows = Rows(qtbot, make_dialog(qtbot, tmp_path, OUR_AE, 11112, {"dead": dead(port)}))
        threads, sockets = set(threading.enumerate()), open_sockets()
        rows.start("dead")
        rows.cancel("dead")
        _nothing_left(threads, sockets)
    with echo_scp(port):  # the PACS is back, on the same port: the same row now answers
        rows.button("dead").click()
        assert rows.wait_answer("dead") == "C-ECHO OK (0x0000)"
        assert rows.colour("dead") == GREEN and rows.button("dead").text() == TEST


def test_cancel_stops_the_dicomweb_search_of_a_server_that_never_answers(qtbot, tmp_path: Path) -> None:
    """The C-ECHO answers; the one-study QIDO-RS then waits on a server that accepted and never speaks."""
    with echo_scp() as node, silent_server() as web_port:
        node = replace(node, dicomweb_url=f"http://127.0.0.1:{web_port}/dicom-web")
        rows = Rows(qtbot, make_dialog(qtbot, tmp_path, OUR_AE, 11112, {"web": node}))
        threads, sockets = set(threading.enumerate()), open_sockets()
        rows.start("web")
        rows.cancel("web")
        _nothing_left(threads, sockets + 1)  # + the silent peer's end of the cut connection, open until it closes


def test_two_rows_test_and_cancel_independently(qtbot, tmp_path: Path) -> None:
    with syn_dropping_port() as port, echo_scp() as working:
        nodes = {"dead-a": dead(port), "dead-b": dead(port), "ok": working}
        rows = Rows(qtbot, make_dialog(qtbot, tmp_path, OUR_AE, 11112, nodes))
        rows.start("dead-a")
        rows.start("dead-b")
        rows.button("ok").click()
        assert rows.wait_answer("ok") == "C-ECHO OK (0x0000)"  # answered while both others still connect
        rows.cancel("dead-a")
        qtbot.wait(500)
        assert rows.result("dead-b") == "testing…" and rows.button("dead-b").text() == CANCEL
        assert rows.button("dead-b").isEnabled()
        rows.start("dead-a")  # a new test on the cancelled row, beside the one still running
        rows.cancel("dead-b")
        assert rows.result("dead-a") == "testing…" and rows.button("dead-a").text() == CANCEL
        rows.cancel("dead-a")


def test_rows_rebuilt_while_a_test_runs_keep_it_on_its_own_row(qtbot, tmp_path: Path) -> None:
    """Adding a node that sorts first moves the tested node down a row; its test, Cancel and answer move too."""
    with syn_dropping_port() as port:
        rows = Rows(qtbot, make_dialog(qtbot, tmp_path, OUR_AE, 11112, {"dead": dead(port)}))
        rows.start("dead")
        errors = fill_next_editor(name="a-first", ae_title="FIRST", host="127.0.0.1", port=104)
        rows.tab.add_button.click()
        assert errors == [] and rows.row("dead") == 1
        assert rows.result("dead") == "testing…" and rows.button("dead").text() == CANCEL
        rows.cancel("dead")
        assert rows.result("a-first") == "" and rows.button("a-first").text() == TEST


def _click_yes_on_next_question() -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("change", ["edit", "remove"])
def test_editing_or_removing_a_node_under_test_stops_its_test(qtbot, tmp_path: Path, change: str) -> None:
    """The answer would describe a node that is no longer configured: the test is cancelled and its answer
    lands on no row."""
    with syn_dropping_port() as port, echo_scp() as working:
        rows = Rows(qtbot, make_dialog(qtbot, tmp_path, OUR_AE, 11112,
                                       {"dead": dead(port), "ok": working}))
        threads, sockets = set(threading.enumerate()), open_sockets()
        rows.start("dead")
        rows.table.selectRow(rows.row("dead"))
        if change == "edit":
            errors = fill_next_editor(port=port + 1 if port < 65535 else port - 1)
            rows.tab.edit_button.click()
            assert errors == []
            assert rows.result("dead") == "" and rows.button("dead").text() == TEST
        else:
            _click_yes_on_next_question()
            rows.tab.remove_button.click()
            assert rows.table.rowCount() == 1
        _nothing_left(threads, sockets)
        assert rows.result("ok") == "" and rows.button("ok").text() == TEST
        if change == "edit":
            assert rows.result("dead") == ""


def test_a_test_ends_with_the_window_that_ran_it(qtbot, tmp_path: Path) -> None:
    """Closing keeps the window (its answer waits on the row); destroying it cancels the test it ran."""
    with syn_dropping_port() as port:
        quick = DicomNode("QUICK", "127.0.0.1", port, connect_timeout_s=2)
        settings = PacsSettings(ae_title=OUR_AE, store_dir=str(tmp_path / "store"),
                                nodes={"dead": dead(port), "quick": quick})
        dialog = PacsDialog(settings, settings_file=tmp_path / "pacs.json", index_path=tmp_path / "index.sqlite")
        rows = Rows(qtbot, dialog)  # not qtbot.addWidget: this test deletes the window itself
        dialog.show()
        rows.start("quick")
        dialog.close()
        assert rows.wait_answer("quick").startswith("Failed: QUICK@127.0.0.1")
        assert rows.result("dead") == "" and rows.button("quick").text() == TEST
        threads, sockets = set(threading.enumerate()), open_sockets()
        rows.start("dead")
        dialog.deleteLater()
        qtbot.waitUntil(lambda: not any(t.name == "cxr-pacs-call" for t in threading.enumerate()),
                        timeout=STOPS_WITHIN_MS)
        _nothing_left(threads, sockets)


@pytest.mark.pacs
def test_cancel_during_a_host_lookup_the_name_server_never_answers(qtbot, tmp_path: Path) -> None:
    from tests.pacs.fake_dns import name_server

    with name_server(answer=False):
        node = DicomNode("NAMED", "pacs.radiology.example", 4242, connect_timeout_s=CONNECT_TIMEOUT_S)
        rows = Rows(qtbot, make_dialog(qtbot, tmp_path, OUR_AE, 11112, {"named": node}))
        threads, sockets = set(threading.enumerate()), open_sockets()
        rows.start("named")
        rows.cancel("named")
        _nothing_left(threads, sockets, leftover="cxr-pacs-resolve")
