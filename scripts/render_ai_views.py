"""Render docs/img/ai_views.png: the viewer with the AI plugin's findings, heat map and both views, run with the
test models of ``tests/ai/model_factory.py`` (intensity rules, not a trained model) so the picture needs no
shipped model and shows the same three findings each time: two obvious nodules and a faint one (score 0.50,
listed at the ``sens`` operating point, not at ``spec``), as docs/ai-plugin.md describes.

    .venv/bin/python scripts/render_ai_views.py docs/img/ai_views.png
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ai.dicom_factory import write_dx  # noqa: E402
from tests.ai.model_factory import build_model_set, synthetic_chest  # noqa: E402

FAINT_LEVEL = 0.6335  # fraction of full scale that the test detector scores 0.50


def write_film(path: Path) -> Path:
    """A 1400 x 1200 DX film at 0.2 mm: nodules of 11.5 and 17.6 mm, and a fainter 13.3 mm one lower down."""
    pixels = synthetic_chest(1400, 1200, [(800, 420, 30), (420, 600, 45)])
    yy, xx = np.mgrid[0:1400, 0:1200]
    pixels[(xx - 760) ** 2 + (yy - 950) ** 2 <= 36**2] = round(FAINT_LEVEL * 4095)
    return write_dx(path, pixels)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "img" / "ai_views.png").resolve()
    with tempfile.TemporaryDirectory(prefix="ai-views-") as name:
        work = Path(name)
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   CXR_AI_MODELS_DIR=str(build_model_set(work / "models")), CXR_AI_CACHE_DIR=str(work / "ai"),
                   CXR_VIEWER_CONFIG_DIR=str(work / "config"), CXR_VIEWER_DATA_DIR=str(work / "data"),
                   CXR_VIEWER_CACHE_DIR=str(work / "cache"))
        film = write_film(work / "synthetic.dcm")
        viewer = Path(sys.executable).with_name("cxr-viewer")
        subprocess.run([str(viewer), str(film), "--screenshot", str(out), "--overlay", "cxr_ai.detect",
                        "cxr_ai.views", "--full-window"], env=env, check=True)


if __name__ == "__main__":
    main()
