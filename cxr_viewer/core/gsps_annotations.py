"""Another vendor's annotations in a presentation state, as lines, points and texts in image pixels (Qt-free).

A PACS or another viewer saves a reader's circles, arrows and notes as graphic and text objects on its own layers;
the reader who opens the presentation state expects to see them over the film. Only the annotations for the film
on screen are taken: an item whose Referenced Image Sequence names other images (or other frames of this one) is
counted, as is what cannot be drawn (MATRIX units, an unknown type, a malformed object), so the reader is told.
Compound graphics are drawn by ``core.gsps_compound``, and the simple graphics that repeat one of them (the same
Compound Graphic Instance ID) left out. The viewer's own measurement layer, in a file it wrote
(``core.gsps_origin``), is left to ``core.gsps_read``; in anyone else's file every layer is drawn here.

Coordinates: PIXEL units are the image's own (column, row; (0, 0) the top-left pixel's top-left corner). DISPLAY
units (0–1 across the displayed area) are mapped through the Displayed Area Selection for this image, from its
top-left pixel's top-left corner to its bottom-right pixel's bottom-right corner, else through the whole image; the
margin a viewer adds when the area's shape differs from the screen's is not part of it. CIRCLE and ELLIPSE are
sampled into closed outlines, INTERPOLATED is drawn through its points as a polyline, and filled graphics are drawn
as outlines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

from cxr_viewer.core.gsps_compound import compound_of
from cxr_viewer.core.gsps_layers import GraphicLayer, graphic_layers, layer_for
from cxr_viewer.core.gsps_objects import Area, Note, Point, line_of, note_of
from cxr_viewer.core.gsps_origin import own_layer


@dataclass(frozen=True)
class Drawing:
    """What one graphic layer draws on this image: lines (a POINT is a line of one point) and notes."""

    layer: GraphicLayer
    lines: tuple[tuple[Point, ...], ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Annotations:
    drawings: tuple[Drawing, ...]  # in stacking order, the lowest first
    not_shown: dict[str, int]  # why → how many objects: "on other images or frames", "in MATRIX units", …
    shown: int  # graphic, compound and text objects drawn (an arrow is one, though it is drawn as two lines)


def _applies(item: Dataset, uid: str, frame: int | None) -> bool:
    """Whether ``item`` is for image ``uid`` (at 1-based ``frame`` of a multi-frame film): no list is every image."""
    references = item.get("ReferencedImageSequence")
    if not references:
        return True
    for reference in references:
        frames = reference.get("ReferencedFrameNumber")
        if str(reference.get("ReferencedSOPInstanceUID", "")) == uid and (
                frame is None or frames in (None, "")
                or frame in {int(f) for f in (frames if isinstance(frames, MultiValue) else [frames])}):
            return True
    return False


def _display_area(ds: Dataset, uid: str, frame: int | None, shape: tuple[int, int]) -> Area:
    """Left, top, width and height in image pixels of what DISPLAY units span on this image."""
    for item in ds.get("DisplayedAreaSelectionSequence", []):
        if _applies(item, uid, frame) and "DisplayedAreaTopLeftHandCorner" in item:
            (x0, y0), (x1, y1) = item.DisplayedAreaTopLeftHandCorner, item.DisplayedAreaBottomRightHandCorner
            return x0 - 1.0, y0 - 1.0, x1 - x0 + 1.0, y1 - y0 + 1.0
    return 0.0, 0.0, float(shape[1]), float(shape[0])


def vendor_annotations(ds: Dataset, uid: str, frame: int | None, shape: tuple[int, int]) -> Annotations:
    """The annotations of ``ds`` on image ``uid`` (1-based ``frame`` of a multi-frame film; ``shape`` rows,
    columns), the viewer's own measurement layer left out."""
    layers, own = graphic_layers(ds), own_layer(ds)
    area = _display_area(ds, uid, frame, shape)
    lines: dict[str, list] = {}
    notes: dict[str, list] = {}
    missed: Counter[str] = Counter()
    shown = 0
    for item in ds.get("GraphicAnnotationSequence", []):
        name = str(item.get("GraphicLayer", ""))
        graphics, texts = item.get("GraphicObjectSequence", []), item.get("TextObjectSequence", [])
        compounds = item.get("CompoundGraphicSequence", [])
        if name == own:
            continue
        if not _applies(item, uid, frame):
            missed["on other images or frames"] += len(graphics) + len(texts) + len(compounds)
            continue
        drawn_ids = set()
        for compound in compounds:
            try:
                found_lines, found_notes = compound_of(compound, area, shape)
            except ValueError as why:
                missed[str(why)] += 1
                continue
            drawn_ids.add(compound.get("CompoundGraphicInstanceID"))
            lines.setdefault(name, []).extend(found_lines)
            notes.setdefault(name, []).extend(found_notes)
            shown += 1
        graphics = [g for g in graphics if g.get("CompoundGraphicInstanceID") not in drawn_ids - {None}]
        for found, objects, make in ((lines, graphics, line_of), (notes, texts, note_of)):
            for dicom_object in objects:
                try:
                    drawn = make(dicom_object, area)
                except ValueError as why:
                    missed[str(why)] += 1
                    continue
                found.setdefault(name, []).append(drawn)
                shown += 1
    names = sorted({*lines, *notes}, key=lambda n: layer_for(layers, n).order)
    drawings = tuple(Drawing(layer_for(layers, n), tuple(lines.get(n, [])), tuple(notes.get(n, []))) for n in names)
    return Annotations(drawings, {why: count for why, count in missed.items() if count}, shown)
