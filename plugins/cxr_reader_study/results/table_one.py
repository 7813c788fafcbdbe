"""Table 1 of a reader study: AUC, sensitivity and specificity per reader group and arm (mean ± SD).

The arithmetic belongs to the statistics package (``stats.summary``); this module feeds it the study's
reader groups and threshold and flattens its rows for CSV and HTML.
"""

from __future__ import annotations

from cxr_reader_study.design.model import Study
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.summary import METRICS, per_reader_summary, table1

TABLE1_HEADER = ["group", "arm", "readers", *(f"{metric} (mean ± SD)" for metric in METRICS)]


def table_one(study: Study, dataset: RatingDataset) -> list[list[object]]:
    summaries = per_reader_summary(dataset, study.positive_threshold)
    groups = {reader.reader_id: reader.group for reader in study.readers}
    return [
        [row["group"], row["modality"], row["n_readers"], *(row[metric]["text"] for metric in METRICS)]
        for row in table1(summaries, groups)
    ]
