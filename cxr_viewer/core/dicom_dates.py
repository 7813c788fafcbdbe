"""Dates and times of files written before DICOM 3.0, in the current form (Qt-free).

ACR-NEMA files write a date ``YYYY.MM.DD`` and a time ``HH:MM:SS.frac``; PS3.5 6.2 asks readers to accept those
forms. Kept as they came, they compare wrongly as text against current values ("2024.05.01" sorts before
"20240301", "09:15:00" after "093000"), which matters wherever dates and times are sorted or compared: the study
index, the choice of a prior, and the DICOM objects the AI plugin writes (a new object must use the current form).
"""

from __future__ import annotations

import re

_ACR_NEMA_DA = re.compile(r"([0-9]{4})\.([0-9]{2})\.([0-9]{2})")
_ACR_NEMA_TM = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]{1,6})?)?")


def normalize_da(value: str) -> str:
    """A DICOM DA in its current form YYYYMMDD: the ACR-NEMA form ``YYYY.MM.DD`` loses its dots. Anything else is
    returned stripped but unchanged (callers decide what a malformed date means to them)."""
    text = value.strip()
    old_form = _ACR_NEMA_DA.fullmatch(text)
    return "".join(old_form.groups()) if old_form else text


def normalize_tm(value: str) -> str:
    """A DICOM TM in its current form HHMMSS.FFFFFF: the ACR-NEMA form loses its colons (``HH:MM``, ``HH:MM:SS``
    too; a fraction is kept). Without colons, TM values (trailing components may be omitted) compare correctly as
    text. Anything else is returned stripped but unchanged."""
    text = value.strip()
    old_form = _ACR_NEMA_TM.fullmatch(text)
    return "".join(part or "" for part in old_form.groups()) if old_form else text
