"""Shoulder-girdle bone: the scapulae, whose medial borders cross the upper lateral lung fields, and humeral heads.

On a PA film the scapula is a thin plate seen face-on: faint over its area, with a brighter line where the X-ray
runs along its thickened medial and lateral borders. The humeral heads sit in the upper corners of the field.
"""

from __future__ import annotations

import numpy as np

from model_training.phantom.anatomy import Anatomy
from model_training.phantom.layers import Grid, _chord, smoothstep

PLATE_MM = 3.0  # scapular blade thickness crossed face-on
MEDIAL_BORDER_MM = 3.5  # radius of the thickened borders
LATERAL_BORDER_MM = 6.0


def _line_distance(px, py, a, b) -> tuple[np.ndarray, np.ndarray]:
    """Signed distance (units of the grid) from segment a→b (positive to its left) and the position along it."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = float(np.hypot(dx, dy))
    along = ((px - a[0]) * dx + (py - a[1]) * dy) / length
    signed = ((px - a[0]) * dy - (py - a[1]) * dx) / length
    return signed, along / length


def shoulder_bones_layer(grid: Grid, anatomy: Anatomy) -> np.ndarray:
    out = np.zeros(grid.x.shape, np.float32)
    mm = grid.mm_per_unit
    top_x, bottom_x = anatomy.scapula_medial
    for side in (-1.0, 1.0):
        outward = side * (grid.x - anatomy.midline)
        superior = (top_x, anatomy.apex_y - 0.02)
        inferior = (bottom_x, anatomy.scapula_bottom_y)
        glenoid = (0.47, anatomy.apex_y + 0.05)
        medial, medial_t = _line_distance(outward, grid.y, superior, inferior)
        lateral, lateral_t = _line_distance(outward, grid.y, inferior, glenoid)
        inside = (medial > 0) & (lateral > 0) & (grid.y > superior[1])  # lateral of the medial edge, above the other
        plate = PLATE_MM * inside * smoothstep(medial * mm / 2.0)
        medial_rim = _chord(medial * mm, MEDIAL_BORDER_MM) * ((medial_t > 0) & (medial_t < 1))
        lateral_rim = _chord(lateral * mm, LATERAL_BORDER_MM) * ((lateral_t > 0) & (lateral_t < 1))
        head_x, head_y = anatomy.midline + side * 0.5, anatomy.apex_y + 0.03
        head = _chord(np.hypot(grid.x - head_x, grid.y - head_y) * mm, 24.0) * 0.5
        out += (anatomy.bone_density * (plate + 0.5 * (medial_rim + lateral_rim) + head)).astype(np.float32)
    return out
