"""Names typed as they are written find the patient: "Comma, Carl" and "Müller, J*" in the PACS window.

Sent as typed, "Comma, Carl" never matches the PN value ``Comma^Carl`` and the window said "0 studies found",
though the Studies browser takes that form; the window and ``cxr-pacs find`` now send it as ``Comma^Carl``. Over
DICOMweb, Orthanc 1.10 matched no name holding "^": the window said "0 studies found" there too.
"""

from __future__ import annotations

import pydicom
import pytest

from cxr_viewer.net.cli import main
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.search import DICOMWEB, DIMSE
from cxr_viewer.net.send import send_files
from tests.pacs.conftest import OUR_AE
from tests.pacs.pacs_dialog_helpers import make_dialog

pytestmark = pytest.mark.pacs


@pytest.mark.gui
@pytest.mark.parametrize(("stored", "typed", "shown", "transport"), [
    ("Comma^Carl", "Comma, Carl", "Comma, Carl", DIMSE),
    ("Comma^Carl", "Comma, Carl", "Comma, Carl", DICOMWEB),  # Orthanc's QIDO matched no name holding "^"
    ("Müllerová^Jana", "müllerová, j*", "Müllerová, Jana", DIMSE),  # its QIDO matches no non-ASCII name at all
])
def test_a_name_typed_family_comma_given_finds_the_patient(qtbot, tmp_path, orthanc, our_scp_port, make_study,
                                                           stored, typed, shown, transport) -> None:
    files = make_study(1, name=stored, id=f"PIDCOMMA{len(typed)}")
    for path in files:  # the non-ASCII name stored in Latin-1, declared
        ds = pydicom.dcmread(path)
        ds.SpecificCharacterSet, ds.PatientName = "ISO_IR 100", stored
        ds.save_as(path, enforce_file_format=True)
    assert send_files(OUR_AE, orthanc.node, files).ok
    dialog = make_dialog(qtbot, tmp_path, OUR_AE, our_scp_port, {"orthanc": orthanc.node})
    tab = dialog.query_tab
    tab.transport.setCurrentText(transport)
    tab.form.name.setText(typed)
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.search_button.isEnabled(), timeout=10_000)  # disabled while searching
    names = [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]
    assert names and set(names) == {shown}  # the other transport's run stored the same name once more


def test_cli_find_takes_family_comma_given(orthanc, make_study, tmp_path, monkeypatch, capsys) -> None:
    files = make_study(1, name="Cli^Conny", id="PIDCOMMACLI")
    assert send_files(OUR_AE, orthanc.node, files).ok
    (tmp_path / "config").mkdir()
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    save_settings(PacsSettings(ae_title=OUR_AE, nodes={"orthanc": orthanc.node}))
    assert main(["find", "orthanc", "--name", "cli, conny"]) == 0
    captured = capsys.readouterr()
    assert "1 study match(es)" in captured.err and "PIDCOMMACLI" in captured.out
