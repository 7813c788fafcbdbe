"""The pixel pipeline against values worked out by hand from DICOM PS3.3 (C.7.6.3, C.11.1, C.11.2)."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset

from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import LoadedImage, VoiFunction, VoiLut
from cxr_viewer.core.pixels import (
    apply_modality_lut,
    modality_index_image,
    padding_mask,
    render_indexed,
    render_uint8,
    stored_values,
    voi_lut_to_unit,
    window_lut,
    window_to_unit,
)

UNCALIBRATED = PixelSpacing(None, None, SpacingSource.NONE)


def header(**tags) -> Dataset:
    ds = Dataset()
    for keyword, value in tags.items():
        setattr(ds, keyword, value)
    return ds


def grey_image(values, invert=False, mask=None) -> LoadedImage:
    values = np.asarray(values, dtype=np.float32)
    return LoadedImage(None, values, values, "MONOCHROME1" if invert else "MONOCHROME2", UNCALIBRATED,
                       default_invert=invert, padding_mask=mask)


def test_bits_stored_masks_unused_high_bits():
    raw = np.array([0xF123, 0x0FFF, 0x1000], np.uint16)
    assert stored_values(raw, 12).tolist() == [0x123, 0xFFF, 0]


def test_signed_values_are_sign_extended_from_bits_stored():
    raw = np.array([0x0FFF, 0x0800, 0x07FF, 0xF000 | 0x0001], np.uint16).view(np.int16)
    result = stored_values(raw, 12, signed=True)
    assert result.dtype == np.int16
    assert result.tolist() == [-1, -2048, 2047, 1]


def test_odd_high_bit_shifts_the_value_down():
    """Bits Stored 12 with High Bit 15: the value sits in the top 12 bits of the word."""
    raw = np.array([0xABC0, 0x0010, 0xABCF], np.uint16)
    assert stored_values(raw, 12, high_bit=15).tolist() == [0xABC, 0x001, 0xABC]
    assert stored_values(raw, 12, high_bit=15, signed=True).tolist() == [0xABC - 4096, 1, 0xABC - 4096]


def test_full_width_signed_words_are_unchanged():
    raw = np.array([-32768, -1, 32767], np.int16)
    assert stored_values(raw, 16, signed=True).tolist() == [-32768, -1, 32767]


def test_impossible_bit_layout_is_refused():
    with pytest.raises(ValueError, match="Bits Stored 12 / High Bit 16"):
        stored_values(np.zeros(2, np.uint16), 12, high_bit=16)


def test_padding_value_alone_and_with_range_limit():
    stored = np.array([[0, 5, 10], [11, 200, 300]], np.uint16)
    assert padding_mask(stored, header(PixelPaddingValue=300)).tolist() == [[0, 0, 0], [0, 0, 1]]
    ranged = padding_mask(stored, header(PixelPaddingValue=10, PixelPaddingRangeLimit=0))
    assert ranged.tolist() == [[1, 1, 1], [0, 0, 0]]
    assert padding_mask(stored, header(PixelPaddingValue=7)) is None
    assert padding_mask(stored, header()) is None


def test_signed_padding_value_read_as_unsigned_is_reinterpreted():
    stored = np.array([[-2000, -1], [0, 12]], np.int16)
    mask = padding_mask(stored, header(PixelRepresentation=1, PixelPaddingValue=63536))  # 63536 == -2000 as US
    assert mask.tolist() == [[1, 0], [0, 0]]


def test_rescale_slope_and_intercept():
    stored = np.array([0, 1000, 4095], np.uint16)
    result = apply_modality_lut(stored, header(RescaleSlope=2, RescaleIntercept=-1024))
    assert result.dtype == np.float32
    assert result.tolist() == [-1024.0, 976.0, 7166.0]
    assert apply_modality_lut(stored, header()).tolist() == [0.0, 1000.0, 4095.0]
    assert apply_modality_lut(stored, header(RescaleSlope=0)).tolist() == [0.0, 1000.0, 4095.0]


def test_modality_lut_sequence_clamps_below_and_above_its_range():
    item = header(LUTDescriptor=[4, 10, 16], LUTData=[100, 200, 300, 400], ModalityLUTType="OD")
    ds = header(ModalityLUTSequence=[item], RescaleSlope=5)  # the sequence wins over rescale
    stored = np.array([5, 10, 11, 13, 20], np.uint16)
    assert apply_modality_lut(stored, ds).tolist() == [100.0, 100.0, 200.0, 400.0, 400.0]


def test_modality_lut_with_signed_first_mapped_value_and_zero_meaning_65536():
    item = header(LUTDescriptor=[3, 65534, 16], LUTData=[7, 8, 9])  # first mapped -2 for signed pixels
    stored = np.array([-5, -2, -1, 0, 1], np.int16)
    result = apply_modality_lut(stored, header(PixelRepresentation=1, ModalityLUTSequence=[item]))
    assert result.tolist() == [7.0, 7.0, 8.0, 9.0, 9.0]
    big = header(LUTDescriptor=[0, 0, 16], LUTData=list(range(65536)))
    assert apply_modality_lut(np.array([65535], np.uint16), header(ModalityLUTSequence=[big])).tolist() == [65535.0]


def test_modality_lut_data_as_ow_bytes():
    item = header(LUTDescriptor=[2, 0, 16], LUTData=np.array([1000, 2000], "<u2").tobytes())
    assert apply_modality_lut(np.array([0, 1], np.uint16), header(ModalityLUTSequence=[item])).tolist() == [
        1000.0, 2000.0]


@pytest.mark.parametrize(
    ("x", "expected"),
    [(44.0, 0.0), (44.5, 0.0), (47.0, 0.25), (49.5, 0.5), (52.0, 0.75), (54.5, 1.0), (60.0, 1.0)],
)
def test_linear_window_keeps_the_half_and_one_terms(x, expected):
    """c=50, w=11: the ramp runs from c-0.5-(w-1)/2 = 44.5 to c-0.5+(w-1)/2 = 54.5."""
    assert window_to_unit(np.array([x]), 50, 11)[0] == pytest.approx(expected, abs=1e-6)


def test_linear_window_full_12_bit_range_and_width_one():
    assert window_to_unit(np.array([0, 4095]), 2048, 4096).tolist() == [0.0, 1.0]
    assert window_to_unit(np.array([99.5, 99.6, 100]), 100, 1).tolist() == [0.0, 1.0, 1.0]


@pytest.mark.parametrize(("x", "expected"), [(40.0, 0.0), (45.0, 0.0), (47.5, 0.25), (50.0, 0.5), (55.0, 1.0)])
def test_linear_exact_window(x, expected):
    assert window_to_unit(np.array([x]), 50, 10, VoiFunction.LINEAR_EXACT)[0] == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(("x", "expected"), [(50.0, 0.5), (55.0, 0.8807971), (45.0, 0.1192029), (1e6, 1.0)])
def test_sigmoid_window(x, expected):
    """y = 1 / (1 + exp(-4 (x - c) / w)) with c=50, w=10."""
    assert window_to_unit(np.array([x]), 50, 10, VoiFunction.SIGMOID)[0] == pytest.approx(expected, abs=1e-6)


def test_voi_lut_table_with_first_mapped_value_and_bit_depth():
    lut = VoiLut(first_mapped=10, table=np.array([0, 1000, 4095]), bits=12)
    result = voi_lut_to_unit(np.array([5, 10, 11, 12, 100]), lut)
    assert result.tolist() == pytest.approx([0.0, 0.0, 1000 / 4095, 1.0, 1.0])


def test_render_inverts_for_monochrome1_and_blacks_out_padding():
    values = [[0, 1000], [2047.5, 4095]]
    plain = render_uint8(grey_image(values), 2048, 4096, invert=False)
    assert plain.tolist() == [[0, 62], [128, 255]]
    negative = render_uint8(grey_image(values, invert=True), 2048, 4096, invert=True)
    assert (plain.astype(int) + negative).tolist() == [[255, 255], [255, 255]]
    mask = np.array([[False, False], [False, True]])
    assert render_uint8(grey_image(values, mask=mask), 2048, 4096, invert=True)[1, 1] == 0


def test_render_passes_rgb_through():
    rgb = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    image = LoadedImage(None, rgb, rgb, "RGB", UNCALIBRATED)
    assert np.array_equal(render_uint8(image, 0, 1, invert=False), rgb)
    assert np.array_equal(render_uint8(image, 0, 1, invert=True), 255 - rgb)


def test_window_lut_entries_match_the_window_function():
    lut = window_lut(-10, 10, 0, 11, VoiFunction.LINEAR, invert=False)
    assert lut.dtype == np.uint8 and lut.size == 21
    assert lut[0] == 0 and lut[-1] == 255
    assert lut[10] == 140  # value 0: (0 - (-0.5)) / 10 + 0.5 = 0.55, × 255 = 140.25
    assert np.array_equal(window_lut(-10, 10, 0, 11, invert=True), 255 - lut)


@pytest.mark.parametrize("function", list(VoiFunction))
@pytest.mark.parametrize("invert", [False, True])
def test_lut_path_renders_exactly_like_the_float_path(function, invert):
    rng = np.random.default_rng(5)
    values = rng.integers(-1500, 3000, (40, 30)).astype(np.float32)
    mask = rng.random((40, 30)) < 0.1
    image = grey_image(values, mask=mask)
    indexed = modality_index_image(image)
    assert indexed is not None and indexed.entry_values[0] == values[~mask].min()
    expected = render_uint8(image, 700, 1800, invert, function)
    assert np.array_equal(render_indexed(indexed, 700, 1800, invert, function), expected)
    lut = VoiLut(first_mapped=-1000, table=np.linspace(0, 255, 3000).astype(int), bits=8)
    assert np.array_equal(render_indexed(indexed, 0, 1, invert, voi_lut=lut),
                          render_uint8(image, 0, 1, invert, voi_lut=lut))


def test_non_integer_values_have_no_lut_path():
    assert modality_index_image(grey_image([[0.5, 1.0]])) is None
    rgb = np.zeros((2, 2, 3), np.uint8)
    assert modality_index_image(LoadedImage(None, rgb, rgb, "RGB", UNCALIBRATED)) is None
