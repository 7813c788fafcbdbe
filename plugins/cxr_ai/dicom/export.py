"""Write the SR and SEG objects for one DICOM input next to each other in an output folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cxr_ai.dicom.seg import build_binary_seg, build_fractional_seg
from cxr_ai.dicom.source import source_for_export
from cxr_ai.dicom.sr import build_sr
from cxr_ai.engine.engine import Engine
from cxr_ai.engine.pipeline import Analysis
from cxr_ai.engine.result import ImageResult


def export_dicom(source_path: Path, shown: ImageResult, analysis: Analysis, engine: Engine, out: Path,
                 name: str) -> list[Path]:
    """SR of ``shown`` (the findings at the chosen operating point), BINARY SEG of them, FRACTIONAL SEG of the map,
    as ``<name>_<kind>.dcm``; ``name`` is the input's name for outputs (``cxr_ai.inputs.output_stems``)."""
    source = source_for_export(source_path)
    out.mkdir(parents=True, exist_ok=True)
    probability = analysis.letterbox.unletterbox(analysis.detection_probability, order=1)
    objects = {
        "sr": build_sr(source, shown),
        "seg_binary": build_binary_seg(source, shown),
        "seg_fractional": build_fractional_seg(source, np.asarray(probability), engine.model_set.version),
    }
    written = []
    for kind, dataset in objects.items():
        if dataset is not None:
            target = out / f"{name}_{kind}.dcm"
            dataset.save_as(target)
            written.append(target)
    return written

