"""The comparison pane's corner line: what the film beside the current one is to it, and when (Qt-free).

A reader compares to see what changed: a later study taken for a prior reverses the change, another image of the
same study taken for an earlier film invents one. So the line names the relation first (``prior``, ``later study``,
``same study · image 2/3``), then the film's date and how far it lies from the current film's, each on a short line
of its own: in 1×2 the pane is half the window, and a line longer than the pane is cut in its middle, which would cut
the date out (``corner_fit`` keeps these lines whole and moves the block up a row instead). A blinded read hides dates, so it gets the relation alone (the interval is made of dates).
"""

from __future__ import annotations

from datetime import date

from cxr_viewer.core.dicom_dates import normalize_da

RELATION_TEXT = {"prior": "prior", "later": "later study", "same study": "same study", "other": "other study"}
# why the pane is empty, by ``Comparison.origin``
EMPTY_TEXT = {"": "no study of this patient to compare",
              "undated": "no study date on this film: no prior sought in the study index"}
INDEX_NOTE = "from the study index"


def study_date(value: object) -> date | None:
    """A Study Date (current or ACR-NEMA form) as a date; None when absent or malformed."""
    text = normalize_da(str(value or ""))
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:  # e.g. 20230230
        return None


def interval_text(first: date, second: date) -> str:
    """How far apart two dates are, in the unit a reader counts in: days under two months, months under two years,
    then years to a tenth (whole months, so a year and a day is still "12 months")."""
    earlier, later = sorted((first, second))
    days = (later - earlier).days
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    if days == 0:
        return "same day"
    if days < 60:
        return f"{days} day{'s' if days > 1 else ''}"
    if months < 24:
        return f"{months} months"
    return f"{months / 12:.1f}".removesuffix(".0") + " years"  # "4.8 years": a line that fits a narrow pane


def comparison_text(relation: str, origin: str, shown_date: object, current_date: object, image: str = "",
                    blinded: bool = False) -> str:
    """The corner line for a film on screen: ``relation`` and ``origin`` as ``Navigator.comparison`` gave them, the
    two films' Study Dates as their headers have them, ``image`` (e.g. "2/3") for another image of this study."""
    head = RELATION_TEXT.get(relation, "comparison")
    lines = [f"{head} · image {image}" if relation == "same study" and image else head]
    if not blinded and relation != "same study":  # another image of this study has the current film's date
        shown, current = study_date(shown_date), study_date(current_date)
        lines[0] += f" · {shown:%Y-%m-%d}" if shown else f" · {str(shown_date or '').strip() or 'undated'}"
        if shown and current:
            way = "earlier" if shown < current else "later"
            lines.append("same day" if shown == current else f"{interval_text(shown, current)} {way}")
        elif shown:
            lines.append("this film has no date")
    if origin == "index":
        lines.append(INDEX_NOTE)
    return "\n".join(lines)
