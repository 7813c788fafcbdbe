"""A Cancel pressed after the outcome arrived must not replace it: a retrieve's final failure status stayed hidden
behind "cancelled", and a send or STOW whose files had all gone was reported as cancelled (not ok)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pydicom.dataset import Dataset

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.dicomweb_transfer import _stow_each
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.retrieve_responses import follow_responses
from cxr_viewer.net.retrieve_status import Operation
from cxr_viewer.net.send import SendResult, _store_each


def _status(code: int) -> Dataset:
    status = Dataset()
    status.Status = code
    return status


def _cancelled_aborter() -> ConnectionAborter:
    event = threading.Event()
    event.set()  # pressed after the last answer: the aborter is never entered, nothing is cut
    return ConnectionAborter(event)


NODE = DicomNode("PACS", "127.0.0.1", 104)


def test_a_final_failure_status_is_reported_even_if_cancel_came_after_it() -> None:
    responses = [(_status(0xFF00), None), (_status(0xA801), None)]
    with pytest.raises(PacsError, match="A801"):
        follow_responses(responses, NODE, Operation("C-MOVE", "US", "US"), None, _cancelled_aborter(), 30.0)


def test_a_finished_retrieve_is_not_cancelled_by_a_late_cancel() -> None:
    final = _status(0x0000)
    final.NumberOfCompletedSuboperations = 2  # success with nothing sent is no success (RetrieveResult.empty)
    result = follow_responses([(final, None)], NODE, Operation("C-GET", "US"), None, _cancelled_aborter(), 30.0)
    assert not result.cancelled and result.ok


def test_a_cancel_confirmed_by_the_pacs_is_cancelled() -> None:
    result = follow_responses([(_status(0xFE00), None)], NODE, Operation("C-GET", "US"), None,
                              _cancelled_aborter(), 30.0)
    assert result.cancelled


class _StoringAssociation:
    """Answers every C-STORE with success, then the user presses Cancel after the last file."""

    def __init__(self, cancel: threading.Event, files: int) -> None:
        self.cancel, self.left = cancel, files

    def send_c_store(self, path: Path) -> Dataset:
        self.left -= 1
        if self.left == 0:
            self.cancel.set()
        return _status(0x0000)


def test_a_send_whose_files_all_went_is_not_cancelled_by_a_late_cancel(tmp_path: Path) -> None:
    cancel = threading.Event()
    headers = {tmp_path / f"{n}.dcm": ("1.2", "1.2.840.10008.1.2.1") for n in range(3)}
    result = SendResult()
    stopped = _store_each(_StoringAssociation(cancel, 3), NODE, headers, result, None, ConnectionAborter(cancel))
    assert not stopped and len(result.sent) == 3


def test_a_send_stopped_between_files_is_cancelled(tmp_path: Path) -> None:
    cancel = threading.Event()
    headers = {tmp_path / f"{n}.dcm": ("1.2", "1.2.840.10008.1.2.1") for n in range(3)}
    result = SendResult()
    stopped = _store_each(_StoringAssociation(cancel, 1), NODE, headers, result, None, ConnectionAborter(cancel))
    assert stopped and len(result.sent) == 1


class _StowClient:
    base_url = "http://pacs/dicom-web"

    def __init__(self, cancel: threading.Event, files: int) -> None:
        self.cancel, self.left = cancel, files

    def store(self, paths: list[Path]):
        self.left -= 1
        if self.left == 0:
            self.cancel.set()
        answer = type("Answer", (), {})()
        answer.failed, answer.stored = [], list(paths)
        return answer


def test_a_stow_whose_files_all_went_is_not_cancelled_by_a_late_cancel(tmp_path: Path) -> None:
    cancel = threading.Event()
    paths = [tmp_path / f"{n}.dcm" for n in range(2)]
    result = SendResult()
    assert not _stow_each(_StowClient(cancel, 2), paths, result, None, ConnectionAborter(cancel))
    assert len(result.sent) == 2
