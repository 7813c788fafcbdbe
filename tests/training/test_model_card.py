"""The detector model card from small hand-written records: which records it takes, and every figure it must show.

No torch and no training: the records are the JSON shapes `evaluate detector`, `score-detections` and
`compare-detectors` write, cut down to the fields the card reads.
"""

import json
from pathlib import Path

import pytest

from model_training.detection.model_card import model_card
from model_training.detection.report import ablation_table

RATES = ("0.125", "0.25", "0.5", "1", "2", "4", "8")


def _figures(base: float) -> dict:
    return {rate: base + 0.01 * i for i, rate in enumerate(RATES)} | {"cpm": base + 0.03}


def _evaluation(kind: str, split: str, base: float, subgroup_cis: bool = True, **extra) -> dict:
    """An evaluation record: overall figures with CIs, and two subgroups with (or, like old records, without) CIs."""
    figures = _figures(base) | {"image_auc": 0.8}
    intervals = {key: [value - 0.1, value + 0.1] for key, value in figures.items()}
    subgroups = {"subtlety_2": {"lesions": 9} | _figures(0.2), "size_<10mm": {"lesions": 7} | _figures(0.1)}
    if subgroup_cis:
        for group in subgroups.values():
            group["ci95"] = {key: [value - 0.05, value + 0.05] for key, value in group.items() if key != "lesions"}
    return {"task": "detector", "kind": kind, "label": f"{kind} run", "split": split, "images": 51, "lesions": 30,
            "metrics": figures, "ci95": intervals, "bootstrap": {"replicates": 1000, "seed": 0},
            "subgroups": subgroups} | extra


TUNED = {"operating_points": {"sens": {"threshold": 0.29, "sensitivity": 0.573, "fp_per_image": 0.995},
                              "spec": {"threshold": 0.418, "sensitivity": 0.5, "fp_per_image": 0.194}}}


def _paired(label_a: str, label_b: str, partial: bool = False) -> dict:
    return {"task": "detector", "kind": "paired", "label_a": label_a, "label_b": label_b, "partial": partial,
            "split": "train+val out-of-fold" + (" (PARTIAL: not every fold present)" if partial else ""),
            "images": 40 if partial else 196, "lesions": 25 if partial else 124,
            "a": {"cpm": 0.561, "1": 0.6}, "b": {"cpm": 0.549, "1": 0.55},
            "difference": {"cpm": 0.012, "1": 0.05}, "ci95": {"cpm": [-0.021, 0.047], "1": [-0.02, 0.12]},
            "share_a_not_better": {"cpm": 0.264, "1": 0.1}, "bootstrap": {"replicates": 1000, "seed": 0}}


