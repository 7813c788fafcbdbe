"""Why a node refused our association request, said so that the user knows which AE title to fix.

pynetdicom only logs the A-ASSOCIATE-RJ's source and reason, so every refusal read "rejected the association",
whether the node's own AE title was mistyped in our settings (called AE not recognised) or the PACS does not know
ours (calling AE not recognised): two fixes in two different places. The reason is taken from the primitive as it
arrives (``EVT_ACSE_RECV``); a connection that never opened is told apart from one the node closed.
"""

from __future__ import annotations

from typing import Any

_ADVICE = {  # (result source, diagnostic) of PS3.8 9.3.4
    (1, 3): "it does not know our AE title {calling!r}: ask its administrator to add this workstation",
    (1, 7): "{called!r} is not its AE title: check the AE title in the node's settings",
    (1, 2): "it does not support the DICOM application context",
    (2, 2): "it does not support our protocol version",
    (3, 1): "it is busy (temporary congestion): try again shortly",
    (3, 2): "it has reached its limit of connections: try again shortly",
}


class RejectionWatch:
    """``EVT_ACSE_RECV`` handler that keeps the A-ASSOCIATE-RJ, if one comes."""

    def __init__(self) -> None:
        self.primitive: Any = None

    def __call__(self, event: Any) -> None:
        primitive = getattr(event, "primitive", None)
        if getattr(primitive, "result", None) in (0x01, 0x02):
            self.primitive = primitive

    def reason(self, called: str, calling: str) -> str:
        """Plain words for the refusal; the standard's wording when we have no advice for it."""
        primitive = self.primitive
        if primitive is None:
            return f"our AE title {calling!r}"
        key = (primitive.result_source, primitive.diagnostic)
        transient = " (transient)" if primitive.result == 0x02 else ""
        advice = _ADVICE.get(key, "{reason}").format(called=called, calling=calling, reason=primitive.reason_str)
        return f"{advice}{transient}"


def not_connected(node_describe: str, calling: str) -> str:
    """The TCP connection itself failed at once: refused (nothing listens there) or no route to the host."""
    return (f"{node_describe} could not be reached: the connection was refused or the host is unreachable; check "
            f"that the PACS is running and that its host and port are right (our AE title {calling!r})")
