"""FROC scoring against hand-made cases: hits, ignored duplicates, FP counting, sensitivity read-off, CPM, CIs."""

import numpy as np
import pytest

from model_training.detection.froc import (ImageMarks, Lesion, Mark, image_auc, match_image, sensitivities,
                                           sensitivity_at, froc_curve)
from model_training.detection.froc_summary import summarise


def _lesion(x, y, diameter_mm=14.0, subtlety=3):
    return Lesion(x, y, diameter_mm / 2 / 0.35, diameter_mm, subtlety)  # radius 20 px at 14 mm


def test_radius_rule_and_duplicate_hits_are_ignored_not_false_positives():
    image = ImageMarks("a", (_lesion(100, 100),), (Mark(119, 100, 0.4), Mark(100, 110, 0.9), Mark(121, 100, 0.8)))
    matched = match_image(image)
    assert matched.lesion_scores.tolist() == [0.9]  # two marks inside 20 px: one hit with the best score
    assert matched.fp_scores.tolist() == [0.8]  # 21 px away: outside the radius, an FP
    assert matched.image_score == 0.9


def test_sensitivity_at_fp_rates_and_cpm_by_hand():
    # 4 images, 4 lesions (one per image for the first 4). Lesion hit scores 0.9, 0.7, 0.5, missed; FPs 0.8, 0.6, 0.3.
    lesion_scores = np.array([0.9, 0.7, 0.5, -np.inf])
    fp_scores = np.array([0.8, 0.6, 0.3])
    thresholds, fp, sens = froc_curve(lesion_scores, fp_scores, 4, 4)
    assert thresholds.tolist() == [np.inf, 0.9, 0.8, 0.7, 0.6, 0.5, 0.3]
    assert fp.tolist() == [0, 0, 0.25, 0.25, 0.5, 0.5, 0.75]
    assert sens.tolist() == [0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75]
    assert sensitivity_at(fp, sens, 0.125) == 0.25  # only thresholds with no FP qualify
    assert sensitivity_at(fp, sens, 0.25) == 0.5
    assert sensitivity_at(fp, sens, 0.5) == 0.75
    values = sensitivities(lesion_scores, fp_scores, 4, 4)
    assert [values[k] for k in ("0.125", "0.25", "0.5", "1", "2", "4", "8")] == [0.25, 0.5] + [0.75] * 5
    assert values["cpm"] == pytest.approx((0.25 + 0.5 + 0.75 * 5) / 7)


def test_fp_counting_pools_all_images_and_ties_count_together():
    images = [ImageMarks("a", (_lesion(50, 50),), (Mark(50, 50, 0.5), Mark(300, 300, 0.5))),
              ImageMarks("b", (), (Mark(10, 10, 0.5), Mark(20, 20, 0.2)))]
    summary = summarise(images, replicates=0)
    assert summary["lesions"] == 1 and summary["images"] == 2
    # at threshold 0.5: 1 TP and 2 FPs over 2 images = 1 FP/image, so not reachable at 0.5 FP/image
    assert summary["metrics"]["0.5"] == 0.0 and summary["metrics"]["1"] == 1.0


def test_image_auc_with_ties():
    assert image_auc(np.array([0.9, 0.5, 0.5, 0.1]), np.array([1, 1, 0, 0])) == pytest.approx(0.875)
    assert image_auc(np.array([0.3]), np.array([1])) is None


def _random_study(seed):
    rng = np.random.default_rng(seed)
    images = []
    for index in range(40):
        lesions = (_lesion(200, 200, float(rng.choice([8, 15, 25])), int(rng.integers(1, 6))),) if index % 2 else ()
        marks = [Mark(float(rng.uniform(0, 1024)), float(rng.uniform(0, 1024)), float(rng.random() * 0.6))
                 for _ in range(3)]
        if lesions and rng.random() < 0.7:
            marks.append(Mark(205, 195, float(0.3 + 0.7 * rng.random())))
        images.append(ImageMarks(f"c{index}", lesions, tuple(marks)))
    return images


def test_bootstrap_interval_contains_estimate_and_is_seeded():
    images = _random_study(1)
    first = summarise(images, replicates=200, seed=5)
    again = summarise(images, replicates=200, seed=5)
    other = summarise(images, replicates=200, seed=6)
    assert first["ci95"] == again["ci95"] and first["ci95"] != other["ci95"]
    for key in ("cpm", "1", "image_auc"):
        low, high = first["ci95"][key]
        assert low <= first["metrics"][key] <= high and low < high


def test_subgroups_by_subtlety_and_size():
    images = [ImageMarks("a", (_lesion(10, 10, 8.0, 1),), (Mark(10, 10, 0.9),)),
              ImageMarks("b", (_lesion(10, 10, 25.0, 5),), ()),
              ImageMarks("c", (_lesion(10, 10, 20.0, 5),), (Mark(10, 10, 0.8),))]
    groups = summarise(images, replicates=0)["subgroups"]
    assert groups["size_<10mm"]["lesions"] == 1 and groups["size_<10mm"]["cpm"] == 1.0
    assert groups["size_>20mm"]["cpm"] == 0.0 and groups["size_10-20mm"]["lesions"] == 1
    assert groups["subtlety_5"]["lesions"] == 2 and groups["subtlety_5"]["1"] == 0.5
    assert "subtlety_2" not in groups


def test_subgroups_get_bootstrap_intervals_from_the_same_resamples():
    summary = summarise(_random_study(2), replicates=300, seed=1)
    for name, group in summary["subgroups"].items():
        for key in ("1", "cpm"):
            low, high = group["ci95"][key]
            assert 0.0 <= low <= group[key] <= high <= 1.0, name
    assert any(low < high for low, high in (g["ci95"]["cpm"] for g in summary["subgroups"].values()))
    assert summarise(_random_study(2), replicates=300, seed=1)["subgroups"] == summary["subgroups"]


def test_report_says_where_the_curve_ends_and_shows_subgroup_intervals():
    from model_training.detection.report import froc_report

    images = [ImageMarks("a", (_lesion(50, 50),), (Mark(50, 50, 0.9), Mark(300, 300, 0.4))),
              ImageMarks("b", (), (Mark(10, 10, 0.5),))]
    summary = summarise(images, replicates=50) | {"label": "t", "split": "oof"}
    assert summary["curve_end_fp_per_image"] == 1.0  # 2 FPs over 2 images
    report = froc_report(summary)
    assert "ends at 1.00 FP/image" in report and "2, 4, 8 FP/image hold" in report
    assert "| subtlety_3 | 1 | 1.000 [" in report
