"""A truncated film and a file that is no DICOM opened together make one Messages entry naming both, each with its
reason: the scan's left-out message had named the truncated file as what was being opened, its own failure apart."""

from __future__ import annotations

import pytest

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
