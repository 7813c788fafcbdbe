"""HTML of the MRMC results: figures of merit per arm, then each analysis with its tests and differences."""

from __future__ import annotations

from html import escape

from cxr_reader_study.results.html import table_html
from cxr_reader_study.stats.analyze import MrmcResult

ANALYSES = {"rrrc": "Random readers, random cases", "frrc": "Fixed readers, random cases",
            "rrfc": "Random readers, fixed cases"}


def _number(value: float | None, digits: int = 4) -> str:
    return "∞" if value is None or value == float("inf") else f"{value:.{digits}f}"


def mrmc_sections(results: dict[str, MrmcResult], heading: str = "") -> list[str]:
    """Tables per figure of merit; ``heading`` prefixes each section title (e.g. "Sequential reading")."""
    if not results:
        return ["<p>No MRMC analysis (it needs at least two arms and two readers).</p>"]
    sections = []
    prefix = f"{heading}: " if heading else ""
    for fom, result in results.items():
        sections.append(f"<h2>{escape(prefix + fom.upper())} — Obuchowski–Rockette (Hillis ddf)</h2>")
        per_reader = [[m] + [_number(v) for v in result.fom[i]] + [_number(result.modality_means[i])]
                      for i, m in enumerate(result.modalities)]
        sections.append(table_html(["arm", *result.readers, "mean"], per_reader, "Figure of merit per reader"))
        for key, title in ANALYSES.items():
            test = result.or_tests[key]
            rows = [[f"{d.first} − {d.second}", _number(d.estimate), _number(d.ci_low), _number(d.ci_high),
                     _number(d.p)] for d in test.differences]
            caption = f"{title}: F = {test.f:.4f}, ndf = {test.ndf}, ddf = {_number(test.ddf, 2)}, p = {test.p:.4f}"
            sections.append(table_html(["difference", "estimate", "95% CI low", "95% CI high", "p"], rows, caption))
    return sections


def primary_comparisons(results: dict[str, MrmcResult]) -> str:
    """One table for the report's front page: every pairwise arm difference, random readers and cases."""
    rows = [[fom.upper(), f"{d.first} − {d.second}", _number(d.estimate, 3), _number(d.ci_low, 3),
             _number(d.ci_high, 3), _number(d.p)]
            for fom, result in results.items() for d in result.or_tests["rrrc"].differences]
    return table_html(["figure of merit", "difference", "estimate", "95% CI low", "95% CI high", "p"], rows,
                      "Arm differences (Obuchowski–Rockette, random readers and random cases, Hillis ddf)")
