"""Write the SR and SEG objects for one DICOM input next to each other in an output folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cxr_ai.dicom.seg import build_binary_seg, build_fractional_seg
from cxr_ai.dicom.source import source_for_export
from cxr_ai.dicom.sr import build_sr
from cxr_ai.dicom.tracking import finding_tracking
from cxr_ai.engine.engine import Engine
from cxr_ai.engine.pipeline import Analysis
from cxr_ai.engine.result import ImageResult


def export_dicom(source_path: Path, shown: ImageResult, analysis: Analysis, engine: Engine, out: Path,
                 name: str) -> list[Path]:
    """SR of ``shown`` (the findings at the chosen operating point), BINARY SEG of them, FRACTIONAL SEG of the map,
    as ``<name>_<kind>.dcm``; ``name`` is the input's name for outputs (``cxr_ai.inputs.output_stems``). The SEGs
    are built first: the SR lists them as evidence, and each nodule has one tracking identity in SR and SEG."""
    source = source_for_export(source_path)
    out.mkdir(parents=True, exist_ok=True)
    probability = analysis.letterbox.unletterbox(analysis.detection_probability, order=1)
    tracking = finding_tracking(shown)  # one identity per nodule in the SR and the binary SEG
    binary = build_binary_seg(source, shown, tracking=tracking)
    fractional = build_fractional_seg(source, np.asarray(probability), engine.model_set.version)
    segs = [seg for seg in (binary, fractional) if seg is not None]
    objects = {
        "sr": build_sr(source, shown, tracking=tracking, companions=segs),
        "seg_binary": binary,
        "seg_fractional": fractional,
    }
    written = []
    for kind, dataset in objects.items():
        if dataset is not None:
            target = out / f"{name}_{kind}.dcm"
            dataset.save_as(target)
            written.append(target)
    return written

