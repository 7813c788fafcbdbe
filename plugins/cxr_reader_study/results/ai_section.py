"""The standalone-AI part of the report: the AI's figures of merit with CIs and readers (per arm) vs AI."""

from __future__ import annotations

from html import escape

from cxr_reader_study.results.html import table_html
from cxr_reader_study.results.numbers import few_df_note, fixed, p_value
from cxr_reader_study.stats.ai_summary import AiSummary
from cxr_reader_study.stats.fom_names import fom_label


def ai_sections(summary: AiSummary, source: str, froc: bool = False, alpha: float = 0.05) -> list[str]:
    """HTML: the AI's FOMs, then one table per figure of merit of readers' mean minus AI, per arm. ``froc``
    names the AUC as the highest-rating inferred ROC AUC (readers' highest mark, the AI's highest finding)."""
    own = [[fom_label(f.fom, froc), fixed(f.value, 3), fixed(f.ci_low, 3), fixed(f.ci_high, 3), f.method]
           for f in summary.ai.values()]
    sections = [f"<p>AI scores: {escape(source)}.</p>",
                table_html(["figure of merit", "AI", "95% CI low", "95% CI high", "CI method"], own,
                           "Standalone AI performance")]
    for fom, per_arm in summary.comparisons.items():
        name = fom_label(fom, froc)
        rows = [[arm, fixed(c.reader_mean_fom, 3), fixed(c.ai_fom, 3), fixed(c.difference, 3, signed=True),
                 fixed(c.ci_low, 3, signed=True), fixed(c.ci_high, 3, signed=True), fixed(p_value(c.p))]
                for arm, c in per_arm.items()]
        sections.append(table_html(
            ["readers' arm", f"readers' mean {name}", f"AI {name}", "readers − AI", "95% CI low",
             "95% CI high", "p"], rows,
            f"Readers versus standalone AI ({name}): readers' mean minus AI, positive when the readers score "
            f"higher (as cxr-reader analyze --ai-ratings); one-sample OR, random readers and cases, Hillis ddf"))
        note = few_df_note(min(c.df for c in per_arm.values()), alpha)
        sections += [f"<p class='warning'>{escape(note)}</p>"] if note else []
    sections += [f"<p>{escape(note)}</p>" for note in summary.notes]
    return sections
