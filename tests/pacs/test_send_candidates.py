"""The Send tab offers the study on screen with its AI results beside it, never another study's.

The viewer's scan leaves SR and SEG objects out of the films, so the AI's SR exported next to the film was not in
the Send tab's list (docs/pacs.md said it was) and had to be added by hand. A report of another study lying in
the same folder, maybe another patient's, must not be offered with it.
"""

from __future__ import annotations

import pytest
from pydicom.uid import generate_uid

from tests.pacs.conftest import write_ai_sr, write_cr

pytestmark = pytest.mark.gui


def test_send_list_holds_the_films_and_their_ai_report_only(make_window, tmp_path) -> None:
    shown, other = tmp_path / "shown", tmp_path / "other"
    shown.mkdir()
    other.mkdir()
    film = write_cr(shown, generate_uid(), generate_uid(), 0, {"name": "Send^Sue", "id": "PIDSEND"})
    report = write_ai_sr(film, shown)
    stranger = write_cr(other, generate_uid(), generate_uid(), 1, {"name": "Else^Ed", "id": "PIDELSE"})
    foreign = write_ai_sr(stranger, other).rename(shown / "zz_other_patient_sr.dcm")
    window = make_window()
    window.open_paths([film])

    window.open_pacs()
    offered = window.pacs.dialog.send_tab.paths()
    assert offered == [film, report]
    assert foreign not in offered
    window.pacs.dialog.done(0)
