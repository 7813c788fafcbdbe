"""The FROC scoring rules of the issue, checked on hand-made cases whose answers are worked out in the comments:
the hit radius and the model-grid → 1024-grid mapping, duplicate marks, the read-off beyond the curve's end and
against LUNA16's interpolation, the image-level AUC, the image bootstrap (plain and paired), and the test-split
guard."""

import json

import numpy as np
import pytest

from model_training.detection.candidates import image_marks
from model_training.detection.data import DetectionData
from model_training.detection.froc import (FP_RATES, ImageMarks, Lesion, Mark, froc_curve, match_image, sensitivities,
                                           sensitivity_at)
from model_training.detection.froc_summary import summarise
from model_training.detection.paired import paired_difference
from model_training.detection.report import froc_report
from model_training.detection.settings import DETECTOR_DEFAULTS
from model_training.preprocess import Letterbox


def _lesion(x, y, diameter_mm=14.0):
    return Lesion(x, y, diameter_mm / 2 / 0.35, diameter_mm, 3)  # 14 mm: radius exactly 20.0 px on the 1024 grid


def test_a_mark_exactly_on_the_radius_hits_and_the_disc_is_not_clipped_at_the_film_edge():
    lesion = _lesion(3.0, 500.0)
    assert lesion.radius_px == 20.0
    assert lesion.hit_by(3.0 + 12.0, 500.0 + 16.0)  # a 12-16-20 triangle: distance 20.0 = radius, inclusive (≤)
    assert not lesion.hit_by(3.0 + 20.0 + 1e-9, 500.0)
    assert lesion.hit_by(0.0, 500.0)  # the nodule 3 px from the left edge: its disc reaches past it


@pytest.mark.parametrize(("size", "sigma", "found_at", "fp_at", "nodule"),
                         [(256, 2.0, 105, 106, (401.5, 257.5)), (512, 4.0, 210, 211, (400.5, 256.5))])
def test_marks_come_back_on_the_1024_grid_and_are_scored_with_its_radius(size, sigma, found_at, fp_at, nodule):
    """Canvas x → image x is (x + 0.5) × 1024 / size − 0.5: at 256 px, 105 → 421.5 (20 px from a nodule at 401.5:
    a hit) and 106 → 425.5 (24 px: an FP); at 512 px, 210 → 420.5 (20 px from 400.5) and 211 → 422.5 (22 px).
    The blobs' row, size / 4, maps to the nodule's row (64 → 257.5, 128 → 256.5). In canvas pixels the radius would
    be 5 (or 10) px and the nodule hundreds of pixels away: any mixing of the grids fails."""
    box = Letterbox.fit((1024, 1024), size)
    rows, cols = np.indices((size, size))
    row = size // 4
    maps = np.stack([0.9 * np.exp(-((cols - x) ** 2 + (rows - row) ** 2) / (2 * sigma**2)) for x in (found_at, fp_at)])
    data = DetectionData(["hit", "miss"], np.zeros((2, size, size), np.float32), np.ones((2, size, size), np.float32),
                         [(_lesion(*nodule),)] * 2, [box, box], [0.35, 0.35])
    hit, miss = image_marks(data, maps.astype(np.float32), np.ones_like(maps), DETECTOR_DEFAULTS["post"])
    (mark,) = hit.marks
    assert (mark.x, mark.y) == pytest.approx((nodule[0] + 20.0, nodule[1]))
    assert match_image(hit).lesion_scores.tolist() == [pytest.approx(0.9)]
    missed = match_image(miss)
    assert missed.fp_scores.tolist() == [pytest.approx(0.9)] and missed.lesion_scores[0] == -np.inf


