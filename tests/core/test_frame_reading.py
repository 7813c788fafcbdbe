"""A multi-frame file costs one frame's bytes to open and each frame's own bytes to step to, in every encoding, with
every check of the opening applied to each frame; the decode count belongs to the opened file.

Memory is measured with tracemalloc (numpy and pydicom allocations are traced): the bound is a third of the file's
pixel data, several times what one frame needs and far under what reading the whole pixel data takes."""

from __future__ import annotations

import gc
import struct
import tracemalloc
import weakref
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.encaps import encapsulate, generate_frames
from pydicom.uid import DeflatedExplicitVRLittleEndian, JPEG2000Lossless, RLELossless

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.frames import load_frame
from cxr_viewer.core.loader import load_image
from tests import dicom_factory


def _write(path: Path, frames: np.ndarray, syntax=None, has_bot: bool = True, per_frame: int = 1) -> Path:
    """A multi-frame 12-bit film of ``frames``, native or compressed to ``syntax`` with the fragments wanted."""
    ds = dicom_factory.new_dataset("1.2.840.10008.5.1.4.1.1.7.3", "OT")
    dicom_factory.set_pixels(ds, frames, 12, "MONOCHROME2")
    ds.NumberOfFrames = len(frames)
    if syntax is not None:
        ds.compress(syntax, encoding_plugin="pylibjpeg")
        encoded = list(generate_frames(ds.PixelData, number_of_frames=len(frames)))
        ds.PixelData = encapsulate(encoded, fragments_per_frame=per_frame, has_bot=has_bot)
    return dicom_factory.save(ds, path)


def _noise(count: int, rows: int, cols: int) -> np.ndarray:
    """Frames of 12-bit noise, which RLE cannot shrink: the file is as large as its frames."""
    return np.random.default_rng(7).integers(0, 4000, (count, rows, cols), dtype=np.uint16)


def _peak_bytes(action) -> tuple[object, int]:
    """``action()``'s result and the most memory traced while it ran (after a warm-up open, outside)."""
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(autouse=True)
def _warm(tmp_path):
    """Open a small file first, so that decoder imports and caches are not counted."""
    load_image(_write(tmp_path / "warm.dcm", _noise(2, 8, 8), RLELossless))
    load_image(dicom_factory.make_multiframe(tmp_path / "warm_native.dcm"))


def test_opening_a_native_multi_frame_file_reads_only_its_first_frame(tmp_path):
    path = dicom_factory.make_multiframe(tmp_path / "tomo.dcm", frames=80, rows=512, cols=512)
    pixel_bytes = 80 * 512 * 512 * 2  # 42 MB; the old open read all of it (42 MB peak), now ≈ 6 MB
    first, peak = _peak_bytes(lambda: load_image(path))
    assert (first.frame_count, int(first.stored[0, 0])) == (80, 100)
    assert peak < pixel_bytes / 3
    frame, peak = _peak_bytes(lambda: load_frame(first, 30))
    assert int(frame.stored[0, 0]) == 3100 and peak < pixel_bytes / 3


def test_opening_an_rle_multi_frame_file_without_offset_table_reads_only_its_first_frame(tmp_path):
    frames = _noise(80, 256, 256)
    path = _write(tmp_path / "rle.dcm", frames, RLELossless, has_bot=False)
    file_bytes = path.stat().st_size  # 11 MB; the old open held all its fragments, now ≈ 1.6 MB
    first, peak = _peak_bytes(lambda: load_image(path))
    assert np.array_equal(first.stored, frames[0]) and peak < file_bytes / 3
    frame, peak = _peak_bytes(lambda: load_frame(first, 79))
    assert np.array_equal(frame.stored, frames[79]) and peak < file_bytes / 3


@pytest.mark.parametrize("syntax, has_bot, per_frame", [
    (RLELossless, True, 1), (RLELossless, False, 1),
    (JPEG2000Lossless, True, 1), (JPEG2000Lossless, False, 1), (JPEG2000Lossless, False, 2),
], ids=["rle-bot", "rle-no-bot", "j2k-bot", "j2k-no-bot", "j2k-no-bot-2-fragments"])
def test_every_frame_of_an_encapsulated_file_decodes_to_its_own_pixels(tmp_path, syntax, has_bot, per_frame):
    frames = _noise(6, 64, 80) + np.arange(6, dtype=np.uint16)[:, None, None]
    first = load_image(_write(tmp_path / "film.dcm", frames, syntax, has_bot, per_frame))
    shown = [first] + [load_frame(first, index) for index in (5, 2, 1)]
    assert [image.frame_index for image in shown] == [0, 5, 2, 1]
    for image in shown:
        assert np.array_equal(image.stored, frames[image.frame_index])


def test_a_later_jpeg_2000_frame_declaring_another_size_is_refused_before_decoding(tmp_path):
    """The opening checks frame 1's codestream; OpenJPEG would allocate what frame 3's declares."""
    frames = _noise(3, 64, 64)
    path = _write(tmp_path / "film.dcm", frames, JPEG2000Lossless)
    ds = pydicom.dcmread(path)
    codestreams = [bytearray(frame) for frame in generate_frames(ds.PixelData, number_of_frames=3)]
    siz = codestreams[2].index(b"\xff\x51")
    struct.pack_into(">IIIIII", codestreams[2], siz + 6, 2000, 2000, 0, 0, 2000, 2000)
    ds.PixelData = encapsulate([bytes(codestream) for codestream in codestreams])
    ds.save_as(path)
    first = load_image(path)
    assert np.array_equal(load_frame(first, 1).stored, frames[1])
    with pytest.raises(ImageLoadError, match="declares 2000×2000 pixels but the header says 64×64"):
        load_frame(first, 2)


def test_a_deflated_multi_frame_file_shows_every_frame(tmp_path):
    frames = _noise(4, 16, 24)
    ds = pydicom.dcmread(_write(tmp_path / "plain.dcm", frames))
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    path = tmp_path / "deflated.dcm"
    ds.save_as(path, enforce_file_format=True)
    first = load_image(path, max_pixels=1000)  # its 3 kB data set inflates within the 4 kB this allows
    assert np.array_equal(first.stored, frames[0]) and "PixelData" not in first.dataset
    for index in (3, 1):
        assert np.array_equal(load_frame(first, index).stored, frames[index])


def test_decodes_are_counted_per_opened_file_and_go_with_it(tmp_path):
    """A process-wide count grew with every file opened all day; each opening now has its own."""
    path = dicom_factory.make_multiframe(tmp_path / "tomo.dcm", frames=5)
    first = load_image(path)
    load_frame(first, 3), load_frame(first, 3)
    assert first.frame_source.decodes == {0: 1, 3: 2}
    again = load_image(path)
    assert again.frame_source.decodes == {0: 1} and again.frame_source is not first.frame_source
    gone = weakref.ref(first.frame_source)
    del first
    gc.collect()
    assert gone() is None
