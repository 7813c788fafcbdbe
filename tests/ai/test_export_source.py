"""The source's dates and times as the SR and SEG copy them: the ACR-NEMA forms rewritten, anything else emptied."""

from __future__ import annotations

import pytest

from cxr_ai.dicom.source import conformant


@pytest.mark.parametrize(("vr", "value", "expected"), [
    ("DA", "20240105", "20240105"), ("DA", "2024.01.05", "20240105"), ("DA", " 2024.01.05 ", "20240105"),
    ("DA", "2024.13.05", ""), ("DA", "2024-01-05", ""), ("DA", "", ""),
    ("TM", "071000", "071000"), ("TM", "07:10", "0710"), ("TM", "07:10:00.123456", "071000.123456"),
    ("TM", "0710", "0710"), ("TM", "25:00", ""), ("TM", "7:10", ""),
])
def test_dates_and_times_are_conformant_or_empty(vr: str, value: str, expected: str) -> None:
    assert conformant(vr, value) == expected
