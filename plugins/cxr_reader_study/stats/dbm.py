"""Dorfman-Berbaum-Metz analysis: three-way ANOVA of jackknife pseudo-values with Hillis' ddf.

Pseudo-values are K * FOM - (K - 1) * FOM(leave case k out), centred so that each reader/modality's
pseudo-values average to its figure of merit (as RJafroc does); with that centring the random-readers
random-cases F equals the OR F computed from the same jackknife, a check the tests rely on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .result import SignificanceTest, f_test, hillis_ddf, modality_estimate, pairwise_differences


def pseudovalues(fom: np.ndarray, jackknife: np.ndarray) -> np.ndarray:
    """Centred jackknife pseudo-values [modality, reader, case]."""
    k = jackknife.shape[2]
    values = k * fom[..., None] - (k - 1) * jackknife
    return values + (fom - values.mean(axis=2))[..., None]


@dataclass(frozen=True)
class DbmMeanSquares:
    ms_t: float
    ms_r: float
    ms_c: float
    ms_tr: float
    ms_tc: float
    ms_rc: float
    ms_trc: float

    def to_dict(self) -> dict:
        return asdict(self)


def _centre(y: np.ndarray, keep: tuple[int, ...]) -> np.ndarray:
    """Mean over the axes not in ``keep``, broadcastable back to ``y``."""
    drop = tuple(a for a in range(y.ndim) if a not in keep)
    return y.mean(axis=drop, keepdims=True) if drop else y


def dbm_mean_squares(y: np.ndarray) -> DbmMeanSquares:
    t, r, c = y.shape
    g = y.mean()
    mt, mr, mc = _centre(y, (0,)), _centre(y, (1,)), _centre(y, (2,))
    mtr, mtc, mrc = _centre(y, (0, 1)), _centre(y, (0, 2)), _centre(y, (1, 2))
    ss = lambda effect, n: float((np.broadcast_to(effect, y.shape) ** 2).sum()) / max(n, 1)  # noqa: E731
    return DbmMeanSquares(
        ms_t=ss(mt - g, t - 1),
        ms_r=ss(mr - g, r - 1),
        ms_c=ss(mc - g, c - 1),
        ms_tr=ss(mtr - mt - mr + g, (t - 1) * (r - 1)),
        ms_tc=ss(mtc - mt - mc + g, (t - 1) * (c - 1)),
        ms_rc=ss(mrc - mr - mc + g, (r - 1) * (c - 1)),
        ms_trc=ss(y - mtr - mtc - mrc + mt + mr + mc - g, (t - 1) * (r - 1) * (c - 1)),
    )


def dbm_tests(
    fom: np.ndarray, y: np.ndarray, ms: DbmMeanSquares, modalities: tuple[str, ...], alpha: float = 0.05
) -> dict[str, SignificanceTest]:
    """RRRC (Hillis ddf), FRRC (F with (t-1)(c-1) df) and RRFC (F with (t-1)(r-1) df)."""
    t, r, c = y.shape
    means = fom.mean(axis=1)
    per = [dbm_mean_squares(y[i : i + 1]) for i in range(t)]  # per-modality reader/case mean squares

    def single(i: int, error: float, df: float):
        return modality_estimate(modalities[i], means[i], np.sqrt(error / (r * c)), df, alpha)

    def build(denominator: float, ddf: float, estimates) -> SignificanceTest:
        f, p = f_test(ms.ms_t, denominator, t - 1, ddf)
        se = float(np.sqrt(2 * denominator / (r * c)))
        return SignificanceTest(f, t - 1, ddf, p, pairwise_differences(means, modalities, se, ddf, alpha),
                                tuple(estimates))

    denominator = ms.ms_tr + max(ms.ms_tc - ms.ms_trc, 0.0)
    rrrc_single = []
    for i, p_i in enumerate(per):
        error = p_i.ms_r + max(p_i.ms_c - p_i.ms_rc, 0.0)
        rrrc_single.append(single(i, error, hillis_ddf(error, p_i.ms_r, r - 1)))
    return {
        "rrrc": build(denominator, hillis_ddf(denominator, ms.ms_tr, (t - 1) * (r - 1)), rrrc_single),
        "frrc": build(ms.ms_tc, (t - 1) * (c - 1), [single(i, p_i.ms_c, c - 1) for i, p_i in enumerate(per)]),
        "rrfc": build(ms.ms_tr, (t - 1) * (r - 1), [single(i, p_i.ms_r, r - 1) for i, p_i in enumerate(per)]),
    }
