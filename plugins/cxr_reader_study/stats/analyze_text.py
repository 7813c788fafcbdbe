"""The printed report of ``cxr-reader analyze``: every interval named with its confidence level and every test
and interval with its degrees of freedom, since a bare ``[low, high]`` after ``--alpha 0.1`` read as a 95% CI and
the per-arm intervals and the differences' df were only in ``--json``."""

from __future__ import annotations

import math

from .ai_summary import AiSummary
from .analyze import MrmcResult
from .result import SignificanceTest

_GENERALISATIONS = {"rrrc": "random readers and cases", "frrc": "fixed readers, random cases",
                    "rrfc": "random readers, fixed cases"}


def level(alpha: float) -> str:
    """``95% CI`` for alpha 0.05: the name every interval is printed with."""
    return f"{100 * (1 - alpha):g}% CI"


def _df(df: float) -> str:
    return "inf" if not math.isfinite(df) else f"{df:.2f}"


def _test_lines(method: str, name: str, test: SignificanceTest, ci: str) -> list[str]:
    statistic = (f"F = {test.f:.4f}, ndf = {test.ndf}, ddf = {test.ddf:.4f}" if math.isfinite(test.ddf) else
                 f"F = {test.f:.4f}, ndf = {test.ndf}, ddf = inf (chi-square = {test.f * test.ndf:.4f} "
                 f"on {test.ndf} df)")
    lines = [f"{method} {name.upper()}: {statistic}, p = {test.p:.4g}  [{_GENERALISATIONS.get(name, name)}]"]
    lines += [f"    {d.first} - {d.second}: {d.estimate:+.4f}, SE {d.se:.4f}, df {_df(d.df)}, "
              f"{ci} [{d.ci_low:+.4f}, {d.ci_high:+.4f}], p = {d.p:.4g}" for d in test.differences]
    lines += [f"    {m.modality}: {m.fom:.4f}, SE {m.se:.4f}, df {_df(m.df)}, {ci} [{m.ci_low:.4f}, {m.ci_high:.4f}]"
              for m in test.modality_estimates]
    return lines


def mrmc_text(result: MrmcResult) -> str:
    """Figures of merit per arm, the OR variance components and mean squares, then each analysis."""
    lines = [f"figure of merit: {result.fom_name} ({result.label}); {len(result.readers)} readers, "
             f"{result.n_normal} normal and {result.n_abnormal} abnormal cases; intervals are {level(result.alpha)}s"]
    if result.froc and result.definition:
        lines.append(f"  {result.label}: {result.definition}")
    lines += [f"  {m}: {v:.4f}" for m, v in zip(result.modalities, result.modality_means)]
    c = result.or_components
    lines.append(f"OR: Var {c.var:.6g}  Cov1 {c.cov1:.6g}  Cov2 {c.cov2:.6g}  Cov3 {c.cov3:.6g}  "
                 f"MS(T) {c.ms_t:.6g}  MS(R) {c.ms_r:.6g}  MS(TR) {c.ms_tr:.6g}")
    for method, tests in (("OR", result.or_tests), ("DBM", result.dbm_tests)):
        for name, test in tests.items():
            lines += _test_lines(method, name, test, level(result.alpha))
    return "\n".join(lines)


def ai_text(summary: AiSummary, alpha: float) -> str:
    """The AI's own figure of merit and the readers-minus-AI differences, each with its interval named."""
    ci = level(alpha)
    lines = [f"AI standalone {f.fom.upper()}: {f.value:.4f}, {ci} [{f.ci_low:.4f}, {f.ci_high:.4f}] ({f.method})"
             for f in summary.ai.values()]
    for fom, per_modality in summary.comparisons.items():
        lines += [f"  readers ({m}) - AI, {fom.upper()}: {c.difference:+.4f}, df {_df(c.df)}, "
                  f"{ci} [{c.ci_low:+.4f}, {c.ci_high:+.4f}], p = {c.p:.4g}" for m, c in per_modality.items()]
    return "\n".join(lines + [f"  note: {n}" for n in summary.notes])
