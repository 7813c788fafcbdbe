"""Patch training: random crops of the canvas, most of them on a nodule or on the lung field.

Why: a nodule is a local finding, and on a CPU the whole 512² canvas per sample leaves too few optimisation steps
for a detector to learn from 157 films. A crop of ``size`` pixels costs (size / canvas)² of a whole image, so the
same minutes give many more steps at full detector resolution; the network is fully convolutional and is applied
to the whole canvas at inference. Negatives are centred on the (reference) lung field, where the hard false
positives (vessels, rib crossings) are, rather than on the easy background.
"""

from __future__ import annotations

import torch


def _pick(points: torch.Tensor, generator: torch.Generator) -> tuple[int, int]:
    row, col = points[int(torch.randint(len(points), (1,), generator=generator))].tolist()
    return row, col


def crop_centre(target: torch.Tensor, lung: torch.Tensor, size: int, nodule_fraction: float,
                generator: torch.Generator) -> tuple[int, int]:
    """Centre (row, col) of one crop: with ``nodule_fraction`` near a nodule pixel (placed anywhere in the middle
    half of the crop), otherwise on a lung pixel (anywhere when the mask is empty)."""
    nodule = torch.nonzero(target >= 0.5)
    if len(nodule) and float(torch.rand(1, generator=generator)) < nodule_fraction:
        row, col = _pick(nodule, generator)
        shift = torch.randint(-(size // 4), size // 4 + 1, (2,), generator=generator).tolist()
        return row + shift[0], col + shift[1]
    lung_points = torch.nonzero(lung >= 0.5)
    if len(lung_points):
        return _pick(lung_points, generator)
    side = target.shape[-1]
    return tuple(torch.randint(0, side, (2,), generator=generator).tolist())


def random_crops(inputs: torch.Tensor, targets: torch.Tensor, lungs: torch.Tensor, size: int,
                 nodule_fraction: float, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(inputs, targets, labels) cropped to ``size``²; a crop's label is whether a nodule peak lies inside it."""
    rows, cols = inputs.shape[-2:]
    if size > min(rows, cols):
        raise ValueError(f"data.crop = {size} is larger than the {rows}×{cols} canvas")
    crops_in, crops_target = [], []
    for index in range(inputs.shape[0]):
        row, col = crop_centre(targets[index, 0], lungs[index, 0], size, nodule_fraction, generator)
        top = min(max(row - size // 2, 0), rows - size)
        left = min(max(col - size // 2, 0), cols - size)
        crops_in.append(inputs[index, :, top:top + size, left:left + size])
        crops_target.append(targets[index, :, top:top + size, left:left + size])
    cropped_targets = torch.stack(crops_target)
    labels = (cropped_targets.amax(dim=(1, 2, 3)) >= 0.5).to(inputs.dtype)
    return torch.stack(crops_in), cropped_targets, labels
