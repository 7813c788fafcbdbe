"""Output files of ``cxr-ai`` are replaced whole or not at all.

A full disk, Ctrl+C or a crash while a file was written left it truncated under its final name (in place of the
earlier run's good one), for the next step of a pipeline to take for a result.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_whole(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """``write`` fills a hidden ``.<name>.<random>.part`` file beside ``path``, which is renamed onto ``path`` once
    on disk. After an error or Ctrl+C the part is removed; a kill or power cut can leave only a hidden part file,
    never a truncated ``path``."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(partial, "xb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())  # the bytes are on disk before the name points at them
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)  # gone already after the rename
