"""The real viewer, given a named pipe, a symbolic link loop and a file whose JPEG 2000 data lies about its size beside
a good film: it says what each one is in Messages, without waiting or allocating, and shows the good film."""

from __future__ import annotations

import os
import struct

import pydicom
import pytest
from pydicom.encaps import encapsulate, generate_frames
from pydicom.uid import JPEG2000Lossless
from PySide6 import QtWidgets

from tests import dicom_factory

NOT_A_REGULAR_FILE = "not a regular file (a named pipe, device or socket): not read"
BROKEN_LINK = "a symbolic link that leads nowhere (a loop, or its target is gone)"

pytestmark = pytest.mark.gui


def _lying_j2k(path, source):
    ds = pydicom.dcmread(source)
    ds.compress(JPEG2000Lossless)
    codestream = bytearray(next(generate_frames(ds.PixelData, number_of_frames=1)))
    siz = codestream.index(b"\xff\x51")
    struct.pack_into(">II", codestream, siz + 6, 3000, 3000)
    ds.PixelData = encapsulate([bytes(codestream)])
    ds.SOPInstanceUID = pydicom.uid.generate_uid()
    ds.save_as(path)
    return path


def test_hostile_paths_are_named_and_the_good_film_opens(window, tmp_path):
    good = dicom_factory.make_cr(tmp_path / "z_good.dcm", rows=40, cols=40)
    lying = _lying_j2k(tmp_path / "a_lying.dcm", dicom_factory.make_cr(tmp_path / "src" / "s.dcm", rows=40, cols=40))
    pipe = tmp_path / "pipe.dcm"
    os.mkfifo(pipe)
    os.symlink(tmp_path / "loop2.dcm", tmp_path / "loop1.dcm")
    os.symlink(tmp_path / "loop1.dcm", tmp_path / "loop2.dcm")
    assert window.open_paths([pipe, tmp_path / "loop1.dcm", lying, good])
    assert window.layout_panes.primary.image.path == good
    text = "\n".join(window.messages.messages())
    assert f"{pipe}: {NOT_A_REGULAR_FILE}" in text, text
    assert f"loop1.dcm: {BROKEN_LINK}" in text, text
    assert "a_lying.dcm: damaged: the JPEG 2000 data declares 3000×3000 pixels but the header says 40×40" in text, text
    assert QtWidgets.QApplication.activeModalWidget() is None