def test_duplicate_marks_are_ignored_and_a_mark_inside_two_nodules_counts_for_both():
    # nodule A at x 100, B at x 300; marks: A at 0.9 and 0.7 (a duplicate), B at 0.6, one FP at 0.8
    image = ImageMarks("two", (_lesion(100, 100), _lesion(300, 100)),
                       (Mark(100, 100, 0.9), Mark(105, 100, 0.7), Mark(300, 110, 0.6), Mark(600, 600, 0.8)))
    matched = match_image(image)
    assert matched.lesion_scores.tolist() == [0.9, 0.6] and matched.fp_scores.tolist() == [0.8]
    # one film: (0 FP, 1/2) at 0.9, (1, 1/2) at 0.8, (1, 1) at 0.6; the duplicate at 0.7 adds no FP and no point.
    # Had it been an FP, 1 FP/image would give 1/2 and the CPM 5/7.
    values = sensitivities(matched.lesion_scores, matched.fp_scores, 1, 2)
    assert [values[f"{rate:g}"] for rate in FP_RATES] == [0.5, 0.5, 0.5, 1, 1, 1, 1]
    assert values["cpm"] == pytest.approx(5.5 / 7)
    # nodules 30 px apart (radius 20 each): a mark midway lies inside both, and finds both (as LUNA16's script)
    close = match_image(ImageMarks("close", (_lesion(100, 100), _lesion(130, 100)), (Mark(115, 100, 0.5),)))
    assert close.lesion_scores.tolist() == [0.5, 0.5] and close.fp_scores.size == 0


def test_rates_beyond_the_curve_hold_its_last_sensitivity_and_the_step_matches_luna16_without_ties():
    # 4 films, 3 nodules hit at 0.9, 0.6, 0.3 and 2 FPs at 0.7, 0.4: the curve ends at 2 / 4 = 0.5 FP/image, so 1-8
    # FP/image hold its last sensitivity, 1.0 (as np.interp, LUNA16's read-off, holds its last value)
    values = sensitivities([0.9, 0.6, 0.3], [0.7, 0.4], 4, 3)
    assert [values[f"{rate:g}"] for rate in FP_RATES] == pytest.approx([1 / 3, 2 / 3, 1, 1, 1, 1, 1])
    rng = np.random.default_rng(7)
    for _ in range(200):  # untied scores: every segment is vertical or flat, so the step and np.interp agree
        scores = rng.permutation(rng.random(int(rng.integers(5, 40))))
        lesions = np.where(rng.random(5) < 0.3, -np.inf, scores[:5])
        _, fp, sens = froc_curve(lesions, scores[5:], int(rng.integers(1, 17)), 5)
        assert [sensitivity_at(fp, sens, rate) for rate in FP_RATES] == pytest.approx(np.interp(FP_RATES, fp, sens))
    # a TP and an FP tied at 0.5 over 2 films: the step gives 0 at 0.25 FP/image (no threshold reaches it) where
    # interpolation would report 0.5
    _, fp, sens = froc_curve(np.array([0.5]), np.array([0.5]), 2, 1)
    assert sensitivity_at(fp, sens, 0.25) == 0.0 and np.interp(0.25, fp, sens) == 0.5


def test_image_auc_scores_each_film_by_its_highest_mark_and_a_film_without_marks_by_zero():
    # nodule films: 0.9 (an FP far from its nodule still counts), none → 0; normal films: 0.3, none → 0.
    # pairs: (0.9, 0.3) 1, (0.9, 0) 1, (0, 0.3) 0, (0, 0) a tie, 1/2: AUC 2.5 / 4
    films = [ImageMarks("a", (_lesion(100, 100),), (Mark(700, 700, 0.9),)), ImageMarks("b", (_lesion(100, 100),)),
             ImageMarks("c", (), (Mark(50, 50, 0.3),)), ImageMarks("d", ())]
    assert summarise(films, replicates=0)["metrics"]["image_auc"] == pytest.approx(0.625)


def _two_films(found: bool) -> list[ImageMarks]:
    """A nodule film, found at 0.9 (or a far FP at 0.9 instead), and a normal film with an FP at 0.95."""
    nodule_mark = Mark(100, 100, 0.9) if found else Mark(700, 700, 0.9)
    return [ImageMarks("nodule", (_lesion(100, 100),), (nodule_mark,)),
            ImageMarks("normal", (), (Mark(50, 50, 0.95),))]


