"""Validation against published analyses of the classic data sets (skipped without the shared folder)."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_reader_study.formats.long_csv import read_froc_csv, read_roc_csv
from cxr_reader_study.stats.analyze import analyze

pytestmark = pytest.mark.shared


def test_van_dyke_reproduces_or_dbm_mrmc_and_rjafroc(mrmc_reference):
    """OR-DBM MRMC 2.51 / RJafroc results for Van Dyke (5 readers, 2 modalities, 114 cases)."""
    result = analyze(read_roc_csv(mrmc_reference / "VanDyke_RJafroc_dataset02_roc.csv"))
    np.testing.assert_allclose(result.modality_means, [0.8970370370, 0.9408373591], atol=5e-10)
    rrrc = result.or_tests["rrrc"]
    assert rrrc.f == pytest.approx(4.4563186932, abs=1e-7)
    assert rrrc.ddf == pytest.approx(15.2596745891, abs=1e-7)
    assert rrrc.p == pytest.approx(0.0516656858, abs=1e-8)
    (difference,) = rrrc.differences
    assert (difference.ci_low, difference.ci_high) == pytest.approx((-0.0879594986, 0.0003588544), abs=1e-9)
    frrc = result.or_tests["frrc"]
    assert frrc.f * frrc.ndf == pytest.approx(5.4759532425, abs=1e-7)
    assert frrc.p == pytest.approx(0.0192798431, abs=1e-8)
    rrfc = result.or_tests["rrfc"]
    assert rrfc.f == pytest.approx(8.704, abs=1e-7)
    assert rrfc.p == pytest.approx(0.0419587525, abs=1e-8)
    assert result.dbm_tests["rrrc"].f == pytest.approx(4.4563186932, abs=1e-7)


def test_federica_wafroc_matches_rjafroc_figures_of_merit(mrmc_reference):
    """UtilFigureOfMerit(dataset04, FOM = "wAFROC") as printed in Chakraborty's RJafroc book (7 digits)."""
    dataset = read_froc_csv(mrmc_reference / "Federica_RJafroc_dataset04_froc_marks.csv",
                            mrmc_reference / "Federica_RJafroc_dataset04_froc_truth.csv")
    published = [
        [0.7792667, 0.7248917, 0.7036250, 0.8050917],
        [0.7870000, 0.7269000, 0.7226167, 0.8037833],
        [0.7296917, 0.7157583, 0.6723083, 0.7726583],
        [0.8101333, 0.7431167, 0.6943583, 0.8294083],
        [0.7488000, 0.6822750, 0.6551750, 0.7712500],
    ]
    result = analyze(dataset, "wafroc")
    assert dataset.readers == ("1", "3", "4", "5")
    np.testing.assert_allclose(result.fom, published, atol=5e-8)


def _federica(mrmc_reference):
    return analyze(read_froc_csv(mrmc_reference / "Federica_RJafroc_dataset04_froc_marks.csv",
                                 mrmc_reference / "Federica_RJafroc_dataset04_froc_truth.csv"), "wafroc")


def test_federica_wafroc_or_analysis_matches_rjafroc(mrmc_reference):
    """StSignificanceTesting(dataset04, FOM = "wAFROC", method = "OR") as printed in the RJafroc book."""
    result = _federica(mrmc_reference)
    c = result.or_components
    assert (c.var, c.cov1, c.cov2, c.cov3) == pytest.approx(
        (0.00092808365, 0.00042203598, 0.00033615564, 0.00030431124), abs=5e-12)
    assert (c.ms_t, c.ms_r, c.ms_tr) == pytest.approx((0.00231654149, 0.01180145539, 0.00016960349), abs=5e-12)
    rrrc = result.or_tests["rrrc"]
    assert (rrrc.f, rrrc.ddf, rrrc.p) == pytest.approx((7.8002997, 36.793343, 0.000117105), abs=5e-7)
    first = rrrc.differences[0]  # trt1 - trt2
    assert (first.estimate, first.se) == pytest.approx((-0.00685625, 0.01218567), abs=5e-9)
    assert (first.ci_low, first.ci_high) == pytest.approx((-0.0315514439, 0.0178389439), abs=5e-11)
    trt1 = rrrc.modality_estimates[0]
    assert (trt1.se, trt1.df, trt1.ci_low, trt1.ci_high) == pytest.approx(
        (0.029762453, 7.7084474, 0.68413193, 0.82230557), abs=5e-8)
    frrc = result.or_tests["frrc"]
    assert (frrc.f * frrc.ndf, frrc.p) == pytest.approx((15.403026, 0.0039343238), abs=5e-7)
    assert frrc.modality_estimates[0].ci_low == pytest.approx(0.71076166, abs=5e-9)
    rrfc = result.or_tests["rrfc"]
    assert (rrfc.f, rrfc.p) == pytest.approx((13.658572, 0.00020192224), abs=5e-7)
    assert rrfc.modality_estimates[0].se == pytest.approx(0.023507547, abs=5e-10)


