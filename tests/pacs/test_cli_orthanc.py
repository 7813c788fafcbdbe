"""``cxr-pacs`` end to end against Orthanc: nodes, echo, send, find, move, get; files land in the index."""

from __future__ import annotations

import pydicom
import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import instances_of_study
from cxr_viewer.net.cli import main
from tests.pacs.conftest import OUR_AE

pytestmark = pytest.mark.pacs


def test_cli_round_trip(orthanc, make_study, our_scp_port, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CXR_VIEWER_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "pacs.json").write_text(
        f'{{"ae_title": "{OUR_AE}", "scp_port": {our_scp_port}, "scp_bind_address": "127.0.0.1"}}')
    node = orthanc.node
    assert main(["nodes", "add", "orthanc", "--ae-title", node.ae_title, "--host", node.host,
                 "--port", str(node.port), "--dicomweb-url", node.dicomweb_url]) == 0
    assert main(["echo", "orthanc"]) == 0
    files = make_study(2, name="Cli^Carla", id="PIDCLI", accession="ACCCLI")
    assert main(["send", "orthanc", *map(str, files)]) == 0
    capsys.readouterr()

    assert main(["find", "orthanc", "--name", "CLI*", "--modality", "CR", "--date-from", "2024-03-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    study_uid = str(pydicom.dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
    assert len(out) == 2 and study_uid in out[1] and "ACCCLI" in out[1]

    assert main(["move", "orthanc", study_uid]) == 0
    assert "moved 2, failed 0" in capsys.readouterr().out
    assert main(["get", "orthanc", study_uid, "--store", str(tmp_path / "got"), "--no-index"]) == 0
    assert len(list((tmp_path / "got").rglob("*.dcm"))) == 2
    rows = instances_of_study(StudyIndex(), study_uid)
    assert len(rows) == 2 and all(row.path.is_relative_to(tmp_path / "data") for row in rows)

    assert main(["echo", "nowhere"]) == 1
    assert "unknown PACS node 'nowhere'" in capsys.readouterr().err
