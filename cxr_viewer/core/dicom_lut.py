"""Reading DICOM lookup tables (Modality LUT and VOI LUT Sequence items) into plain numpy tables.

The LUT Descriptor (PS3.3 C.11.1.1.1) is three numbers whose meaning trips many readers: 0 entries means 65536,
the first mapped value is unsigned or signed depending on the pixel data it indexes, and LUT Data may arrive as
a list of US values or as OW bytes (8-bit tables are sometimes packed two entries per word).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cxr_viewer.core.image import VoiLut


def as_signed16(value: int, signed: bool) -> int:
    """A 16-bit descriptor value read as US, reinterpreted as SS when the pixels it refers to are signed."""
    value = int(value)
    return value - 65536 if signed and value >= 32768 else value


def encoded_little_endian(ds: Any) -> bool:
    """How OW LUT Data was encoded; datasets built in memory (no original encoding) count as little endian."""
    encoding = getattr(ds, "original_encoding", (None, None))
    return encoding[1] is not False


def lut_descriptor(descriptor: Any, signed: bool) -> tuple[int, int, int]:
    """(number of entries, first mapped value, bits per entry) from a LUT Descriptor."""
    entries, first, bits = (int(v) for v in descriptor)
    return entries or 65536, as_signed16(first, signed), bits


def lut_table(data: Any, entries: int, bits: int, little_endian: bool = True) -> np.ndarray:
    """The LUT Data as an int64 array of exactly ``entries`` values (short tables are padded with their last);
    ValueError when it is empty or longer than the descriptor says."""
    if isinstance(data, (bytes, bytearray)):
        if bits <= 8 and len(data) in (entries, entries + 1):
            table = np.frombuffer(bytes(data[:entries]), np.uint8)
        else:
            table = np.frombuffer(bytes(data[: 2 * (len(data) // 2)]), "<u2" if little_endian else ">u2")
    else:
        table = np.atleast_1d(np.asarray(data, dtype=np.int64))
    if table.size > entries:  # the descriptor lies: which part of the data is the table cannot be known
        raise ValueError(f"LUT Data holds {table.size} entries, its descriptor says {entries}")
    table = table.astype(np.int64)
    if table.size == 0:
        raise ValueError("LUT Data is empty")
    if table.size < entries:
        table = np.concatenate([table, np.full(entries - table.size, table[-1], np.int64)])
    return table


def lookup(values: np.ndarray, table: np.ndarray, first_mapped: int) -> np.ndarray:
    """Apply a table: values below the first mapped value take the first entry, above the range the last."""
    index = np.floor(np.asarray(values, dtype=np.float64)) - first_mapped
    np.clip(index, 0, table.size - 1, out=index)
    return table[index.astype(np.intp)]


def read_lut_item(item: Any, signed: bool, little_endian: bool = True) -> tuple[int, np.ndarray, int]:
    """(first mapped value, table, bits per entry) from one LUT Sequence item."""
    entries, first, bits = lut_descriptor(item.LUTDescriptor, signed)
    return first, lut_table(item.LUTData, entries, bits, little_endian), bits


def voi_output_bits(table: np.ndarray, declared: int) -> int:
    """The bits a VOI LUT's output really spans. An image may only declare 8 or 16 (PS3.3 C.11.2.1.1), so a 10–15
    bit table travels as "16"; scaled by 2**16 - 1 it would show the film almost black. A table declared wider than
    8 bits therefore spans up to its largest entry's bit length (at least 8); an 8-bit declaration is kept."""
    if declared <= 8 or table.size == 0:
        return declared
    return min(declared, max(int(table.max()).bit_length(), 8))


def voi_luts(ds: Any) -> list[VoiLut]:
    """Every usable VOI LUT Sequence item; malformed items are skipped rather than failing the whole image."""
    signed = int(ds.get("PixelRepresentation", 0) or 0) == 1
    found = []
    for number, item in enumerate(ds.get("VOILUTSequence") or [], start=1):
        try:
            first, table, bits = read_lut_item(item, signed, encoded_little_endian(ds))
        except (AttributeError, TypeError, ValueError):
            continue
        if not 1 <= bits <= 16:  # 8 or 16 by PS3.3 C.11.2.1.1; 0 drew the film white, 99 almost black
            continue
        name = str(item.get("LUTExplanation", "") or f"VOI LUT {number}")
        found.append(VoiLut(first_mapped=first, table=table, bits=voi_output_bits(table, bits), name=name))
    return found
