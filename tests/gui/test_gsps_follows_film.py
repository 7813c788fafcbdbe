"""A vendor's presentation state opened once stays with its film and frames for the session: stepping to another
film and back, or from frame to frame, shows the annotations of whichever film and frame is on screen, and never
another image's (they had been cleared by the first step, for good)."""

from __future__ import annotations

import shutil

import highdicom as hd
import pydicom
import pytest
from PySide6 import QtCore

from cxr_viewer.gui.marker_item import MarkerItem
from tests.dicom_factory import make_cr
from tests.gsps_vendor import graphic, multiframe_state, vendor_gsps

pytestmark = pytest.mark.gui

NAME = "Presentation state annotations"


def _rings(pane) -> list[tuple[float, float]]:
    """Where the layer's point rings are, in image pixels; none without the layer."""
    layer = next((layer for layer in pane.overlays.layers() if layer.name == NAME), None)
    if layer is None:
        return []
    group = pane.overlays.item(layer.id)
    points = [pane.image_item.mapFromScene(item.mapToScene(QtCore.QPointF(0, 0)))
              for item in group.childItems() if isinstance(item, MarkerItem)]
    return [(round(p.x(), 6), round(p.y(), 6)) for p in points]


def test_stepping_to_another_film_and_back_brings_its_annotations_back(window, tmp_path):
    films = [make_cr(tmp_path / name, rows=100, cols=120) for name in ("a.dcm", "b.dcm")]
    source = pydicom.dcmread(films[0], stop_before_pixels=True)
    layer = hd.pr.GraphicLayer("LESIONS", order=1)
    folder = tmp_path / "state"
    folder.mkdir()
    shutil.copy(films[0], folder / "a.dcm")  # the state's film beside it, as a PACS export puts it
    state = folder / "ps.dcm"
    vendor_gsps(state, [source], [hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                                          graphic_objects=[graphic("POINT", [(5.0, 5.0)])])], [layer])
    assert window.open_paths([state])
    pane = window.layout_panes.primary
    assert _rings(pane) == [(5.0, 5.0)]
    assert window.open_paths(films)  # the study's list: a (the same film, from its own folder), then b
    assert pane.image.path == films[0] and _rings(pane) == [(5.0, 5.0)]
    assert window.opener.step_image(1) and pane.image.path == films[1]
    assert _rings(pane) == []  # b is no image of the state's
    assert window.opener.step_image(-1) and pane.image.path == films[0]
    assert _rings(pane) == [(5.0, 5.0)]


def test_each_frame_shows_its_own_annotations(window, tmp_path):
    path = multiframe_state(tmp_path, 1, [(1, 10.0), (2, 20.0), (3, 40.0)])
    assert window.open_paths([path])
    pane = window.layout_panes.primary
    assert pane.image.frame_index == 0 and _rings(pane) == [(10.0, 5.0)]
    assert window.frames.step(1) and _rings(pane) == [(20.0, 5.0)]
    assert window.frames.step(1) and _rings(pane) == [(40.0, 5.0)]
    assert window.frames.step(-2) and _rings(pane) == [(10.0, 5.0)]


def test_a_film_reached_during_a_blinded_read_keeps_them_hidden_until_it_ends(window, tmp_path):
    films = [make_cr(tmp_path / name, rows=100, cols=120) for name in ("a.dcm", "b.dcm")]
    source = pydicom.dcmread(films[0], stop_before_pixels=True)
    layer = hd.pr.GraphicLayer("LESIONS", order=1)
    state = tmp_path / "ps.dcm"
    vendor_gsps(state, [source], [hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                                          graphic_objects=[graphic("POINT", [(5.0, 5.0)])])], [layer])
    assert window.open_paths([state])
    assert window.open_paths(films) and window.opener.step_image(1)
    pane = window.layout_panes.primary
    window.hold.set_metadata_hidden(True)
    assert window.opener.step_image(-1) and pane.image.path == films[0]
    group = pane.overlays.item("gsps.annotations")
    assert group is not None and not group.isVisible()  # drawn for afterwards, not shown in the clean view
    window.hold.set_metadata_hidden(False)
    assert group.isVisible() and _rings(pane) == [(5.0, 5.0)]


def test_a_plugins_blinded_hold_hides_them_and_gives_them_back_when_it_ends(window, tmp_path):
    film = make_cr(tmp_path / "a.dcm", rows=100, cols=120)
    source = pydicom.dcmread(film, stop_before_pixels=True)
    layer = hd.pr.GraphicLayer("LESIONS", order=1)
    state = tmp_path / "ps.dcm"
    vendor_gsps(state, [source], [hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                                          graphic_objects=[graphic("POINT", [(5.0, 5.0)])])], [layer])
    assert window.open_paths([state])
    pane = window.layout_panes.primary
    window.hold.set_owner("someplugin")  # a reader study holds the film on screen, names hidden
    window.hold.set_metadata_hidden(True)
    group = pane.overlays.item("gsps.annotations")
    assert group is not None and not group.isVisible()
    window.hold.set_metadata_hidden(False)
    window.hold.set_owner(None)
    assert pane.image.path == film and _rings(pane) == [(5.0, 5.0)]  # back without stepping away and back
