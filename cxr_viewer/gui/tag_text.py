"""How one DICOM element reads in the tags panel: its name, its value as DICOM writes it, and a search for a tag.

Kept apart from the panel (and free of Qt), one rule each: a multi-valued element is shown as DICOM writes it,
``ORIGINAL\\PRIMARY``, not as a Python list, so what is seen can be searched for and pasted into another tool; a
private element is named by the vendor's name for it and its creator (``Full fidelity [GEMS_IDEN_01]``), since
its number alone means nothing across vendors; and a bulk value of any binary VR (pixel data, an OB, an OL) is
shown by its size, never turned into a byte-string repr (an OL element's was four times the value's size).
"""

from __future__ import annotations

import re
from itertools import islice

from pydicom.dataelem import DataElement
from pydicom.multival import MultiValue

BULK_VRS = ("OB", "OW", "OF", "OD", "OL", "OV", "UN")
_TAG_QUERY = re.compile(r"^\(?\s*([0-9a-f]{4})\s*[,\s]?\s*([0-9a-f]{4})\s*\)?$")


def element_name(element: DataElement) -> str:
    """The keyword; for a private element its creator and, where pydicom knows it, the vendor's name for it."""
    if element.tag.is_private_creator:
        return "Private Creator"
    if element.tag.is_private:
        creator = element.private_creator or "unknown creator"
        name = element.name.strip("[]") if element.name.startswith("[") else "Private"
        return f"{name} [{creator}]"  # the name first: a narrow column cuts off the end
    return element.keyword


def value_text(element: DataElement, limit: int | None = None) -> str:
    """The value as DICOM writes it (values joined by ``\\``), cut to about ``limit`` characters (None: whole).

    Only the values that fit the limit are converted, so a LUT of 65 536 numbers costs no more than a short one.
    """
    value = element.value
    if element.VR in BULK_VRS:
        return f"<{element.VR}, {len(value):,} bytes>" if value is not None else f"<{element.VR}>"
    if value is None:
        return ""
    if isinstance(value, (MultiValue, list, tuple)):
        shown = value if limit is None else islice(value, limit // 2 + 1)  # each value takes at least 2 characters
        text = "\\".join(str(item) for item in shown)
    else:
        text = str(value)
    if limit is not None and len(text) > limit:
        return text[:limit] + "…"
    return text


def row_text(text: str) -> str:
    """A value on one line (a multi-line LT or UT shows its line breaks as ↵), for a one-line row."""
    return text.replace("\r\n", "↵ ").replace("\n", "↵ ").replace("\r", "↵ ")


def tag_query(needle: str) -> str:
    """A search for a tag in any usual spelling (``00100010``, ``0010 0010``, ``(0010, 0010)``) as the Tag column
    writes it, ``(0010,0010)``; any other search is returned unchanged."""
    match = _TAG_QUERY.match(needle.strip().lower())
    return f"({match[1]},{match[2]})" if match else needle
