"""A small patch CNN: is there a nodule at the centre of this 64 × 64 patch (0.7 mm per pixel)?

Four stages of 3×3 convolutions (16–32–64–128 channels) see 45 mm of context, enough for a 30 mm nodule and its
surroundings; global average and max pooling make the score depend on a blob's presence, not on its exact
pixel. About 0.15 M parameters: five of them add well under 1 MB to the models folder.
"""

from __future__ import annotations

import torch
from torch import nn

WIDTHS = (16, 32, 64, 128)


def _stage(channels_in: int, channels_out: int, convolutions: int) -> nn.Sequential:
    layers: list[nn.Module] = []
    for index in range(convolutions):
        layers += [nn.Conv2d(channels_in if index == 0 else channels_out, channels_out, 3, padding=1, bias=False),
                   nn.BatchNorm2d(channels_out), nn.ReLU(inplace=True)]
    return nn.Sequential(*layers)


class CandidateClassifier(nn.Module):
    """(N, 1, P, P) patches → (N,) logits."""

    def __init__(self, widths: tuple[int, ...] = WIDTHS) -> None:
        super().__init__()
        stages, channels = [], 1
        for index, width in enumerate(widths):
            last = index == len(widths) - 1
            stages.append(_stage(channels, width, 1 if last else 2))
            if not last:
                stages.append(nn.MaxPool2d(2))
            channels = width
        self.features = nn.Sequential(*stages)
        self.head = nn.Linear(2 * channels, 1)

    def forward(self, patches: torch.Tensor) -> torch.Tensor:
        features = self.features(patches)
        pooled = torch.cat([features.mean(dim=(2, 3)), features.amax(dim=(2, 3))], dim=1)
        return self.head(pooled)[:, 0]

