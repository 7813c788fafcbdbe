"""Which frame of a multi-frame source the SR and SEG name, and what of them can be written for it.

The viewer runs the AI on the frame shown, and ``cxr-ai detect`` on frame 1. An SR or SEG that references the
source by its SOP Instance alone reads as the whole film, drawn on frame 1: the findings of frame 3 landed there.
The DICOM way is a Referenced Frame Number beside the SOP Instance, which the standard allows only when the source's
SOP Class is a multi-frame one:

- SR: every image reference (each outline's SCOORD, the "Nodule: absent" group, the Image Library entry) names the
  frame (PS3.3 C.18.3, TID 320/1600);
- SEG: highdicom 0.28 writes a SEG of one frame of a multi-frame source only by its position in space: given the
  frame's Plane Position, it finds the frame and references it (Derivation Image, Referenced Frame Number). A
  source without per-frame plane positions (fluoroscopy, a multi-frame Secondary Capture, most projection films)
  gets no SEG, and the export says why; the SR, which carries every outline, is still written;
- a single-frame SOP Class (Digital X-Ray, CR) stored with several frames, as some tomosynthesis exports do, cannot
  name a frame at all (highdicom refuses the reference, dciodvfy rejects it): frame 1's findings are written as for
  any film, a later frame's are refused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from highdicom._standard_utils import is_multiframe_image  # the rule highdicom's SR and SEG apply themselves
from highdicom.spatial import CoordinateSystemNames, get_image_coordinate_system
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import UID


@dataclass(frozen=True)
class FrameReference:
    numbers: list[int] | None  # the SR's Referenced Frame Number(s); None: the film has one frame
    plane_position: Sequence | None = None  # the frame's Plane Position, by which highdicom's SEG finds it
    no_seg: str | None = None  # why no SEG can be written of this frame, or None


def frame_count(source: Dataset) -> int:
    return int(source.get("NumberOfFrames") or 1)


def frame_reference(source: Dataset, frame_index: int) -> FrameReference:
    """How the objects of frame ``frame_index`` (0-based) of ``source`` reference it; ValueError with the reason
    when they cannot say which frame they describe."""
    frames = frame_count(source)
    if frames <= 1:
        return FrameReference(None)
    if not 0 <= frame_index < frames:
        raise ValueError(f"frame {frame_index + 1} is not one of the film's {frames} frames")
    if not is_multiframe_image(source):
        if frame_index == 0:
            return FrameReference(None)  # read as frame 1, which it is
        raise ValueError(f"the film is a {UID(source.SOPClassUID).name} object, a single-frame SOP Class stored with "
                         f"{frames} frames: an SR or SEG of it cannot name frame {frame_index + 1} (Referenced "
                         "Frame Number is not allowed for it) and would be read as frame 1's; frame 1's findings "
                         "can be saved")
    numbers = [frame_index + 1]
    per_frame = source.get("PerFrameFunctionalGroupsSequence") or []
    if get_image_coordinate_system(source) == CoordinateSystemNames.PATIENT and len(per_frame) == frames \
            and "PlanePositionSequence" in per_frame[frame_index]:
        return FrameReference(numbers, per_frame[frame_index].PlanePositionSequence)
    return FrameReference(numbers, no_seg=f"the source ({UID(source.SOPClassUID).name}) gives no plane position per "
                                          "frame, by which alone highdicom 0.28 writes a SEG of one of its frames")
