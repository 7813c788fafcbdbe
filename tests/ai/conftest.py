"""Fixtures for the AI tests: a model set built once per session, an engine on it, and image records."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cxr_ai.engine import Engine
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import LoadedImage
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


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """Image A with two nodules, image B with none (so anything drawn on B came from A)."""
    from tests.ai.dicom_factory import write_dx
    from tests.ai.model_factory import synthetic_chest
    from tests.ai.viewer_helpers import chest_with_dim_nodule

    return (write_dx(tmp_path / "a.dcm", chest_with_dim_nodule()),
            write_dx(tmp_path / "b.dcm", synthetic_chest(500, 600, [])))


@pytest.fixture
def viewer(make_window, model_dir: Path, tmp_path: Path, monkeypatch):
    """Build the real main window with every installed plugin; config and AI cache in this test's folder."""
    from cxr_viewer.settings import Settings

    monkeypatch.setenv("CXR_AI_CACHE_DIR", str(tmp_path / "ai-cache"))
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "config"))

    def build(settings: Settings | None = None, models: Path = model_dir, demo: bool = False):
        settings = settings or Settings(plugin_settings={"cxr_ai": {"models_dir": str(models)}})
        return make_window(load_plugins=True, settings=settings, demo=demo)

    return build
