"""The Query/Retrieve tab's status line and progress bar after a search, against a real Orthanc (inside the
private network namespace, see ``test_namespace_runner.py``).

The status line said "1 studies found; expand one to see its series." and, for an empty list, "0 studies found;
expand one to see its series.", asking for a study that is not there. After a retrieval the bar stayed at 100 %
through the next search, as if the new list had been retrieved.
"""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset

from cxr_viewer.gui.pacs_result_text import found_text
from cxr_viewer.gui.pacs_retrieval import C_GET
from cxr_viewer.net.matches import INCOMPLETE, Matches
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE
from tests.pacs.pacs_dialog_helpers import make_dialog


@pytest.fixture
def tab(qtbot, tmp_path, orthanc, our_scp_port):
    return make_dialog(qtbot, tmp_path, OUR_AE, our_scp_port, {"orthanc": orthanc.node}).query_tab


def _search(qtbot, tab, patient_id: str) -> None:
    """Search by patient ID and wait for the end: the button is disabled from the click until then."""
    tab.form.patient_id.setText(patient_id)
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.search_button.isEnabled(), timeout=10_000)


@pytest.mark.pacs
@pytest.mark.gui
def test_one_study_and_no_study_are_said_in_plain_words(qtbot, tab, orthanc, make_study) -> None:
    assert send_files(OUR_AE, orthanc.node, make_study(1, name="Single^Sue", id="PIDSTATUS1")).ok
    _search(qtbot, tab, "PIDSTATUS1")
    assert tab.tree.topLevelItemCount() == 1
    assert tab.status.text() == "1 study found; expand it to see its series."
    _search(qtbot, tab, "PIDSTATUSNONE")
    assert tab.tree.topLevelItemCount() == 0
    assert tab.status.text() == "No studies found."


@pytest.mark.pacs
@pytest.mark.gui
def test_a_new_search_empties_the_bar_of_the_last_retrieval(qtbot, tab, orthanc, make_study) -> None:
    assert send_files(OUR_AE, orthanc.node, make_study(2, name="Bar^Bea", id="PIDSTATUS2")).ok
    _search(qtbot, tab, "PIDSTATUS2")
    tab.tree.topLevelItem(0).setSelected(True)
    tab.method.setCurrentText(C_GET)
    tab.retrieve_button.click()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Retrieved"), timeout=20_000)
    assert tab.progress.text() == "100%", "the retrieval must end with a full bar for this test to mean anything"
    _search(qtbot, tab, "PIDSTATUS2")
    assert tab.progress.text() == "" and tab.progress.value() < tab.progress.minimum(), tab.progress.text()
    assert tab.tree.topLevelItemCount() == 1


@pytest.mark.parametrize(("studies", "said"), [
    (Matches([], "the PACS stopped after 0 matches"), f"No studies found; {INCOMPLETE}."),
    (Matches([Dataset(), Dataset()]), "2 studies found; expand one to see its series."),
    (Matches([Dataset(), Dataset()], "why"), f"2 studies found; {INCOMPLETE}. Expand one to see its series."),
])
def test_the_other_counts(studies: Matches, said: str) -> None:
    assert found_text(studies) == said
