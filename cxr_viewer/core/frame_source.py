"""One frame of a DICOM file's pixel data, read from where the header said it lies and decoded: the one place frames
are decoded, on opening (frame 1) and when the reader steps to another (``frames``).

Native frames are read by their offset; encapsulated ones by their fragments (pydicom's ``get_frame`` follows the
Extended or Basic Offset Table, or without one walks the item headers, skipping the other frames' bytes). Each
frame's codestream is checked before the decoder sees it: a JPEG 2000 frame must declare the header's size
(``pixel_data_size.check_j2k_size``), since OpenJPEG allocates what the codestream declares, whichever frame it is.

``FrameSource.decodes`` counts decodes per frame of this file. It belongs to the opened file (every frame's
``LoadedImage`` shares it) and goes with it, at most one entry a frame: a test or benchmark sees that a 60-frame file
cost one decode for each frame looked at, and nothing accumulates over a day of reading.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate, get_frame
from pydicom.pixels import as_pixel_options, get_decoder
from pydicom.uid import UID, JPEG2000TransferSyntaxes

from cxr_viewer.core.deflate_guard import InflatedTooLarge, inflated_data_set
from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.pixel_data_size import check_j2k_size
from cxr_viewer.core.pixel_element import PixelElement


@dataclass
class FrameSource:
    """Where the frames of one opened file are read from. ``inflated_limit`` is set for a deflated file, whose
    data set must be inflated again (within that limit) to reach a frame; ``element``'s offset is then into it."""

    path: Path
    element: PixelElement
    inflated_limit: int | None = None
    decodes: Counter[int] = field(default_factory=Counter)

    def read(self, ds: Dataset, index: int) -> np.ndarray:
        """Frame ``index`` (0-based), reading only its bytes from the file (all of a deflated file's data set)."""
        with self.path.open("rb") as file:
            return self.decode(file if self.inflated_limit is None else self._inflated(file), ds, index)

    def decode(self, stream: BinaryIO, ds: Dataset, index: int) -> np.ndarray:
        """Frame ``index`` from ``stream`` (the file, or its inflated data set), decoded by the header ``ds`` (whose
        sizes ``check_readable`` passed): the frame's bytes are read and checked first, then decoded."""
        self.decodes[index] += 1
        syntax = UID(ds.file_meta.TransferSyntaxUID)
        try:
            source, within, options = self._encoded(stream, ds, syntax, index)
            return get_decoder(syntax).as_array(source, index=within, correct_unused_bits=False, **options)[0]
        except (ImageLoadError, OSError, MemoryError):
            raise  # said already, or the disk's or the machine's problem: the callers name those
        except Exception as error:  # codecs raise assorted types; the user needs the syntax and the codec's words
            raise ImageLoadError(self.path, f"could not decode frame {index + 1} ({syntax.name} pixel data): "
                                            f"{error}") from error

    def _encoded(self, stream: BinaryIO, ds: Dataset, syntax: UID, index: int) -> tuple[bytes | BinaryIO, int, dict]:
        """What the decoder reads, the frame's index in it, and the options: the stream at the pixel data for a
        native frame (pydicom reads that frame alone), else the frame's own codestream, checked, as one item."""
        options = as_pixel_options(ds, transfer_syntax_uid=syntax, pixel_keyword=self.element.keyword)
        if self.element.vr is not None:
            options["pixel_vr"] = self.element.vr
        stream.seek(self.element.offset)
        if not syntax.is_encapsulated:
            return stream, index, options
        frame = get_frame(stream, index, number_of_frames=options["number_of_frames"],
                          extended_offsets=options.get("extended_offsets"))
        if syntax in JPEG2000TransferSyntaxes:
            check_j2k_size(self.path, frame, int(ds.Columns), int(ds.Rows))
        options["number_of_frames"] = 1
        return encapsulate([frame]), 0, options

    def _inflated(self, file: BinaryIO) -> BinaryIO:
        """The deflated file's data set inflated again, within the limit it was opened with."""
        assert self.inflated_limit is not None
        try:
            inflated = inflated_data_set(file, self.inflated_limit)
        except InflatedTooLarge as error:
            raise ImageLoadError(self.path, str(error)) from None
        if inflated is None:
            raise ImageLoadError(self.path, "is no longer a readable deflated DICOM file")
        return inflated
