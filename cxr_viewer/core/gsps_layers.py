"""A presentation state's graphic layers (Qt-free): the order they stack in and the colour each is drawn in.

A PACS that saves annotations names a layer for each, with a stacking order and, often, a recommended colour
(CIELab) or grey; drawing them in that colour is how the reader tells its layers apart. A layer with neither is drawn
in one fixed colour of the viewer's (``ANNOTATION_COLOUR``), which no measurement, DICOM overlay or AI result uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydicom.dataset import Dataset

ANNOTATION_COLOUR = "#ff80ff"  # light magenta: measurements are yellow, overlays yellow, AI results orange/green/blue
# The white and sRGB matrix the DICOM toolkits convert CIELab with (D65: DCMTK, dcmjs and highdicom alike), so a
# colour comes out here as the PACS that wrote it shows it
_WHITE = (0.95047, 1.0, 1.08883)
_XYZ_TO_SRGB = ((3.2404542, -1.5371385, -0.4985314),
                (-0.9692660, 1.8760108, 0.0415560),
                (0.0556434, -0.2040259, 1.0572252))


@dataclass(frozen=True)
class GraphicLayer:
    name: str
    order: int  # lower is drawn first, under the others
    colour: str  # "#rrggbb"


def lab_to_rgb(value: tuple[int, int, int]) -> str:
    """A DICOM CIELab value (L*, a*, b* scaled to 0–65535: PS3.3 C.10.7.1.1) as "#rrggbb" in sRGB, clipped to
    what sRGB can show."""
    lightness = value[0] * 100.0 / 65535.0
    a, b = (v * 255.0 / 65535.0 - 128.0 for v in value[1:])
    fy = (lightness + 16.0) / 116.0
    fx, fz = fy + a / 500.0, fy - b / 200.0
    xyz = [white * (f ** 3 if f > 6.0 / 29.0 else 3 * (6.0 / 29.0) ** 2 * (f - 4.0 / 29.0))
           for white, f in zip(_WHITE, (fx, fy, fz))]
    channels = []
    for row in _XYZ_TO_SRGB:
        linear = min(max(sum(m * c for m, c in zip(row, xyz)), 0.0), 1.0)
        encoded = 12.92 * linear if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
        channels.append(round(encoded * 255))
    return "#" + "".join(f"{c:02x}" for c in channels)


def _colour(item: Dataset) -> str:
    lab = item.get("GraphicLayerRecommendedDisplayCIELabValue")
    if lab is not None and len(lab) == 3:
        return lab_to_rgb(tuple(int(v) for v in lab))
    grey = item.get("GraphicLayerRecommendedDisplayGrayscaleValue")
    if grey not in (None, ""):
        level = round(int(grey) * 255 / 65535)
        return f"#{level:02x}{level:02x}{level:02x}"
    return ANNOTATION_COLOUR


def graphic_layers(ds: Dataset) -> dict[str, GraphicLayer]:
    """The presentation state's layers by name; a layer an annotation names but the file does not describe gets
    ``layer_for``'s default."""
    layers = {}
    for item in ds.get("GraphicLayerSequence", []):
        name = str(item.get("GraphicLayer", ""))
        order = item.get("GraphicLayerOrder")
        layers[name] = GraphicLayer(name, int(order) if order not in (None, "") else 0, _colour(item))
    return layers


def layer_for(layers: dict[str, GraphicLayer], name: str) -> GraphicLayer:
    return layers.get(name) or GraphicLayer(name, max((layer.order for layer in layers.values()), default=0) + 1,
                                            ANNOTATION_COLOUR)
