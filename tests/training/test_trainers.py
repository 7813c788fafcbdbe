"""Tiny CPU runs of each trainer on phantom data, resume, export parity with ONNX Runtime, the CLI, and DDP."""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from model_training import cli, manifest  # noqa: E402
from model_training.config import load_config  # noqa: E402
from model_training.export import export_checkpoint  # noqa: E402
from model_training.trainer import train  # noqa: E402

TINY = {"run": {"epochs": 1, "batch_size": 2, "max_steps_per_epoch": 2},
        "model": {"width": 4, "depth": 2}, "data": {"source": "phantom", "size": 64, "phantom_cases": 6,
                                                   "validation_cases": 2}}



def test_a_lung_run_stopped_by_its_time_cap_and_resumed_equals_one_uninterrupted_run(tmp_path):
    """The image order of the epochs after a resume must be the interrupted run's, not epoch 0's again."""
    def config(**run):
        return load_config(None, {**TINY, "run": {**TINY["run"], "task": "lung", "epochs": 3, **run}})

    whole = train(config(), tmp_path / "whole", "cpu", results_dir=tmp_path / "results")
    stopped = train(config(max_minutes=1e-6), tmp_path / "split", "cpu", results_dir=tmp_path / "results")
    assert stopped["epochs_done"] == 1 and not stopped["finished"]
    resumed = train(config(), tmp_path / "split", "cpu", resume=True, results_dir=tmp_path / "results")
    assert resumed["finished"]
    assert [entry["train_loss"] for entry in resumed["history"]] == [entry["train_loss"] for entry in whole["history"]]

@pytest.mark.parametrize("task", ["lung", "bone"])
def test_tiny_run_records_resumes_and_exports_with_parity(task, tmp_path):
    config = load_config(None, {**TINY, "run": {**TINY["run"], "task": task}})
    record = train(config, tmp_path / "run", "cpu", results_dir=tmp_path / "results")
    saved = json.loads(open(record["record_file"]).read())
    assert saved["seed"] == 0 and saved["device"] == "cpu" and saved["epochs_done"] == 1 and "git_commit" in saved
    assert set(saved["metrics"]) >= ({"dice", "iou", "hd95_mm"} if task == "lung" else {"psnr_db", "ssim"})
    config["run"]["epochs"] = 2
    resumed = train(config, tmp_path / "run", "cpu", resume=True, results_dir=tmp_path / "results")
    assert resumed["epochs_done"] == 2 and len(resumed["history"]) == 2 and resumed["finished"]
    rng = np.random.default_rng(0)
    real_like = np.clip(rng.normal(0.5, 0.2, (3, 1, 64, 64)), 0, 1).astype(np.float32)
    entry = export_checkpoint(tmp_path / "run" / "checkpoint.pt", tmp_path / "models", task, "0.0.1",
                              check_inputs=real_like)
    assert entry["onnx_torch_max_abs_diff"] < 1e-4
    path, verified = manifest.verified_model_path(tmp_path / "models", task)
    assert verified["input"]["size"] == 64 and verified["licence"] == manifest.LICENCE_NOTE
    import onnx

    model = onnx.load(path)
    assert model.opset_import[0].version >= 17
    assert model.graph.input[0].type.tensor_type.shape.dim[0].dim_param == "batch"


def test_training_is_reproducible_with_a_seed(tmp_path):
    config = load_config(None, {**TINY, "run": {**TINY["run"], "task": "lung"}})
    first = train(config, tmp_path / "a", "cpu", results_dir=tmp_path)
    second = train(config, tmp_path / "b", "cpu", results_dir=tmp_path)
    assert first["history"][0]["train_loss"] == second["history"][0]["train_loss"]


def test_cli_reports_bad_config_and_refuses_cuda_without_it(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[run\n")
    assert cli.main(["lung", "--config", str(bad)]) == 2
    assert "bad.toml" in capsys.readouterr().err
    if not torch.cuda.is_available():
        assert cli.main(["bone", "--config", "smoke", "--device", "cuda", "--run-dir", str(tmp_path)]) == 2
        assert "CUDA" in capsys.readouterr().err


def test_ddp_two_cpu_processes_on_gloo(tmp_path):
    script = tmp_path / "ddp_run.py"
    script.write_text(textwrap.dedent(f"""
        from model_training.config import load_config
        from model_training.trainer import train
        config = load_config(None, {{"run": {{"task": "lung", "epochs": 1, "batch_size": 2, "max_steps_per_epoch": 2}},
                                     "model": {{"width": 4, "depth": 2}},
                                     "data": {{"source": "phantom", "size": 64, "phantom_cases": 8}}}})
        record = train(config, r"{tmp_path / 'run'}", "cpu", results_dir=r"{tmp_path / 'results'}")
        print("WORLD", record["world_size"], "EPOCHS", record["epochs_done"])
    """))
    environment = {**os.environ, "OMP_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node=2",
                             str(script)], capture_output=True, text=True, timeout=120, env=environment)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.count("WORLD 2 EPOCHS 1") == 2
    assert (tmp_path / "run" / "checkpoint.pt").exists()
    assert len(list((tmp_path / "results").glob("lung-train-*.json"))) == 1
