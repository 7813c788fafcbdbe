"""Hand-computed tiny cases: AUC with ties, jackknife pseudo-values, sensitivity/specificity, DeLong."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.dbm import pseudovalues
from cxr_reader_study.stats.fom import compute_fom
from cxr_reader_study.stats.roc import delong_auc_ci, empirical_auc, sensitivity, specificity


def test_auc_counts_ties_as_half():
    # abnormal {3, 2}, normal {1, 2}: pairs (3>1)=1, (3>2)=1, (2>1)=1, (2=2)=1/2 -> 3.5 / 4
    assert empirical_auc([3, 2], [1, 2]) == pytest.approx(0.875)
    assert empirical_auc([1, 1], [1, 1]) == pytest.approx(0.5)
    assert empirical_auc([0], [5]) == 0.0


def test_auc_treats_minus_inf_as_lowest_and_tied():
    assert empirical_auc([-np.inf, 2], [-np.inf, 1]) == pytest.approx((0.5 + 0 + 1 + 1) / 4)


def _tiny() -> RatingDataset:
    # cases: n1 n2 a1 a2 a3 ; ratings of one reader in one modality
    return RatingDataset(("r",), ("m",), ("n1", "n2", "a1", "a2", "a3"), np.array([0, 0, 1, 1, 1]),
                         np.array([[[1.0, 3.0, 2.0, 3.0, 4.0]]]))


def test_jackknife_and_pseudovalues_by_hand():
    jack = compute_fom(_tiny(), "auc")
    # full: pairs vs n1 (1): 1,1,1 ; vs n2 (3): 0,0.5,1 -> 4.5/6
    assert jack.fom[0, 0] == pytest.approx(0.75)
    # leave n1 out: 1.5/3; leave n2 out: 3/3; leave a1: 3.5/4; leave a2: 3/4; leave a3: 2.5/4
    expected = [0.5, 1.0, 0.875, 0.75, 0.625]
    np.testing.assert_allclose(jack.jackknife[0, 0], expected)
    raw = 5 * 0.75 - 4 * np.array(expected)
    centred = raw + 0.75 - raw.mean()
    np.testing.assert_allclose(pseudovalues(jack.fom, jack.jackknife)[0, 0], centred)


def test_sensitivity_specificity_and_their_jackknife():
    assert sensitivity([2, 3, 4], 3) == pytest.approx(2 / 3)
    assert specificity([1, 3], 3) == pytest.approx(0.5)
    sens = compute_fom(_tiny(), "sens", threshold=3)
    assert sens.jackknife_cases == ("a1", "a2", "a3")
    np.testing.assert_allclose(sens.jackknife[0, 0], [1.0, 0.5, 0.5])
    spec = compute_fom(_tiny(), "spec", threshold=3)
    assert spec.fom[0, 0] == pytest.approx(0.5)
    np.testing.assert_allclose(spec.jackknife[0, 0], [0.0, 1.0])
    with pytest.raises(ValueError, match="threshold"):
        compute_fom(_tiny(), "sens")


def test_delong_matches_structural_components_by_hand():
    abnormal, normal = np.array([2.0, 3.0, 4.0]), np.array([1.0, 3.0])
    result = delong_auc_ci(abnormal, normal)
    v10 = np.array([0.5, 0.75, 1.0])  # each abnormal case's mean kernel over the normals
    v01 = np.array([1.0, 0.5])  # each normal case's mean kernel over the abnormals
    variance = v10.var(ddof=1) / 3 + v01.var(ddof=1) / 2
    assert result.auc == pytest.approx(0.75)
    assert result.se == pytest.approx(np.sqrt(variance))
    assert result.ci_low == pytest.approx(0.75 - 1.959963984540054 * np.sqrt(variance))
    assert result.ci_high == 1.0  # clipped
