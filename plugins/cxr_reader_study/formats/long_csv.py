"""The long CSV exchange format: one row per rating (ROC) or per mark (FROC) plus a lesion truth file.

ROC:  ``reader,modality,case,truth,rating[,reading_time]``
FROC: ``reader,modality,case,truth,mark_type,lesion_id,rating`` (mark_type LL or NL) and a truth file
``case,truth,n_lesions,lesion_id,weight`` (one row per lesion; normal cases one row with n_lesions 0).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from ..stats.dataset import UNRATED, RatingDataset
from .table import FormatError, distinct_names, named, number, read_rows, truth_value
from .froc_builder import build_froc_dataset, read_froc_truth

ROC_COLUMNS = ("reader", "modality", "case", "truth", "rating")
FROC_COLUMNS = ("reader", "modality", "case", "truth", "mark_type", "lesion_id", "rating")


def is_froc_file(path: Path) -> bool:
    """True when the ratings file has FROC mark columns."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle), [])
    return {"mark_type", "lesion_id"} <= {name.strip() for name in header}


def read_roc_csv(path: Path | str) -> RatingDataset:
    path = Path(path)
    rows = read_rows(path, ROC_COLUMNS)
    if not rows:
        raise FormatError(f"{path}: no ratings")
    for line, row in rows:
        named(path, line, row, ("reader", "modality", "case"))
    readers, modalities, cases = (distinct_names(path, column, ((line, row[column]) for line, row in rows))
                                  for column in ("reader", "modality", "case"))
    r_index, m_index, c_index = ({v: i for i, v in enumerate(x)} for x in (readers, modalities, cases))
    ratings = np.full((len(modalities), len(readers), len(cases)), UNRATED)
    times = np.full(ratings.shape, np.nan) if "reading_time" in rows[0][1] else None
    truth = np.full(len(cases), -1)
    for line, row in rows:
        k = c_index[row["case"]]
        value = truth_value(path, line, row["truth"])
        if truth[k] not in (-1, value):
            raise FormatError(f"{path}, line {line}: case {row['case']} has truth {value} here and {truth[k]} before")
        truth[k] = value
        cell = (m_index[row["modality"]], r_index[row["reader"]], k)
        if ratings[cell] != UNRATED:
            raise FormatError(f"{path}, line {line}: second rating of case {row['case']} by reader "
                              f"{row['reader']} in modality {row['modality']}")
        ratings[cell] = number(path, line, "rating", row["rating"])
        if times is not None and row.get("reading_time"):
            times[cell] = number(path, line, "reading_time", row["reading_time"])
    try:
        return RatingDataset(readers, modalities, cases, truth, ratings, reading_times=times)
    except ValueError as error:
        raise FormatError(f"{path}: {error}") from error


def write_roc_csv(dataset: RatingDataset, path: Path | str) -> None:
    """Writes every rated cell (unrated -inf cells are left out, as in the input)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        timed = dataset.reading_times is not None
        writer.writerow(ROC_COLUMNS + (("reading_time",) if timed else ()))
        for i, modality in enumerate(dataset.modalities):
            for j, reader in enumerate(dataset.readers):
                for k, case in enumerate(dataset.cases):
                    rating = dataset.ratings[i, j, k]
                    if rating == UNRATED:
                        continue
                    row = [reader, modality, case, int(dataset.truth[k]), repr(float(rating))]
                    if timed:
                        seconds = dataset.reading_times[i, j, k]
                        row.append("" if np.isnan(seconds) else repr(float(seconds)))
                    writer.writerow(row)


def read_froc_csv(marks_path: Path | str, truth_path: Path | str) -> RatingDataset:
    marks_path = Path(marks_path)
    truth = read_froc_truth(Path(truth_path))
    truth_of = dict(zip(truth.cases, truth.truth))
    marks = []
    for line, row in read_rows(marks_path, FROC_COLUMNS):
        named(marks_path, line, row, ("reader", "modality", "case"))
        value = truth_value(marks_path, line, row["truth"])  # was ignored: the truth file's word went unchecked
        if row["case"] in truth_of and truth_of[row["case"]] != value:
            raise FormatError(f"{marks_path}, line {line}: case {row['case']} has truth {value} here and "
                              f"{truth_of[row['case']]} in {truth_path}")
        kind = row["mark_type"].upper()
        if kind not in ("LL", "NL"):
            raise FormatError(f"{marks_path}, line {line}: mark_type must be LL or NL, got {row['mark_type']!r}")
        rating = number(marks_path, line, "rating", row["rating"])
        marks.append((line, row["reader"], row["modality"], row["case"], kind, row["lesion_id"], rating))
    return build_froc_dataset(marks_path, truth, marks)


def write_froc_csv(dataset: RatingDataset, marks_path: Path | str, truth_path: Path | str) -> None:
    froc = dataset.froc
    if froc is None:
        raise ValueError("write_froc_csv needs an FROC data set")
    with open(truth_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("case", "truth", "n_lesions", "lesion_id", "weight"))
        for k, case in enumerate(dataset.cases):
            ids = froc.lesion_ids[k]
            if not ids:
                writer.writerow((case, int(dataset.truth[k]), 0, "", ""))
            for slot, lesion_id in enumerate(ids):
                writer.writerow((case, 1, len(ids), lesion_id, repr(float(froc.lesion_weights[k, slot]))))
    with open(marks_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FROC_COLUMNS)
        for i, modality in enumerate(dataset.modalities):
            for j, reader in enumerate(dataset.readers):
                for k, case in enumerate(dataset.cases):
                    base = (reader, modality, case, int(dataset.truth[k]))
                    for rating in froc.nl_ratings[i, j, k][np.isfinite(froc.nl_ratings[i, j, k])]:
                        writer.writerow(base + ("NL", "", repr(float(rating))))
                    for slot, lesion_id in enumerate(froc.lesion_ids[k]):
                        rating = froc.ll_ratings[i, j, k, slot]
                        if np.isfinite(rating):
                            writer.writerow(base + ("LL", lesion_id, repr(float(rating))))
