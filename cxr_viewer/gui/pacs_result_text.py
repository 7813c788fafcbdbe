"""How a query's answers read in the PACS window's results list (Qt-free): names without their carets, dates and
times as a worklist shows them, and the status line that goes with a new list.

Kept apart from the tree (``pacs_results_tree``), which only places these texts in rows and sorts them.
"""

from __future__ import annotations

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

from cxr_viewer.core.dicom_dates import normalize_tm
from cxr_viewer.gui.message_text import plural
from cxr_viewer.net.matches import INCOMPLETE, Matches


def shown_text(dataset: Dataset, keyword: str) -> str:
    """One answer's value as its column shows it: names and dates readable, several values joined by ``\\``."""
    value = dataset.get(keyword, "")
    if keyword == "PatientName":
        return readable_name(str(value))
    if keyword == "StudyDate":
        return readable_when(str(value), str(dataset.get("StudyTime", "") or ""))
    return "\\".join(map(str, value)) if isinstance(value, MultiValue) else str(value)


def readable_name(value: str) -> str:
    """``Doe^John`` as "Doe, John"; the ideographic and phonetic forms after ``=`` follow in brackets. Shown raw,
    carets and equals signs made similar names hard to tell apart in a list of a patient's studies."""
    groups = [group for group in value.split("=") if group.strip("^ ")]
    forms = []
    for group in groups:
        family, given, middle, prefix, suffix = [*group.split("^"), "", "", "", ""][:5]
        rest = " ".join(part.strip() for part in (prefix, given, middle, suffix) if part.strip())
        forms.append(", ".join(part for part in (family.strip(), rest) if part))
    return f"{forms[0]} ({' / '.join(forms[1:])})" if len(forms) > 1 else (forms[0] if forms else "")


def readable_date(value: str) -> str:
    """YYYYMMDD as YYYY-MM-DD, which still sorts newest first as text; anything else as sent."""
    return f"{value[:4]}-{value[4:6]}-{value[6:]}" if len(value) == 8 and value.isdigit() else value


def readable_when(day: str, time: str) -> str:
    """A study's date and time, "2024-01-10 14:30", as a worklist shows them: with the date alone, a patient's
    morning and evening films of one day (listed by time) could not be told apart. The time goes to the minute,
    in the current form whether sent as ``143000.25`` or in the ACR-NEMA ``14:30:00``; a time that is not a TM is
    shown as sent; a time without a date is left out (it places the study in no day)."""
    shown, clock = readable_date(day.strip()), normalize_tm(time)
    if not shown or not clock:
        return shown
    return f"{shown} {clock[:2]}:{clock[2:4]}" if len(clock) >= 4 and clock[:4].isdigit() else f"{shown} {clock}"


def found_text(studies: Matches) -> str:
    """The status line after a search. It read "1 studies found", and for an empty list "0 studies found; expand
    one to see its series", asking for a study that is not there."""
    count = len(studies)
    found = f"{plural(count, 'study', 'studies')} found" if count else "No studies found"
    said = f"{found}; {INCOMPLETE}" if studies.cut_short else found
    if not count:
        return f"{said}."
    expand = ". Expand" if studies.cut_short else "; expand"
    return f"{said}{expand} {'it' if count == 1 else 'one'} to see its series."
