"""Overlay layers for a detection result and the intermediate views (Qt-free plain data; the viewer draws them).

The engine states positions with pixel centres at integers; the plugin API puts the centre of pixel (c, r) at
(c + 0.5, r + 0.5), so every outline is shifted by half a pixel here to sit on the maps stretched over the image.
"""

from __future__ import annotations

import dataclasses

import contourpy
import numpy as np
from model_training.preprocess import Letterbox

from cxr_ai.engine.result import Finding, ImageResult
from cxr_viewer.plugin_api import BoxLayer, Contour, ContourLayer, HeatmapLayer, Layer

GROUP = "ai"
HEATMAP_ID = "cxr_ai.heatmap"
CONTOURS_ID = "cxr_ai.contours"
BONE_ID = "cxr_ai.bone_suppressed"
BONE_LABEL_ID = "cxr_ai.bone_suppressed_label"
BONE_LABEL = "AI BONE-SUPPRESSED IMAGE, not the original film"
BONE_LABEL_COLOUR = "#ffb000"  # amber: neither the nodules' green nor the lungs' blue
LUNGS_ID = "cxr_ai.lungs"
PIXEL_CENTRE = 0.5  # engine coordinates → plugin-API coordinates
NODULE_COLOUR = "#33ff66"  # as in the CLI's --save-overlays; yellow would vanish in the heat map's bright end
LUNG_COLOUR = "#33ccff"
MIN_OUTLINE_AREA = 20.0  # canvas pixels²: smaller islands of the lung mask are resampling slivers, not lung
BONE_WINDOW_PERCENTILES = (0.5, 99.5)
# the opacity ramps up with the probability to full at HEATMAP_OPAQUE_FROM: a region of 0.5 or more shows a little
# stronger than under the former flat 0.5, while the many faint candidates just above the floor no longer lay dark
# patches over the lungs (a film's strongest region is often 0.3-0.5: a ramp to 1.0 all but hid it)
HEATMAP_OPACITY = 0.6
HEATMAP_OPAQUE_FROM = 0.5


def result_layers(result: ImageResult, heatmap: np.ndarray, floor: float) -> list[Layer]:
    """Heat map (placed over the image area it covers) and one labelled contour per finding, both in group 'ai'."""
    contours = [
        Contour(points=np.asarray(finding.contour, np.float64) + PIXEL_CENTRE, label=finding_label(finding),
                color=NODULE_COLOUR)
        for finding in result.findings
    ]
    return [
        HeatmapLayer(id=HEATMAP_ID, name="AI nodule probability", group=GROUP, opacity=HEATMAP_OPACITY, data=heatmap,
                     colormap="inferno", vmin=0.0, vmax=1.0, transparent_below=floor,
                     opaque_from=HEATMAP_OPAQUE_FROM,
                     extent=heatmap_extent(heatmap.shape, (result.height, result.width), result.pixel_aspect)),
        ContourLayer(id=CONTOURS_ID, name=f"AI nodules ({result.operating_point})", group=GROUP, contours=contours),
    ]


def finding_label(finding: Finding) -> str:
    """"#1 0.74": the number and score as the findings list writes them ("#1  score 0.74"), so a contour on the
    film and its row in the list are matched at a glance."""
    return f"#{finding.id} {finding.score:.2f}"


def heatmap_extent(map_shape: tuple[int, int], image_shape: tuple[int, int],
                   pixel_aspect: float = 1.0) -> tuple[float, float]:
    """Width and height in image pixels that the cropped model-grid map covers.

    The letterbox scales the physically long side exactly and rounds the short one to whole model pixels, so the
    map covers up to half a model pixel more or less than the image along the short side; stretching it over the
    image would shift it by that much.
    """
    box = Letterbox.fit(image_shape, max(map_shape), pixel_aspect)
    return map_shape[1] / box.scale, map_shape[0] / box.scale_y


def view_layers(bone: np.ndarray | None, lung_probability: np.ndarray, letterbox: Letterbox,
                lung_threshold: float) -> list[Layer]:
    """The bone-suppressed image (``bone``: full resolution, bones-bright scale; None without that model) as an
    opaque grey layer, framed and labelled on the film, and the lung-mask outline: all under the findings, so the
    reader sees them where the detector looked."""
    layers: list[Layer] = []
    if bone is not None:
        low, high = np.percentile(bone, BONE_WINDOW_PERCENTILES)
        layers.append(HeatmapLayer(id=BONE_ID, name="AI bone-suppressed image", group=GROUP, opacity=1.0,
                                   data=bone, colormap="gray", vmin=float(low), vmax=float(max(high, low + 1e-6)),
                                   show_colorbar=False, follows_window=True))
        layers.append(bone_label(bone.shape))
    outlines = [Contour(points=points, color=LUNG_COLOUR)
                for points in lung_outlines(lung_probability, letterbox, lung_threshold)]
    layers.append(ContourLayer(id=LUNGS_ID, name="AI lung mask", group=GROUP, contours=outlines, line_width=1.5))
    return layers


def bone_label(shape: tuple[int, int]) -> BoxLayer:
    """A frame round the whole film with a label saying it is the AI's bone-suppressed image. Without it the film
    under the findings looked like the original (ribs faint, as on a soft exposure) and nothing on screen said
    otherwise: the corner text names the file, the W/L acts on it as on the film. It shows and hides with the image
    (``AiLogic.layer_visibility_chosen``)."""
    rows, columns = shape
    return BoxLayer(id=BONE_LABEL_ID, name="AI bone-suppressed image: label", group=GROUP,
                    boxes=[(0.0, 0.0, float(columns), float(rows), BONE_LABEL)], color=BONE_LABEL_COLOUR)


def lung_outlines(probability: np.ndarray, letterbox: Letterbox, threshold: float) -> list[np.ndarray]:
    """Closed outlines (plugin-API image coordinates) of the lung mask ``p ≥ threshold``, traced on the model
    canvas where the mask was made, so they are smooth rather than upsampled staircases."""
    padded = np.pad(np.asarray(probability, np.float64), 1)  # closes outlines touching the edge
    outlines = []
    for line in contourpy.contour_generator(z=padded).lines(threshold):
        x, y = line[:, 0] - 1, line[:, 1] - 1
        if abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2 < MIN_OUTLINE_AREA:
            continue
        image_x, image_y = letterbox.to_image(x, y)
        outlines.append(np.column_stack([image_x, image_y]) + PIXEL_CENTRE)
    return outlines


def restack(previous: list[Layer], fresh: list[Layer], hidden: bool) -> list[Layer]:
    """``fresh`` (bottom to top) keeping what the user set on layers already shown: a replaced layer keeps its
    opacity and its visibility, a new one shows; all are hidden while the user has the AI marks ``hidden`` (A)."""
    shown = {layer.id: layer for layer in previous}
    stacked = []
    for layer in fresh:
        old = shown.get(layer.id)
        visible = not hidden and (old.visible if old else True)
        stacked.append(dataclasses.replace(layer, visible=visible, opacity=old.opacity if old else layer.opacity))
    return stacked
