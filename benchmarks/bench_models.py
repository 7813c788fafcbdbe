"""Benchmark: each installed model on its own (ONNX Runtime, CPU), one image at its input size.

The lung model's goal (≤ 150 ms per image on a 2-core CPU) is a per-model figure, separate from the whole
pipeline that ``bench_ai.py`` times; the ratio to the preprocessing of a 2000×2000 image puts it in proportion.
Prints one line per model and, last, a JSON object with ``<name>_ms`` (median) for every model.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
import onnxruntime

from model_training.manifest import read_manifest, verified_model_path
from model_training.preprocess import preprocess

DEFAULT_MODELS = Path(__file__).resolve().parents[1] / "resources" / "models"


def _median_ms(run, repeats: int) -> tuple[float, float]:
    run()  # first call builds ONNX Runtime's kernels: not part of the steady state
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return float(np.median(samples)), float(np.percentile(samples, 90))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=DEFAULT_MODELS)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    image = np.random.default_rng(0).integers(0, 4096, (2000, 2000)).astype(np.uint16)
    baseline, _ = _median_ms(lambda: preprocess(image, 256), max(3, args.repeats // 4))
    print(f"baseline: preprocess 2000×2000 → 256: {baseline:.1f} ms")
    figures: dict[str, float | str] = {"baseline_preprocess_ms": round(baseline, 2), "cpu_threads": os.cpu_count()}
    for entry in read_manifest(args.models):
        path, _ = verified_model_path(args.models, entry["name"])
        session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        size, channels = int(entry["input"]["size"]), int(entry["input"]["channels"])
        batch = np.random.default_rng(1).random((1, channels, size, size), dtype=np.float32)
        name = session.get_inputs()[0].name
        median, p90 = _median_ms(lambda: session.run(None, {name: batch}), args.repeats)
        print(f"{entry['name']}: {median:.1f} ms median, {p90:.1f} ms p90 at {size}×{size} "
              f"({median / baseline:.2f}× the preprocessing)")
        figures[f"{entry['name']}_ms"] = round(median, 2)
        figures[f"{entry['name']}_p90_ms"] = round(p90, 2)
        figures[f"{entry['name']}_ratio_to_preprocess"] = round(median / baseline, 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
