"""Query results read as a radiologist writes them: "Doe, John" and 2019-01-05, not Doe^John and 20190105.

The identifiers are written and read back with pydicom in the character sets PACSes answer in (ISO_IR 100 and
ISO_IR 192), so the decoded names are what a C-FIND answer gives the tree.
"""

from __future__ import annotations

import pydicom
import pytest
from pydicom.dataset import Dataset

from cxr_viewer.gui.pacs_results_tree import ResultsTree

pytestmark = pytest.mark.gui


def _answer(tmp_path, charset: str, name: str, date: str) -> Dataset:
    ds = Dataset()
    ds.SpecificCharacterSet, ds.PatientName, ds.PatientID, ds.StudyDate = charset, name, "P1", date
    ds.StudyInstanceUID = "1.2.3." + date
    path = tmp_path / f"{date}.dcm"
    ds.save_as(path, implicit_vr=False, little_endian=True)
    return pydicom.dcmread(path, force=True)


@pytest.mark.filterwarnings("ignore:Invalid value for VR DA")
def test_names_and_dates_are_shown_readably_newest_first(qtbot, tmp_path) -> None:
    tree = ResultsTree()
    qtbot.addWidget(tree)
    tree.show_studies([
        _answer(tmp_path, "ISO_IR 100", "Müller^Jürgen", "20190105"),
        _answer(tmp_path, "ISO_IR 192", "Yamada^Tarou=山田^太郎=やまだ^たろう", "20240612"),
        _answer(tmp_path, "ISO_IR 100", "Doe^John^^Dr", "2023"),  # a malformed date is shown as sent
    ])
    rows = [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(2)) for i in range(3)]
    assert rows == [("Yamada, Tarou (山田, 太郎 / やまだ, たろう)", "2024-06-12"),
                    ("Doe, Dr John", "2023"), ("Müller, Jürgen", "2019-01-05")]
