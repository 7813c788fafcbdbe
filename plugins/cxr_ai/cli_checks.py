"""Checks of ``cxr-ai``'s arguments that argparse cannot make, done before any model is loaded or run.

A bad value found after a batch (an output path that cannot be written) threw away the whole batch's work.
"""

from __future__ import annotations

import argparse
import contextlib
import uuid
from pathlib import Path

from cxr_ai.inputs import looks_like_image


def pixel_spacing(text: str) -> float:
    """A chest film's pixels are 0.1–0.2 mm; outside 0.02–5 mm a value is a typo, and 0, inf or nan broke every
    input or the JSON instead of being refused."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of mm") from None
    if not 0.02 <= value <= 5.0:
        raise argparse.ArgumentTypeError(f"{text} mm is not a plausible pixel spacing (0.02 to 5 mm)")
    return value


def cache_limit_mb(text: str) -> float:
    """The result cache's cap: a positive number of MB (0 or a negative cap would evict every result at once)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of MB") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text} MB: give a positive size")
    return value


def _file_in_the_way(folder: Path) -> Path | None:
    """The file at ``folder`` or at its nearest existing ancestor: nothing can be written below it."""
    existing = next((path for path in (folder, *folder.parents) if path.exists()), None)
    return existing if existing is not None and not existing.is_dir() else None


def check_outputs(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    """Before any model runs: a results file that is a folder, or an output folder that is a file or lies below
    one, used to end a whole batch with a traceback after every image had been processed."""
    detect = arguments.command == "detect"
    if detect and arguments.out.is_dir():
        parser.error(f"--out {arguments.out} is a folder; give the results JSON file's path")
    if detect and arguments.out.is_file() and looks_like_image(arguments.out):
        # an existing results file is replaced, but a film given as --out (a slip in a batch script) was lost to it
        parser.error(f"--out {arguments.out} is an image file, which would be replaced; give the results JSON "
                     "file's path")
    folders = [("--out", arguments.out.parent if detect else arguments.out)]
    if detect:
        folders += [("--save-overlays", arguments.save_overlays), ("--dicom-out", arguments.dicom_out)]
    for option, folder in folders:
        blocker = _file_in_the_way(folder) if folder is not None else None
        given = arguments.out if option == "--out" else folder
        if blocker is not None and blocker == given:
            parser.error(f"{option} {given} is a file; give a folder")
        if blocker is not None:
            parser.error(f"{option} {given}: {blocker} is a file, so nothing can be written below it")
        reason = _cannot_write(folder) if folder is not None else None
        if reason is not None:
            parser.error(f"{option} {given}: cannot write in {folder} ({reason})")


def _cannot_write(folder: Path) -> str | None:
    """Why no file can be made in ``folder``, or None. A folder without write permission, on a read-only mount or
    that cannot be made (below ``/proc``) passed the checks above: ``detect`` ran the whole batch and then ended
    with a traceback and no results file, and ``--save-overlays`` failed once per image, after it. A file is made
    and removed, as permission bits say nothing of a read-only mount, nor of root; the folders made for it are
    removed too, as a run stopped before its first output writes nothing."""
    missing = [path for path in (folder, *folder.parents) if not path.exists()]  # the deepest first
    probe = folder / f".cxr-ai-write-test.{uuid.uuid4().hex[:8]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.open("xb").close()
        probe.unlink()
    except OSError as error:
        return error.strerror or str(error)
    finally:
        for made in missing:
            with contextlib.suppress(OSError):
                made.rmdir()
    return None
