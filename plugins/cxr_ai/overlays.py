"""PNG overlays for ``--save-overlays``: the image, the probability heat map above a floor, and finding contours."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib import colormaps
from model_training.preprocess import normalise_intensity
from PIL import Image, ImageDraw

from cxr_ai.engine.engine import Analysis
from cxr_ai.engine.result import ImageResult
from cxr_ai.layers import finding_label

HEATMAP_ALPHA = 0.45


def render_overlay(
    pixels: np.ndarray, monochrome1: bool, analysis: Analysis, shown: ImageResult, floor: float
) -> Image.Image:
    """RGB image at the input's size, bone-bright whatever the input polarity; heat below ``floor`` not shown."""
    grey = normalise_intensity(pixels, monochrome1=monochrome1)
    probability = np.clip(analysis.letterbox.unletterbox(analysis.detection_probability, order=1), 0.0, 1.0)
    colours = colormaps["inferno"](probability)[..., :3]
    alpha = np.where(probability >= floor, HEATMAP_ALPHA, 0.0)[..., None]
    blended = grey[..., None] * (1 - alpha) + colours * alpha
    image = Image.fromarray(np.rint(blended * 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    width = max(2, round(max(image.size) / 400))
    for finding in shown.findings:
        outline = [tuple(point) for point in finding.contour]
        draw.line(outline + outline[:1], fill="#33ff66", width=width)
        draw.text((finding.x + 6 * width, finding.y), finding_label(finding), fill="#33ff66")
    return image


def save_overlay(directory: Path, name: str, image: Image.Image) -> Path:
    """``<name>_ai.png``; ``name`` is the input's name for outputs (``inputs.output_stems``)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{name}_ai.png"
    image.save(target)
    return target
