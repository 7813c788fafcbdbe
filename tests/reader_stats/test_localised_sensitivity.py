"""FROC sensitivity is lesion-localised: a case counts as detected only when a mark at or above the threshold
lies on a lesion. Before, sensitivity used the case's highest mark wherever it lay, so a reader who marked the
wrong place confidently on every abnormal film scored sensitivity 1.

Hand-made data set, threshold 3 (cases A1-A3 abnormal, N1-N2 normal; A2 has two lesions):

* reader ``wrong``: a mark rated 5 away from the lesion on every abnormal case, nothing on normal cases.
  Localised sensitivity 0/3, lesion sensitivity 0/4, specificity 2/2; highest-rating inferred ROC AUC 1
  (every abnormal case's highest mark, 5, beats the unmarked normals), the literature's definition, unchanged.
* reader ``right``: A1 lesion rated 4; A2 lesion 1 rated 4, lesion 2 unmarked; A3 lesion rated 2 (below
  the threshold) plus a mark rated 5 elsewhere; N1 a mark rated 3, N2 none. Localised sensitivity 2/3 (A3's
  confident mark is off the lesion), lesion sensitivity 2/4, specificity 1/2.
"""

from __future__ import annotations

import numpy as np
import pytest

from cxr_reader_study.stats.analyze import analyze
from cxr_reader_study.stats.dataset import FrocMarks, RatingDataset
from cxr_reader_study.stats.fom import compute_fom
from cxr_reader_study.stats.summary import per_reader_summary

NO = -np.inf
CASES = ("A1", "A2", "A3", "N1", "N2")
TRUTH = np.array([1, 1, 1, 0, 0])
#        lesion slots per case        wrong                                right
LL = {"wrong": [[NO, NO], [NO, NO], [NO, NO], [NO, NO], [NO, NO]],
      "right": [[4, NO], [4, NO], [2, NO], [NO, NO], [NO, NO]]}
NL = {"wrong": [[5], [5], [5], [NO], [NO]],
      "right": [[NO], [NO], [5], [3], [NO]]}


def _dataset(modalities: tuple[str, ...] = ("arm",)) -> RatingDataset:
    readers = ("wrong", "right")
    ll = np.array([[LL[r] for r in readers]] * len(modalities), dtype=float)
    nl = np.array([[NL[r] for r in readers]] * len(modalities), dtype=float)
    weights = np.array([[1, 0], [0.5, 0.5], [1, 0], [0, 0], [0, 0]], dtype=float)
    lesions = (("L1",), ("L1", "L2"), ("L1",), (), ())
    ratings = np.maximum(ll.max(axis=3), nl.max(axis=3))  # the inferred ROC rating: highest mark anywhere
    return RatingDataset(readers, modalities, CASES, TRUTH, ratings, FrocMarks(lesions, weights, ll, nl))


def test_a_confident_mark_in_the_wrong_place_is_not_a_detection():
    sens = compute_fom(_dataset(), "sens", threshold=3)
    np.testing.assert_allclose(sens.fom, [[0.0, 2 / 3]])
    assert sens.jackknife_cases == ("A1", "A2", "A3")
    # leaving out one abnormal case: wrong stays 0; right loses a detection (A1, A2) or the miss (A3)
    np.testing.assert_allclose(sens.jackknife[0, 1], [1 / 2, 1 / 2, 2 / 2])
    np.testing.assert_allclose(sens.jackknife[0, 0], 0.0)
    spec = compute_fom(_dataset(), "spec", threshold=3)
    np.testing.assert_allclose(spec.fom, [[1.0, 0.5]])  # any mark >= 3 on a normal case is a false positive


def test_inferred_roc_auc_keeps_the_highest_mark_wherever_it_lies():
    auc = compute_fom(_dataset(), "auc").fom
    # wrong: 5 > unmarked on all 3 x 2 pairs; right: A1/A2 (4) beat N1 (3) and N2, A3 (5) too -> 1
    np.testing.assert_allclose(auc, [[1.0, 1.0]])


def test_per_reader_summary_reports_localised_and_lesion_sensitivity():
    rows = {row.reader: row for row in per_reader_summary(_dataset(), threshold=3)}
    assert rows["wrong"].sensitivity == 0.0 and rows["wrong"].lesion_sensitivity == 0.0
    assert rows["wrong"].specificity == 1.0 and rows["wrong"].auc == 1.0
    assert rows["right"].sensitivity == pytest.approx(2 / 3)
    assert rows["right"].lesion_sensitivity == pytest.approx(2 / 4)
    assert rows["right"].specificity == 0.5
    assert per_reader_summary(_dataset())[0].lesion_sensitivity is None  # no threshold, no binary calls


def test_mrmc_result_names_the_definition():
    result = analyze(_dataset(("unaided", "aided")), "sens", threshold=3).to_dict()
    assert result["fom_per_reader"]["unaided"] == {"wrong": 0.0, "right": pytest.approx(2 / 3)}
    assert result["label"] == "Lesion-localised sensitivity"
    assert "on a lesion" in result["definition"]
    auc = analyze(_dataset(("unaided", "aided")), "auc").to_dict()
    assert auc["label"] == "Inferred ROC AUC (highest rating)" and "wherever it lies" in auc["definition"]


def test_roc_sensitivity_is_unchanged():
    froc = _dataset()
    roc = RatingDataset(froc.readers, froc.modalities, froc.cases, froc.truth, froc.ratings)
    np.testing.assert_allclose(compute_fom(roc, "sens", threshold=3).fom, [[1.0, 1.0]])  # rating >= 3 on A1-A3
    assert per_reader_summary(roc, threshold=3)[0].lesion_sensitivity is None


@pytest.mark.shared
def test_federica_localised_sensitivity_matches_a_count_of_the_marks_file(mrmc_reference):
    """The published FROC data set (RJafroc dataset04), counted straight from its rows: a case is detected
    when it has an LL row rated >= 3; the lesion sensitivity counts LL rows rated >= 3 over all lesions."""
    import csv

    from cxr_reader_study.formats.long_csv import read_froc_csv
    from cxr_reader_study.stats.detection import lesion_sensitivity

    marks_file = mrmc_reference / "Federica_RJafroc_dataset04_froc_marks.csv"
    truth_file = mrmc_reference / "Federica_RJafroc_dataset04_froc_truth.csv"
    dataset = read_froc_csv(marks_file, truth_file)
    with truth_file.open() as handle:
        truth = list(csv.DictReader(handle))
    abnormal = {row["case"] for row in truth if row["truth"] == "1"}
    n_lesions = sum(row["truth"] == "1" for row in truth)
    with marks_file.open() as handle:
        marks = [row for row in csv.DictReader(handle) if float(row["rating"]) >= 3]
    sens, lesions = compute_fom(dataset, "sens", threshold=3).fom, lesion_sensitivity(dataset, 3)
    anywhere = 0
    for i, modality in enumerate(dataset.modalities):
        for j, reader in enumerate(dataset.readers):
            mine = [m for m in marks if (m["modality"], m["reader"]) == (modality, reader)]
            hit = {m["case"] for m in mine if m["mark_type"] == "LL"}
            assert sens[i, j] == pytest.approx(len(hit) / len(abnormal))
            assert lesions[i, j] == pytest.approx(sum(m["mark_type"] == "LL" for m in mine) / n_lesions)
            anywhere += len({m["case"] for m in mine if m["case"] in abnormal}) > len(hit)
    assert anywhere > 0  # on real readings some abnormal films are "positive" only through a mark off the lesion
