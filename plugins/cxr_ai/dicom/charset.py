"""The character set the SR and SEG are written in: the source's where it can be, else UTF-8.

highdicom copies the source's Specific Character Set into each new object and accepts only the terms it lists, so
sources that are valid DICOM stopped the export:

- code extensions with an empty first value, ``\\ISO 2022 IR 87``, the form PS3.5 (Annex H) shows for Japanese
  and what Japanese modalities write: PS3.3 C.12.1.1.2 reads the empty value as ``ISO 2022 IR 6``, so it is
  written so;
- a present but empty Specific Character Set (the default repertoire): left out, which means the same;
- a character set highdicom does not list (Korean ``ISO 2022 IR 149``) or that breaks the
  standard's rules for code extensions: the objects are written in UTF-8 (``ISO_IR 192``), which holds every
  repertoire. The source's text is decoded with its own character set first, so names keep their characters.

Only the copy in memory changes; the source file is not touched.
"""

from __future__ import annotations

import pydicom
from highdicom.enum import SpecificCharacterSetValues
from pydicom.multival import MultiValue

UTF8 = "ISO_IR 192"
DEFAULT_WITH_EXTENSIONS = "ISO 2022 IR 6"
# PS3.3 C.12.1.1.2: a multi-byte set with code extensions may not be the first value
MULTI_BYTE = {"ISO 2022 IR 87", "ISO 2022 IR 159", "ISO 2022 IR 149", "ISO 2022 IR 58"}
WRITABLE = {member.value for member in SpecificCharacterSetValues}


def _writable(values: list[str]) -> bool:
    """Whether highdicom takes ``values`` and they follow the standard's rules for several values."""
    if not all(value in WRITABLE for value in values):
        return False
    if len(values) == 1:
        return True
    return all(value.startswith("ISO 2022") for value in values) and values[0] not in MULTI_BYTE


def for_export(values: list[str]) -> list[str]:
    """The Specific Character Set values the objects are written with ([] for the default repertoire)."""
    values = [value.strip() for value in values]
    if len(values) > 1 and values[0] == "":
        values[0] = DEFAULT_WITH_EXTENSIONS
    if values in ([], [""]):
        return []
    return values if _writable(values) else [UTF8]


def conform_character_set(source: pydicom.Dataset) -> None:
    """Set ``source``'s Specific Character Set to what the objects can be written with (``for_export``), after
    its text has been decoded with the source's own."""
    if "SpecificCharacterSet" not in source:
        return
    value = source.SpecificCharacterSet
    values = [str(item) for item in value] if isinstance(value, (list, MultiValue)) else [str(value or "")]
    chosen = for_export(values)
    if chosen == [value.strip() for value in values]:
        return
    source.decode()  # the text as the source's own character set reads it, before that is renamed
    if chosen:
        source.SpecificCharacterSet = chosen if len(chosen) > 1 else chosen[0]
    else:
        del source.SpecificCharacterSet
