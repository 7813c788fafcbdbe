"""HTML of the MRMC results: figures of merit per arm, then the OR and the DBM analysis, each with its tests
(random readers and cases, fixed readers, fixed cases) and differences. Each page and table with differences
names their direction (later arm minus earlier, ``results.arm_contrast``), as ``cxr-reader analyze`` does."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from cxr_reader_study.results.arm_contrast import direction_html
from cxr_reader_study.results.html import table_html
from cxr_reader_study.results.numbers import few_df_note, fixed, p_value
from cxr_reader_study.stats.analyze import MrmcResult
from cxr_reader_study.stats.arm_order import ArmOrder
from cxr_reader_study.stats.result import Difference, SignificanceTest

ANALYSES = {"rrrc": "Random readers, random cases", "frrc": "Fixed readers, random cases",
            "rrfc": "Random readers, fixed cases"}


def _note(differences: Sequence[Difference], alpha: float) -> list[str]:
    """The few-degrees-of-freedom warning once under a table whose intervals need it (``numbers.few_df_note``)."""
    note = few_df_note(min((d.df for d in differences), default=math.inf), alpha)
    return [f"<p class='warning'>{escape(note)}</p>"] if note else []


def _test_tables(tests: dict[str, SignificanceTest], alpha: float) -> list[str]:
    """One table per generalisation (random/fixed readers and cases): the global F test and the differences."""
    tables = []
    for key, title in ANALYSES.items():
        test = tests[key]
        rows = [[f"{d.first} − {d.second}", fixed(d.estimate), fixed(d.ci_low), fixed(d.ci_high),
                 fixed(p_value(d.p))] for d in test.differences]
        caption = (f"{title}: F = {fixed(test.f)}, ndf = {test.ndf}, ddf = {fixed(test.ddf, 2)}, "
                   f"p = {fixed(p_value(test.p))}")
        tables.append(table_html(["difference (later arm − earlier)", "estimate", "95% CI low", "95% CI high", "p"], rows, caption))
        tables += _note(test.differences, alpha)
    return tables


def mrmc_sections(results: dict[str, MrmcResult], arms: ArmOrder, heading: str = "") -> list[str]:
    """Tables per figure of merit, OR then DBM, after the sentence saying which way the differences go;
    ``heading`` prefixes each section title (e.g. "Sequential reading")."""
    if not results:
        return ["<p>No MRMC analysis (it needs at least two arms and two readers).</p>"]
    sections = [direction_html(arms)]
    prefix = f"{heading}: " if heading else ""
    for result in results.values():
        sections.append(f"<h2>{escape(prefix + result.label)} — Obuchowski–Rockette (Hillis ddf)</h2>")
        if result.froc and result.definition:  # FROC: say which AUC, and that sensitivity is localised
            sections.append(f"<p>{escape(result.label)}: {escape(result.definition)}.</p>")
        per_reader = [[m] + [fixed(v) for v in result.fom[i]] + [fixed(result.modality_means[i])]
                      for i, m in enumerate(result.modalities)]
        sections.append(table_html(["arm", *result.readers, "mean"], per_reader, "Figure of merit per reader"))
        sections += _test_tables(result.or_tests, result.alpha)
        sections.append(f"<h2>{escape(prefix + result.label)} — Dorfman–Berbaum–Metz (Hillis ddf)</h2>")
        sections += _test_tables(result.dbm_tests, result.alpha)
    return sections


def primary_comparisons(results: dict[str, MrmcResult], arms: ArmOrder) -> list[str]:
    """For the report's front page: the direction, then every pairwise arm difference, random readers and cases."""
    rows = [[result.label, f"{d.first} − {d.second}", fixed(d.estimate, 3), fixed(d.ci_low, 3),
             fixed(d.ci_high, 3), fixed(p_value(d.p))]
            for result in results.values() for d in result.or_tests["rrrc"].differences]
    differences = [d for result in results.values() for d in result.or_tests["rrrc"].differences]
    alpha = min((result.alpha for result in results.values()), default=0.05)
    return [direction_html(arms), table_html(
        ["figure of merit", "difference", "estimate", "95% CI low", "95% CI high", "p"], rows,
        "Arm differences, later arm minus earlier (Obuchowski–Rockette, random readers and random cases, Hillis ddf)"),
        *_note(differences, alpha)]
