"""A prior retrieved from the PACS while a film of the same patient is read goes beside that film.

Before, the main window opened the retrieved study in place of the film on screen: the radiologist lost the current
film, and 1x2 on the retrieved prior said "no study of this patient to compare" (the index offers only priors).
Another patient's study retrieved still opens in place of the film.
"""

from __future__ import annotations

import pydicom
import pytest

from cxr_viewer.gui.pacs_retrieval import C_GET
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE, free_port

pytestmark = [pytest.mark.pacs, pytest.mark.gui]


def _study_uid(path) -> str:
    return str(pydicom.dcmread(path, stop_before_pixels=True).StudyInstanceUID)


def _retrieve(qtbot, window, patient_id: str) -> list:
    """Search the PACS window for ``patient_id``, C-GET its one study; the files the window handed on."""
    window.open_pacs()
    dialog = window.pacs.dialog
    tab = dialog.query_tab
    tab.method.setCurrentText(C_GET)
    tab.form.patient_id.setText(patient_id)
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1, timeout=10_000)
    tab.tree.topLevelItem(0).setSelected(True)
    with qtbot.waitSignal(dialog.retrieved, timeout=20_000) as blocker:
        tab.retrieve_button.click()
    return blocker.args[0]


@pytest.fixture
def pacs_window(make_window, tmp_path, orthanc):
    save_settings(PacsSettings(ae_title=OUR_AE, scp_port=free_port(), scp_bind_address="127.0.0.1",
                               store_dir=str(tmp_path / "store"), nodes={"orthanc": orthanc.node}))
    window = make_window(with_browser=True)
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    yield window
    window.pacs.dialog.done(0)


def test_a_retrieved_prior_goes_beside_the_film_being_read(qtbot, pacs_window, orthanc, make_study) -> None:
    current = make_study(1, name="Prior^Pia", id="PIDBESIDE", study_date="20241120")
    prior = make_study(1, name="Prior^Pia", id="PIDBESIDE", study_date="20190105")
    assert send_files(OUR_AE, orthanc.node, prior).ok
    window = pacs_window
    window.open_paths(current)
    received = _retrieve(qtbot, window, "PIDBESIDE")
    assert {_study_uid(p) for p in received} == {_study_uid(prior[0])}
    qtbot.waitUntil(lambda: window.layout_panes.secondary is not None
                    and window.layout_panes.secondary.image is not None, timeout=20_000)
    assert window.layout_panes.primary.image.path == current[0], "the film being read must stay on screen"
    assert window.layout_panes.secondary.image.path == received[0]
    assert window.layout_panes.secondary.position_text.startswith("prior")


def test_another_patients_study_still_opens_in_place(qtbot, pacs_window, orthanc, make_study) -> None:
    current = make_study(1, name="Other^Olga", id="PIDPLACE1", study_date="20241120")
    other = make_study(1, name="Else^Emil", id="PIDPLACE2", study_date="20190105")
    assert send_files(OUR_AE, orthanc.node, other).ok
    window = pacs_window
    window.open_paths(current)
    received = _retrieve(qtbot, window, "PIDPLACE2")
    qtbot.waitUntil(lambda: window.layout_panes.primary.image.path == received[0], timeout=10_000)
    assert window.layout_panes.secondary is None


def test_a_prior_arriving_during_a_plugins_hold_leaves_the_held_view_alone(make_window, tmp_path, make_study) -> None:
    """A retrieve that ends while a reader study holds the view (the PACS window hidden, its call still running)
    must not bring up 1x2 and a comparison pane beside a blinded case: the opener refuses, as before."""
    current = make_study(1, name="Held^Hal", id="PIDHELD", study_date="20241120")
    prior = make_study(1, name="Held^Hal", id="PIDHELD", study_date="20190105")
    window = make_window(with_browser=True)
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    window.open_paths(current)
    window.open_pacs()
    window.hold.set_owner("reader")
    window.pacs.dialog.retrieved.emit(prior)
    assert window.layout_panes.secondary is None
    assert window.layout_panes.primary.image.path == current[0]
    window.hold.set_owner(None)
    window.pacs.dialog.done(0)
