"""Kept fold members: smaller than the training checkpoint, same maps out of fold, refused while unfinished."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from model_training import jsrt  # noqa: E402
from model_training.cli import main  # noqa: E402
from model_training.detection.commands import _finished  # noqa: E402
from model_training.detection.oof import out_of_fold  # noqa: E402
from model_training.detection.train import train_detector  # noqa: E402
from tests.training_detector.conftest import tiny_config  # noqa: E402


def test_kept_members_give_the_same_out_of_fold_maps_and_count_as_finished(fold_runs, tmp_path):
    kept = tmp_path / "kept"
    for fold in (0, 1):
        assert main(["keep-member", str(fold_runs / f"fold{fold}" / "checkpoint.pt"),
                     str(kept / f"fold{fold}" / "checkpoint.pt")]) == 0
    original = torch.load(fold_runs / "fold0" / "checkpoint.pt", weights_only=False)
    trimmed = torch.load(kept / "fold0" / "checkpoint.pt", weights_only=False)
    assert "optimiser" in original and "optimiser" not in trimmed and "generator" not in trimmed
    assert (kept / "fold0" / "checkpoint.pt").stat().st_size < (fold_runs / "fold0" / "checkpoint.pt").stat().st_size
    assert trimmed["device_name"] == original["device_name"] and _finished(trimmed, original["config"])
    assert not list(kept.rglob("*.partial"))
    from_runs = out_of_fold([fold_runs], jsrt.shared_root(), tta=["identity", "hflip"])
    from_kept = out_of_fold([kept], jsrt.shared_root(), tta=["identity", "hflip"])
    assert from_kept.data.case_ids == from_runs.data.case_ids
    assert np.array_equal(from_kept.maps, from_runs.maps)


def test_an_unfinished_run_is_not_kept(tmp_path, capsys):
    stopped = train_detector(tiny_config(run={"epochs": 1000, "max_minutes": 1e-4}), tmp_path / "stopped", "cpu",
                             results_dir=tmp_path)
    assert not stopped["finished"]
    destination = tmp_path / "kept" / "fold0" / "checkpoint.pt"
    assert main(["keep-member", str(tmp_path / "stopped" / "checkpoint.pt"), str(destination)]) == 2
    assert "has not finished" in capsys.readouterr().err and not destination.exists()
