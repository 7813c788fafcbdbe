"""A training run stopped by SIGTERM (a session's end, ``timeout``) or Ctrl+C still writes its JSON record: config,
seed, commit, history of the finished epochs, marked interrupted. Before, the process died with the checkpoint
but without the record that says what the checkpoint is."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

import model_training  # noqa: E402
from tests.signalled_child import signal_once_started  # noqa: E402

REPO = Path(model_training.__file__).resolve().parents[1]
LONG_RUN = """[run]
task = "{task}"
epochs = 100000
batch_size = 2
max_steps_per_epoch = 1
max_minutes = 30.0
[model]
width = 4
depth = 2
{dilations}
[data]
source = "phantom"
size = 64
phantom_cases = 8
{extra}
"""


def _command(task: str, tmp_path: Path) -> tuple[list[str], Path]:
    config = tmp_path / "long.toml"
    if task == "lung":
        config.write_text(LONG_RUN.format(task="lung", dilations="", extra="validation_cases = 2"), encoding="utf-8")
        return ["lung", "--config", str(config), "--run-dir", str(tmp_path / "run")], tmp_path / "run"
    config.write_text('extends = "detector"\n' + LONG_RUN.format(task="detector", dilations="dilations = [1, 2]",
                                                                 extra="folds = 2"), encoding="utf-8")
    return ["detector", "--config", str(config), "--run-root", str(tmp_path / "run")], tmp_path / "run" / "fold0"


@pytest.mark.parametrize("task, signum", [("lung", signal.SIGTERM), ("detector", signal.SIGTERM),
                                          ("lung", signal.SIGINT)])
def test_a_signalled_run_writes_its_record_and_exits_130(task, signum, tmp_path):
    arguments, run_dir = _command(task, tmp_path)
    results = tmp_path / "results"
    code, err = signal_once_started(
        [sys.executable, "-m", "model_training", *arguments, "--device", "cpu", "--results-dir", str(results)],
        (run_dir / "checkpoint.pt").exists, signum, cwd=REPO)
    assert code == 130, err
    records = list(results.glob("*.json"))
    assert len(records) == 1 and str(records[0]) in err
    record = json.loads(records[0].read_text(encoding="utf-8"))
    assert record["interrupted"] is True and record["finished"] is False
    assert record["epochs_done"] == len(record["history"]) >= 1
    assert record["config"]["run"]["epochs"] == 100000 and record["seed"] == 0 and record["git_commit"]
