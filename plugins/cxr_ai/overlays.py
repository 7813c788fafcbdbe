"""PNG overlays for ``--save-overlays``: the image, the probability heat map above a floor, and finding contours.

They are drawn as the viewer draws the same result: the heat map's opacity rises with the probability (the layer's
``HEATMAP_OPACITY`` from ``HEATMAP_OPAQUE_FROM`` up), so the many faint candidates just above the floor barely tint
the film where a flat opacity laid dark patches over much of the lungs; and each label (``#1 0.74``, as in the
findings list) stands beside its contour in a size that reads on the film, not over the nodule it names.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib import colormaps
from model_training.preprocess import normalise_intensity
from PIL import Image, ImageDraw, ImageFont

from cxr_ai.engine.pipeline import Analysis
from cxr_ai.engine.result import Finding, ImageResult
from cxr_ai.layers import HEATMAP_OPACITY, HEATMAP_OPAQUE_FROM, NODULE_COLOUR, finding_label

LABEL_HEIGHT_FRACTION = 1 / 60  # of the image's longer side: about 17 px on a 1024 film, 50 px on a 3000 px one


def heat_alpha(probability: np.ndarray, floor: float) -> np.ndarray:
    """The heat map's opacity per pixel: none below ``floor``, rising linearly to ``HEATMAP_OPACITY`` at
    ``HEATMAP_OPAQUE_FROM`` and flat above (the viewer's ``opaque_from`` ramp)."""
    ramp = np.clip((probability - floor) / max(HEATMAP_OPAQUE_FROM - floor, 1e-6), 0.0, 1.0)
    return np.where(probability >= floor, HEATMAP_OPACITY * ramp, 0.0)


def render_overlay(
    pixels: np.ndarray, monochrome1: bool, analysis: Analysis, shown: ImageResult, floor: float
) -> Image.Image:
    """RGB image at the input's size, bone-bright whatever the input polarity; heat below ``floor`` not shown."""
    grey = normalise_intensity(pixels, monochrome1=monochrome1)
    probability = np.clip(analysis.letterbox.unletterbox(analysis.detection_probability, order=1), 0.0, 1.0)
    colours = colormaps["inferno"](probability)[..., :3]
    alpha = heat_alpha(probability, floor)[..., None]
    blended = grey[..., None] * (1 - alpha) + colours * alpha
    image = Image.fromarray(np.rint(blended * 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    width = max(2, round(max(image.size) / 400))
    font = ImageFont.load_default(size=max(12, round(max(image.size) * LABEL_HEIGHT_FRACTION)))
    for finding in shown.findings:
        outline = [tuple(point) for point in finding.contour]
        draw.line(outline + outline[:1], fill=NODULE_COLOUR, width=width)
        _label(draw, finding, font, gap=2 * width, image_width=image.size[0])
    return image


def _label(draw: ImageDraw.ImageDraw, finding: Finding, font: ImageFont.FreeTypeFont, gap: int,
           image_width: int) -> None:
    """Right of the contour's extent, level with its centre; left of it where the right would run off the image."""
    xs = [point[0] for point in finding.contour] or [finding.x]
    text = finding_label(finding)
    text_width = draw.textlength(text, font=font)
    x = max(xs) + gap if max(xs) + gap + text_width <= image_width else min(xs) - gap - text_width
    draw.text((max(0.0, x), finding.y), text, fill=NODULE_COLOUR, font=font, anchor="lm")


def save_overlay(directory: Path, name: str, image: Image.Image) -> Path:
    """``<name>_ai.png``; ``name`` is the input's name for outputs (``inputs.output_stems``)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{name}_ai.png"
    image.save(target)
    return target
