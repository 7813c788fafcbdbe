"""The C-FIND identifier as it goes on the wire (encoded the way pynetdicom sends it; no PACS needed)."""

from __future__ import annotations

from io import BytesIO

import pytest
from pydicom.dataset import Dataset
from pynetdicom.dsutils import decode, encode

from cxr_viewer.net.query import QueryFilter


def _on_the_wire(identifier: Dataset) -> bytes:
    encoded = encode(identifier, True, True)  # implicit VR little endian, the default transfer syntax
    assert encoded is not None
    return encoded


@pytest.mark.parametrize("name", ["Müller*", "山田*"])
def test_non_ascii_matching_value_is_sent_as_declared_utf8(name: str) -> None:
    wire = _on_the_wire(QueryFilter(level="study", patient_name=name).identifier())
    assert name.encode("utf-8") in wire  # not undeclared Latin-1, nor "?" wildcards in place of CJK
    received = decode(BytesIO(wire), True, True)  # what the PACS reads back
    assert received.SpecificCharacterSet == "ISO_IR 192" and str(received.PatientName) == name


def test_ascii_query_declares_no_character_set() -> None:
    identifier = QueryFilter(level="patient", patient_name="DOE*", patient_id="12345").identifier()
    assert "SpecificCharacterSet" not in identifier
    assert b"DOE*" in _on_the_wire(identifier)
