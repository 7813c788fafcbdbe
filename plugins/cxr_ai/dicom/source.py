"""The source image as the SR and SEG copy it: attributes the standard wants present, dates and times in their form.

highdicom copies the source's patient and study attributes into each new object. Two kinds of source value break
that copy:

- a type 2 attribute that is missing (anonymised or hand-made files): highdicom refuses the export, so it is
  added, empty;
- a date (DA) or time (TM) in the ACR-NEMA form that files written before DICOM 3.0 use (``2024.01.05``,
  ``07:10:00``): PS3.5 6.2 asks readers to accept it, but a new object must use the current form. A time in that
  form made highdicom refuse the export; a date was copied verbatim into an invalid object. Both are rewritten
  (``20240105``, ``071000``). A value that is no date or time in either form (``unknown``) is left empty, as
  type 2 allows: the objects reference the source by its UIDs, where the value stays as it was;
- an age (AS) that is not three digits and a unit (``62`` for ``062Y``, written by some modalities and
  anonymisers): copied verbatim it made each object fail dciodvfy. It is left empty (Patient Age is type 3)
  rather than guessed in years;
- a Specific Character Set highdicom does not take (``cxr_ai.dicom.charset``).

A source without the UIDs that place it (SOP Class and Instance, Study, Series) is refused with their names:
objects that cannot say which image they describe, or that would open a study of their own, must not be written.

Only the copy in memory changes; the source file is not touched. The old forms are rewritten by the viewer's own
``cxr_viewer.core.dicom_dates`` (as the study index does); the export adds the stricter rule, a conformant value
or none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pydicom
from pydicom.dataelem import DataElement
from pydicom.multival import MultiValue
from pydicom.valuerep import DA, TM

from cxr_ai.dicom.charset import conform_character_set
from cxr_viewer.core.dicom_dates import normalize_da, normalize_tm

# The source's identity, which the objects reference and whose study they join (type 1 in every image IOD)
IDENTITY = {"SOPClassUID": "SOP Class UID", "SOPInstanceUID": "SOP Instance UID",
            "StudyInstanceUID": "Study Instance UID", "SeriesInstanceUID": "Series Instance UID"}
# Patient and study attributes the SR and SEG copy from their source, where the standard wants them present even
# when unknown (type 2)
TYPE2_COPIED = ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime",
                "ReferringPhysicianName", "StudyID", "AccessionNumber")


def conformant(vr: str, value: str) -> str:
    """``value`` of a DA or TM element in the current form: the ACR-NEMA form rewritten, anything that is not a
    valid date or time in either form emptied."""
    text = (normalize_da if vr == "DA" else normalize_tm)(str(value))
    if not text:
        return ""
    try:
        (DA if vr == "DA" else TM)(text)
    except ValueError:
        return ""
    return text


AGE = re.compile(r"\d{3}[DWMY]")


def _conform(_dataset: pydicom.Dataset, element: DataElement) -> None:
    if element.VR == "AS" and element.value not in (None, ""):
        element.value = element.value if AGE.fullmatch(str(element.value)) else ""
    if element.VR not in ("DA", "TM") or element.value in (None, ""):
        return
    if isinstance(element.value, (list, MultiValue)):
        element.value = [kept for kept in (conformant(element.VR, value) for value in element.value) if kept]
    else:
        element.value = conformant(element.VR, element.value)


def source_for_export(path: Path) -> pydicom.Dataset:
    """The source file read (refused without its UIDs), with every type 2 attribute the objects copy present,
    every date, time and age (in nested sequences too) in the current form and a character set highdicom takes."""
    source = pydicom.dcmread(path)
    missing = [name for keyword, name in IDENTITY.items() if not str(source.get(keyword, "")).strip()]
    if missing:
        raise ValueError(f"the source has no {', '.join(missing)}: an SR or SEG of it could not say which image "
                         "it describes nor join its study")
    for keyword in TYPE2_COPIED:
        if keyword not in source:
            setattr(source, keyword, "")
    source.walk(_conform)
    conform_character_set(source)
    return source
