"""Table 1 as numbers: ``table1.json``, for a statistician's own tables and checks.

``table1.csv`` holds the printed cells (``0.870 ± 0.012``), which a program must split to use, and the report
had each reader's sensitivity, specificity and DeLong interval nowhere in a file. This record gives every
(group, arm) cell's mean, SD (over readers, n−1) and number of readers, and the per-reader values they are
computed from, with the same readers and threshold as the printed table; ``labels`` names each measure as the
table prints it (in an FROC study ``auc`` is the highest-rating inferred ROC AUC).
"""

from __future__ import annotations

from dataclasses import asdict

from cxr_reader_study.design.model import Study
from cxr_reader_study.results.table_one import ALL_READERS, FOM_OF_METRIC, metric_label
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.summary import per_reader_summary, table1


def table_one_record(study: Study, dataset: RatingDataset, alpha: float) -> dict:
    """``groups``: a row per (group, arm) with ``{mean, sd}`` per measure; ``per_reader``: one row per reader
    and arm (``auc_ci_*`` DeLong, at ``confidence_level``; null where a measure does not apply)."""
    summaries = per_reader_summary(dataset, study.positive_threshold, alpha)
    groups = {reader.reader_id: reader.group for reader in study.readers}
    rows = [{key: ({"mean": value["mean"], "sd": value["sd"]} if isinstance(value, dict) else value)
             for key, value in row.items()} for row in table1(summaries, groups, ALL_READERS)]
    return {"labels": {metric: metric_label(study, metric) for metric in FOM_OF_METRIC},
            "positive_threshold": study.positive_threshold, "confidence_level": 1 - alpha,
            "n_normal": dataset.n_normal, "n_abnormal": dataset.n_abnormal, "groups": rows,
            "per_reader": [{"group": groups.get(s.reader), **asdict(s)} for s in summaries]}
