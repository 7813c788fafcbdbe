"""Making files and folders that cannot be written, for the read-only study index tests, also when run as root.

Permissions do not stop root (CI runs the suite as root), but the immutable attribute does: ``chattr +i``, which
``os.access`` and every write honour. When neither works here (a file system without attributes, no
CAP_LINUX_IMMUTABLE), the test is skipped with the reason.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def unwritable(*paths: Path) -> Iterator[None]:
    """``paths`` (files and folders) cannot be written inside the block; restored afterwards."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in paths}
        for path in paths:
            path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(stat.S_IMODE(mode))
        return
    made = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, text=True)
    if made.returncode != 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
        pytest.skip(f"cannot make files unwritable for root here (chattr +i: {made.stderr.strip()})")
    try:
        assert not os.access(paths[0], os.W_OK)
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
