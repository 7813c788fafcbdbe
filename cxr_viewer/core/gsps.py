"""A film's measurements and window as a DICOM Grayscale Softcopy Presentation State (GSPS), with highdicom (Qt-free).

The viewer keeps measurements for the session only; a presentation state is the DICOM way to keep them with the
study, so the PACS and other viewers draw the same lines over the same image. It references the image (SOP Class
and Instance UID, and the frame of a multi-frame file), holds the window the reader chose (centre/width and its
function, or the file's VOI LUT table in use) and one graphic layer with each measurement's graphics and its label
as a text object anchored to it (``core.gsps_marks``). It joins the image's study in a series of its own.

The file is written whole or not at all: into a hidden part file beside the target, renamed onto it once on disk,
so a full disk or a crash never leaves a truncated object under the name a PACS upload would pick up.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from pydicom.dataset import Dataset

from cxr_viewer import __version__
from cxr_viewer.core.gsps_marks import Annotation, on_film
from cxr_viewer.core.image import VoiFunction, VoiLut

if TYPE_CHECKING:  # imported where used: highdicom takes about 0.3 s to import, which every start of the viewer
    import highdicom as hd  # paid (the window imports this module) for a save that most sessions never make

LAYER = "MEASUREMENTS"
MANUFACTURER = "cxr-workstation (open source)"
MODEL_NAME = "cxr_viewer"
SERIES_NUMBER = 950


@dataclass(frozen=True)
class Window:
    """The window on screen, in modality values: a VOI LUT table when ``voi_lut`` is set, else centre/width;
    ``invert`` when low values show white (a MONOCHROME1 film as stored, or a MONOCHROME2 one the reader inverted)."""

    center: float
    width: float
    function: VoiFunction = VoiFunction.LINEAR
    voi_lut: VoiLut | None = None
    invert: bool = False


def _voi(window: Window) -> hd.pr.SoftcopyVOILUTTransformation:
    import highdicom as hd  # on first save, not at start-up (see the note at the top)

    if window.voi_lut is not None:
        table = window.voi_lut
        data = np.asarray(table.table, np.uint16 if table.bits > 8 else np.uint8)
        return hd.pr.SoftcopyVOILUTTransformation(
            voi_luts=[hd.content.VOILUT(int(table.first_mapped), data, table.name or None)])
    return hd.pr.SoftcopyVOILUTTransformation(window_center=float(window.center), window_width=float(window.width),
                                              voi_lut_function=window.function.value)


def _objects(source: Dataset, annotations: list[Annotation]) -> tuple[list, list]:
    import highdicom as hd  # on first save, not at start-up (see the note at the top)

    columns, rows = int(source.Columns), int(source.Rows)
    graphics, texts = [], []
    for item in annotations:
        for kind, points in item.graphics:
            data = np.array([on_film(p, columns, rows) for p in points], np.float64)
            graphics.append(hd.pr.GraphicObject(kind, data, hd.pr.AnnotationUnitsValues.PIXEL))
        texts.append(hd.pr.TextObject(item.text, hd.pr.AnnotationUnitsValues.PIXEL,
                                      anchor_point=on_film(item.anchor, columns, rows)))
    return graphics, texts


def _classic_multiframe_rescale(source: Dataset) -> hd.ModalityLUTTransformation | None:
    """A classic multi-frame file (no functional groups: a tomosynthesis or a secondary capture stack) keeps its
    rescale in the top level, where highdicom, which reads a multi-frame one's from its functional groups, does
    not look: it is given here (the identity when there is none, which the GSPS IOD allows)."""
    import highdicom as hd  # on first save, not at start-up (see the note at the top)

    if int(source.get("NumberOfFrames", 1) or 1) <= 1 or "SharedFunctionalGroupsSequence" in source:
        return None
    return hd.ModalityLUTTransformation(rescale_intercept=float(source.get("RescaleIntercept", 0.0)),
                                        rescale_slope=float(source.get("RescaleSlope", 1.0)),
                                        rescale_type=str(source.get("RescaleType", "") or "US"))


def build_gsps(source: Dataset, annotations: list[Annotation], window: Window,
               frame: int | None = None) -> hd.pr.GrayscaleSoftcopyPresentationState:
    """The presentation state of ``source`` (its header, read from the file), ``frame`` (1-based) of a
    multi-frame one, with ``annotations`` in one layer and ``window``."""
    import highdicom as hd  # on first save, not at start-up (see the note at the top)

    layer = hd.pr.GraphicLayer(LAYER, order=1, description="Measurements made in cxr_viewer")
    graphics, texts = _objects(source, annotations)
    annotation = hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                         referenced_frame_number=frame, graphic_objects=graphics,
                                         text_objects=texts)
    gsps = hd.pr.GrayscaleSoftcopyPresentationState(
        referenced_images=[source], series_instance_uid=hd.UID(), series_number=SERIES_NUMBER,
        sop_instance_uid=hd.UID(), instance_number=1, manufacturer=MANUFACTURER,
        manufacturer_model_name=MODEL_NAME, software_versions=__version__, device_serial_number="0",
        content_label="MEASUREMENTS", content_description="Measurements and window from cxr_viewer",
        graphic_annotations=[annotation], graphic_layers=[layer], voi_lut_transformations=[_voi(window)],
        modality_lut_transformation=_classic_multiframe_rescale(source),
        # the presentation state's output ignores the image's MONOCHROME1 (PS3.3 C.11.6): white-for-low is INVERSE
        presentation_lut_transformation=hd.PresentationLUTTransformation(
            presentation_lut_shape=hd.PresentationLUTShapeValues.INVERSE if window.invert
            else hd.PresentationLUTShapeValues.IDENTITY))
    gsps.SpecificCharacterSet = "ISO_IR 192"  # the labels' °, ², ≈ and ·, whatever the image's character set
    # General Series' Laterality (type 2C, for a paired body part): the image's, else empty (unknown), which
    # dciodvfy takes, where it calls a missing one an error
    gsps.Laterality = source.get("Laterality", "") or ""
    return gsps


def write_whole(dataset: Dataset, path: Path) -> None:
    """Save ``dataset`` at ``path`` through a hidden part file beside it; on any error the part is removed and
    ``path`` is as it was."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(partial, "xb") as stream:
            dataset.save_as(stream, enforce_file_format=True)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
