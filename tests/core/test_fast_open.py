"""The fast open and window/level path: stored-value index, lazy modality array, threaded table lookup.

Every fast path is checked pixel for pixel against the plain float path (``render_uint8`` on the modality
array), which the hand-computed tests in ``test_pixels.py`` pin down.
"""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset

from cxr_viewer.core import lut_apply
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import LoadedImage, VoiFunction, VoiLut
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.modality import ModalityMap, modality_map
from cxr_viewer.core.pixels import apply_lut, modality_index_image, render_indexed, render_uint8
from tests import dicom_factory

UNCALIBRATED = PixelSpacing(None, None, SpacingSource.NONE)


def lazy_image(stored: np.ndarray, mapping: ModalityMap, mask: np.ndarray | None = None) -> LoadedImage:
    return LoadedImage(None, stored, None, "MONOCHROME2", UNCALIBRATED, padding_mask=mask, modality_map=mapping)


def eager_copy(image: LoadedImage) -> LoadedImage:
    """The same image with its modality array computed up front, as the loader used to do."""
    return LoadedImage(None, image.stored, image.modality_map.apply(image.stored), "MONOCHROME2", UNCALIBRATED,
                       padding_mask=image.padding_mask)


CASES = {
    "uint16 identity": (np.uint16, 0, 4095, ModalityMap()),
    "uint16 integer intercept": (np.uint16, 100, 30000, ModalityMap(intercept=-1024.0)),
    "uint16 fractional slope": (np.uint16, 0, 4095, ModalityMap(slope=0.37, intercept=12.5)),
    "int16 CT": (np.int16, -2000, 3000, ModalityMap(slope=1.0, intercept=-1024.0)),
    "uint8": (np.uint8, 0, 255, ModalityMap(slope=2.0)),
    "modality LUT table": (np.uint16, 0, 600, ModalityMap(table=np.arange(500)[::-1] * 3, first_mapped=50)),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("padded", [False, True])
@pytest.mark.parametrize("function", list(VoiFunction))
def test_stored_value_index_renders_exactly_like_the_float_path(case, padded, function):
    dtype, low, high, mapping = CASES[case]
    rng = np.random.default_rng(3)
    stored = rng.integers(low, high + 1, (37, 53)).astype(dtype)
    mask = (stored == stored[0, 0]) if padded else None
    image = lazy_image(stored, mapping, mask)
    indexed = modality_index_image(image)
    assert indexed is not None and not image.modality_loaded  # built from the stored values alone
    expected = render_uint8(eager_copy(image), 300.0, 900.0, True, function)
    assert np.array_equal(render_indexed(indexed, 300.0, 900.0, True, function), expected)
    voi = VoiLut(first_mapped=-100, table=np.linspace(0, 4095, 2000).astype(int), bits=12)
    assert np.array_equal(render_indexed(indexed, 0, 1, False, voi_lut=voi),
                          render_uint8(eager_copy(image), 0, 1, False, voi_lut=voi))


def test_unsigned_unpadded_stored_image_is_its_own_index():
    stored = np.arange(12, dtype=np.uint16).reshape(3, 4) + 1000
    indexed = modality_index_image(lazy_image(stored, ModalityMap(intercept=-1024.0)))
    assert indexed.index is stored  # no copy
    assert indexed.entry_values[1000] == -24.0 and indexed.value_range == 11.0


def test_modality_array_is_built_on_first_use_and_equals_the_eager_one():
    stored = np.array([[0, 10], [20, 4095]], np.uint16)
    ds = Dataset()
    ds.RescaleSlope, ds.RescaleIntercept = 2, -1024
    image = lazy_image(stored, modality_map(ds))
    assert not image.modality_loaded and image.nbytes == stored.nbytes
    assert image.value_at(1, 1) == 2 * 4095 - 1024 and not image.modality_loaded
    assert image.modality.tolist() == [[-1024.0, -1004.0], [-984.0, 7166.0]]
    assert image.modality_loaded and image.nbytes == stored.nbytes + image.modality.nbytes


def test_loader_keeps_one_copy_and_plugins_still_read_modality(tmp_path):
    pixels = np.arange(64 * 64, dtype=np.uint16).reshape(64, 64) % 4096
    image = load_image(dicom_factory.make_cr(tmp_path / "cr.dcm", pixels=pixels, RescaleIntercept=-10))
    assert not image.modality_loaded and image.windows  # presets came from the stored sample
    assert image.modality.dtype == np.float32 and np.array_equal(image.modality, pixels - 10.0)


def test_image_without_modality_or_map_says_so():
    image = LoadedImage(None, np.zeros((2, 2), np.uint16), None, "MONOCHROME2", UNCALIBRATED)
    with pytest.raises(ValueError, match="no modality values"):
        _ = image.modality


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_threaded_lookup_equals_numpy_indexing(threads):
    rng = np.random.default_rng(0)
    index = rng.integers(0, 4096, (1100, 1000)).astype(np.uint16)  # over the threading threshold
    lut = rng.integers(0, 256, 4096).astype(np.uint8)
    out = np.empty(index.shape, np.uint8)
    assert apply_lut(lut, index, out=out, threads=threads) is out
    assert np.array_equal(out, lut[index])


def test_thread_count_can_be_fixed_and_released():
    lut_apply.set_thread_count(1)
    assert lut_apply.worker_count() == 1
    lut_apply.set_thread_count(None)
    assert 1 <= lut_apply.worker_count() <= lut_apply.MAX_THREADS
