"""Fixtures of the reader-statistics tests: the published MRMC data sets in the team's shared folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def mrmc_reference() -> Path:
    """``reference/mrmc`` of $CXR_SHARED or ../shared; the test is skipped when it is absent."""
    folder = Path(os.environ.get("CXR_SHARED", REPO_ROOT.parent / "shared")) / "reference" / "mrmc"
    if not (folder / "VanDyke_RJafroc_dataset02_roc.csv").is_file():
        pytest.skip(f"published MRMC data sets not found at {folder} (set CXR_SHARED)")
    return folder
