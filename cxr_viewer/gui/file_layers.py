"""The layers a DICOM file brings itself: its display shutter (``core.presentation``) and its overlay planes
(``core.overlay_planes``).

They are ordinary overlay layers (``MaskLayer``), so the layer list toggles them and they follow zoom, rotation
and flips; ids start with ``dicom.`` and the group is ``dicom``. The pane adds them under any plugin's layers
each time it shows an image.
"""

from __future__ import annotations

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.overlay_planes import overlay_planes
from cxr_viewer.core.presentation import shutter_grey, shutter_mask
from cxr_viewer.plugin_api.layers import Layer, MaskLayer

FILE_LAYER_PREFIX = "dicom."
SHUTTER_LAYER_ID = "dicom.shutter"
OVERLAY_COLOUR = "#ffff00"  # yellow: legible on black, white and mid-grey film alike


def overlay_layer_id(group: int) -> str:
    return f"dicom.overlay.{group:04X}"


def file_layers(image: LoadedImage) -> list[Layer]:
    """The shutter (if any) first, so overlay graphics stay visible over it, then one layer per overlay plane."""
    ds = image.dataset
    if ds is None:
        return []
    layers: list[Layer] = []
    mask = shutter_mask(ds, image.shape)
    if mask is not None:
        grey = shutter_grey(ds)
        layers.append(MaskLayer(id=SHUTTER_LAYER_ID, name="Display shutter", group="dicom", mask=mask,
                                color=f"#{grey:02x}{grey:02x}{grey:02x}"))
    for plane in overlay_planes(ds):
        label = f"Overlay {plane.group:04X}" + (f": {plane.description}" if plane.description else "")
        layers.append(MaskLayer(id=overlay_layer_id(plane.group), name=label, group="dicom", mask=plane.bitmap,
                                color=OVERLAY_COLOUR, origin=(float(plane.col), float(plane.row))))
    return layers
