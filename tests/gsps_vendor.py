"""Presentation states as another PACS writes them (highdicom), for the tests of opening them: graphics and texts on
layers of its own, in PIXEL or DISPLAY units."""

from __future__ import annotations

from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom

from cxr_viewer.core.gsps import write_whole

PIXEL, DISPLAY = hd.pr.AnnotationUnitsValues.PIXEL, hd.pr.AnnotationUnitsValues.DISPLAY


def graphic(kind: str, points: list[tuple[float, float]], units=PIXEL) -> hd.pr.GraphicObject:
    return hd.pr.GraphicObject(hd.pr.GraphicTypeValues[kind], np.array(points, dtype=float), units)


def vendor_gsps(path: Path, sources: list[pydicom.Dataset], annotations: list[hd.pr.GraphicAnnotation],
                layers: list[hd.pr.GraphicLayer]) -> pydicom.Dataset:
    """A presentation state as another PACS writes one, saved to ``path`` and read back."""
    gsps = hd.pr.GrayscaleSoftcopyPresentationState(
        referenced_images=sources, series_instance_uid=hd.UID(), series_number=7, sop_instance_uid=hd.UID(),
        instance_number=1, manufacturer="Other PACS", manufacturer_model_name="X", software_versions="1",
        device_serial_number="1", content_label="OTHER", graphic_layers=layers, graphic_annotations=annotations)
    write_whole(gsps, path)
    return pydicom.dcmread(path)