def test_bootstrap_resamples_films_and_leaves_out_resamples_without_a_nodule():
    # Two films give three resamples: {nodule, normal} (p 1/2) scores as the study, CPM 5/7 (0 at 0.125 and 0.25
    # FP/image, where the normal film's 0.95 FP blocks, 1 from 0.5); {nodule, nodule} (1/4): no FP, CPM 1;
    # {normal, normal} (1/4): no nodule, so no sensitivity at all, which must not enter the interval as 0.
    summary = summarise(_two_films(True), replicates=1000, seed=3)
    assert summary["metrics"]["cpm"] == pytest.approx(5 / 7)
    assert summary["ci95"]["cpm"] == pytest.approx([5 / 7, 1.0])
    assert summary["ci95"]["1"] == pytest.approx([1.0, 1.0]) and summary["ci95"]["0.125"] == pytest.approx([0, 1])
    assert summary["ci95"]["image_auc"] == pytest.approx([0.0, 0.0])  # 0.9 against 0.95, whenever both are drawn
    assert summary["bootstrap"] == {"replicates": 1000, "seed": 3, "unit": "image"}


def test_paired_bootstrap_leaves_out_resamples_without_a_nodule():
    # A finds the nodule and B does not, on the same films: A − B at 1 FP/image is +1 in every resample that
    # holds the nodule film; one without it has no sensitivity and is not "A not better".
    result = paired_difference(_two_films(True), _two_films(False), replicates=1000, seed=3)
    assert result["difference"]["1"] == 1.0
    assert result["ci95"]["1"] == pytest.approx([1.0, 1.0])
    assert result["share_a_not_better"]["1"] == 0.0


def test_films_without_any_nodule_give_undefined_sensitivities_not_zero_and_the_report_says_so():
    # Normal films only (a false-positive study): FP/image is measurable, a sensitivity is not; a 0 would read as
    # a detector that missed every nodule.
    normals = [ImageMarks("normal-1", (), (Mark(50, 50, 0.95),)), ImageMarks("normal-2", (), ())]
    summary = summarise(normals, replicates=200, seed=0)
    assert all(summary["metrics"][f"{rate:g}"] is None for rate in FP_RATES) and summary["metrics"]["cpm"] is None
    assert summary["ci95"] == {} and summary["curve_end_fp_per_image"] == 0.5
    text = froc_report(summary | {"label": "normals", "split": "val"})
    assert "| CPM | n/a |" in text and "undefined" in text and "0.50 false positives per image" in text
    assert "hold its last sensitivity" not in text


def test_the_test_split_stays_refused_on_the_paths_not_guarded_elsewhere(tmp_path, capsys):
    """The figure of a report's worst cases reads test films only with the flag, and the test evaluation refuses
    the out-of-fold options that would choose anything on it (the other paths: test_jsrt, test_score_detections)."""
    from model_training import jsrt
    from model_training.cli import main
    from model_training.detection.failure_figure import failure_figure

    jsrt_dir = tmp_path / "shared" / "data" / "jsrt"
    jsrt_dir.mkdir(parents=True)
    (jsrt_dir / "cases.csv").write_text("case_id,split,has_nodule,subtlety,size_mm,x,y\n"
                                        "JPCLN002,test,1,5,21,600.0,500.0\n", encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"operating_point": "all", "max_findings_per_image": 5, "errors": [],
                                  "images": [{"path": "/x/JPCLN002.jpg", "findings": []}]}), encoding="utf-8")
    with pytest.raises(jsrt.TestSplitRefused):
        failure_figure(report, tmp_path / "shared", tmp_path / "failures.png")
    assert not (tmp_path / "failures.png").exists()
    for option in ("--tune", "--also=elsewhere"):
        assert main(["evaluate", "detector", str(tmp_path / "models"), "--evaluate-on-test", option]) == 2
        assert "never chosen on the test split" in capsys.readouterr().err
