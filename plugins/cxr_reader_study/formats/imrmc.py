"""iMRMC's input file (FDA/DIDSR): free header, ``NR/N0/N1/NM`` counts, then ``BEGIN DATA:`` and rows
``readerID,caseID,modalityID,score``; truth rows have reader -1, modality 0 and score 0/1. ROC only."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..stats.dataset import UNRATED, RatingDataset
from .table import FormatError, number, ordered_unique, truth_value


def write_imrmc(dataset: RatingDataset, path: Path | str, description: str = "cxr-reader study") -> None:
    unrated = int((dataset.ratings == UNRATED).sum())
    if unrated:
        raise ValueError(f"iMRMC needs a score for every reading; {unrated} are missing (-inf)")
    lines = [description, "", f"NR: {len(dataset.readers)}", f"N0: {dataset.n_normal}",
             f"N1: {dataset.n_abnormal}", f"NM: {len(dataset.modalities)}", "", "BEGIN DATA:"]
    lines += [f"-1,{case},0,{int(t)}" for case, t in zip(dataset.cases, dataset.truth)]
    for i, modality in enumerate(dataset.modalities):
        for j, reader in enumerate(dataset.readers):
            lines += [f"{reader},{case},{modality},{float(dataset.ratings[i, j, k])!r}"
                      for k, case in enumerate(dataset.cases)]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_imrmc(path: Path | str) -> RatingDataset:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(f"{path}: cannot read ({error})") from error
    starts = [n for n, line in enumerate(text) if line.strip().upper() == "BEGIN DATA:"]
    if not starts:
        raise FormatError(f"{path}: no 'BEGIN DATA:' line, so this is not an iMRMC input file")
    truth: dict[str, int] = {}
    readings = []
    for number_, line in enumerate(text[starts[0] + 1 :], start=starts[0] + 2):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        if len(fields) != 4:
            raise FormatError(f"{path}, line {number_}: expected reader,case,modality,score, got {line!r}")
        reader, case, modality, score = fields
        if reader == "-1":
            truth[case] = truth_value(path, number_, score)
        else:
            readings.append((number_, reader, case, modality, number(path, number_, "score", score)))
    cases = tuple(truth)
    readers = ordered_unique(r[1] for r in readings)
    modalities = ordered_unique(r[3] for r in readings)
    index = {name: {v: i for i, v in enumerate(values)} for name, values in
             (("r", readers), ("c", cases), ("m", modalities))}
    ratings = np.full((len(modalities), len(readers), len(cases)), UNRATED)
    for line, reader, case, modality, score in readings:
        if case not in index["c"]:
            raise FormatError(f"{path}, line {line}: case {case} has no truth row (reader -1)")
        ratings[index["m"][modality], index["r"][reader], index["c"][case]] = score
    try:
        return RatingDataset(readers, modalities, cases, np.array([truth[c] for c in cases]), ratings)
    except ValueError as error:
        raise FormatError(f"{path}: {error}") from error
