"""Checkpoint writes: a failed write leaves the previous checkpoint whole and no stray sibling."""

import pytest

torch = pytest.importorskip("torch")

from model_training.checkpoint_io import save_checkpoint  # noqa: E402


def test_a_write_that_fails_midway_keeps_the_previous_checkpoint(tmp_path):
    path = tmp_path / "run" / "checkpoint.pt"
    save_checkpoint({"epoch": 3, "weights": torch.arange(4.0)}, path)
    with pytest.raises(Exception):
        save_checkpoint({"epoch": 4, "weights": torch.ones(4), "unpicklable": lambda: None}, path)
    kept = torch.load(path, weights_only=False)
    assert kept["epoch"] == 3 and torch.equal(kept["weights"], torch.arange(4.0))
    assert sorted(p.name for p in path.parent.iterdir()) == ["checkpoint.pt"]


def test_a_successful_write_replaces_the_checkpoint(tmp_path):
    path = tmp_path / "checkpoint.pt"
    save_checkpoint({"epoch": 1}, path)
    assert save_checkpoint({"epoch": 2}, path) == path
    assert torch.load(path, weights_only=False)["epoch"] == 2
    assert not list(tmp_path.glob("*.partial"))
