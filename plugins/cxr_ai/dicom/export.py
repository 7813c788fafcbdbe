"""Write the SR and SEG objects for one DICOM input next to each other in an output folder, all or none.

The CLI (``--dicom-out``) and the viewer's "Save findings as DICOM SR/SEG…" both come here. Each object is
written to a hidden temporary file in the folder and only renamed to its name once all of them are written: a
full disk or a folder that stops being writable half-way left a truncated SEG, or an SR whose SEG evidence was
never written, under the final names, where a PACS import would take them. Renaming within one folder is atomic.

Of a frame of a multi-frame film, the objects name that frame; what cannot be written of it (a SEG of a source
without plane positions) is left out, and a frame that cannot be named at all is refused before anything is
written (``cxr_ai.dicom.frames``).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydicom import Dataset

from cxr_ai.dicom.frames import frame_reference
from cxr_ai.dicom.seg import build_binary_seg, build_fractional_seg
from cxr_ai.dicom.source import source_for_export
from cxr_ai.dicom.sr import build_sr
from cxr_ai.dicom.tracking import finding_tracking
from cxr_ai.engine.engine import Engine
from cxr_ai.engine.pipeline import Analysis
from cxr_ai.engine.result import ImageResult


@dataclass(frozen=True)
class DicomExport:
    """What an export wrote, and why it wrote the SR alone: the reason is the export's own, so the viewer's Save and
    Send and ``cxr-ai detect`` say it from here instead of each working it out again from the source."""

    written: list[Path]
    no_seg: str | None  # why no SEG of this frame was written (``FrameReference.no_seg``), or None


def export_dicom(source_path: Path, shown: ImageResult, analysis: Analysis, engine: Engine, out: Path,
                 name: str, frame_index: int = 0) -> DicomExport:
    """SR of ``shown`` (the findings at the chosen operating point), BINARY SEG of them, FRACTIONAL SEG of the map,
    as ``<name>_<kind>.dcm``; ``name`` is the input's name for outputs (``cxr_ai.inputs.output_stems``). The SEGs
    are built first: the SR lists them as evidence, and each nodule has one tracking identity in SR and SEG.
    ``frame_index``: the frame analysed (0-based) of a multi-frame file."""
    source = source_for_export(source_path)
    frame = frame_reference(source, frame_index)  # refused here, before the folder is touched
    out.mkdir(parents=True, exist_ok=True)
    probability = analysis.letterbox.unletterbox(analysis.detection_probability, order=1)
    tracking = finding_tracking(shown)  # one identity per nodule in the SR and the binary SEG
    binary = fractional = None
    if frame.no_seg is None:
        binary = build_binary_seg(source, shown, tracking=tracking, plane_position=frame.plane_position)
        fractional = build_fractional_seg(source, np.asarray(probability), engine.model_set.version,
                                          plane_position=frame.plane_position)
    segs = [seg for seg in (binary, fractional) if seg is not None]
    objects = {
        "sr": build_sr(source, shown, tracking=tracking, companions=segs, frames=frame.numbers),
        "seg_binary": binary,
        "seg_fractional": fractional,
    }
    named = {out / f"{name}_{kind}.dcm": dataset for kind, dataset in objects.items() if dataset is not None}
    return DicomExport(_write_all(named), frame.no_seg)


def _write_all(objects: dict[Path, Dataset]) -> list[Path]:
    """Write every dataset under a temporary name, then rename them all; on any error remove what was written
    and raise, leaving no file of this export (an earlier export's files of the same names stay as they were)."""
    staged: dict[Path, Path] = {}
    try:
        for target, dataset in objects.items():
            staged[target] = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")  # the umask's mode
            dataset.save_as(staged[target])
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        raise
    for target, temporary in staged.items():
        os.replace(temporary, target)
    return list(staged)

