"""Fixtures for the AI tests: a model set built once per session, an engine on it, and image records."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cxr_ai.engine import Engine
from cxr_viewer.core.image import LoadedImage, PixelSpacing, SpacingSource
from tests.ai.model_factory import build_model_set


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_model_set(tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def engine(model_dir: Path) -> Engine:
    return Engine(model_dir, device="cpu")


def loaded_image(pixels: np.ndarray, spacing_mm: float | None = 0.2, monochrome1: bool = False) -> LoadedImage:
    """The record the viewer's loader would produce for these stored values (identity modality LUT)."""
    spacing = (
        PixelSpacing(spacing_mm, spacing_mm, SpacingSource.PIXEL_SPACING)
        if spacing_mm
        else PixelSpacing(None, None, SpacingSource.NONE)
    )
    stored = (4095 - pixels) if monochrome1 else pixels
    return LoadedImage(
        path=None, stored=stored, modality=stored.astype(np.float32),
        photometric="MONOCHROME1" if monochrome1 else "MONOCHROME2", spacing=spacing, default_invert=monochrome1,
    )
