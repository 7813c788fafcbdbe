"""Whether logging out now would drop something the reader entered, and the words that say so.

A log-out keeps every submitted read and the case's time (the case is shown again at the next log-in), but the answer
on screen, not yet submitted, is gone: a rating, digits being typed, FROC marks, a second read's changed final answer.
The log-out key (Ctrl+L) therefore asks first when there is such an answer, so a stray chord never costs one; the
panel's button, which the reader has to reach for, does not.
"""

from __future__ import annotations

from cxr_reader_study.design.model import Arm
from cxr_reader_study.reading.session import ReadingSession

LOG_OUT_KEY = "Ctrl+L"  # spelled as the viewer's settings spell keys; no key of the viewer's nor of another plugin


def log_out_warning(session: ReadingSession | None) -> str:
    """What logging out would drop, with how to go on; "" when it drops nothing (no answer entered yet, the session
    complete, no image on screen)."""
    if session is None or session.finished or not session.image_on_screen:
        return ""
    answer = session.answer
    if answer.rating is None and not answer.marks and not answer.keys.typing:
        return ""
    if session.arm is Arm.AIDED_SECOND_READ and session.phase == "final":
        what = "Your final answer is not submitted (your first answer is saved)"
    else:
        what = "Your answer to this case is not submitted"
    return (f"{what}: logging out drops it; its reading time is kept. Press {LOG_OUT_KEY} again to log out, or "
            "Enter to submit first.")
