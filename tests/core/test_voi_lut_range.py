"""A VOI LUT table's output range when the descriptor's bit count is wider than its data.

An image IOD may only declare 8 or 16 bits per VOI LUT entry (PS3.3 C.11.2.1.1), so a 12-bit table (0–4095, the
usual CR/DX vendor table) is sent declared as 16 bits. Read as 0–65535 it showed the whole film in the darkest
sixteenth of the grey scale; its own largest entry tells the range instead. Real files written with pydicom, opened
by the loader and drawn by the display stage.
"""

from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from cxr_viewer.core.loader import load_image
from cxr_viewer.core.render import render_uint8
from tests import dicom_factory


def _film_with_table(tmp_path, declared_bits: int, data: list[int]):
    item = Dataset()
    item.LUTDescriptor = [len(data), 0, declared_bits]
    item.LUTExplanation = "VENDOR"
    item.add_new(0x00283006, "US", data)  # LUT Data
    pixels = np.array([[0, 1024, 2048, 4095]], np.uint16)
    return load_image(dicom_factory.make_cr(tmp_path / "voi.dcm", rows=1, cols=4, pixels=pixels,
                                            VOILUTSequence=Sequence([item])))


def _shown(image) -> list[int]:
    return render_uint8(image, 0, 1, False, voi_lut=image.voi_luts[0])[0].tolist()


def test_a_12_bit_table_declared_16_bits_spans_the_whole_grey_scale(tmp_path):
    image = _film_with_table(tmp_path, 16, list(range(4096)))  # identity, 0–4095
    assert image.voi_luts[0].bits == 12
    assert _shown(image) == [0, 64, 128, 255]  # 1024/4095·255 = 63.8, 2048/4095·255 = 127.5


def test_a_table_that_uses_16_bits_keeps_them(tmp_path):
    image = _film_with_table(tmp_path, 16, [v * 16 for v in range(4096)])  # 0–65520
    assert image.voi_luts[0].bits == 16
    assert _shown(image) == [0, 64, 128, 255]


def test_an_8_bit_table_stays_8_bits_even_when_its_data_stay_low(tmp_path):
    image = _film_with_table(tmp_path, 8, [v // 32 for v in range(4096)])  # 0–127 of 0–255: a dark table on purpose
    assert image.voi_luts[0].bits == 8
    assert _shown(image) == [0, 32, 64, 127]
