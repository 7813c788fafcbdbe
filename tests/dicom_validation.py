"""The dicom3tools validator, for tests of the DICOM objects the project writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def dciodvfy_errors(path: Path) -> list[str]:
    """The ``Error`` lines of ``dciodvfy`` on ``path`` (warnings are advice); skips when dicom3tools is missing."""
    validator = shutil.which("dciodvfy")
    if validator is None:
        pytest.skip("dciodvfy not installed (Debian package dicom3tools; scripts/test installs it)")
    report = subprocess.run([validator, "-new", str(path)], capture_output=True, text=True).stderr
    return [line for line in report.splitlines() if line.startswith("Error")]
