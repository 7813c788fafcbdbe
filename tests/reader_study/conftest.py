"""Small real studies (DICOM and PNG images written here) for the reader-study tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.design.study_file import load_study


@pytest.fixture
def roc_study_file(tmp_path: Path) -> Path:
    return write_demo_study(tmp_path / "roc")


@pytest.fixture
def froc_study_file(tmp_path: Path) -> Path:
    return write_demo_study(tmp_path / "froc", task="froc")


@pytest.fixture
def roc_study(roc_study_file: Path):
    return load_study(roc_study_file)


@pytest.fixture
def second_read_study_file(tmp_path: Path) -> Path:
    """An unaided arm and a sequential (second-read) arm: first answers unaided, final answers with the AI."""
    return write_demo_study(tmp_path / "second", arms=("unaided", "aided-second-read"))


@pytest.fixture
def froc_second_read_study_file(tmp_path: Path) -> Path:
    return write_demo_study(tmp_path / "froc_second", task="froc", arms=("unaided", "aided-second-read"))


@pytest.fixture
def viewer(qtbot):
    """The viewer's main window, shown, without plugins or the Studies dock: the reading panel is added by the test."""
    from cxr_viewer.gui.main_window import MainWindow

    window = MainWindow(load_plugins=False, with_browser=False)
    qtbot.addWidget(window)
    window.resize(1100, 750)
    window.show()
    qtbot.waitExposed(window)
    return window
