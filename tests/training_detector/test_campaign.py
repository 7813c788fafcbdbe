"""``cxr-train campaign``: the fold runs it starts, the choice rule, and a tiny two-config campaign on phantoms."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

from model_training.detection.campaign import best_config, run_campaign  # noqa: E402
from model_training.detection.campaign_runs import fold_commands, run_concurrently  # noqa: E402
from tests.training_detector.conftest import tiny_toml  # noqa: E402

TINY_TOML = tiny_toml(phantom_cases=8)


def test_every_fold_of_every_config_gets_a_run_with_the_installed_models(tmp_path: Path) -> None:
    commands = fold_commands(["a", "b"], 3, "cuda", 4.0, tmp_path / "runs", tmp_path / "results", tmp_path,
                             tmp_path / "models", ["run.epochs=2"])
    assert [name for name, _ in commands] == [f"{c}-fold{k}" for c in "ab" for k in range(3)]
    assert all(len(chain) == 1 for _, chain in commands)  # no pre-training stage
    argv = commands[4][1][0]
    assert argv[argv.index("--fold") + 1] == "1" and argv[argv.index("--run-root") + 1] == str(tmp_path / "runs" / "b")
    settings = [argv[i + 1] for i, item in enumerate(argv) if item == "--set"]
    assert settings == ["data.folds=3", f'detector.lung_model="{tmp_path / "models" / "lung_unet.onnx"}"',
                        f'detector.bone_model="{tmp_path / "models" / "bone_suppression.onnx"}"', "run.epochs=2"]


def test_a_pretraining_stage_runs_first_and_shares_the_fold_budget(tmp_path: Path) -> None:
    staged = tmp_path / "staged.toml"
    staged.write_text(TINY_TOML + '[pretrain]\nstage = "lung"\nstage_share = 0.25\n', encoding="utf-8")
    [(name, chain)] = fold_commands([str(staged)], 1, "cpu", 4.0, tmp_path / "runs", tmp_path / "results", tmp_path,
                                    tmp_path / "models", [])
    pretrain, detection = chain
    assert name == "staged-fold0"
    assert pretrain[pretrain.index("--pretrain") + 1] == "lung" and "--init-root" not in pretrain
    assert pretrain[-2:] == ["--set", "insertion.enabled=false"] and "insertion.enabled=false" not in detection
    assert float(pretrain[pretrain.index("--max-minutes") + 1]) == 1.0
    assert float(detection[detection.index("--max-minutes") + 1]) == 3.0
    stage_root = pretrain[pretrain.index("--run-root") + 1]
    assert stage_root == str(tmp_path / "runs" / "staged-pretrain")
    assert detection[detection.index("--init-root") + 1] == stage_root and "--pretrain" not in detection
    assert detection[detection.index("--run-root") + 1] == str(tmp_path / "runs" / "staged")


def test_a_chain_stops_at_its_first_failure_and_reports_its_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    chains = [("ok", [[sys.executable, "-c", "print('first')"], [sys.executable, "-c", "print('second')"]]),
              ("bad", [[sys.executable, "-c", "raise SystemExit(3)"],
                       [sys.executable, "-c", f"open({str(marker)!r}, 'w')"]])]
    assert run_concurrently(chains, tmp_path / "logs") == {"ok": 0, "bad": 3}
    assert (tmp_path / "logs" / "ok.log").read_text().split() == ["first", "second"]
    assert not marker.exists()


def test_the_best_out_of_fold_cpm_wins_and_ties_go_to_the_first_listed() -> None:
    scores = {"plain": {"metrics": {"cpm": 0.40}}, "crops": {"metrics": {"cpm": 0.52}},
              "bone": {"metrics": {"cpm": 0.52}}}
    assert best_config(scores) == "crops"
    assert best_config({"x": {"metrics": {"cpm": 0.1}}}) == "x"


def test_a_tiny_campaign_scores_and_chooses_and_survives_a_broken_config(tmp_path: Path) -> None:
    good, broken = tmp_path / "narrow.toml", tmp_path / "broken.toml"
    good.write_text(TINY_TOML, encoding="utf-8")
    broken.write_text(TINY_TOML + '[detector]\ninputs = ["no_such_channel"]\n', encoding="utf-8")
    configs = [str(broken), str(good)]
    summary = run_campaign(configs, tmp_path / "out", tmp_path, "cpu", 2.0, folds=2, replicates=5, export=False)
    assert [summary["exit_codes"][f"narrow-fold{k}"] for k in (0, 1)] == [0, 0]
    assert all(summary["exit_codes"][f"broken-fold{k}"] != 0 for k in (0, 1))
    assert summary["chosen"] == str(good) and "fold run failed" in summary["oof"][str(broken)]
    record = json.loads(Path(summary["records"][str(good)]).read_text(encoding="utf-8"))
    assert record["kind"] == "oof" and "tuned" in record and record["images"] == 8
    assert json.loads((tmp_path / "out" / "campaign.json").read_text())["chosen"] == str(good)
    assert "no_such_channel" in (tmp_path / "out" / "logs" / "broken-fold0.log").read_text()
    rows = {name: json.loads(Path(path).read_text(encoding="utf-8")) for name, path in summary["ablations"].items()}
    assert rows["narrow-noTTA"]["switches"]["tta"] == ["identity"]
    assert rows["narrow-noLungFP"]["switches"]["lung_fp_reduction"] is False
    tuned = record["post"]
    assert rows["narrow-noTTA"]["post"] == tuned  # same tuned post-processing, one switch changed
    assert rows["narrow-noLungFP"]["post"] == tuned | {"lung_fp_reduction": False}
