"""A compact U-Net (0.48 M parameters at width 16 and depth 3, 1.9 M at depth 4) for lung masks and bone suppression on CPU-sized inputs."""

from __future__ import annotations

import torch
from torch import nn


def _block(channels_in: int, channels_out: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(channels_in, channels_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(channels_out),
        nn.ReLU(inplace=True),
        nn.Conv2d(channels_out, channels_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(channels_out),
        nn.ReLU(inplace=True),
    )


class UNet(nn.Module):
    """Encoder–decoder with skips; input sides must be divisible by 2**depth.

    ``residual`` makes the output ``input + head(...)``: for bone suppression the network then predicts only the
    bone signal to remove, which trains faster than re-synthesising the whole image.
    """

    def __init__(self, width: int = 16, depth: int = 4, channels_in: int = 1, channels_out: int = 1,
                 residual: bool = False) -> None:
        super().__init__()
        widths = [width * 2**level for level in range(depth + 1)]
        self.residual = residual
        self.encoders = nn.ModuleList([_block(channels_in, widths[0])])
        self.encoders.extend(_block(widths[i], widths[i + 1]) for i in range(depth))
        self.pool = nn.MaxPool2d(2)
        self.upsamplers = nn.ModuleList(nn.ConvTranspose2d(widths[i + 1], widths[i], 2, stride=2) for i in range(depth))
        self.decoders = nn.ModuleList(_block(2 * widths[i], widths[i]) for i in range(depth))
        self.head = nn.Conv2d(widths[0], channels_out, 1)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        skips = []
        features = image
        for level, encoder in enumerate(self.encoders):
            features = encoder(features if level == 0 else self.pool(features))
            skips.append(features)
        features = skips.pop()
        for level in reversed(range(len(self.decoders))):
            features = self.upsamplers[level](features)
            features = self.decoders[level](torch.cat([skips.pop(), features], dim=1))
        output = self.head(features)
        return image + output if self.residual else output
