"""Files whose header lies about their size, or that are no files at all, are refused in plain words before any
large allocation or endless read. Each test scales the limits down (``max_pixels``, ``inflated_limit``) so that
nothing large is written or allocated."""

from __future__ import annotations

import os
import struct

import numpy as np
import pydicom
import pytest
import SimpleITK as sitk
from pydicom.encaps import encapsulate, generate_frames
from pydicom.uid import DeflatedExplicitVRLittleEndian, JPEG2000Lossless

from cxr_viewer.core.file_headers import read_header
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.open_scan import scan_paths
from tests.core.test_bad_files import refusal
from tests.dicom_factory import make_cr

NOT_A_REGULAR_FILE = "not a regular file (a named pipe, device or socket): not read"
BROKEN_LINK = "a symbolic link that leads nowhere (a loop, or its target is gone)"


def test_a_jpeg_2000_codestream_declaring_another_size_is_refused_before_decoding(tmp_path):
    """OpenJPEG allocates what the codestream's SIZ declares (30,000² took 2 GB); 2,000² keeps the old code cheap."""
    ds = pydicom.dcmread(make_cr(tmp_path / "plain.dcm", rows=64, cols=64))
    ds.compress(JPEG2000Lossless)
    codestream = bytearray(next(generate_frames(ds.PixelData, number_of_frames=1)))
    siz = codestream.index(b"\xff\x51")
    struct.pack_into(">IIIIII", codestream, siz + 6, 2000, 2000, 0, 0, 2000, 2000)
    ds.PixelData = encapsulate([bytes(codestream)])
    path = tmp_path / "lying.dcm"
    ds.save_as(path)
    assert refusal(path) == "damaged: the JPEG 2000 data declares 2000×2000 pixels but the header says 64×64"


def test_a_deflated_data_set_inflating_past_the_limit_is_refused_unread(tmp_path):
    ds = pydicom.dcmread(make_cr(tmp_path / "plain.dcm", rows=2, cols=2, PixelData=b"\0" * 100_000))
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    path = tmp_path / "bomb.dcm"
    ds.save_as(path, enforce_file_format=True)
    assert path.stat().st_size < 2000
    assert refusal(path, max_pixels=1000).startswith("image is too large: its deflated data set inflates to over")
    assert "inflates to over" in read_header(path, inflated_limit=4000).problem
    assert read_header(path).problem == ""  # within the default limit it is read as before


def test_native_pixel_data_shorter_than_the_header_says_is_named_plainly(tmp_path):
    path = make_cr(tmp_path / "short.dcm", rows=20, cols=20, NumberOfFrames=1000)
    assert refusal(path) == ("the pixel data is too short: 800 bytes, where the header's 20×20 × 1000 frames of 16 bits"
                             " need 800,000 (damaged, or the header is wrong)")


def test_a_frame_over_the_bytes_limit_is_refused_from_its_header(tmp_path):
    """64 pixels pass a limit of 100; as 64-bit floats they are 512 bytes, over the 400 such a limit allows."""
    path = make_cr(tmp_path / "float.dcm", rows=8, cols=8, PixelData=None, BitsStored=None, HighBit=None,
                   PixelRepresentation=None, BitsAllocated=64, DoubleFloatPixelData=np.zeros(64).tobytes())
    assert load_image(path).shape == (8, 8)
    assert refusal(path, max_pixels=100) == "image is too large: 8×8 pixels of 64 bits = 512 bytes, over the limit " \
                                            "of 400 bytes"


@pytest.mark.parametrize("suffix", [".nrrd", ".mha"])
def test_a_volume_read_whole_is_held_to_the_bytes_limit(tmp_path, suffix):
    """SimpleITK reads all of an NRRD to give its first slice (MHA only the slice): its whole size counts."""
    path = tmp_path / f"volume{suffix}"
    sitk.WriteImage(sitk.GetImageFromArray(np.zeros((40, 16, 16), np.uint16)), str(path))
    if suffix == ".mha":
        assert load_image(path, max_pixels=1000).shape == (16, 16)
    else:
        assert refusal(path, max_pixels=1000).startswith("image is too large: a volume of 16×16×40 pixels of 16 bits")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "pipe.dcm"
    os.mkfifo(pipe)
    assert refusal(pipe) == NOT_A_REGULAR_FILE
    assert scan_paths([pipe]).left_out == [f"{pipe}: {NOT_A_REGULAR_FILE}"]


def test_a_symbolic_link_loop_is_called_so(tmp_path):
    os.symlink(tmp_path / "b.dcm", tmp_path / "a.dcm")
    os.symlink(tmp_path / "a.dcm", tmp_path / "b.dcm")
    assert refusal(tmp_path / "a.dcm") == BROKEN_LINK
    assert scan_paths([tmp_path / "a.dcm"]).left_out == [f"{tmp_path / 'a.dcm'}: {BROKEN_LINK}"]


def test_sequences_nested_too_deeply_are_named_plainly(tmp_path):
    whole = make_cr(tmp_path / "plain.dcm", rows=4, cols=4).read_bytes()
    pixels = whole.rfind(b"\xe0\x7f\x10\x00")
    open_item = struct.pack("<HH2sHI", 0x0040, 0xA730, b"SQ", 0, 0xFFFFFFFF) + struct.pack("<HHI", 0xFFFE, 0xE000,
                                                                                            0xFFFFFFFF)
    close_item = struct.pack("<HHI", 0xFFFE, 0xE00D, 0) + struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
    path = tmp_path / "nested.dcm"
    path.write_bytes(whole[:pixels] + open_item * 3000 + close_item * 3000 + whole[pixels:])
    assert refusal(path) == "damaged: its sequences are nested too deeply to read"
