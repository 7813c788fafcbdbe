"""The errors every PACS operation raises, and the wording of a node that did not answer.

Kept apart from the association code (:mod:`cxr_viewer.net.scu`) because DICOMweb, the receiver, the index writer
and the GUI raise and catch them too without opening any association; the messages say which node and why, so a
caller shows them as they are.
"""

from __future__ import annotations

from cxr_viewer.net.nodes import DicomNode


class PacsError(RuntimeError):
    """A DICOM network operation failed; the message says which node and why."""


class Cancelled(PacsError):
    """The user cancelled: callers report "cancelled", never a failure of the node."""


def did_not_answer(where: str, connect_timeout_s: float) -> PacsError:
    """The TCP connect got no reply at all: what a switched-off, unplugged or firewalled node looks like."""
    return PacsError(f"{where} did not answer within {connect_timeout_s:g} s: check that the PACS is switched on "
                     "and on the network, that its host and port are right, and that no firewall blocks the port "
                     "(a slow link may need a longer connect timeout in the node's settings)")


def no_answer(node: DicomNode, operation: str, calling_ae: str, waited_s: float, timeout_s: float,
              answered: bool) -> PacsError:
    """An abort before any answer, at once, is most often a PACS that does not know the AE title we call from; one
    well before the timeout after answers is a PACS that went away mid-operation. Saying only "no answer within
    30 s or aborted" left the user guessing, and was wrong about the 30 s. ``waited_s`` counts from the last answer
    (or the request)."""
    if not answered and waited_s < min(2.0, timeout_s / 2):
        return PacsError(f"{node.describe()}: the PACS aborted the {operation} at once; it may not accept "
                         f"{operation} requests from our AE title {calling_ae!r} (ask its administrator to add it)")
    if answered and waited_s < timeout_s - 1.0:  # it had been answering: the line dropped, nobody went silent
        return PacsError(f"{node.describe()}: the PACS broke off the {operation} (the association was aborted "
                         f"{waited_s:.0f} s after its last answer); it may have been stopped or restarted: try again")
    return PacsError(f"{node.describe()}: {operation} got no answer within {timeout_s:g} s or the association "
                     "was aborted")