def test_federica_wafroc_dbm_analysis_matches_rjafroc(mrmc_reference):
    """StSignificanceTesting(dataset04, FOM = "wAFROC", method = "DBM"): mean squares and FRRC."""
    result = _federica(mrmc_reference)
    ms = result.dbm_mean_squares
    assert (ms.ms_t, ms.ms_r, ms.ms_c, ms.ms_tr, ms.ms_tc, ms.ms_rc, ms.ms_trc) == pytest.approx(
        (0.463308298, 2.360291078, 1.455285868, 0.033920699, 0.120316173, 0.212565398, 0.094840654), abs=5e-9)
    assert result.dbm_tests["rrrc"].f == pytest.approx(7.8002997, abs=5e-7)
    frrc = result.dbm_tests["frrc"]
    assert (frrc.f, frrc.ddf, frrc.p) == pytest.approx((3.8507566, 796, 0.004163522), abs=5e-7)
    assert frrc.modality_estimates[0].ci_low == pytest.approx(0.71050187, abs=5e-9)


def test_thompson_wafroc_is_consistent(mrmc_reference):
    dataset = read_froc_csv(mrmc_reference / "Thompson_RJafroc_dataset05_froc_marks.csv",
                            mrmc_reference / "Thompson_RJafroc_dataset05_froc_truth.csv")
    assert dataset.froc.n_lesions.max() > 1  # several lesions per case: weights matter
    result = analyze(dataset, "wafroc")
    assert np.all((result.fom > 0.5) & (result.fom < 1))
    (difference,) = result.or_tests["rrrc"].differences
    assert difference.p == pytest.approx(result.or_tests["rrrc"].p, rel=1e-9)
    assert result.or_tests["rrrc"].f == pytest.approx(result.dbm_tests["rrrc"].f, rel=1e-9)


def test_fedroc_five_modalities(mrmc_reference):
    result = analyze(read_roc_csv(mrmc_reference / "FedRoc_RJafroc_instJAFROC_roc.csv"))
    rrrc = result.or_tests["rrrc"]
    assert result.fom.shape == (5, 4) and rrrc.ndf == 4 and len(rrrc.differences) == 10
    assert rrrc.f == pytest.approx(result.dbm_tests["rrrc"].f, rel=1e-9)
    assert rrrc.ddf == pytest.approx(result.dbm_tests["rrrc"].ddf, rel=1e-9)


def test_franken_has_cov2_below_cov3_and_matches_rjafroc(mrmc_reference):
    """Cov2 < Cov3, so the constraint makes ddf = (t-1)(r-1); values as printed by RJafroc for dataset03."""
    result = analyze(read_roc_csv(mrmc_reference / "Franken_RJafroc_dataset03_roc.csv"))
    c = result.or_components
    assert c.cov2 < c.cov3
    rrrc = result.or_tests["rrrc"]
    assert rrrc.ddf == pytest.approx(3.0)
    assert rrrc.f == pytest.approx(c.ms_t / c.ms_tr)
    assert (rrrc.f, rrrc.p) == pytest.approx((4.6940577, 0.11883786), abs=5e-8)
    (difference,) = rrrc.differences
    assert (difference.estimate, difference.se, difference.ci_low, difference.ci_high) == pytest.approx(
        (0.010854817, 0.0050101218, -0.0050896269, 0.026799261), abs=5e-10)
    treat1, treat2 = rrrc.modality_estimates
    assert (treat1.fom, treat1.se, treat1.df, treat1.ci_low) == pytest.approx(
        (0.84774989, 0.024402152, 70.121788, 0.79908282), abs=5e-7)
    assert (treat2.se, treat2.df, treat2.ci_high) == pytest.approx((0.023566416, 253.644028, 0.88330585), abs=5e-7)
    assert (result.dbm_tests["frrc"].f, result.dbm_tests["frrc"].p) == pytest.approx((0.364, 0.548), abs=5e-4)


