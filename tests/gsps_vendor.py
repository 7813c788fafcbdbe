"""Presentation states as another PACS writes them (highdicom), for the tests of opening them: graphics and texts on
layers of its own, in PIXEL or DISPLAY units."""

from __future__ import annotations

from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom

from cxr_viewer.core.gsps import Window, build_gsps, write_whole
from cxr_viewer.core.gsps_marks import annotation
from tests.dicom_factory import make_multiframe

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


def compound(kind: str, points: list[tuple[float, float]], instance: int = 1, units: str = "PIXEL",
             **attributes) -> pydicom.Dataset:
    """A Compound Graphic Sequence item as pydicom writes it (highdicom 0.28 writes none)."""
    item = pydicom.Dataset()
    item.CompoundGraphicInstanceID, item.CompoundGraphicUnits, item.CompoundGraphicType = instance, units, kind
    item.GraphicDimensions, item.NumberOfGraphicPoints = 2, len(points)
    item.GraphicData = [float(v) for point in points for v in point]
    for keyword, value in attributes.items():
        setattr(item, keyword, value)
    return item


def with_compounds(path: Path, source: pydicom.Dataset, compounds: list[pydicom.Dataset],
                   graphics: list[hd.pr.GraphicObject] | None = None, layer_name: str = "VENDOR",
                   texts: list[hd.pr.TextObject] | None = None) -> pydicom.Dataset:
    """Another PACS's presentation state on ``source`` whose one annotation item carries ``compounds`` beside the
    simple ``graphics`` and ``texts`` (a point when none are given, since highdicom wants one), saved and read back."""
    layer = hd.pr.GraphicLayer(layer_name, order=1)
    item = hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                   graphic_objects=graphics if graphics or texts else [graphic("POINT", [(1.0, 1.0)])],
                                   text_objects=texts)
    ds = vendor_gsps(path, [source], [item], [layer])
    annotation = ds.GraphicAnnotationSequence[0]
    if not graphics and not texts:
        del annotation.GraphicObjectSequence
    annotation.CompoundGraphicSequence = compounds
    ds.save_as(path)
    return pydicom.dcmread(path)


def frame_point(uid: str, frame: int, x: float) -> pydicom.Dataset:
    """A vendor's POINT at (x, 5) on one frame of a multi-frame film, as pydicom writes it."""
    point = pydicom.Dataset()
    point.GraphicAnnotationUnits, point.GraphicDimensions, point.NumberOfGraphicPoints = "PIXEL", 2, 1
    point.GraphicData, point.GraphicType, point.GraphicFilled = [x, 5.0], "POINT", "N"
    reference = pydicom.Dataset()
    reference.ReferencedSOPClassUID, reference.ReferencedSOPInstanceUID = "1.2.840.10008.5.1.4.1.1.7", uid
    reference.ReferencedFrameNumber = frame
    item = pydicom.Dataset()
    item.GraphicLayer, item.ReferencedImageSequence, item.GraphicObjectSequence = "LESIONS", [reference], [point]
    return item


def multiframe_state(folder: Path, frame: int, points: list[tuple[int, float]]) -> Path:
    """A 3-frame film and our state of its ``frame`` (1-based) with a vendor's POINT at (x, 5) on each named frame."""
    film = make_multiframe(folder / "mf.dcm", frames=3, rows=64, cols=64)
    source = pydicom.dcmread(film, stop_before_pixels=True)
    path = folder / "mf_gsps.dcm"
    write_whole(build_gsps(source, [annotation((5.5, 5.5, 30.5, 5.5), "x")], Window(100.0, 200.0), frame), path)
    ds = pydicom.dcmread(path)
    uid = str(source.SOPInstanceUID)
    ds.GraphicAnnotationSequence.extend([frame_point(uid, number, x) for number, x in points])
    ds.save_as(path)
    return path
