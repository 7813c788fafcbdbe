"""How the curves of the report figures are drawn so that no curve hides another where they coincide.

A reader as good as the AI (both at LLF 1.0, say) used to lie exactly under the dashed AI line and could not
be seen, though the legend listed them. Shifting curves apart would misstate the data, so the order decides:
the thickest curve lies lowest and each thinner one on top of it (reader average, then the dashed AI, then
the readers, each a little thinner than the one before), and each reader has a hollow marker of its own
shape, so even two readers on the same points both show.
"""

from __future__ import annotations

AVERAGE_STYLE = {"color": "black", "linewidth": 2.6, "zorder": 2.0}
AI_STYLE = {"color": "crimson", "linestyle": "--", "linewidth": 2.0, "zorder": 3.0}
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")
_WIDEST, _THINNEST = 1.6, 0.6  # below the AI's width, so a reader drawn over it leaves its edges showing


def reader_style(index: int, count: int) -> dict[str, object]:
    """Line style of reader ``index`` of ``count``: later readers thinner and drawn above the earlier ones."""
    step = (_WIDEST - _THINNEST) / max(count - 1, 1)
    return {"linewidth": _WIDEST - index * step, "marker": _MARKERS[index % len(_MARKERS)], "markersize": 4.5,
            "markerfacecolor": "none", "alpha": 0.9, "zorder": 4.0 + index * 0.01}
