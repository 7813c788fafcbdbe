"""A Grayscale Softcopy Presentation State read back (Qt-free): the image it points at, its window, and its
graphics as the viewer's measurement marks where they are the viewer's own.

A reader who receives a presentation state (saved here by ``core.gsps``, or by a PACS) expects it to open its image
with its window and its lines. The viewer draws only its own kinds of measurement, and it recognises them by what
``core.gsps``/``core.gsps_marks`` write: the ``MEASUREMENTS`` layer, one text per measurement, in the graphics'
order, whose words name the kind ("CTR …" with two row-wise lines, "Angle …" with a 3-point line, "ROI …" with an
ellipse, "Arrow …" with a 2-point line from tail to tip, anything else with a 2-point line a distance); a label whose
graphics are not its kind's is counted with the one graphic in its place, so the labels after it still find theirs.
The layer is ours only in a file this viewer wrote (``core.gsps_origin``): other layers, and every layer of another
vendor's file whatever its name, are ``core.gsps_annotations``'."""

from __future__ import annotations

from dataclasses import dataclass

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

from cxr_viewer.core.gsps_marks import line_mark
from cxr_viewer.core.gsps_objects import image_points
from cxr_viewer.core.gsps_origin import own_layer

GSPS_CLASS = "1.2.840.10008.5.1.4.1.1.11.1"
PIXEL_AREA = (0.0, 0.0, 1.0, 1.0)  # unused in PIXEL units, which the viewer writes


@dataclass(frozen=True)
class Reference:
    """One image the presentation state applies to; ``frame`` (1-based) for one frame of a multi-frame file."""

    sop_instance: str
    frame: int | None = None


@dataclass(frozen=True)
class SavedMark:
    """A measurement as the viewer keeps it (``gui.measure_memory.Mark``), its saved label and its image
    (None: every referenced image)."""

    mark: tuple
    text: str
    reference: Reference | None


@dataclass(frozen=True)
class PresentationState:
    references: tuple[Reference, ...]
    center: float | None  # None: the file gives no window (or a VOI LUT table, which ``window_note`` names)
    width: float | None
    function: str
    invert: bool
    window_note: str
    marks: tuple[SavedMark, ...]
    not_shown: int  # graphics and texts in the measurement layer that are no measurement this viewer draws


def is_presentation_state(ds: Dataset) -> bool:
    meta = getattr(ds, "file_meta", None)
    return str(ds.get("SOPClassUID") or getattr(meta, "MediaStorageSOPClassUID", "")) == GSPS_CLASS


def _first(value: object) -> object:
    """The first of a multi-valued element (a frame list, a window for each of several looks)."""
    return value[0] if isinstance(value, MultiValue) else value


def _references(items: object) -> list[Reference]:
    frames = [(item, item.get("ReferencedFrameNumber")) for item in items or []]
    return [Reference(str(i.ReferencedSOPInstanceUID), None if f in (None, "") else int(_first(f))) for i, f in frames]


def _take(text: str, graphics: list[Dataset]) -> tuple | None:
    """The mark ``text`` labels, made of the graphics at the front of ``graphics`` (consumed), or None when they
    are not what the viewer writes for that kind."""
    try:  # ValueError: no finite x, y pairs (a damaged file), so the mark is counted, not drawn
        kinds = [(str(g.GraphicType), image_points(g.get("GraphicData", []), "PIXEL", PIXEL_AREA)) for g in graphics[:2]]
    except ValueError:
        return None
    if text.startswith("CTR"):
        if len(kinds) == 2 and all(k == "POLYLINE" and len(p) == 2 for k, p in kinds):
            del graphics[:2]
            return tuple((p[0][0], p[0][1], p[1][0], p[1][1]) for _k, p in kinds)
        return None
    if not kinds:
        return None
    kind, points = kinds[0]
    if text.startswith("Angle") and kind == "POLYLINE" and len(points) == 3:
        mark: tuple = ("angle", *(v for point in points for v in point))
    elif text.startswith("ROI") and kind == "ELLIPSE" and len(points) == 4:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        mark = ("roi", min(xs), min(ys), max(xs), max(ys))
    elif not text.startswith(("Angle", "ROI")) and kind == "POLYLINE" and len(points) == 2:
        mark = line_mark(text, points)  # a distance, or an arrow
    else:
        return None
    del graphics[0]
    return mark


def _annotation_marks(item: Dataset, layer: str | None) -> tuple[list[SavedMark], int]:
    """The marks in ``item`` when it is on the viewer's own ``layer`` (None: another vendor's file)."""
    if layer is None or str(item.get("GraphicLayer", "")) != layer:
        return [], 0
    graphics = list(item.get("GraphicObjectSequence", []))
    texts = list(item.get("TextObjectSequence", []))
    references = _references(item.get("ReferencedImageSequence"))
    reference = references[0] if references else None
    marks, unknown = [], 0
    for text_item in texts:
        text = str(text_item.get("UnformattedTextValue", ""))
        mark = _take(text, graphics)
        if mark is None:  # not ours: the graphic it stands for is taken with it, so the next label finds its own
            unknown += 1 + bool(graphics)
            del graphics[:1]
        else:
            marks.append(SavedMark(mark, text, reference))
    return marks, unknown + len(graphics)


def _window(ds: Dataset) -> tuple[float | None, float | None, str, str]:
    items = ds.get("SoftcopyVOILUTSequence") or []
    if not items:
        return None, None, "LINEAR", ""
    voi = items[0]
    if "VOILUTSequence" in voi:
        return None, None, "LINEAR", "its VOI LUT table was not applied (the film's own window is shown)"
    if "WindowCenter" not in voi or "WindowWidth" not in voi:
        return None, None, "LINEAR", ""
    function = str(voi.get("VOILUTFunction", "") or "LINEAR")
    return float(_first(voi.WindowCenter)), float(_first(voi.WindowWidth)), function, ""


def read_presentation_state(ds: Dataset) -> PresentationState:
    """What ``ds``, a GSPS, shows: its images, window and the measurements the viewer can draw again."""
    references = [ref for series in ds.get("ReferencedSeriesSequence", [])
                  for ref in _references(series.get("ReferencedImageSequence"))]
    marks: list[SavedMark] = []
    framed: dict[str, Reference] = {}  # named where the graphics are, not in the series' list: the first wins
    layer, not_shown = own_layer(ds), 0
    for item in ds.get("GraphicAnnotationSequence", []):
        found, unknown = _annotation_marks(item, layer)
        marks.extend(found)
        not_shown += unknown
        framed = {**{r.sop_instance: r for r in _references(item.get("ReferencedImageSequence")) if r.frame}, **framed}
    references = [framed.get(r.sop_instance, r) if r.frame is None else r for r in references]
    center, width, function, note = _window(ds)
    return PresentationState(tuple(references), center, width, function,
                             str(ds.get("PresentationLUTShape", "")) == "INVERSE", note, tuple(marks), not_shown)
