"""``cxr-pacs find`` lists studies newest first (study date, then time; undated last), as the window does.

It printed them in the PACS's order, so a patient's latest study could be anywhere in the list. ``--order pacs``
keeps that order. A real pynetdicom C-FIND SCP on loopback answers five studies in a scrambled order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pydicom.dataset import Dataset

from cxr_viewer.net.cli import main
from cxr_viewer.net.nodes import DicomNode
from tests.pacs.conftest import OUR_AE
from tests.pacs.find_server import find_server

PEER_AE = "ORDERPEER"
# (accession, study date, study time) in the order the PACS sends them
SENT = [("OLD", "20200105", "080000"), ("UNDATED", "", "120000"), ("NEW-MORNING", "20240110", "0815"),
        ("UNDATED-2", "", ""), ("NEW-AFTERNOON", "20240110", "143000.25")]


@contextmanager
def scrambled_peer() -> Iterator[DicomNode]:
    def answer(_event):
        for accession, day, time in SENT:
            match = Dataset()
            match.QueryRetrieveLevel, match.PatientID, match.AccessionNumber = "STUDY", "PIDORDER", accession
            match.StudyDate, match.StudyTime, match.StudyInstanceUID = day, time, f"1.2.3.{len(accession)}"
            yield 0xFF00, match

    with find_server(PEER_AE, answer) as node:
        yield node


def _accessions(out: str) -> list[str]:
    header, *rows = out.splitlines()
    column = header.split("\t").index("AccessionNumber")
    return [row.split("\t")[column] for row in rows]


@pytest.mark.parametrize(("order", "listed"), [
    ([], ["NEW-AFTERNOON", "NEW-MORNING", "OLD", "UNDATED", "UNDATED-2"]),
    (["--order", "pacs"], [accession for accession, _day, _time in SENT]),
], ids=["default-newest", "pacs-order"])
def test_find_lists_studies_newest_first_unless_asked(order, listed, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CXR_VIEWER_DATA_DIR", str(tmp_path / "data"))
    with scrambled_peer() as node:
        assert main(["nodes", "add", "peer", "--ae-title", node.ae_title, "--host", node.host,
                     "--port", str(node.port)]) == 0
        capsys.readouterr()
        assert main(["--ae", OUR_AE, "find", "peer", "--id", "PIDORDER", *order]) == 0
    out, err = capsys.readouterr()
    assert _accessions(out) == listed, out
    assert "5 study match(es)" in err
