"""The direction of every difference the report gives, the same as ``cxr-reader analyze`` on the study's exports.

The report analysed the arms in the study file's order and printed RJafroc's earlier-minus-later differences
(unaided − aided), while ``analyze`` reports TEST − REF (aided − unaided): the same study's two outputs had
opposite signs. The report now takes analyze's arm order without ``--arms`` (``stats.arm_order``: the
workstation's arms, unaided first, whatever order the study file lists them in), the data set in analyze's
order of readers and cases (``stats.canonical_order``, so no figure moves in its last digits with the order of
the study file's readers or case list), and the same later-minus-earlier analysis
(``stats.arm_order.analyze_later_minus_earlier``).
"""

from __future__ import annotations

from html import escape

from cxr_reader_study.results.dataset_builder import FINAL_READ, FIRST_READ
from cxr_reader_study.stats.analyze import MrmcResult
from cxr_reader_study.stats.arm_order import ArmOrder

SEQUENTIAL_ARMS = ArmOrder((FIRST_READ, FINAL_READ), "the second read's order, first answer before the final one")
POSITIVE_MEANS = "a positive difference means a higher figure of merit in the later arm"


def result_record(result: MrmcResult, arms: ArmOrder) -> dict:
    """One figure of merit's JSON: analyze ``--json``'s keys, with ``arms`` saying which way the differences go."""
    return {**result.to_dict(), "arms": arms.to_dict()}


def direction_html(arms: ArmOrder) -> str:
    """The sentence every page with differences carries, so a reader need not guess the sign."""
    contrasts = ", ".join(arms.contrasts).replace(" - ", " − ")  # the report's tables print "aided − unaided"
    return (f"<p>Differences: {escape(contrasts)} (each later arm minus each earlier one; reference: "
            f"{escape(arms.order[0])}, from {escape(arms.source)}); {POSITIVE_MEANS}.</p>")
