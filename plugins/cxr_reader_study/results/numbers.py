"""How the report writes its numbers, in HTML and JSON alike.

Float noise read as findings: a difference of exactly zero printed "-0.000" for it and both CI limits, as though it had a
sign, and a p can come out a hair past 1 (or below 0) the same way. A p such as 0.5000000000000001 is left as computed
in the JSON: rounding it would part the report's figures from ``cxr-reader analyze --json``'s, which tests hold equal.
Intervals on very few degrees of freedom are kept as computed, however wide, but said to be uninformative where they
are shown: "[-0.07, 1.91]" for an AUC, with no word, read as a broken analysis.
"""

from __future__ import annotations

import math
from typing import Any

from scipy import stats

FEW_DF = 3.0  # below this the 95% t quantile exceeds 4.3 (12.7 at one degree of freedom), against 1.96 with many


def fixed(value: float | None, digits: int = 4, signed: bool = False) -> str:
    """``value`` to ``digits`` decimals ("∞" when None or infinite); a value that rounds to zero has no sign."""
    if value is None or value == math.inf:
        return "∞"
    text = f"{value:{'+' if signed else ''}.{digits}f}"
    return f"{0:.{digits}f}" if float(text) == 0 else text


def p_value(p: float) -> float:
    """``p`` within [0, 1]: float noise past either end is not a probability."""
    return min(max(p, 0.0), 1.0)


def few_df_note(df: float, alpha: float = 0.05) -> str:
    """A sentence for beside intervals on fewer than ``FEW_DF`` degrees of freedom (mostly one or two readers), else
    "". The interval is not clipped to [0, 1]: a clipped one would look informative while saying as little."""
    if not df < FEW_DF:
        return ""
    quantile = stats.t.ppf(1 - alpha / 2, df)
    return (f"Only {df:.2g} degrees of freedom: the {1 - alpha:.0%} interval is ±{quantile:.1f} standard errors "
            f"(±{stats.norm.ppf(1 - alpha / 2):.2f} with many), so it is too wide to inform and may run past 0 or 1, "
            "where no figure of merit lies. It is shown as computed, not clipped; more readers narrow it.")


def tidy_json(value: Any) -> Any:
    """``value`` with every "p" through :func:`p_value` and no negative zero, for the report's JSON files."""
    if isinstance(value, dict):
        return {key: p_value(item) if key == "p" and isinstance(item, float) else tidy_json(item)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [tidy_json(item) for item in value]
    if isinstance(value, float):
        return value + 0.0  # -0.0 + 0.0 is 0.0
    return value
