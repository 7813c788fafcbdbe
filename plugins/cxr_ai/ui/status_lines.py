"""What the plugin writes in the viewer's status bar, one function per state (Qt-free, so each line is testable).

The permanent label (right of the cursor readout, which the viewer's passing messages do not erase) always says
what the AI shows for the film on screen: its findings count, or why there is none (the models missing, the marks
hidden by A, another plugin holding the view) with the invitation to press D where D would work. Passing messages
carry the one-off notes: a setting switched, detection on open skipped, a model stage missing.
"""

from __future__ import annotations

from cxr_ai.engine.errors import ModelIntegrityError
from cxr_ai.engine.result import ImageResult
from cxr_ai.ui.negative import no_findings

STATUS = "AI (research use only)"
MARKS_HIDDEN = "marks hidden (press A to show)"
INVITATION = "press D to detect nodules"
NO_IMAGE = "AI: open an image first"
NO_BONE_STAGE = f"{STATUS}: this model set has no bone-suppression stage; lung mask only"


def findings_line(result: ImageResult, threshold: float | None = None) -> str:
    """The findings drawn now. The count comes first: the label is clipped to half the window, and in a small
    window a count at the end (after the long model version) was the part cut off. None is said as a negative
    with the operating point's ``threshold`` (``negative``), not as "0 finding(s)"."""
    source = "cached" if result.cached else f"{result.timings_ms.get('total', 0):.0f} ms"
    provider = result.provider.removesuffix("ExecutionProvider")  # "CPU", "CUDA"
    found = (f"{len(result.findings)} finding(s) at '{result.operating_point}'" if result.findings
             else no_findings(result.operating_point, threshold))
    return f"{STATUS}: {found} — models {result.model_version} on {provider}, {source}"


def idle_line(missing: str | None, marks_hidden: bool) -> str:
    """No findings to count: the models missing, and that A hid the marks, else the invitation to press D. While
    the marks are hidden it reads the same whether the film has results or not (a difference would tell what the
    hidden marks are)."""
    said = [MARKS_HIDDEN] if marks_hidden else []
    said += [missing] if missing else ([] if marks_hidden else [INVITATION])
    return f"{STATUS}: {' — '.join(said)}"


def held_line(owner: str) -> str:
    """While e.g. a reader study holds the view: no sign of whether results exist for the film, and no invitation
    to press D, which the host has switched off. Not "blinded": an aided arm shows the study's own AI marks."""
    return f"{STATUS}: off while the {owner} plugin holds the view"


def held_note(owner: str) -> str:
    """The dock's line for the same state (its first line already says research use only)."""
    return f"AI off while the {owner} plugin holds the view"


def unavailable_line(error: BaseException) -> str:
    """Why the look-up on open failed: a status line, since opening an image must not raise a dialog per image.
    "unavailable" comes first: the engine's message starts with the path of the file at fault, and a small window
    clipped the line before it said what was wrong (a refused model file, say)."""
    return f"{STATUS}: unavailable — {error}"


def unavailable_note(error: BaseException) -> str:
    """The dock's line for the same failure, so that its empty list does not read as a film without findings. A
    refused model file is said in words: the engine's message has two 64-digit hashes, which do not wrap and
    widened the dock to half a small window; the status line above names the file (its tooltip has it all)."""
    if isinstance(error, ModelIntegrityError):
        return "AI unavailable: a model file is missing or altered, so the model set was refused (see the status bar)"
    return f"AI unavailable: {error}"


def auto_run_line(enabled: bool) -> str:
    return f"{STATUS}: detection on open is {'on' if enabled else 'off'}"


def not_a_chest_line(reason: str) -> str:
    """Why detection on open left the film alone, and that D still runs it."""
    return f"{STATUS}: detection on open skipped, not a frontal chest radiograph ({reason}); D runs it"


def already_running(title: str) -> str:
    """A second D on the film whose detection runs: said, as the first one's result is still to come."""
    return f"{STATUS}: {title.lower()} is already running for this film; its result shows when it is done"
