"""Overlay planes of an Explicit VR Big Endian file draw the same shape as in its little-endian twin.

Overlay Data (60xx,3000) written as OW is a run of 16-bit words whose bit 0 is the first pixel (PS3.5 8.1.1,
Annex D); a big-endian file stores each word high byte first. pydicom unpacks the element's bytes in file
order, so in a big-endian file pixels 0–7 and 8–15 of every word came out exchanged: an L marker drew as
scrambled stripes. OB data is a run of bytes and has no byte order to undo.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest

from cxr_viewer.core.loader import load_image
from cxr_viewer.core.overlay_planes import overlay_planes
from tests.dicom_factory import add_elements, make_cr, overlay_tags


def _letter_l() -> np.ndarray:
    letter = np.zeros((12, 9), bool)  # 108 bits: 7 words, so every word's two bytes carry part of the shape
    letter[1:11, 2] = letter[9:11, 2:8] = True
    return letter


def _as_big_endian(path: Path, overlay_vr: str) -> Path:
    """The file re-encoded as a big-endian writer (dcmtk, a modality) would: OW words byte-swapped, OB as is."""
    ds = pydicom.dcmread(path)
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRBigEndian
    ds.PixelData = np.frombuffer(ds.PixelData, "<u2").astype(">u2").tobytes()
    data = ds[0x60003000].value
    if overlay_vr == "OW":
        data = np.frombuffer(data, "<u2").astype(">u2").tobytes()
    ds[0x60003000] = pydicom.DataElement(0x60003000, overlay_vr, data)
    out = path.with_name(f"be_{overlay_vr}.dcm")
    pydicom.dcmwrite(out, ds, little_endian=False, implicit_vr=False, force_encoding=True)
    return out


@pytest.mark.parametrize("overlay_vr", ["OW", "OB"])
def test_big_endian_overlay_draws_the_little_endian_shape(tmp_path, overlay_vr):
    letter = _letter_l()
    little = add_elements(make_cr(tmp_path / "le.dcm", rows=40, cols=60), overlay_tags(letter, row=3, col=5))
    big = _as_big_endian(little, overlay_vr)
    assert pydicom.dcmread(big).original_encoding == (False, False)
    (le_plane,) = overlay_planes(load_image(little).dataset)
    (be_plane,) = overlay_planes(load_image(big).dataset)
    np.testing.assert_array_equal(le_plane.bitmap, letter)
    np.testing.assert_array_equal(be_plane.bitmap, letter)
    assert (be_plane.row, be_plane.col) == (le_plane.row, le_plane.col) == (2, 4)
