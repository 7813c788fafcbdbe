"""A PACS that stops a search at its limit on results: the window and ``cxr-pacs find`` say the list may be cut.

Orthanc with ``LimitFindResults`` answers a C-FIND that matches more with that many matches and then status 0xFE00
("matching terminated due to cancel"), although nobody cancelled. That was reported as "Search failed: C-FIND
failed with status 0xFE00", losing the matches that had come; a list shown without a word would be taken for all
of a patient's priors. The tests run a real Orthanc with a limit of 2 and four studies of one patient.
"""

from __future__ import annotations

import pytest
from pydicom.uid import generate_uid

from cxr_viewer.net.cli import main
from cxr_viewer.net.matches import INCOMPLETE
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE, Orthanc, in_private_netns, write_cr
from tests.pacs.pacs_dialog_helpers import make_dialog

pytestmark = pytest.mark.pacs
LIMIT = 2


class LimitedOrthanc(Orthanc):
    def configuration(self) -> dict:
        return {**super().configuration(), "LimitFindResults": LIMIT}


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory, our_scp_port: int):
    """An Orthanc holding four studies of PIDMANY and two of PIDTWO, capped at two matches a search."""
    if not in_private_netns():
        pytest.skip("Orthanc runs only inside a loopback-only network namespace (see test_namespace_runner.py)")
    server = LimitedOrthanc(tmp_path_factory.mktemp("limited"), our_scp_port)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stored(limited, tmp_path_factory: pytest.TempPathFactory) -> None:
    files = []
    for number, (patient, day) in enumerate([("PIDMANY", f"2024010{d}") for d in range(1, 5)]
                                            + [("PIDTWO", "20230101"), ("PIDTWO", "20230202")]):
        folder = tmp_path_factory.mktemp(f"study{number}")
        files.append(write_cr(folder, generate_uid(), generate_uid(), number,
                              {"name": "Many^Priors", "id": patient, "study_date": day}))
    assert send_files(OUR_AE, limited.node, files).ok


def test_find_keeps_the_matches_and_says_the_pacs_stopped(limited, stored) -> None:
    cut = find(OUR_AE, limited.node, QueryFilter(level="study", patient_id="PIDMANY"))
    assert len(cut) == LIMIT and {str(m.PatientID) for m in cut} == {"PIDMANY"}
    assert cut.note().startswith(INCOMPLETE) and "0xFE00" in cut.note()
    whole = find(OUR_AE, limited.node, QueryFilter(level="study", patient_id="PIDTWO"))
    assert len(whole) == LIMIT and whole.cut_short == "" and whole.note() == ""  # exactly the limit, all there


def test_the_window_shows_the_cut_list_and_says_so(qtbot, tmp_path, limited, stored, our_scp_port) -> None:
    tab = make_dialog(qtbot, tmp_path, OUR_AE, our_scp_port, {"limited": limited.node}).query_tab
    tab.form.patient_id.setText("PIDMANY")
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.search_button.isEnabled(), timeout=15_000)
    assert tab.tree.topLevelItemCount() == LIMIT, tab.status.text()
    assert tab.status.text().startswith(f"{LIMIT} studies found; {INCOMPLETE}"), tab.status.text()
    assert not tab.list_note.isHidden() and "0xFE00" in tab.list_note.text()  # stays while the list does
    tab.form.patient_id.setText("PIDTWO")
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.search_button.isEnabled(), timeout=15_000)
    assert tab.status.text() == f"{LIMIT} studies found; expand one to see its series."
    assert tab.list_note.isHidden()


def test_cli_find_says_so_on_stderr(limited, stored, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CXR_VIEWER_DATA_DIR", str(tmp_path / "data"))
    node = limited.node
    assert main(["nodes", "add", "limited", "--ae-title", node.ae_title, "--host", node.host,
                 "--port", str(node.port)]) == 0
    capsys.readouterr()
    assert main(["--ae", OUR_AE, "find", "limited", "--id", "PIDMANY"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 + LIMIT
    assert f"{LIMIT} study match(es); {INCOMPLETE}" in err, err
