"""How large an image the viewer agrees to decode, decided from the header before anything is allocated.

The largest chest detectors are about 4,300×4,300 pixels of 16 bits (37 MB a film). A damaged or hostile file of a
few kilobytes can claim 65,535×65,535 pixels, 64 bits a sample, or a codestream of 60,000×60,000: decoding it would
allocate gigabytes, freeze the viewer and may get it killed by the system, losing the reader's work. The limits
leave generous headroom over any real radiograph (5× the pixels, twice the bytes of 16-bit greyscale) and are
checked from the header, so a refused file costs nothing. ``load_image(max_pixels=…)`` scales them all.
"""

from __future__ import annotations

from pathlib import Path

from cxr_viewer.core.errors import ImageLoadError

MAX_PIXELS = 100_000_000  # 10,000 × 10,000 pixels a frame
BYTES_PER_PIXEL = 4  # a decoded frame may average 32 bits a pixel: 16-bit greyscale, 8-bit RGB, 32-bit float


def bytes_limit(max_pixels: int) -> int:
    """The most bytes one decoded frame (or whatever must be inflated to reach it) may take: 400 MB by default."""
    return max_pixels * BYTES_PER_PIXEL


def megabytes(size: int) -> str:
    """A size for the reader: '800 MB'; under a megabyte (only with limits scaled down) in bytes."""
    return f"{size / 1e6:,.0f} MB" if size >= 1e6 else f"{size:,} bytes"


def check_frame_size(path: Path, cols: int, rows: int, sample_bits: int, max_pixels: int) -> None:
    """Refuse a frame of ``cols``×``rows`` pixels of ``sample_bits`` bits (all samples of a pixel together) that is
    over either limit, saying how large it would be."""
    pixels = cols * rows
    size = pixels * max(sample_bits, 1) // 8
    if pixels > max_pixels:
        raise ImageLoadError(path, f"image is too large: {cols}×{rows} = {pixels:,} pixels ({megabytes(size)}), "
                                   f"over the limit of {max_pixels:,}")
    if size > bytes_limit(max_pixels):
        raise ImageLoadError(path, f"image is too large: {cols}×{rows} pixels of {sample_bits} bits = "
                                   f"{megabytes(size)}, over the limit of {megabytes(bytes_limit(max_pixels))}")


def check_volume_size(path: Path, size: tuple[int, int, int], pixel_bits: int, max_pixels: int) -> None:
    """Refuse a volume that must be read whole (NRRD, NIfTI) to show its first slice when it is over the bytes
    limit; one slice alone passes (``check_frame_size`` judged it)."""
    volume = size[0] * size[1] * size[2] * pixel_bits // 8
    if size[2] > 1 and volume > bytes_limit(max_pixels):
        raise ImageLoadError(path, f"image is too large: a volume of {size[0]}×{size[1]}×{size[2]} pixels of "
                                   f"{pixel_bits} bits = {megabytes(volume)} that must be read whole, over the "
                                   f"limit of {megabytes(bytes_limit(max_pixels))}")
