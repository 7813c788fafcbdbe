"""Building an FROC RatingDataset from a lesion truth table and a list of marks (any source format)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..stats.dataset import UNRATED, FrocMarks, RatingDataset
from .table import FormatError, distinct_names, number, read_rows, truth_value


@dataclass(frozen=True)
class FrocTruth:
    cases: tuple[str, ...]
    truth: np.ndarray
    lesion_ids: tuple[tuple[str, ...], ...]
    lesion_weights: np.ndarray  # [case, max_lesions]


def froc_truth(path: Path, rows: list[tuple[int, str, int, str, float | None]]) -> FrocTruth:
    """From (line, case, truth, lesion_id, weight or None) rows; missing weights become 1 / n_lesions."""
    cases = distinct_names(path, "case", ((line, case) for line, case, _, _, _ in rows))
    truth = {}
    lesions: dict[str, dict[str, float | None]] = defaultdict(dict)
    for line, case, value, lesion_id, weight in rows:
        if truth.setdefault(case, value) != value:
            raise FormatError(f"{path}, line {line}: case {case} is listed both normal and abnormal")
        if value == 1:
            if not lesion_id:
                raise FormatError(f"{path}, line {line}: abnormal case {case} needs a lesion_id")
            if lesion_id in lesions[case]:
                raise FormatError(f"{path}, line {line}: lesion {lesion_id} of case {case} is listed twice")
            lesions[case][lesion_id] = weight
    ids = tuple(tuple(lesions[case]) for case in cases)
    weights = np.zeros((len(cases), max(1, max(len(i) for i in ids))))
    for k, case in enumerate(cases):
        given = list(lesions[case].values())
        for slot, weight in enumerate(given):
            weights[k, slot] = 1.0 / len(given) if weight is None else weight
        if given and not np.isclose(weights[k].sum(), 1.0):
            raise FormatError(f"{path}: lesion weights of case {case} sum to {weights[k].sum():g}, not 1")
    return FrocTruth(cases, np.array([truth[c] for c in cases]), ids, weights)


def read_froc_truth(path: Path) -> FrocTruth:
    """The long-format truth file ``case,truth,n_lesions,lesion_id,weight``."""
    rows = []
    declared: dict[str, list[tuple[int, str]]] = defaultdict(list)  # abnormal case: (line, n_lesions) per row
    for line, row in read_rows(path, ("case", "truth", "n_lesions", "lesion_id", "weight")):
        weight = number(path, line, "weight", row["weight"]) if row["weight"] else None
        value = truth_value(path, line, row["truth"])
        if value == 0 and (row["lesion_id"] or row["n_lesions"] not in ("", "0")):
            raise FormatError(f"{path}, line {line}: normal case {row['case']} lists a lesion (n_lesions "
                              f"{row['n_lesions'] or 'blank'}, lesion_id {row['lesion_id'] or 'blank'})")
        if value == 1:
            declared[row["case"]].append((line, row["n_lesions"]))
        rows.append((line, row["case"], value, row["lesion_id"], weight))
    if not rows:
        raise FormatError(f"{path}: no cases")
    _check_lesion_counts(path, declared)
    return froc_truth(path, rows)


def _check_lesion_counts(path: Path, declared: dict[str, list[tuple[int, str]]]) -> None:
    """Each abnormal case's ``n_lesions`` (where given) must match its lesion rows: a row lost in a copy otherwise
    gave the remaining lesions larger default weights (1/1 instead of 1/2) without a word."""
    for case, entries in declared.items():
        for line, text in entries:
            if text and number(path, line, "n_lesions", text) != len(entries):
                raise FormatError(f"{path}, line {line}: case {case} has n_lesions {text} but {len(entries)} "
                                  "lesion row(s)")


Mark = tuple[int, str, str, str, str, str, float]  # line, reader, modality, case, LL/NL, lesion_id, rating


def build_froc_dataset(path: Path, truth: FrocTruth, marks: list[Mark],
                       readers: tuple[str, ...] = (), modalities: tuple[str, ...] = ()) -> RatingDataset:
    """Dense mark arrays; readers/modalities default to those that appear in the marks, in that order."""
    # declared names (a JAFROC TRUTH sheet's lists) and the marks' spellings together, so "r1" in a mark and a declared
    # "R1" are named as one reader spelt two ways rather than as an undeclared reader
    found = [distinct_names(path, label, [(None, name) for name in declared] + [(m[0], m[column]) for m in marks])
             for label, declared, column in (("reader", readers, 1), ("modality", modalities, 2),
                                             ("case", truth.cases, 3))]
    readers, modalities = readers or found[0], modalities or found[1]
    if not readers or not modalities:
        raise FormatError(f"{path}: no marks")
    r_index, m_index, c_index = ({v: i for i, v in enumerate(x)} for x in (readers, modalities, truth.cases))
    shape = (len(modalities), len(readers), len(truth.cases))
    ll = np.full(shape + (truth.lesion_weights.shape[1],), UNRATED)
    nl_lists: dict[tuple[int, int, int], list[float]] = defaultdict(list)
    for line, reader, modality, case, kind, lesion_id, rating in marks:
        if case not in c_index:
            raise FormatError(f"{path}, line {line}: case {case} is not in the truth table")
        for label, value, index in (("reader", reader, r_index), ("modality", modality, m_index)):
            if value not in index:
                raise FormatError(f"{path}, line {line}: {label} {value} is not declared in the truth table")
        cell = (m_index[modality], r_index[reader], c_index[case])
        if kind == "NL":
            nl_lists[cell].append(rating)
            continue
        ids = truth.lesion_ids[cell[2]]
        if lesion_id not in ids:
            raise FormatError(f"{path}, line {line}: case {case} has no lesion {lesion_id!r}")
        slot = ids.index(lesion_id)
        if ll[cell + (slot,)] != UNRATED:
            raise FormatError(f"{path}, line {line}: lesion {lesion_id} of case {case} is marked twice by "
                              f"reader {reader} in modality {modality}")
        ll[cell + (slot,)] = rating
    nl = np.full(shape + (max([1] + [len(v) for v in nl_lists.values()]),), UNRATED)
    for cell, values in nl_lists.items():
        nl[cell][: len(values)] = sorted(values, reverse=True)
    inferred_roc = np.maximum(ll.max(axis=3), nl.max(axis=3))
    froc = FrocMarks(truth.lesion_ids, truth.lesion_weights, ll, nl)
    try:
        return RatingDataset(readers, modalities, truth.cases, truth.truth, inferred_roc, froc)
    except ValueError as error:
        raise FormatError(f"{path}: {error}") from error