def _write(folder: Path, name: str, record: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


@pytest.fixture
def oof(tmp_path) -> Path:
    return _write(tmp_path, "detector-oof-1.json",
                  _evaluation("oof", "train+val out-of-fold", 0.5, partial=False, tuned=TUNED) | {"images": 196})


@pytest.fixture
def cli_test(tmp_path) -> Path:
    return _write(tmp_path, "detector-cli-report-1.json", _evaluation("cli-report", "test", 0.4))


def test_model_card_takes_the_cli_report_of_the_test_split_as_the_test_evaluation(oof, cli_test):
    card = model_card([oof, cli_test])
    final = card.split("## Final evaluation (test split)")[1].split("## Ablations")[0]
    assert "Source: `detector-cli-report-1.json`" in final and "`cxr-ai detect`" in final
    assert "| sensitivity @ 1 FP/image | 0.430 [0.330, 0.530] |" in final
    assert "| subtlety_2 | 9 | 0.230 [0.180, 0.280] | 0.230 [0.180, 0.280] |" in final
    assert "Not evaluated on the test split yet" not in card
    assert "| cli-report run | test |" in card  # its ablation row is marked test, as the engine's would be


def test_model_card_refuses_two_test_evaluations_and_other_cli_reports(oof, cli_test, tmp_path):
    engine_test = _write(tmp_path, "detector-test-1.json", _evaluation("test", "test", 0.4))
    with pytest.raises(ValueError, match="pass one"):
        model_card([oof, engine_test, cli_test])
    with pytest.raises(ValueError, match="pass one"):
        model_card([oof, cli_test, cli_test])
    other = _write(tmp_path, "detector-cli-report-2.json", _evaluation("cli-report", "train+val", 0.4))
    with pytest.raises(ValueError, match="not a detector evaluation record"):
        model_card([oof, other])


def test_model_card_shows_the_out_of_fold_froc_of_the_record_that_set_the_operating_points(oof, tmp_path):
    later_untuned = _write(tmp_path, "detector-oof-2.json", _evaluation("oof", "train+val out-of-fold", 0.3))
    card = model_card([oof, later_untuned])
    section = card.split("## Out-of-fold evaluation (the record that set the operating points)")[1]
    section = section.split("## Final evaluation")[0]
    assert "Source: `detector-oof-1.json` (oof run)" in section
    assert "| sensitivity @ 1 FP/image | 0.530 [0.430, 0.630] |" in section
    assert "| CPM | 0.530 [0.430, 0.630] |" in section
    assert "| subtlety_2 | 9 | 0.230 [0.180, 0.280] | 0.230 [0.180, 0.280] |" in section
    assert "| size_<10mm | 7 | 0.130 [0.080, 0.180] | 0.130 [0.080, 0.180] |" in section
    assert "threshold" not in section  # the operating points are listed once, in their own section


def test_subgroups_of_older_records_without_intervals_show_the_figure_alone(tmp_path):
    old = _evaluation("oof", "train+val out-of-fold", 0.5, subgroup_cis=False, tuned=TUNED)
    card = model_card([_write(tmp_path, "detector-oof-old.json", old)])
    section = card.split("## Out-of-fold evaluation")[1]
    assert "| subtlety_2 | 9 | 0.230 | 0.230 |" in section and "| size_<10mm | 7 | 0.130 | 0.130 |" in section
    assert "| subgroup | nodules | sens @ 1 FP/image | CPM |" in section  # no interval promised that is not there


def test_model_card_tables_paired_comparisons_in_order_and_keeps_them_out_of_the_ablations(oof, tmp_path):
    full = _write(tmp_path, "detector-paired-2.json", _paired("shipped", "no TTA"))
    pilot = _write(tmp_path, "detector-paired-1.json", _paired("fold1-mixup", "fold1-shipped", partial=True))
    card = model_card([oof, full, pilot])
    assert "Not evaluated on the test split yet" in card
    ablations = card.split("## Ablations")[1].split("## Paired comparisons")[0]
    assert "shipped" not in ablations and "paired" not in ablations
    section = card.split("## Paired comparisons (same films, paired bootstrap)")[1].split("## Limitations")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert "CPM difference [95% CI]" in rows[0] and "share of resamples with A not ahead (CPM)" in rows[0]
    assert rows[1] == ("| shipped | no TTA | 196 | 124 | 0.561 | 0.549 | +0.012 [-0.021, +0.047] | 0.264 | "
                       "+0.050 [-0.020, +0.120] | `detector-paired-2.json` |")
    assert rows[2].startswith("| fold1-mixup | fold1-shipped | 40 (partial) | 25 |")
    tie = _paired("fold4-a", "fold4-b") | {"difference": {"cpm": -1e-17, "1": 0.0}, "ci95": {"cpm": [-0.1, 0.1]}}
    tied = model_card([_write(tmp_path, "detector-paired-3.json", tie)])
    assert "| +0.000 [-0.100, +0.100] |" in tied and "| +0.000 | `detector-paired-3.json` |" in tied
    with pytest.raises(ValueError, match="not a detector evaluation record"):
        ablation_table([full])
