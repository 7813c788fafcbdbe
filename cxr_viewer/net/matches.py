"""A search's matches, and the PACS's word that it stopped before the last one.

PACSes cap how many matches one search returns (Orthanc's ``LimitFindResults``, dcm4chee's
``QueryMaxNumberOfResults``). Orthanc 1.10 at its cap sends the first matches and then status 0xFE00 ("matching
terminated due to cancel") although nobody cancelled; a QIDO-RS server may add ``Warning: 299 ... additional
results``. Read as a failure, the matches that had come were thrown away ("C-FIND failed with status 0xFE00");
read as the whole answer, a radiologist took three priors for all there were. The list therefore carries the
PACS's reason, and the window and ``cxr-pacs find`` say :data:`INCOMPLETE`.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydicom.dataset import Dataset

from cxr_viewer.core.dicom_dates import normalize_tm
from cxr_viewer.net.errors import PacsError

INCOMPLETE = "results may be incomplete: narrow the search"
_CANCEL, _SUCCESS = 0xFE00, 0x0000


class Matches(list[Dataset]):
    """The matches of one search; ``cut_short`` says why the PACS may have left some out ("" when it did not)."""

    def __init__(self, matches: Iterable[Dataset] = (), cut_short: str = "") -> None:
        super().__init__(matches)
        self.cut_short = cut_short

    def note(self) -> str:
        """What to tell the user besides the count: "" for a complete list, else :data:`INCOMPLETE` and why."""
        return f"{INCOMPLETE} ({self.cut_short})" if self.cut_short else ""

    def banner(self) -> str:
        """The note as sentences, for a line of its own above the list."""
        why = self.cut_short
        return f"{INCOMPLETE[:1].upper()}{INCOMPLETE[1:]}. {why[:1].upper()}{why[1:]}." if why else ""

    def newest_first(self) -> Matches:
        """The matches by study date and time, newest first, undated ones last in the PACS's order. A PACS answers
        in an order of its own (Orthanc: as it stored them), so ``cxr-pacs find`` listed a patient's latest study
        anywhere; the window lists newest first. Matches without a study date (patient and series levels) keep
        the PACS's order. Times in the ACR-NEMA form (``09:15:00``) lose their colons first: as sent they sorted after
        ``093000``, since ``:`` follows the digits."""

        def when(match: Dataset) -> tuple[bool, str, str]:
            day = str(match.get("StudyDate", "") or "").strip()
            return bool(day), day, normalize_tm(str(match.get("StudyTime", "") or "")) if day else ""

        return Matches(sorted(self, key=when, reverse=True), self.cut_short)


def final_status(where: str, status: Dataset, matches: list[Dataset]) -> Matches:
    """The list as a C-FIND's last (non-pending) status leaves it; raises PacsError for a failure before any
    match, where there is nothing to show. ``where`` names the node in the messages."""
    code = int(status.Status)
    comment = str(status.get("ErrorComment", "")).strip()
    said = f"status 0x{code:04X}" + (f", {comment!r}" if comment else "")
    if code == _SUCCESS:
        return Matches(matches)
    if code == _CANCEL:  # we never send C-CANCEL (Cancel cuts the association), so this is the PACS's own limit
        return Matches(matches, f"the PACS stopped after {len(matches)} matches, {said}; its limit on results "
                                "per search was probably reached")
    if code == 0x0001 or code >> 12 == 0xB:  # warnings
        return Matches(matches, f"the PACS ended the search with a warning, {said}")
    if matches:  # a failure part-way: what came is still worth showing, marked
        return Matches(matches, f"the PACS failed after {len(matches)} matches, {said}")
    hint = " (it may have found too many matches: narrow the search)" if code >> 8 == 0xA7 else ""
    raise PacsError(f"{where}: C-FIND failed with {said}{hint}")
