"""Whether a presentation state was written by this viewer (Qt-free): ours is read back as editable measurements,
anyone else's is drawn read-only, whatever its layers are called.

A layer name says nothing about who wrote it: another PACS may well call its own layer ``MEASUREMENTS``, and reading
its lines as this viewer's distances would turn a stranger's graphics into editable marks with figures computed
again. What ``core.gsps`` has written into every file since its first version is its General Equipment: the
Manufacturer and the Manufacturer's Model Name below, which another product does not claim.
"""

from __future__ import annotations

from pydicom.dataset import Dataset

from cxr_viewer.core.gsps import LAYER, MANUFACTURER, MODEL_NAME


def own_layer(ds: Dataset) -> str | None:
    """The name of the viewer's measurement layer in ``ds`` when this viewer wrote it, else None (no layer of it
    is ours)."""
    ours = (str(ds.get("Manufacturer", "") or "").strip() == MANUFACTURER
            and str(ds.get("ManufacturerModelName", "") or "").strip() == MODEL_NAME)
    return LAYER if ours else None
