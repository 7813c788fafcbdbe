"""Per-reader descriptive results and the group x arm "Table 1" (mean ± SD over the readers of a group)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np

from .dataset import RatingDataset
from .detection import cleared, detected, lesion_sensitivity
from .froc import afroc_fom
from .roc import delong_auc_ci

METRICS = ("auc", "wafroc", "sensitivity", "lesion_sensitivity", "specificity")


@dataclass(frozen=True)
class ReaderSummary:
    """One reader in one arm; sensitivity/specificity are None without a threshold, times None if untimed.

    In FROC data ``auc`` is the highest-rating inferred ROC AUC, ``sensitivity`` is lesion-localised (a case
    counts when a mark at or above the threshold lies on a lesion) and ``lesion_sensitivity`` is the fraction
    of lesions so localised; ``lesion_sensitivity`` is None in ROC data. ``wafroc`` is the FROC study's primary
    figure of merit, from the same ``afroc_inputs`` as the MRMC analysis; None in ROC data.
    """

    reader: str
    modality: str
    auc: float
    auc_se: float
    auc_ci_low: float
    auc_ci_high: float
    sensitivity: float | None
    specificity: float | None
    time_mean: float | None
    time_median: float | None
    lesion_sensitivity: float | None = None
    wafroc: float | None = None


def per_reader_summary(dataset: RatingDataset, threshold: float | None = None,
                       alpha: float = 0.05) -> list[ReaderSummary]:
    """AUC with DeLong CI, sensitivity/specificity (and in FROC lesion sensitivity) at ``threshold``, wAFROC
    (FROC) and reading time, per reader and arm."""
    out = []
    abnormal = dataset.truth == 1
    found = clear = lesions = None
    if threshold is not None:
        found, clear = detected(dataset, threshold), cleared(dataset, threshold)
        lesions = lesion_sensitivity(dataset, threshold)
    for i, modality in enumerate(dataset.modalities):
        for j, reader in enumerate(dataset.readers):
            ratings = dataset.ratings[i, j]
            auc = delong_auc_ci(ratings[abnormal], ratings[~abnormal], alpha)
            times = None if dataset.reading_times is None else dataset.reading_times[i, j]
            timed = times is not None and np.isfinite(times).any()
            out.append(ReaderSummary(
                reader, modality, auc.auc, auc.se, auc.ci_low, auc.ci_high,
                None if found is None else float(found[i, j].mean()),
                None if clear is None else float(clear[i, j].mean()),
                float(np.nanmean(times)) if timed else None,
                float(np.nanmedian(times)) if timed else None,
                None if lesions is None else float(lesions[i, j]),
                afroc_fom(dataset, i, j, weighted=True) if dataset.is_froc else None,
            ))
    return out


def _mean_sd(values: list[float]) -> dict:
    if not values:
        return {"mean": None, "sd": None, "text": ""}
    mean = float(np.mean(values))
    sd = float(np.std(values, ddof=1)) if len(values) > 1 else None
    return {"mean": mean, "sd": sd, "text": f"{mean:.3f}" + ("" if sd is None else f" ± {sd:.3f}")}


def table1(per_reader_fom: Iterable[ReaderSummary], reader_groups: Mapping[str, str],
           all_readers_label: str = "All readers") -> list[dict]:
    """Rows (group, modality) with AUC, wAFROC and lesion sensitivity (FROC; empty text in ROC), sensitivity
    and specificity as mean ± SD (sample SD) over readers.

    Groups appear in the order of ``reader_groups``, followed by a row set over all readers; readers
    missing from ``reader_groups`` count only in the all-readers rows.
    """
    summaries = list(per_reader_fom)
    modalities = list(dict.fromkeys(s.modality for s in summaries))
    groups = list(dict.fromkeys(reader_groups.values())) + [all_readers_label]
    rows = []
    for group in groups:
        for modality in modalities:
            chosen = [s for s in summaries if s.modality == modality
                      and (group == all_readers_label or reader_groups.get(s.reader) == group)]
            if not chosen:
                continue
            row = {"group": group, "modality": modality, "n_readers": len(chosen)}
            for metric in METRICS:
                row[metric] = _mean_sd([getattr(s, metric) for s in chosen if getattr(s, metric) is not None])
            rows.append(row)
    return rows
