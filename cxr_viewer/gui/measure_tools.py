"""The measuring tools' registry: how each kind is begun, dragged, continued and shaped as a mark says.

``MeasureTool`` handles every kind alike (selection, deletion, undo, memory); what differs is here, one entry per
tool, so a tool is added by an entry and its item class rather than by another branch in each of its methods. Two
kinds take two drags (the CTR's heart then chest, the angle's first arm then second): between them the item is
``waiting``, and the next drag continues it. Marks in the memory say their kind: a distance is its four ends'
coordinates, a CTR its two widths, and the later kinds a tuple that starts with their tag (``"angle"``, ``"roi"``,
``"arrow"``). An arrow's drag ends in a field for its note (``arrow_entry``). A kind is drawn again from its mark (a
film shown again, an undo) and reshaped while a handle is dragged (``measure_adjust``) by one path, ``reshape``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol

import pyqtgraph as pg
from PySide6 import QtCore

from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.gsps_marks import ARROW
from cxr_viewer.gui.angle_item import ANGLE, AngleMeasurement
from cxr_viewer.gui.arrow_entry import NoteEntry
from cxr_viewer.gui.arrow_item import ArrowMeasurement
from cxr_viewer.gui.ctr_item import CtrMeasurement
from cxr_viewer.gui.distance_item import Measurement
from cxr_viewer.gui.mark_handles import handle_points, mark_kind
from cxr_viewer.gui.measure_memory import Mark
from cxr_viewer.gui.roi_item import ROI, RoiMeasurement

Item = Measurement | CtrMeasurement | AngleMeasurement | RoiMeasurement | ArrowMeasurement
TICK_SHARE = 0.015  # a CTR end marker reaches this share of the film's height past its end


class Film(Protocol):
    """What a tool needs of the pane's film: where to draw, its spacing, its view and its values."""

    image_item: pg.ImageItem
    spacing: PixelSpacing
    view_position: str

    def image(self) -> LoadedImage | None: ...


def tick(film: Film) -> float:
    return TICK_SHARE * float(film.image_item.height() or 1000)


class Kind(NamedTuple):
    new: Callable[[Film, QtCore.QPointF], Item]
    drag: Callable[[Item, QtCore.QPointF, Film], None]
    reshape: Callable[[Item, Mark, Film, bool], None]  # drawn as the mark says; exact figures (an ROI's) or a drag's
    waiting: Callable[[Item], bool] = lambda _item: False  # one drag of two done: the next one continues it
    next_drag: Callable[[Item, QtCore.QPointF], None] = lambda _item, _start: None
    finish: Callable[[Item, Film], None] = lambda _item, _film: None  # a drag has ended (an ROI's exact figures)


KINDS: dict[str, Kind] = {
    "distance": Kind(lambda f, start: Measurement(f.image_item, start),
                     lambda m, end, f: m.update(end, f.spacing),
                     lambda m, mark, f, _exact: m.reshape(mark, f.spacing)),
    "ctr": Kind(lambda f, start: CtrMeasurement(f.image_item, start, tick(f)),
                lambda m, end, f: m.drag_to(end, f.spacing, f.view_position),
                lambda m, mark, f, _exact: m.reshape(mark, f.spacing, f.view_position),
                lambda m: len(m.widths) == 1,
                lambda m, start: m.start_chest(start)),
    ANGLE: Kind(lambda f, start: AngleMeasurement(f.image_item, start),
                lambda m, end, f: m.drag_to(end, f.spacing),
                lambda m, mark, f, _exact: m.reshape(mark, f.spacing),
                lambda m: m.waiting,
                lambda m, start: m.start_second(start)),
    ROI: Kind(lambda f, start: RoiMeasurement(f.image_item, start),
              lambda m, end, f: m.drag_to(end, f.spacing, f.image()),
              lambda m, mark, f, exact: m.reshape(mark, f.spacing, f.image(), exact),
              finish=lambda m, f: m.settle(f.spacing, f.image())),
    ARROW: Kind(lambda f, tip: ArrowMeasurement(f.image_item, tip),
                lambda m, tail, _f: m.drag_to(tail),
                lambda m, mark, _f, _exact: m.reshape(mark),
                finish=lambda m, f: NoteEntry(f, m)),
}
TOOLS = ("", *KINDS)


def reshape(film: Film, item: Item, mark: Mark, exact: bool = False) -> None:
    """``item`` drawn as ``mark`` says, its figures worked out as while drawing (an ROI's exact ones if ``exact``)."""
    KINDS[mark_kind(mark)].reshape(item, mark, film, exact)


def settle(film: Film, item: Item) -> None:
    """A handle drag has ended: an ROI's exact figures in place of the drag's estimates; the other kinds' figures
    are exact at every move already."""
    if isinstance(item, RoiMeasurement):
        item.settle(film.spacing, film.image())


def redraw(film: Film, mark: Mark) -> Item:
    """The measurement ``mark`` was kept of, drawn on ``film`` again: begun at its first point, then shaped."""
    item = KINDS[mark_kind(mark)].new(film, QtCore.QPointF(*handle_points(mark)[0]))
    reshape(film, item, mark, exact=True)
    return item
