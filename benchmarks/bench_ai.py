"""Benchmark the AI engine: per-stage and total ms per image for a 2000×2000 radiograph, and images/s in batch.

Uses the installed model set (``resources/models`` or ``--models``) when it is complete (a detector
pipeline in its manifest); otherwise it builds
stand-in models of the planned size (U-Nets exported from torch with random weights, same input size, ensemble
and TTA as planned) and says so in the JSON (``"models": "stand-in"``). The last line of output is the JSON.

    python benchmarks/bench_ai.py [--models DIR] [--device auto|cpu|cuda] [--repeats 3] [--batch 4]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from cxr_ai.engine import Engine
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.model_set import default_models_dir, missing_for_detection
from cxr_viewer.core.image import PixelSpacing, SpacingSource

PLANNED = {"size": 512, "base_channels": 16, "depth": 4, "members": 2, "tta": ["identity", "hflip"]}


def build_standin_models(directory: Path) -> Path:
    """U-Nets of the planned size with random weights, registered in a manifest like the exporter's."""
    import torch
    from model_training.manifest import MANIFEST_NAME, sha256_file, write_entry
    from model_training.preprocess import PREPROCESSING_VERSION
    from torch import nn

    def block(cin: int, cout: int) -> nn.Module:
        return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                             nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))

    class UNet(nn.Module):
        def __init__(self, channels_in: int, base: int, depth: int) -> None:
            super().__init__()
            widths = [base * 2**level for level in range(depth + 1)]
            self.down = nn.ModuleList([block(channels_in, widths[0])] +
                                      [block(widths[i], widths[i + 1]) for i in range(depth)])
            self.up = nn.ModuleList([nn.ConvTranspose2d(widths[i + 1], widths[i], 2, stride=2) for i in range(depth)])
            self.merge = nn.ModuleList([block(2 * widths[i], widths[i]) for i in range(depth)])
            self.head = nn.Conv2d(widths[0], 1, 1)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            skips = []
            for index, layer in enumerate(self.down):
                x = layer(x if index == 0 else nn.functional.max_pool2d(x, 2))
                skips.append(x)
            for index in reversed(range(len(self.up))):
                x = self.merge[index](torch.cat([self.up[index](x), skips[index]], dim=1))
            return self.head(x)

    size = PLANNED["size"]
    torch.manual_seed(0)
    specs = {"bone": ("bone_suppression", 1), "lung": ("lung_segmentation", 1)}
    specs |= {f"detector{i}": ("nodule_detection", 2) for i in range(PLANNED["members"])}
    for name, (task, channels) in specs.items():
        path = directory / f"{name}.onnx"
        network = UNet(channels, PLANNED["base_channels"], PLANNED["depth"]).eval()
        with warnings.catch_warnings():  # the TorchScript exporter is deprecated but needs no onnxscript
            warnings.simplefilter("ignore", DeprecationWarning)
            torch.onnx.export(network, torch.zeros(1, channels, size, size), path, input_names=["input"],
                              output_names=["output"], dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
                              opset_version=17, dynamo=False)
        write_entry(directory, {
            "name": name, "task": task, "version": "stand-in", "file": path.name, "sha256": sha256_file(path),
            "input": {"size": size, "channels": channels, "preprocessing_version": PREPROCESSING_VERSION},
            "output": {"activation": "none" if task == "bone_suppression" else "sigmoid"},
            "training_data": "none (random weights, for timing only)", "metrics": {}, "licence": "MIT",
        })
    manifest = directory / MANIFEST_NAME
    document = json.loads(manifest.read_text())
    document["pipeline"] = {
        "version": "stand-in",
        "bone_suppression": {"model": "bone"},
        "lung_segmentation": {"model": "lung", "threshold": 0.5},
        "detector": {"members": [n for n in specs if n.startswith("detector")],
                     "inputs": ["bone_suppressed", "lung_mask"], "tta": PLANNED["tta"]},
        "operating_points": {"sens": {"threshold": 0.3}, "spec": {"threshold": 0.7}},
    }
    manifest.write_text(json.dumps(document, indent=2))
    return directory


def radiograph(seed: int, size: int = 2000) -> EngineInput:
    """A 12-bit 2000×2000 chest-like image (two lung fields, a nodule, noise) at 0.175 mm."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size] / size
    lungs = np.exp(-(((xx - 0.3) / 0.15) ** 2 + ((yy - 0.5) / 0.3) ** 2) ** 2)
    lungs += np.exp(-(((xx - 0.7) / 0.15) ** 2 + ((yy - 0.5) / 0.3) ** 2) ** 2)
    pixels = 3000 - 1800 * lungs + 400 * (((xx - 0.35) ** 2 + (yy - 0.45) ** 2) < 0.01**2)
    pixels = np.clip(pixels + rng.normal(0, 40, pixels.shape), 0, 4095).astype(np.float32)
    spacing = PixelSpacing(0.175, 0.175, SpacingSource.PIXEL_SPACING)
    return EngineInput(pixels, False, spacing, f"bench:{seed}", None, f"synthetic-{seed}")


def measure(engine: Engine, repeats: int, batch: int) -> dict[str, object]:
    engine.analyse([radiograph(0)])  # warm-up: first runs allocate and tune kernels
    runs = [engine.analyse([radiograph(1)])[0].result.timings_ms for _ in range(repeats)]
    stages = {name: round(statistics.median(run[name] for run in runs), 1) for name in runs[0]}
    items = [radiograph(seed) for seed in range(2, 2 + batch)]
    start = time.perf_counter()
    engine.analyse(items)
    return {"ms_per_image": stages["total"], "stage_ms": stages,
            "images_per_s": round(batch / (time.perf_counter() - start), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=4)
    arguments = parser.parse_args(argv)
    models_dir = arguments.models or default_models_dir()
    with tempfile.TemporaryDirectory() as scratch:
        missing = missing_for_detection(models_dir)
        kind = "stand-in" if missing else "manifest"
        if missing:
            models_dir = build_standin_models(Path(scratch))
        report: dict[str, object] = {"models": kind, "image": "2000x2000"}
        if missing:
            report |= {"planned": PLANNED, "why_stand_in": missing}
        cpu = Engine(models_dir, device="cpu")
        for key, value in measure(cpu, arguments.repeats, arguments.batch).items():
            report[f"cpu_{key}"] = value
        threads = cpu.stages.lung.session.get_session_options().intra_op_num_threads
        report |= {"provider": cpu.provider, "intra_op_threads": threads}
        if arguments.device != "cpu":
            engine = Engine(models_dir, device=arguments.device)
            if engine.choice.device == "cuda":
                for key, value in measure(engine, arguments.repeats, max(arguments.batch, engine.batch_size)).items():
                    report[f"gpu_{key}"] = value
                report["provider"] = engine.provider
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
