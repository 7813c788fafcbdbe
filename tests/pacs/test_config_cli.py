"""Node configuration (JSON in the user config folder) and the offline ``cxr-pacs`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pydicom
import pytest

from cxr_viewer.net.cli import main
from cxr_viewer.net.config import load_settings, settings_path
from cxr_viewer.net.nodes import DEFAULT_CONNECT_TIMEOUT_S, DicomNode


@pytest.fixture(autouse=True)
def private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def test_nodes_add_list_remove_persist_as_json(private_config, capsys) -> None:
    assert main(["nodes", "add", "pacs", "--ae-title", "MAINPACS", "--host", "pacs.local", "--port", "104"]) == 0
    assert main(["nodes", "add", "web", "--ae-title", "WEB", "--host", "h", "--port", "4242",
                 "--dicomweb-url", "http://h:8042/dicom-web"]) == 0
    assert settings_path() == private_config / "pacs.json"
    stored = json.loads(settings_path().read_text())
    assert stored["nodes"]["pacs"] == {"ae_title": "MAINPACS", "host": "pacs.local", "port": 104, "dicomweb_url": "",
                                       "connect_timeout_s": 10.0}
    capsys.readouterr()
    assert main(["nodes", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["pacs\tMAINPACS@pacs.local:104",
                                                    "web\tWEB@h:4242 web=http://h:8042/dicom-web"]
    assert main(["nodes", "remove", "pacs"]) == 0
    assert list(load_settings().nodes) == ["web"]
    assert main(["nodes", "remove", "pacs"]) == 1
    assert "unknown PACS node 'pacs'" in capsys.readouterr().err


@pytest.mark.parametrize(("ae", "port", "message"), [
    ("", 104, "1 to 16"), ("A" * 17, 104, "1 to 16"), ("BAD\\AE", 104, "backslash"), ("OK", 70000, "port"),
])
def test_invalid_nodes_are_refused(ae: str, port: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DicomNode(ae, "host", port)


def test_connect_timeout_is_kept_per_node_and_older_files_get_the_default(private_config, capsys) -> None:
    assert main(["nodes", "add", "far", "--ae-title", "FAR", "--host", "h", "--port", "104",
                 "--connect-timeout", "25"]) == 0
    stored = json.loads(settings_path().read_text())
    assert stored["nodes"]["far"]["connect_timeout_s"] == 25.0
    del stored["nodes"]["far"]["connect_timeout_s"]  # a settings file written before the setting existed
    settings_path().write_text(json.dumps(stored))
    assert load_settings().nodes["far"].connect_timeout_s == DEFAULT_CONNECT_TIMEOUT_S == 10.0
    assert main(["nodes", "add", "bad", "--ae-title", "X", "--host", "h", "--port", "104",
                 "--connect-timeout", "0"]) == 1
    assert "connect timeout 0.0 must be a number of seconds above 0" in capsys.readouterr().err


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan"), 301, True, "10"])
def test_invalid_connect_timeouts_are_refused(timeout: object) -> None:
    with pytest.raises(ValueError, match="connect timeout"):
        DicomNode("PACS", "host", 104, connect_timeout_s=timeout)  # type: ignore[arg-type]


def test_the_cli_refuses_the_node_entries_the_gui_editor_refuses(capsys) -> None:
    """`nodes add` saved a URL without a scheme, an empty name and a host with spaces, which the editor refuses."""
    base = ["--ae-title", "X", "--port", "104"]
    assert main(["nodes", "add", "web", *base, "--host", "h", "--dicomweb-url", "pacs:8042/dicom-web"]) == 1
    assert "must start with http:// or https://" in capsys.readouterr().err
    assert main(["nodes", "add", "  ", *base, "--host", "h"]) == 1
    assert "needs a name" in capsys.readouterr().err
    assert main(["nodes", "add", "spaced", *base, "--host", " h "]) == 0
    assert "spaced\tX@h:104" in capsys.readouterr().out


def test_corrupt_settings_file_is_named_in_the_error(private_config, capsys) -> None:
    private_config.mkdir()
    (private_config / "pacs.json").write_text("{not json")
    assert main(["nodes", "list"]) == 1
    assert "pacs.json: cannot read PACS settings" in capsys.readouterr().err


def test_unreachable_node_fails_cleanly(capsys) -> None:
    assert main(["nodes", "add", "closed", "--ae-title", "X", "--host", "127.0.0.1", "--port", "1"]) == 0
    assert main(["echo", "closed"]) == 1
    assert "could not be reached" in capsys.readouterr().err


def test_anonymize_command(make_study, tmp_path, capsys) -> None:
    files = make_study(2, name="Private^Pat")
    assert main(["anonymize", str(files[0].parent), str(tmp_path / "anon")]) == 0
    written = sorted((tmp_path / "anon").rglob("*.dcm"))
    assert len(written) == 2 and "wrote 2 anonymised files" in capsys.readouterr().out
    assert all(str(pydicom.dcmread(p).PatientName) == "ANON0001" for p in written)
    (tmp_path / "notes.txt").write_text("not DICOM")
    for sources in ([str(tmp_path / "no such study")], [str(tmp_path / "notes.txt")]):
        assert main(["anonymize", *sources, str(tmp_path / "anon2")]) == 1, sources  # nothing exported: not ok
