"""Obuchowski-Rockette (1995) analysis with jackknife covariances and Hillis (2007, 2008) degrees of freedom.

Var, Cov1, Cov2, Cov3 are the averages of the jackknife error covariance of the figures of merit over
pairs with the same modality and reader, different modality and same reader, same modality and different
reader, and both different. Hillis' constraint replaces Cov2 - Cov3 (and per modality Cov2) by 0 when it is
negative, so that a negative covariance estimate never shrinks the error term below the reader term.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .result import SignificanceTest, f_test, hillis_ddf, modality_estimate, pairwise_differences


@dataclass(frozen=True)
class OrComponents:
    var: float
    cov1: float
    cov2: float
    cov3: float
    ms_t: float
    ms_r: float
    ms_tr: float
    ms_r_per_modality: tuple[float, ...]
    var_per_modality: tuple[float, ...]
    cov2_per_modality: tuple[float, ...]

    def to_dict(self) -> dict:
        return asdict(self)


def jackknife_covariance(jackknife: np.ndarray) -> np.ndarray:
    """[M, R, M, R] jackknife covariance: (K - 1) / K times the sum of cross-products of deviations."""
    n_modalities, n_readers, k = jackknife.shape
    deviations = (jackknife - jackknife.mean(axis=2, keepdims=True)).reshape(n_modalities * n_readers, k)
    covariance = (k - 1) / k * (deviations @ deviations.T)
    return covariance.reshape(n_modalities, n_readers, n_modalities, n_readers)


def _masked_mean(values: np.ndarray, mask: np.ndarray) -> float:
    return float(values[mask].mean()) if mask.any() else float("nan")


def or_components(fom: np.ndarray, jackknife: np.ndarray) -> OrComponents:
    """Variance components and the mean squares of the modality x reader table of figures of merit."""
    n_modalities, n_readers = fom.shape
    covariance = jackknife_covariance(jackknife)
    same_modality = np.eye(n_modalities, dtype=bool)[:, None, :, None]
    same_reader = np.eye(n_readers, dtype=bool)[None, :, None, :]
    shape = covariance.shape
    var = _masked_mean(covariance, np.broadcast_to(same_modality & same_reader, shape))
    cov1 = _masked_mean(covariance, np.broadcast_to(~same_modality & same_reader, shape))
    cov2 = _masked_mean(covariance, np.broadcast_to(same_modality & ~same_reader, shape))
    cov3 = _masked_mean(covariance, np.broadcast_to(~same_modality & ~same_reader, shape))

    grand = fom.mean()
    modality_means, reader_means = fom.mean(axis=1), fom.mean(axis=0)
    ms_t = n_readers * ((modality_means - grand) ** 2).sum() / max(n_modalities - 1, 1)
    ms_r = n_modalities * ((reader_means - grand) ** 2).sum() / max(n_readers - 1, 1)
    interaction = fom - modality_means[:, None] - reader_means[None, :] + grand
    ms_tr = (interaction**2).sum() / max((n_modalities - 1) * (n_readers - 1), 1)

    ms_r_i, var_i, cov2_i = [], [], []
    off_diagonal = ~np.eye(n_readers, dtype=bool)
    for i in range(n_modalities):
        block = covariance[i, :, i, :]
        ms_r_i.append(float(fom[i].var(ddof=1)) if n_readers > 1 else float("nan"))
        var_i.append(float(np.diag(block).mean()))
        cov2_i.append(_masked_mean(block, off_diagonal))
    return OrComponents(var, cov1, cov2, cov3, float(ms_t), float(ms_r), float(ms_tr),
                        tuple(ms_r_i), tuple(var_i), tuple(cov2_i))


def or_tests(
    fom: np.ndarray, c: OrComponents, modalities: tuple[str, ...], alpha: float = 0.05
) -> dict[str, SignificanceTest]:
    """RRRC (Hillis ddf), FRRC (chi-square) and RRFC (F with (t-1)(r-1) df) tests, as in OR-DBM MRMC / RJafroc."""
    n_modalities, n_readers = fom.shape
    ndf, interaction_df = n_modalities - 1, (n_modalities - 1) * (n_readers - 1)
    means = fom.mean(axis=1)
    tests = {}

    denominator = c.ms_tr + n_readers * max(c.cov2 - c.cov3, 0.0)
    ddf = hillis_ddf(denominator, c.ms_tr, interaction_df)
    per_modality = []
    for i, name in enumerate(modalities):
        error = c.ms_r_per_modality[i] + n_readers * max(c.cov2_per_modality[i], 0.0)
        df_i = hillis_ddf(error, c.ms_r_per_modality[i], n_readers - 1)
        per_modality.append(modality_estimate(name, means[i], np.sqrt(error / n_readers), df_i, alpha))
    tests["rrrc"] = _test(c.ms_t, denominator, ndf, ddf, means, modalities, n_readers, alpha, per_modality)

    denominator = c.var - c.cov1 + (n_readers - 1) * max(c.cov2 - c.cov3, 0.0)
    per_modality = [
        modality_estimate(name, means[i], np.sqrt((c.var_per_modality[i] + (n_readers - 1)
                                                    * max(c.cov2_per_modality[i], 0.0)) / n_readers), np.inf, alpha)
        for i, name in enumerate(modalities)
    ]
    tests["frrc"] = _test(c.ms_t, denominator, ndf, np.inf, means, modalities, n_readers, alpha, per_modality)

    per_modality = [
        modality_estimate(name, means[i], np.sqrt(c.ms_r_per_modality[i] / n_readers), n_readers - 1, alpha)
        for i, name in enumerate(modalities)
    ]
    tests["rrfc"] = _test(c.ms_t, c.ms_tr, ndf, interaction_df, means, modalities, n_readers, alpha, per_modality)
    return tests


def or_analysis(
    fom: np.ndarray, jackknife: np.ndarray, modalities: tuple[str, ...], alpha: float = 0.05
) -> tuple[OrComponents, dict[str, SignificanceTest]]:
    """The whole OR analysis from a [modality, reader] FOM matrix and its [modality, reader, case] jackknife."""
    components = or_components(fom, jackknife)
    return components, or_tests(fom, components, modalities, alpha)


def _test(ms_t, denominator, ndf, ddf, means, modalities, n_readers, alpha, per_modality) -> SignificanceTest:
    f, p = f_test(ms_t, denominator, ndf, ddf)
    se_difference = float(np.sqrt(2 * denominator / n_readers))
    differences = pairwise_differences(means, modalities, se_difference, ddf, alpha)
    return SignificanceTest(f, ndf, ddf, p, differences, tuple(per_modality))
