"""One tracking identity per finding, shared by the SR's measurement group and the binary SEG's segment.

PS3.3 C.8.20.4 (Segment Description) and TID 1410 both carry a Tracking Identifier (text) and a Tracking UID so
that one finding can be followed across reporting objects. Each writer drew its own UID, so a viewer could not pair
a nodule's SR region with its SEG segment; the export now draws them once, here, and hands them to both writers.
"""

from __future__ import annotations

from dataclasses import dataclass

import highdicom as hd

from cxr_ai.engine.result import ImageResult


@dataclass(frozen=True)
class Tracking:
    identifier: str  # the text a reader sees ("Nodule 2"), the SR's Tracking Identifier and the SEG's Tracking ID
    uid: str  # the SR's Tracking Unique Identifier and the SEG's Tracking UID


def finding_tracking(result: ImageResult) -> dict[int, Tracking]:
    """A fresh UID per finding of ``result``, keyed by the finding's id; one export's SR and SEG share them."""
    return {finding.id: Tracking(f"Nodule {finding.id}", hd.UID()) for finding in result.findings}
