"""Explicit VR Big Endian files: the stored values must be the file's numbers, not their bytes swapped.

pydicom hands big-endian native pixel data back as a ``>u2``/``>i2`` array; reinterpreting its buffer as the
machine's own unsigned words swapped every value's bytes (MR_small read -18944 where the file holds 182), so the
retired big-endian syntax showed noise with plausible-looking numbers in the readout. Palette colour tables (OW)
had the same fault inside pydicom's ``apply_color_lut``: OBXXXX1A_expb, an ultrasound film, showed black.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

from cxr_viewer.core.loader import load_image
from cxr_viewer.core.pixels import stored_values
from tests.dicom_factory import make_cr


def _data(name: str) -> Path:
    path = get_testdata_file(name)
    if path is None:
        pytest.skip(f"pydicom-data does not provide {name}")
    return Path(path)


@pytest.mark.parametrize(("big", "little"), [
    ("MR_small_bigendian.dcm", "MR_small.dcm"),  # signed 16 of 16 bits
    ("MR_small_expb.dcm", "MR_small.dcm"),
    ("emri_small_big_endian.dcm", "emri_small.dcm"),  # unsigned 12 of 16 bits, multi-frame
])
def test_big_endian_file_reads_the_same_values_as_its_little_endian_twin(big, little):
    image = load_image(_data(big))
    twin = load_image(_data(little))
    np.testing.assert_array_equal(image.stored, twin.stored)
    reference = pydicom.dcmread(_data(big)).pixel_array
    reference = reference[0] if reference.ndim == 3 else reference
    np.testing.assert_array_equal(image.stored, reference)
    assert image.stored.dtype.isnative


def _big_endian_cr(path: Path, pixels: np.ndarray, **tags) -> Path:
    """A 12-bit CR re-encoded in Explicit VR Big Endian, with garbage in the 4 unused high bits."""
    make_cr(path, rows=pixels.shape[0], cols=pixels.shape[1], pixels=pixels, **tags)
    ds = pydicom.dcmread(path)
    noisy = pixels | (np.arange(pixels.size, dtype=np.uint16).reshape(pixels.shape) % 16 << 12)
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRBigEndian
    ds.PixelData = noisy.astype(">u2").tobytes()
    ds.preamble = b"\0" * 128
    pydicom.dcmwrite(path, ds, little_endian=False, implicit_vr=False, force_encoding=True)
    return path


def test_big_endian_cr_keeps_its_values_and_masks_the_unused_bits(tmp_path):
    pixels = (np.arange(40 * 60, dtype=np.uint16).reshape(40, 60) * 7) % 4096
    image = load_image(_big_endian_cr(tmp_path / "be.dcm", pixels))
    np.testing.assert_array_equal(image.stored, pixels)
    assert image.value_at(10, 20) == pixels[10, 20]


def test_stored_values_of_a_non_native_array():
    words = np.array([[0x0123, 0xF456]], dtype=">u2")
    assert stored_values(words, 12).tolist() == [[0x123, 0x456]]
    assert stored_values(words, 12, signed=True).tolist() == [[0x123, 0x456]]
    assert stored_values(np.array([[-5, 300]], dtype=">i2"), 16, signed=True).tolist() == [[-5, 300]]


@pytest.mark.parametrize(("big", "little"), [
    ("OBXXXX1A_expb.dcm", "OBXXXX1A.dcm"),  # 16-bit palette entries in OW
    ("OBXXXX1A_expb_2frame.dcm", "OBXXXX1A_2frame.dcm"),
    ("gdcm-US-ALOKA-16_big.dcm", "gdcm-US-ALOKA-16.dcm"),  # segmented palette: pydicom's own reading was right
])
def test_a_big_endian_palette_film_has_the_colours_of_its_little_endian_twin(big, little):
    image, twin = load_image(_data(big)), load_image(_data(little))
    assert image.is_rgb and twin.is_rgb
    np.testing.assert_array_equal(image.modality, twin.modality)
    assert image.modality.max() > 200  # the film is not black
    assert "RedPaletteColorLookupTableData" not in image.dataset or isinstance(
        image.dataset["RedPaletteColorLookupTableData"].value, bytes)  # the header keeps the file's own bytes
