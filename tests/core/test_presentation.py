"""Presentation LUT Shape, display shutters and overlay planes, read from real DICOM files written by pydicom."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest

from cxr_viewer.core.loader import load_image
from cxr_viewer.core.overlay_planes import overlay_planes
from cxr_viewer.core.presentation import shutter_grey, shutter_mask, starts_inverted
from cxr_viewer.core.windows import auto_window
from tests.dicom_factory import add_elements, make_cr, make_dx, overlay_tags


@pytest.mark.parametrize(("photometric", "shape", "inverted"), [
    ("MONOCHROME2", None, False),
    ("MONOCHROME2", "IDENTITY", False),
    ("MONOCHROME2", "INVERSE", True),
    ("MONOCHROME1", None, True),
    ("MONOCHROME1", "INVERSE", True),  # the DX IOD's normal pairing: inverted once, not twice
    ("MONOCHROME1", "IDENTITY", True),
])
def test_loader_starts_inverted_by_photometric_and_presentation_lut_shape(tmp_path, photometric, shape, inverted):
    path = make_dx(tmp_path / "dx.dcm", PhotometricInterpretation=photometric, PresentationLUTShape=shape)
    image = load_image(path)
    assert image.default_invert is inverted
    assert starts_inverted(photometric, pydicom.dcmread(path)) is inverted


def test_monochrome2_inverse_film_is_windowed_in_its_display_order(tmp_path):
    """The automatic window follows the inverted display (what the AI engine's ``monochrome1`` input gets too)."""
    plain = load_image(make_dx(tmp_path / "plain.dcm"))
    inverse = load_image(make_dx(tmp_path / "inverse.dcm", PresentationLUTShape="INVERSE"))
    assert inverse.default_invert and not plain.default_invert
    assert auto_window(inverse).center == pytest.approx(auto_window(load_image(
        make_dx(tmp_path / "mono1.dcm", PhotometricInterpretation="MONOCHROME1"))).center)


def _dataset(tmp_path, **tags):
    return pydicom.dcmread(make_cr(tmp_path / "shutter.dcm", rows=40, cols=60, **tags))


def test_rectangular_shutter_edges_are_one_based_and_inclusive(tmp_path):
    ds = _dataset(tmp_path, ShutterShape="RECTANGULAR", ShutterLeftVerticalEdge=11, ShutterRightVerticalEdge=50,
                  ShutterUpperHorizontalEdge=6, ShutterLowerHorizontalEdge=30)
    hidden = shutter_mask(ds, (40, 60))
    expected = np.ones((40, 60), bool)
    expected[5:30, 10:50] = False  # 0-based rows 5..29, columns 10..49 stay open
    np.testing.assert_array_equal(hidden, expected)
    assert shutter_grey(ds) == 0  # black by default


def test_circular_shutter_centre_is_row_then_column(tmp_path):
    ds = _dataset(tmp_path, ShutterShape="CIRCULAR", CenterOfCircularShutter=[11, 31], RadiusOfCircularShutter=8)
    hidden = shutter_mask(ds, (40, 60))
    assert not hidden[10, 30]  # the centre, 0-based (row 10, column 30)
    assert not hidden[10, 38] and hidden[10, 39]  # 8 columns right of the centre open, 9 hidden
    assert not hidden[2, 30] and hidden[1, 30]  # 8 rows up open, 9 hidden (a column-first reading would fail)
    assert hidden[30, 10]
    assert (~hidden).sum() == pytest.approx(np.pi * 64, rel=0.1)


def test_polygonal_shutter_and_combined_shapes(tmp_path):
    # a triangle: (row 1, col 1), (row 1, col 41), (row 41, col 1), 1-based
    ds = _dataset(tmp_path, ShutterShape="POLYGONAL", VerticesOfThePolygonalShutter=[1, 1, 1, 41, 41, 1])
    hidden = shutter_mask(ds, (40, 60))
    assert not hidden[2, 2] and not hidden[2, 35]  # near the top edge, inside
    assert hidden[35, 35] and hidden[5, 55]
    assert not hidden[30, 5] and hidden[30, 15]  # row 31: open up to about column 10
    combined = _dataset(tmp_path, ShutterShape=["RECTANGULAR", "CIRCULAR"], ShutterLeftVerticalEdge=1,
                        ShutterRightVerticalEdge=30, ShutterUpperHorizontalEdge=1, ShutterLowerHorizontalEdge=40,
                        CenterOfCircularShutter=[21, 31], RadiusOfCircularShutter=15)
    hidden = shutter_mask(combined, (40, 60))
    assert not hidden[20, 25]  # in both
    assert hidden[20, 35]  # in the circle, right of the rectangle: only what both leave open is shown
    assert hidden[2, 2]  # in the rectangle, outside the circle


def test_shutter_presentation_value_and_files_without_a_shutter(tmp_path):
    ds = _dataset(tmp_path, ShutterShape="RECTANGULAR", ShutterLeftVerticalEdge=1, ShutterRightVerticalEdge=10,
                  ShutterUpperHorizontalEdge=1, ShutterLowerHorizontalEdge=10, ShutterPresentationValue=65535)
    assert shutter_grey(ds) == 255
    assert shutter_mask(_dataset(tmp_path), (40, 60)) is None
    broken = _dataset(tmp_path, ShutterShape="CIRCULAR")  # no centre or radius: ignored, not a black film
    assert shutter_mask(broken, (40, 60)) is None


def test_overlay_plane_bitmap_and_one_based_origin(tmp_path):
    letter = np.zeros((10, 7), bool)
    letter[:, 1] = letter[8:, 1:6] = True  # an 'L'
    path = add_elements(make_cr(tmp_path / "ovl.dcm", rows=40, cols=60),
                        overlay_tags(letter, row=5, col=12, group=0x6002, description="L marker"))
    image = load_image(path)  # the loader drops the pixel data but keeps the overlay
    (plane,) = overlay_planes(image.dataset)
    assert (plane.group, plane.row, plane.col, plane.kind, plane.description) == (0x6002, 4, 11, "G", "L marker")
    np.testing.assert_array_equal(plane.bitmap, letter)
    assert overlay_planes(load_image(make_cr(tmp_path / "none.dcm")).dataset) == []