def test_van_dyke_per_modality_intervals_match_rjafroc(mrmc_reference):
    """ciAvgRdrEachTrt of StSignificanceTesting(dataset02, FOM = "Wilcoxon", method = "OR") in the RJafroc book
    (chapter "Illustration of the OR method"): the per-modality CIs a paper's AUC column is taken from."""
    result = analyze(read_roc_csv(mrmc_reference / "VanDyke_RJafroc_dataset02_roc.csv"))
    c = result.or_components
    assert (c.var, c.cov1, c.cov2, c.cov3) == pytest.approx(
        (0.00080228827, 0.00034661371, 0.00034407483, 0.00023902837), abs=5e-12)
    np.testing.assert_allclose(result.fom, [[0.91964573, 0.85877617, 0.90386473, 0.97310789, 0.82979066],
                                            [0.94782609, 0.90531401, 0.92173913, 0.99935588, 0.92995169]], atol=5e-9)
    published = {  # analysis: [(se, df, ci_low, ci_high) for trt0, trt1]; FRRC's are normal intervals
        "rrrc": [(0.033173597, 12.744648, 0.82522360, 0.96885048), (0.021566368, 12.710190, 0.89413783, 0.98753689)],
        "frrc": [(0.024289710, np.inf, 0.84943008, 0.94464399), (0.016776324, np.inf, 0.90795637, 0.97371835)],
        "rrfc": [(0.024829936, 4, 0.82809808, 0.96597599), (0.016153030, 4, 0.89598936, 0.98568536)],
    }
    for analysis, rows in published.items():
        for estimate, (se, df, low, high) in zip(result.or_tests[analysis].modality_estimates, rows):
            assert (estimate.se, estimate.ci_low, estimate.ci_high) == pytest.approx((se, low, high), abs=5e-9)
            assert estimate.df == pytest.approx(df, abs=5e-7)
    (frrc_difference,) = result.or_tests["frrc"].differences
    assert (frrc_difference.se, frrc_difference.ci_low, frrc_difference.ci_high) == pytest.approx(
        (0.018717483, -0.080485914, -0.0071147303), abs=5e-9)


def test_fedroc_matches_rjafroc_or_analysis(mrmc_reference):
    """FedRoc is DfFroc2Roc(dataset04), the highest-rating inferred ROC of Federica; the RJafroc book prints
    StSignificanceTesting(DfFroc2Roc(dataset04), FOM = "Wilcoxon", method = "OR") for it."""
    result = analyze(read_roc_csv(mrmc_reference / "FedRoc_RJafroc_instJAFROC_roc.csv"))
    np.testing.assert_allclose(result.fom, [[0.90425, 0.79820, 0.81175, 0.86645], [0.86425, 0.84470, 0.82050, 0.87160],
                                            [0.81295, 0.81635, 0.75275, 0.85730], [0.90235, 0.83150, 0.78865, 0.87980],
                                            [0.84140, 0.77300, 0.77115, 0.84800]], atol=5e-9)
    c = result.or_components
    assert (c.var, c.cov1, c.cov2, c.cov3) == pytest.approx(
        (7.8911924e-04, 2.9480096e-04, 2.3331406e-04, 2.1212789e-04), abs=5e-12)
    assert (c.ms_t, c.ms_r, c.ms_tr) == pytest.approx((0.00189695737, 0.00729417750, 0.00046220687), abs=5e-12)
    rrrc = result.or_tests["rrrc"]
    assert (rrrc.f, rrrc.ndf, rrrc.ddf, rrrc.p) == pytest.approx((3.4682364, 4, 16.803749, 0.030544556), abs=5e-7)
    first = rrrc.differences[0]  # trt1 - trt2
    assert (first.estimate, first.se, first.p) == pytest.approx((-0.0051, 0.016537103, 0.761570284), abs=5e-9)
    assert (first.ci_low, first.ci_high) == pytest.approx((-0.04002130451, 0.0298213045), abs=5e-10)
    assert [e.se for e in rrrc.modality_estimates] == pytest.approx(
        [0.028578244, 0.019928157, 0.026647889, 0.029408701, 0.025758346], abs=5e-9)
    assert [e.df for e in rrrc.modality_estimates] == pytest.approx(
        [5.4574766, 27.7225775, 7.0371428, 5.4032614, 6.7756525], abs=5e-7)
    frrc = result.or_tests["frrc"]
    assert (frrc.f * frrc.ndf, frrc.p) == pytest.approx((13.601264, 0.0086826618), abs=5e-7)
    assert frrc.modality_estimates[0].ci_low == pytest.approx(0.80923466, abs=5e-9)
    rrfc = result.or_tests["rrfc"]
    assert (rrfc.f, rrfc.ddf, rrfc.p) == pytest.approx((4.1041306, 12, 0.025328308), abs=5e-7)
    assert rrfc.modality_estimates[1].se == pytest.approx(0.011429811, abs=5e-10)
