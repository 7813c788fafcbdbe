"""``benchmarks/bench_ai.py`` ends with the JSON line that issue 6 names and the README's table is filled from:
run short (the test model set, one repeat, a batch of one) as a subprocess, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_last_line_is_json_with_the_issues_keys(model_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_ai.py"), "--models", str(model_dir), "--repeats", "1",
         "--batch", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["models"] == "manifest" and report["image"] == "2000x2000"
    assert isinstance(report["cpu_ms_per_image"], float) and report["cpu_ms_per_image"] > 0
    assert report["cpu_ms_per_image"] == report["cpu_stage_ms"]["total"]
    assert report["cpu_images_per_s"] > 0
    assert isinstance(report["provider"], str) and report["provider"].endswith("ExecutionProvider")
    gpu_keys = {"gpu_ms_per_image", "gpu_images_per_s"}
    if report["provider"] == "CUDAExecutionProvider":  # --device auto chose the GPU: its figures are there too
        assert all(isinstance(report[key], float) and report[key] > 0 for key in gpu_keys)
    else:
        assert not gpu_keys & report.keys()
