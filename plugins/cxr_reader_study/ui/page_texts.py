"""What the reading page says about the reader's answer and the AI's state, as plain text (no Qt).

Kept apart from the page's widgets (:mod:`cxr_reader_study.ui.pages`): these sentences carry study rules (which
mark the next number rates, which answer of a second read is asked for), so they are worded, and can be read and
tested, without building a window.
"""

from __future__ import annotations

from cxr_reader_study.design.model import Arm
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.storage.records import MarkRecord


def froc_answer_text(marks: list[MarkRecord], selected: int | None) -> str:
    """The selected mark and its rating, as the ROC page shows "Rating: 4": the number of marks alone did not say
    which mark the next number key rates, nor whether it still waits for a rating."""
    if not marks:
        return "No marks (normal)"
    if selected is None:
        return f"{len(marks)} mark(s)"
    rating = marks[selected].rating
    shown = f"{rating:g}" if rating == rating else "–"  # NaN until the reader rates it
    return f"Mark {selected + 1} of {len(marks)}: rating {shown}"


def ai_text(session: ReadingSession) -> str:
    """Whether the AI is shown, and in a second read which of the two answers is asked for: the same case comes
    back after the first submit, and a reader not told that the AI is now there and this answer final may take
    it for a failed submit and press Enter again, keeping the first answer without a look at the AI."""
    found = len(session.visible_findings())
    shown = f"AI: {found} finding(s) shown" if found else "AI: no findings on this image"
    if session.arm is Arm.AIDED_SECOND_READ:
        if session.phase == "first":
            return "First answer, without AI: the AI is shown once you submit it."
        return f"{shown}. Your first answer is saved; keep or change it, then submit your final answer."
    return shown if session.shows_ai else "AI: off"


def missing_films_text(case_ids: tuple[str, ...]) -> str:
    """The cases whose films were not found when the study opened, by case id only: the log-in page is read by
    every reader, and an image's file name may carry a patient's name or hospital number. The study opens all the
    same (one lost film must not block every reader); that case shows "cannot be shown" when its turn comes."""
    if not case_ids:
        return ""
    return (f"Study coordinator: the films of {len(case_ids)} case(s) were not found when the study opened: "
            f"{', '.join(case_ids)}. Readers reaching one are asked to call you; restore the film, or take the "
            "case out of the case list, before they do.")
