"""Any ratings file ``cxr-reader analyze`` takes, told apart by its content as well as its name.

``cxr-reader export --format`` writes whatever name it is given, so a JAFROC workbook saved as ``study.csv``
or an iMRMC file as ``ratings.txt`` is a coordinator's everyday slip; going by the extension alone, the first
failed with a bare "'utf-8' codec can't decode" naming no file, and the second as a CSV "missing columns".
"""

from __future__ import annotations

from pathlib import Path

from ..stats.dataset import RatingDataset
from .imrmc import is_data_start, read_imrmc
from .jafroc_read import read_jafroc
from .long_csv import is_froc_file, read_froc_csv, read_roc_csv
from .table import FormatError

ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx workbook is a zip archive


def ratings_format(path: Path) -> str:
    """``"jafroc"``, ``"imrmc"``, ``"froc"`` (long CSV with marks) or ``"roc"`` (long CSV)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError as error:
        raise FormatError(f"{path}: cannot read ({error.strerror or error})") from error
    if path.suffix.lower() == ".xlsx" or head.startswith(ZIP_MAGIC):
        return "jafroc"
    if path.suffix.lower() == ".imrmc" or any(is_data_start(line.decode("ascii", "replace"))
                                                  for line in head.splitlines()):
        return "imrmc"
    try:
        return "froc" if is_froc_file(path) else "roc"
    except UnicodeDecodeError as error:
        raise FormatError(f"{path}: neither a CSV file (UTF-8 text), an iMRMC file nor a JAFROC workbook "
                          f"({error})") from error


def load_ratings(path: Path, truth: Path | None) -> RatingDataset:
    """Any supported ratings file; FROC long CSV needs its truth file."""
    if not path.is_file():
        raise FormatError(f"{path}: no such file")
    kind = ratings_format(path)
    if kind == "jafroc":
        return read_jafroc(path)
    if kind == "imrmc":
        return read_imrmc(path)
    if kind == "froc":
        if truth is None:
            raise FormatError(f"{path}: FROC marks need the lesion truth file (--truth TRUTH.csv)")
        return read_froc_csv(path, truth)
    return read_roc_csv(path)
