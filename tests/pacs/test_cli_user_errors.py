"""``cxr-pacs`` (and the Receiver tab) as a new user meets it: errors that say what to change.

Before: ``scp --port 99999`` ended in a traceback (the socket's OverflowError); a busy port read "[Errno 98]
Address already in use", a foreign listen address "[Errno 99] Cannot assign requested address"; with no node
configured ``nodes list`` printed nothing; a host given as a URL or ``host:port`` was saved and failed later as a
name not found; with no node and ``echo NAME`` said "known: none configured" without saying how to add
one; ``scp`` with no allowed sender named no option; a retrieve that never connected printed "index: 0 added, 0
updated, ..." before its reason; an index that could not be written read "cannot take received files (unable to open database
file)", or "(database is locked)", and did not name ``--no-index``. Real sockets on 127.0.0.1, a real settings file, a real offscreen PACS window.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from cxr_viewer.index import db as index_db
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.paths import default_index_path
from cxr_viewer.net.cli import main
from tests.index.test_cli_user_errors import HOLD_LOCK
from tests.pacs.conftest import free_port
from cxr_viewer.net.config import load_settings
from tests.pacs.pacs_dialog_helpers import fill_next_editor, make_dialog
from tests.read_only_files import unwritable

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CXR_VIEWER_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        yield blocker.getsockname()[1]


def _err(capsys, *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().err


def test_scp_on_a_busy_port_or_a_foreign_address_says_what_to_change(busy_port, capsys) -> None:
    status, err = _err(capsys, "scp", "--port", str(busy_port), "--bind", "127.0.0.1", "--allow", "SENDER")
    assert status == 1 and f"port {busy_port} is already in use by another program" in err, err
    assert "Errno" not in err and "index: 0 added" not in err
    status, err = _err(capsys, "scp", "--port", str(free_port()), "--bind", "192.0.2.1", "--allow", "SENDER")
    assert status == 1 and "192.0.2.1 is not an address of this computer" in err and "Errno" not in err, err


def test_scp_port_out_of_range_is_a_usage_error_not_a_traceback(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["scp", "--port", "99999", "--allow", "SENDER"])
    assert exited.value.code == 2
    assert "'99999' is not a port (1 to 65535)" in capsys.readouterr().err


def test_without_nodes_the_commands_say_how_to_add_one(capsys) -> None:
    status = main(["nodes", "list"])
    out, err = capsys.readouterr()
    assert (status, out) == (0, "") and "cxr-pacs nodes add NAME --ae-title AE --host HOST --port PORT" in err
    status, err = _err(capsys, "echo", "pacs")
    assert status == 1 and "unknown PACS node 'pacs'" in err and "cxr-pacs nodes add" in err, err
    status, err = _err(capsys, "scp", "--port", str(free_port()), "--bind", "127.0.0.1")
    assert status == 1 and "--allow AE" in err, err


def test_a_retrieve_that_never_connected_prints_only_its_reason(capsys) -> None:
    refused = free_port()  # nothing listens there now
    assert main(["nodes", "add", "pacs", "--ae-title", "NOBODY", "--host", "127.0.0.1", "--port", str(refused)]) == 0
    capsys.readouterr()
    status, err = _err(capsys, "get", "pacs", "1.2.3.4")
    assert status == 1 and "could not be reached" in err
    assert "index:" not in err, err


def test_a_retrieve_into_a_read_only_or_locked_index_says_why_and_names_no_index(capsys, monkeypatch) -> None:
    assert main(["nodes", "add", "pacs", "--ae-title", "NOBODY", "--host", "127.0.0.1", "--port", str(free_port())]) == 0
    path = default_index_path()
    StudyIndex(path).close()
    capsys.readouterr()
    with unwritable(path, path.parent):
        status, err = _err(capsys, "get", "pacs", "1.2.3.4")
    assert status == 1 and "it cannot be written" in err and "--no-index" in err, err
    assert "unable to open database file" not in err

    monkeypatch.setattr(index_db, "BUSY_TIMEOUT_MS", 300)  # the wait is SQLite's; the test need not sit it out
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        status, err = _err(capsys, "get", "pacs", "1.2.3.4")
    finally:
        holder.kill()
        holder.wait()
    assert status == 1 and "database is locked" in err and "another program" in err and "--no-index" in err, err


@pytest.mark.parametrize(("host", "said"), [("http://pacs.example.org", "without http://"),
                                            ("pacs.example.org:4242", "must not hold the port")])
def test_a_host_given_as_a_url_or_with_its_port_is_refused_on_entry(host, said, capsys, qtbot, tmp_path) -> None:
    status, err = _err(capsys, "nodes", "add", "pacs", "--ae-title", "ORTHANC", "--host", host, "--port", "4242")
    assert status == 1 and said in err, err
    assert load_settings().nodes == {}
    assert main(["nodes", "add", "v6", "--ae-title", "ORTHANC", "--host", "::1", "--port", "4242"]) == 0

    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", free_port(), {})
    errors = fill_next_editor(name="pacs", ae_title="ORTHANC", host=host, port=4242)
    dialog.nodes_tab.add_button.click()
    assert len(errors) == 1 and said in errors[0], errors
    assert load_settings(tmp_path / "pacs.json").nodes == {}


def test_the_receiver_tab_on_a_busy_port_says_another_program_holds_it(busy_port, qtbot, tmp_path) -> None:
    dialog = make_dialog(qtbot, tmp_path, "CXRTEST", busy_port, {})
    dialog.settings.allowed_calling_aes = ["SENDER"]
    dialog.receiver_tab.start_button.click()
    assert not dialog.receiver.running
    state = dialog.receiver_tab.state.text()
    assert f"port {busy_port} is already in use by another program" in state and "Errno" not in state, state
    assert dialog.minimumSizeHint().width() < 900  # the reason wraps rather than widening the window past a screen
