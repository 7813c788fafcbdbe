"""Table 1 of a reader study: one row per reader group (each group, then all readers), and per arm the
AUC, sensitivity and specificity as mean ± SD over the group's readers — the layout journals print.

The arithmetic belongs to the statistics package (``stats.summary``); this module feeds it the study's
reader groups and threshold and lays the rows out for CSV (flat header) and HTML (arms spanning columns).
Sensitivity and specificity need the study's ``positive_threshold``; without it those columns are left out.
In an FROC study the columns say what they count (``stats.fom_names``): the AUC is the highest-rating
inferred ROC AUC, sensitivity is lesion-localised (a confident mark in the wrong place is not a detection),
a lesion-sensitivity column gives the fraction of lesions localised, and a wAFROC column gives the study's
primary figure of merit (the per-reader values the MRMC analysis compares); the list under the table spells
this out.
"""

from __future__ import annotations

from html import escape

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.fom_names import fom_definition, fom_label
from cxr_reader_study.stats.summary import per_reader_summary, table1

ALL_READERS = "All readers"

FOM_OF_METRIC = {"auc": "auc", "wafroc": "wafroc", "sensitivity": "sens", "lesion_sensitivity": "lesion_sens",
                 "specificity": "spec"}

WAFROC_ROLE = ("; the primary figure of merit of an FROC study, per reader the same values the MRMC analysis "
               "compares between arms")


def metric_label(study: Study, metric: str) -> str:
    return fom_label(FOM_OF_METRIC[metric], study.task is Task.FROC)


def group_label(group: str) -> str:
    """"radiologist" -> "Radiologists": rows name the group of readers, as journal tables do."""
    return group[:1].upper() + group[1:] + ("" if group.endswith("s") else "s")


def _metrics(study: Study) -> list[str]:
    froc = study.task is Task.FROC
    ranking = ["auc", *(["wafroc"] if froc else [])]
    if study.positive_threshold is None:
        return ranking
    return [*ranking, "sensitivity", *(["lesion_sensitivity"] if froc else []), "specificity"]


def table_one(study: Study, dataset: RatingDataset) -> tuple[list[str], list[list[object]]]:
    """(header, rows): ``group, readers`` then ``<metric> — <arm>`` for every arm and metric."""
    metrics = _metrics(study)
    summaries = per_reader_summary(dataset, study.positive_threshold)
    groups = {reader.reader_id: reader.group for reader in study.readers}
    cells = {(row["group"], row["modality"]): row for row in table1(summaries, groups, ALL_READERS)}
    header = ["group", "readers"] + [f"{metric_label(study, m)} — {arm}" for arm in dataset.modalities for m in metrics]
    rows = []
    for group in dict.fromkeys(group for group, _ in cells):
        present = [cells[(group, arm)] for arm in dataset.modalities if (group, arm) in cells]
        label = group if group == ALL_READERS else group_label(group)
        row: list[object] = [label, max(cell["n_readers"] for cell in present)]
        for arm in dataset.modalities:
            cell = cells.get((group, arm))
            row += [cell[m]["text"] if cell else "" for m in metrics]
        rows.append(row)
    return header, rows


def table_one_html(study: Study, dataset: RatingDataset, rows: list[list[object]],
                   acceptance_radius_factor: float = 1.0) -> str:
    """The same rows with a two-level header (each arm spans its metric columns); in an FROC study followed by
    what each column counts."""
    metrics = _metrics(study)
    top = "".join(f"<th colspan='{len(metrics)}'>{escape(arm)}</th>" for arm in dataset.modalities)
    sub = "".join(f"<th>{escape(metric_label(study, m))}</th>" for _ in dataset.modalities for m in metrics)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    threshold = ("" if study.positive_threshold is None else
                 f"; a {'mark' if study.task is Task.FROC else 'rating'} rated ≥ {study.positive_threshold:g} "
                 "is a positive call")
    kind = "highest-rating inferred ROC AUC" if study.task is Task.FROC else "empirical AUC"
    caption = (f"Table 1. Reader performance per group and arm, mean ± SD over readers "
               f"({dataset.n_abnormal} abnormal, {dataset.n_normal} normal cases; {kind}{threshold}).")
    table = (f"<table><caption>{escape(caption)}</caption><tr><th rowspan='2'>Reader group</th>"
             f"<th rowspan='2'>Readers</th>{top}</tr><tr>{sub}</tr>{body}</table>")
    if study.task is not Task.FROC:
        return table
    items = "".join(f"<li><b>{escape(metric_label(study, m))}</b>: {escape(fom_definition(FOM_OF_METRIC[m], True))}"
                    f"{escape(WAFROC_ROLE if m == 'wafroc' else '')}</li>" for m in metrics)
    radius = (f"<p>A mark lies on a lesion when it is within {acceptance_radius_factor:g} × the lesion's radius of "
              "its centre, the rule that scores marks for wAFROC and the FROC curves.</p>")
    return f"{table}<ul>{items}</ul>{radius}"
