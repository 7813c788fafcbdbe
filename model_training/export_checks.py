"""What ``cxr-train export`` refuses before it writes a manifest entry that would cite the wrong figures.

The manifest entry's metrics come from ``--record RUN.json`` and are what the model card and the viewer show. A
record of another run (a neighbouring file in ``results/``, an earlier round's run of the same config) used to be
copied in as it was, so the entry stated figures the exported weights never produced. And a checkpoint exported
under the other shipped model's name (a bone checkpoint as ``lung_unet``) would be loaded for the wrong job.
"""

from __future__ import annotations

import json
from pathlib import Path

from model_training.config import DEFAULTS
from model_training.resume_check import config_changes

SHIPPED_TASKS = {"lung_unet": "lung", "bone_suppression": "bone"}  # the names the AI engine and campaign load


def check_name(name: str, task: str) -> None:
    expected = SHIPPED_TASKS.get(name)
    if expected is not None and expected != task:
        raise ValueError(f"--name {name} is the shipped {expected} model's name; this checkpoint is a {task} model")


def record_metrics(record_file: Path, state: dict) -> dict:
    """The record's metrics, if the record is this checkpoint's run: same config (a resume may raise the epochs
    and change the time budget), same epochs done and the same last epoch's figures."""
    try:
        record = json.loads(Path(record_file).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"{record_file}: cannot read the run record ({error})") from error
    if record.get("kind") != "train" or "config" not in record:
        raise ValueError(f"{record_file}: not a training run record (kind {record.get('kind')!r})")
    problems = config_changes(record["config"], state["config"], DEFAULTS)
    epochs = state["epoch"] + 1
    if record.get("epochs_done") != epochs:
        problems.append(f"epochs done: record {record.get('epochs_done')}, checkpoint {epochs}")
    last = json.loads(json.dumps(state["history"][-1], default=str))
    if record.get("metrics") != last:
        problems.append(f"last epoch's metrics: record {record.get('metrics')}, checkpoint {last}")
    if problems:
        raise ValueError(f"{record_file}: --record is not this checkpoint's run ({'; '.join(problems)}); "
                         "give the record its training wrote")
    return record["metrics"]
