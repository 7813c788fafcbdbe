"""Table 1 of an FROC study shows the wAFROC, the primary figure of merit, as mean ± SD over readers.

Before, wAFROC appeared only in the MRMC section. The definition (Chakraborty; RJafroc's ``wAFROC``):
wAFROC = 1 / (N0 * N1) * sum over normal cases n, abnormal cases a and lesions l of a of
w_l * psi(FP_n, LL_l), where FP_n is the highest non-lesion mark on normal case n (unmarked: -inf), LL_l the
lesion's rating (unmarked: -inf), psi = 1 if LL_l > FP_n, ½ on a tie, 0 otherwise, and each abnormal case's
lesion weights sum to 1. Marks off the lesion on abnormal cases do not enter.

Cases: A1 (one lesion, weight 1), A2 (two lesions, weight ½ each), N1, N2; N0 = N1 = 2, so each reader's
wAFROC is (the weighted pair sum) / 4. "-" is unmarked. By hand:

unaided
* R1: A1 lesion 4 (plus a mark rated 5 off the lesion: ignored); A2 lesions 3, -; N1 3, N2 -.
  A1: 4>3, 4>- -> 2. A2 l1: 3=3, 3>- -> 1.5 x ½; l2: -<3, -=- -> 0.5 x ½. Sum 3 -> 0.75.
* R2: A1 2; A2 5, 5; N1 4, N2 2. A1: 2<4, 2=2 -> 0.5. A2: each lesion beats both -> 2 x ½ x 2 = 2.
  Sum 2.5 -> 0.625.
* R3: A1 -; A2 -, 4; N1 5, N2 -. A1: -<5, -=- -> 0.5. A2 l1: 0.5 x ½; l2: 4<5, 4>- -> 1 x ½.
  Sum 1.25 -> 0.3125.
aided
* R1: A1 5; A2 5, 5; normals unmarked -> every pair won -> 1.
* R2: A1 4; A2 4, -; N1 2, N2 -. A1: 2. A2 l1: 2 x ½; l2: -<2, -=- -> 0.5 x ½. Sum 3.25 -> 0.8125.
* R3: A1 3; A2 3, 3; N1 3, N2 -. A1: 3=3, 3>- -> 1.5. A2: 1.5 x ½ x 2 = 1.5. Sum 3 -> 0.75.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import mean, stdev

import numpy as np

from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.results.table_one import table_one, table_one_html
from cxr_reader_study.stats.dataset import FrocMarks, RatingDataset
from cxr_reader_study.stats.fom import compute_fom

NO = -np.inf
ARMS = ("unaided", "aided")
READERS = ("R1", "R2", "R3")  # the demo study's groups: R1, R3 radiologists; R2 non-radiologist
HAND_WAFROC = {"unaided": {"R1": 0.75, "R2": 0.625, "R3": 0.3125},
               "aided": {"R1": 1.0, "R2": 0.8125, "R3": 0.75}}
#             lesion slots of A1, A2, N1, N2                             non-lesion mark of A1, A2, N1, N2
LL = {"unaided": {"R1": [[4, NO], [3, NO], [NO, NO], [NO, NO]], "R2": [[2, NO], [5, 5], [NO, NO], [NO, NO]],
                  "R3": [[NO, NO], [NO, 4], [NO, NO], [NO, NO]]},
      "aided": {"R1": [[5, NO], [5, 5], [NO, NO], [NO, NO]], "R2": [[4, NO], [4, NO], [NO, NO], [NO, NO]],
                "R3": [[3, NO], [3, 3], [NO, NO], [NO, NO]]}}
NL = {"unaided": {"R1": [[5], [NO], [3], [NO]], "R2": [[NO], [NO], [4], [2]], "R3": [[NO], [NO], [5], [NO]]},
      "aided": {"R1": [[NO], [NO], [NO], [NO]], "R2": [[NO], [NO], [2], [NO]], "R3": [[NO], [NO], [3], [NO]]}}


def _dataset() -> RatingDataset:
    ll = np.array([[LL[arm][r] for r in READERS] for arm in ARMS], dtype=float)
    nl = np.array([[NL[arm][r] for r in READERS] for arm in ARMS], dtype=float)
    weights = np.array([[1, 0], [0.5, 0.5], [0, 0], [0, 0]], dtype=float)
    marks = FrocMarks((("L1",), ("L1", "L2"), (), ()), weights, ll, nl)
    ratings = np.maximum(ll.max(axis=3), nl.max(axis=3))  # inferred ROC rating: the highest mark anywhere
    return RatingDataset(READERS, ARMS, ("A1", "A2", "N1", "N2"), np.array([1, 1, 0, 0]), ratings, marks)


def _text(values: list[float]) -> str:
    return f"{mean(values):.3f}" + (f" ± {stdev(values):.3f}" if len(values) > 1 else "")


def test_the_mrmc_figure_of_merit_is_the_hand_computed_wafroc():
    np.testing.assert_allclose(compute_fom(_dataset(), "wafroc").fom,
                               [[HAND_WAFROC[arm][r] for r in READERS] for arm in ARMS])


def test_froc_table_one_shows_wafroc_mean_and_sd_per_group_and_arm(tmp_path):
    study = load_study(write_demo_study(tmp_path / "froc", task="froc", readers=3, washout_days=0))
    header, rows = table_one(study, _dataset())
    assert header[:4] == ["group", "readers", "Inferred ROC AUC (highest rating) — unaided", "wAFROC — unaided"]
    table = {row[0]: dict(zip(header, row)) for row in rows}
    groups = {"Radiologists": ("R1", "R3"), "Non-radiologists": ("R2",), "All readers": READERS}
    for group, members in groups.items():
        for arm in ARMS:
            assert table[group][f"wAFROC — {arm}"] == _text([HAND_WAFROC[arm][r] for r in members]), (group, arm)
    assert table["All readers"]["wAFROC — unaided"] == "0.562 ± 0.225"  # 0.5625 ± sqrt(0.1015625 / 2)

    page = table_one_html(study, _dataset(), rows)
    assert page.count("<th>wAFROC</th>") == 2  # one column per arm
    assert "<li><b>wAFROC</b>: weighted AFROC" in page and "primary figure of merit of an FROC study" in page
    assert "ties counting ½" in page


def test_froc_table_one_without_threshold_still_shows_wafroc(tmp_path):
    study = load_study(write_demo_study(tmp_path / "froc", task="froc", readers=3, washout_days=0))
    header, _ = table_one(replace(study, positive_threshold=None), _dataset())
    assert header == ["group", "readers", *(f"{m} — {arm}" for arm in ARMS
                                             for m in ("Inferred ROC AUC (highest rating)", "wAFROC"))]


def test_roc_table_one_has_no_wafroc(roc_study):
    roc = RatingDataset(("R1", "R2"), ARMS, ("A", "N"), np.array([1, 0]), np.array([[[4, 2]] * 2] * 2, float))
    study = replace(roc_study, readers=roc_study.readers[:2])
    header, _ = table_one(study, roc)
    assert header == ["group", "readers", *(f"{m} — {arm}" for arm in ARMS for m in ("AUC", "Sensitivity",
                                                                                     "Specificity"))]
