"""A truncated film and a file that is no DICOM opened together make one Messages entry naming both, each with its
reason: the scan's left-out message had named the truncated file as what was being opened, its own failure apart."""

from __future__ import annotations

import pytest

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui


def _truncated(path):
    dicom_factory.make_cr(path, rows=200, cols=300, spacing=0.2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 60000])  # pixel data cut short: the header still reads
    return path


def test_one_entry_names_both_files_with_their_reasons(window, tmp_path) -> None:
    truncated = _truncated(tmp_path / "truncated.dcm")
    garbage = tmp_path / "garbage.dcm"
    garbage.write_bytes(b"this is not a DICOM file at all\n" * 20)
    window.open_paths([truncated, garbage])
    messages = window.messages.messages()
    assert len(messages) == 1, messages
    lines = messages[0].splitlines()[1:]  # under the time and title
    assert messages[0].splitlines()[0].endswith("Not opened")
    assert lines[0].startswith("2 left out when opening ")
    assert sorted(line.split(": ", 1)[0] for line in lines[1:]) == [str(garbage), str(truncated)]
    assert all(line.split(": ", 1)[1] for line in lines[1:])  # each with its reason
    assert "truncated" in next(line for line in lines[1:] if line.startswith(str(truncated)))


def test_a_broken_film_alone_is_still_named_as_it_was(window, tmp_path) -> None:
    truncated = _truncated(tmp_path / "truncated.dcm")
    window.open_paths([truncated])
    assert [m.splitlines()[0].split(maxsplit=1)[1] for m in window.messages.messages()] == ["Cannot open image"]


def test_a_prior_from_the_index_is_not_named_as_left_out_of_the_opened_list(browser_window, tmp_path) -> None:
    """The comparison pane loads today's prior from the index while the list opens; its failure had joined the
    list's "left out when opening" message, naming a file the reader never opened."""
    window = browser_window
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    prior = dicom_factory.make_cr(elsewhere / "prior.dcm", rows=200, cols=300, spacing=0.2, PatientID="P1",
                                  StudyDate="20230101", StudyInstanceUID="1.2.3.1")
    import_paths(window.browser.index, [elsewhere])
    _truncated(prior)  # broken after it was indexed
    window.set_layout("1x2")
    today = tmp_path / "today"
    today.mkdir()
    dicom_factory.make_cr(today / "cur.dcm", rows=200, cols=300, spacing=0.2, PatientID="P1", StudyDate="20240101",
                          StudyInstanceUID="1.2.3.2")
    (today / "garbage.dcm").write_bytes(b"this is not a DICOM file at all\n" * 20)
    window.open_paths([today])
    messages = window.messages.messages()
    left_out = next(m for m in messages if "left out when opening" in m)
    assert str(prior) not in left_out
    assert any(m.splitlines()[0].endswith("Cannot open image") and str(prior) in m for m in messages), messages
