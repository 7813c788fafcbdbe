"""The standalone-AI part of the report: the AI's figures of merit with CIs and readers (per arm) vs AI."""

from __future__ import annotations

from html import escape

from cxr_reader_study.results.html import table_html
from cxr_reader_study.stats.ai_summary import AiSummary
from cxr_reader_study.stats.fom_names import fom_label


def ai_sections(summary: AiSummary, source: str, froc: bool = False) -> list[str]:
    """HTML: the AI's FOMs, then one table per figure of merit of readers' mean minus AI, per arm. ``froc``
    names the AUC as the highest-rating inferred ROC AUC (readers' highest mark, the AI's highest finding)."""
    own = [[fom_label(f.fom, froc), f"{f.value:.3f}", f"{f.ci_low:.3f}", f"{f.ci_high:.3f}", f.method]
           for f in summary.ai.values()]
    sections = [f"<p>AI scores: {escape(source)}.</p>",
                table_html(["figure of merit", "AI", "95% CI low", "95% CI high", "CI method"], own,
                           "Standalone AI performance")]
    for fom, per_arm in summary.comparisons.items():
        name = fom_label(fom, froc)
        rows = [[arm, f"{c.reader_mean_fom:.3f}", f"{c.ai_fom:.3f}", f"{c.difference:+.3f}",
                 f"{c.ci_low:+.3f}", f"{c.ci_high:+.3f}", f"{c.p:.4f}"] for arm, c in per_arm.items()]
        sections.append(table_html(
            ["readers' arm", f"readers' mean {name}", f"AI {name}", "readers − AI", "95% CI low",
             "95% CI high", "p"], rows,
            f"Readers versus standalone AI ({name}): readers' mean minus AI, positive when the readers score "
            f"higher (as cxr-reader analyze --ai-ratings); one-sample OR, random readers and cases, Hillis ddf"))
    sections += [f"<p>{escape(note)}</p>" for note in summary.notes]
    return sections
