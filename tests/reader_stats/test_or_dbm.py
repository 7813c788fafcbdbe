"""Internal consistency of the OR and DBM analyses on simulated studies."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats as sps

from cxr_reader_study.stats.analyze import analyze
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.or_analysis import jackknife_covariance, or_components, or_tests
from cxr_reader_study.stats.simulate import simulate_froc, simulate_roc


@pytest.mark.parametrize("fom", ["auc", "wafroc", "sens"])
def test_or_and_dbm_agree_for_random_readers_and_cases(fom):
    """With centred jackknife pseudo-values the DBM and OR RRRC F, ddf and CIs coincide (Hillis 2005)."""
    dataset = simulate_froc(n_readers=4, n_modalities=3, seed=7)
    result = analyze(dataset, fom, threshold=0.5 if fom == "sens" else None)
    ours, dbm = result.or_tests["rrrc"], result.dbm_tests["rrrc"]
    assert ours.f == pytest.approx(dbm.f, rel=1e-9)
    assert ours.ddf == pytest.approx(dbm.ddf, rel=1e-9)
    for a, b in zip(ours.differences, dbm.differences):
        assert (a.ci_low, a.ci_high) == pytest.approx((b.ci_low, b.ci_high), rel=1e-9)
    # and the RRFC analyses are the same test in both parametrisations
    assert result.or_tests["rrfc"].f == pytest.approx(result.dbm_tests["rrfc"].f, rel=1e-9)


def test_two_modalities_pairwise_equals_global():
    result = analyze(simulate_roc(n_readers=6, seed=11))
    for test in (*result.or_tests.values(), *result.dbm_tests.values()):
        (difference,) = test.differences
        assert difference.p == pytest.approx(test.p, rel=1e-9)
        t = difference.estimate / difference.se
        assert t**2 == pytest.approx(test.f, rel=1e-9)


def test_global_test_of_five_modalities_uses_four_numerator_df():
    result = analyze(simulate_roc(n_readers=4, n_modalities=5, seed=2))
    rrrc = result.or_tests["rrrc"]
    assert rrrc.ndf == 4 and len(rrrc.differences) == 10
    c = result.or_components
    denominator = c.ms_tr + 4 * max(c.cov2 - c.cov3, 0)
    assert rrrc.f == pytest.approx(c.ms_t / denominator)
    assert rrrc.p == pytest.approx(sps.f.sf(rrrc.f, 4, rrrc.ddf))


def test_variance_components_are_averages_of_the_covariance_matrix():
    dataset = simulate_roc(n_readers=3, n_modalities=2, seed=4)
    result = analyze(dataset)
    cov = jackknife_covariance(result.jackknife.jackknife)
    c = result.or_components
    assert c.var == pytest.approx(np.mean([cov[i, j, i, j] for i in range(2) for j in range(3)]))
    assert c.cov1 == pytest.approx(np.mean([cov[0, j, 1, j] for j in range(3)]))
    assert c.cov2 == pytest.approx(np.mean([cov[i, j, i, k] for i in range(2) for j in range(3)
                                            for k in range(3) if j != k]))
    assert c.cov3 == pytest.approx(np.mean([cov[0, j, 1, k] for j in range(3) for k in range(3) if j != k]))


def test_hillis_constraint_when_cov2_is_below_cov3():
    """When Cov2 < Cov3 the error term is MS(TR) alone and ddf = (t-1)(r-1)."""
    fom = np.array([[0.80, 0.84, 0.78], [0.83, 0.85, 0.82]])
    rng = np.random.default_rng(0)
    case_effect = rng.normal(0, 0.01, 40)
    # readers respond to the case effect with opposite signs within a modality and mirrored across
    # modalities, so that same-modality reader pairs covary negatively and cross-modality pairs positively
    sign = np.array([[1.0, -1.0, 0.5], [-1.0, 1.0, -0.5]])
    jackknife = fom[..., None] + sign[..., None] * case_effect + rng.normal(0, 0.002, (2, 3, 40))
    c = or_components(fom, jackknife)
    assert c.cov2 < c.cov3
    rrrc = or_tests(fom, c, ("A", "B"))["rrrc"]
    assert rrrc.f == pytest.approx(c.ms_t / c.ms_tr)
    assert rrrc.ddf == pytest.approx(2.0)


def test_result_is_json_serialisable_with_infinite_df_as_null():
    result = analyze(simulate_roc(n_readers=3, seed=1)).to_dict()
    text = json.dumps(result, allow_nan=False)
    frrc = json.loads(text)["or"]["frrc"]
    assert frrc["ddf"] is None and frrc["chi2"] == pytest.approx(frrc["f"])


def test_analysis_refuses_a_single_modality():
    dataset = simulate_roc(n_modalities=1)
    with pytest.raises(ValueError, match="at least two"):
        analyze(dataset)


def test_dataset_rejects_nan_and_wrong_shapes():
    with pytest.raises(ValueError, match="NaN"):
        RatingDataset(("r",), ("m",), ("a", "b"), np.array([0, 1]), np.array([[[np.nan, 1.0]]]))
    with pytest.raises(ValueError, match="shape"):
        RatingDataset(("r",), ("m",), ("a", "b"), np.array([0, 1]), np.zeros((1, 2, 2)))


def test_identical_modalities_give_f_zero_and_p_one():
    dataset = simulate_roc(n_readers=3, n_modalities=1, seed=3)
    twice = RatingDataset(dataset.readers, ("A", "B"), dataset.cases, dataset.truth,
                          np.concatenate([dataset.ratings, dataset.ratings]))
    result = analyze(twice)
    for test in (*result.or_tests.values(), *result.dbm_tests.values()):
        assert test.f == 0.0 and test.p == pytest.approx(1.0)
        assert test.differences[0].estimate == 0.0
