"""The detector: a U-Net with an ASPP bottleneck (multi-scale receptive field) and an image-level head.

Nodules span 5–30 mm, i.e. about 4–22 pixels at 256 px (1.4 mm/pixel): parallel dilated convolutions at the
bottleneck see small and large nodules with the same depth. The image head (global average + max pooling of the
bottleneck) predicts "nodule present" and regularises the map (multi-task). Deployment keeps only the map.
"""

from __future__ import annotations

import torch
from torch import nn

from model_training.unet import _block

PRIOR_LOGIT = -4.6  # the map starts near p = 0.01 (nodule pixels are rare), so focal loss does not start flooded


class Aspp(nn.Module):
    """Parallel 3×3 convolutions at several dilations plus image pooling, fused by a 1×1 convolution.

    Branches are a quarter of the bottleneck's width, which keeps an exported member under 16 MB at width 16.
    """

    def __init__(self, channels: int, dilations: tuple[int, ...], image_pooling: bool = True) -> None:
        super().__init__()
        branch = max(8, channels // 4)
        self.branches = nn.ModuleList(
            nn.Sequential(nn.Conv2d(channels, branch, 3, padding=d, dilation=d, bias=False),
                          nn.BatchNorm2d(branch), nn.ReLU(inplace=True)) for d in dilations)
        self.pooled = (nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(channels, branch, 1), nn.ReLU(inplace=True))
                       if image_pooling else None)
        self.fuse = nn.Sequential(nn.Conv2d(branch * (len(dilations) + image_pooling), channels, 1, bias=False),
                                  nn.BatchNorm2d(channels), nn.ReLU(inplace=True))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        parts = [branch(features) for branch in self.branches]
        if self.pooled is not None:
            parts.append(self.pooled(features).expand(-1, -1, *features.shape[2:]))
        return self.fuse(torch.cat(parts, dim=1))


class DetectorNet(nn.Module):
    """``forward`` → (map logits (N, out, S, S), image logit (N,)); sides divisible by 2**depth."""

    def __init__(self, channels_in: int = 1, width: int = 16, depth: int = 4, dilations: tuple[int, ...] = (1, 2, 4, 8),
                 channels_out: int = 1, image_pooling: bool = True) -> None:
        super().__init__()
        widths = [width * 2**level for level in range(depth + 1)]
        self.encoders = nn.ModuleList([_block(channels_in, widths[0])])
        self.encoders.extend(_block(widths[i], widths[i + 1]) for i in range(depth))
        self.pool = nn.MaxPool2d(2)
        self.aspp = Aspp(widths[-1], tuple(dilations), image_pooling) if dilations else nn.Identity()
        self.upsamplers = nn.ModuleList(nn.ConvTranspose2d(widths[i + 1], widths[i], 2, stride=2) for i in range(depth))
        self.decoders = nn.ModuleList(_block(2 * widths[i], widths[i]) for i in range(depth))
        self.head = nn.Conv2d(widths[0], channels_out, 1)
        self.image_head = nn.Linear(2 * widths[-1], 1)

    def forward(self, image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        skips = []
        features = image
        for level, encoder in enumerate(self.encoders):
            features = encoder(features if level == 0 else self.pool(features))
            skips.append(features)
        features = self.aspp(skips.pop())
        pooled = torch.cat([features.mean(dim=(2, 3)), features.amax(dim=(2, 3))], dim=1)
        image_logit = self.image_head(pooled)[:, 0]
        for level in reversed(range(len(self.decoders))):
            features = self.upsamplers[level](features)
            features = self.decoders[level](torch.cat([skips.pop(), features], dim=1))
        return self.head(features), image_logit


class DeployableDetector(nn.Module):
    """What ONNX gets: the probability map only (sigmoid inside the graph), (N, C, S, S) → (N, 1, S, S)."""

    def __init__(self, model: DetectorNet) -> None:
        super().__init__()
        self.model = model

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.model(image)[0][:, :1])


def build_detector(config: dict, channels_out: int = 1, rare_positives: bool = False) -> DetectorNet:
    """``rare_positives`` starts the map head at the nodule prior (detection), not at p = 0.5 (reconstruction)."""
    model = config["model"]
    network = DetectorNet(len(config["detector"]["inputs"]), model["width"], model["depth"],
                          tuple(model.get("dilations", (1, 2, 4, 8))), channels_out, model.get("image_pooling", True))
    if rare_positives:
        nn.init.constant_(network.head.bias, PRIOR_LOGIT)
    return network


def transfer_weights(target: nn.Module, source_state: dict[str, torch.Tensor]) -> list[str]:
    """Copy every parameter whose name and shape match (pre-trained encoder/decoder); returns the names copied.

    Heads and a first convolution with another channel count keep their fresh initialisation.
    """
    own = target.state_dict()
    copied = [name for name, tensor in source_state.items() if name in own and own[name].shape == tensor.shape
              and not name.startswith(("head.", "image_head."))]
    own.update({name: source_state[name] for name in copied})
    target.load_state_dict(own)
    return copied
