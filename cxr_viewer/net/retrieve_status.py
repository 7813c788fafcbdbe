"""Plain-language explanations of C-MOVE and C-GET failure statuses (PS3.4 C.4.2.1.5 and C.4.3.1.5).

A bare "status 0xC000" told the user nothing; the usual cause of a failed C-MOVE is on the PACS side (it does
not know our AE title, or knows it with the wrong host or port, so it cannot deliver to our receiver), and the
message has to say so, and what to check. The code stays in every message for the PACS administrator.
"""

from __future__ import annotations

from dataclasses import dataclass

_MOVE_DESTINATION = ("check that the PACS lists our AE title {dest!r} with this workstation's host and our "
                     "receiver's port, and that the receiver is running (Receiver tab)")
_OTHER_DESTINATION = ("check that the PACS lists the destination {dest!r} with that node's host and port, and that "
                      "it is running")  # ``cxr-pacs move --destination``: not us, so not our receiver to check


@dataclass(frozen=True)
class Operation:
    """Which retrieve failed, and the AE titles the explanation should name."""

    name: str  # "C-MOVE" or "C-GET"
    calling_ae: str
    destination_ae: str = ""  # C-MOVE only

    @property
    def is_move(self) -> bool:
        return self.name == "C-MOVE"

    def explain(self, code: int, failed: int = 0) -> str:
        """What went wrong and what to check, ending with the status code."""
        return f"{self.name} {self._reason(code, failed)} (status 0x{code:04X})"

    def _reason(self, code: int, failed: int) -> str:
        ours = self.destination_ae == self.calling_ae
        check_destination = (_MOVE_DESTINATION if ours else _OTHER_DESTINATION).format(dest=self.destination_ae)
        if code == 0xA701:
            return ("refused: the PACS is out of resources and could not work out which instances match; "
                    "try again later, or retrieve one series at a time")
        if code == 0xA702:
            hint = f"; if it keeps happening, {check_destination}" if self.is_move else ""
            return ("refused: the PACS is out of resources and could not start sending the instances; try again "
                    f"later, or retrieve one series at a time{hint}")
        if code == 0xA801:
            return (f"refused: the PACS does not know or cannot reach the move destination {self.destination_ae!r}; "
                    f"{check_destination}, or retrieve with C-GET")
        if code == 0xA900:
            return ("failed: the PACS says the request does not match the query/retrieve model (identifier does "
                    "not match SOP class); retrieve the whole study instead of a series")
        if 0xC000 <= code <= 0xCFFF:
            if self.is_move:
                return (f"failed: the PACS was unable to process it. Most often it cannot deliver to "
                        f"{'us' if ours else 'the destination'}: "
                        f"{check_destination}; also check that the study is still on the PACS")
            return ("failed: the PACS was unable to process it; check that the study is still on the PACS and that "
                    f"it accepts C-GET from our AE title {self.calling_ae!r} (or retrieve with C-MOVE)")
        if code == 0xFE00:
            return "cancelled: the sub-operations were stopped on our request"
        if code == 0xB000:
            if self.is_move:
                whom = "us" if ours else "the destination"
                return f"warning: {failed} instance(s) could not be delivered to {whom}; {check_destination}"
            return (f"warning: {failed} instance(s) could not be sent over our association; the PACS may hold "
                    "them in a form we do not accept")
        return "failed with an unexpected status; the PACS log says why"
