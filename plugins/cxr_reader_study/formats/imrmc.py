"""iMRMC's input file (FDA/DIDSR): free header, ``NR/N0/N1/NM`` counts, then ``BEGIN DATA:`` and rows
``readerID,caseID,modalityID,score``; truth rows have reader -1, modality 0 and score 0/1. ROC only."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from ..stats.dataset import UNRATED, RatingDataset
from .table import FormatError, distinct_names, number, truth_value


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
    starts = [n for n, line in enumerate(text) if is_data_start(line)]
    if not starts:
        raise FormatError(f"{path}: no 'BEGIN DATA:' line, so this is not an iMRMC input file")
    truth: dict[str, int] = {}
    truth_lines: list[tuple[int, str]] = []
    readings: dict[tuple[str, str, str], tuple[int, float]] = {}
    for number_, line in enumerate(text[starts[0] + 1 :], start=starts[0] + 2):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        if len(fields) != 4 or not all(fields[:3]):
            raise FormatError(f"{path}, line {number_}: expected reader,case,modality,score, got {line!r}")
        reader, case, modality, score = fields
        if reader == "-1":  # a repeated row replaced the earlier one: a case could turn abnormal unseen
            if case in truth:
                raise FormatError(f"{path}, line {number_}: case {case} has a second truth row (reader -1)")
            truth[case] = truth_value(path, number_, score)
            truth_lines.append((number_, case))
        elif (reader, case, modality) in readings:
            raise FormatError(f"{path}, line {number_}: second score of case {case} by reader {reader} in "
                              f"modality {modality}")
        else:
            readings[reader, case, modality] = number_, number(path, number_, "score", score)
    distinct_names(path, "case", truth_lines + [(line, key[1]) for key, (line, _) in readings.items()])
    cases = tuple(truth)
    readers, modalities = (distinct_names(path, label, [(line, key[k]) for key, (line, _) in readings.items()])
                           for label, k in (("reader", 0), ("modality", 2)))
    index = {name: {v: i for i, v in enumerate(values)} for name, values in
             (("r", readers), ("c", cases), ("m", modalities))}
    ratings = np.full((len(modalities), len(readers), len(cases)), UNRATED)
    for (reader, case, modality), (line, score) in readings.items():
        if case not in index["c"]:
            raise FormatError(f"{path}, line {line}: case {case} has no truth row (reader -1)")
        ratings[index["m"][modality], index["r"][reader], index["c"][case]] = score
    try:
        dataset = RatingDataset(readers, modalities, cases, np.array([truth[c] for c in cases]), ratings)
    except ValueError as error:
        raise FormatError(f"{path}: {error}") from error
    _check_counts(path, text[: starts[0]], dataset)
    return dataset


def header_line(line: str) -> str:
    """A header line without the trailing commas a spreadsheet adds when it saves the file (``NR: 4,,,``), which
    iMRMC strips too."""
    return line.strip().rstrip(",").strip()


def is_data_start(line: str) -> bool:
    """The ``BEGIN DATA:`` line that ends the header (any case, trailing commas allowed): how a file is known as
    iMRMC's, by ``ratings_file`` as well as here."""
    return header_line(line).upper() == "BEGIN DATA:"


COUNT_LINE = re.compile(r"(NR|N0|N1|NM)\s*:\s*([0-9]+)", re.IGNORECASE)


def header_counts(header: list[str]) -> dict[str, int]:
    """The counts a header declares: lines that are only ``NR: 5`` (``N0``, ``N1``, ``NM``), trailing commas of a
    spreadsheet's save allowed. Any other line before ``BEGIN DATA:`` is the free description, whatever it starts
    with (``NR: four radiologists from two sites``, ``N1: abnormal = biopsy-proven``); a key given twice counts with
    its last line, the one iMRMC itself keeps (it reads the header top to bottom, each count line overwriting)."""
    counts = {}
    for line in header:
        match = COUNT_LINE.fullmatch(header_line(line))
        if match:
            counts[match[1].upper()] = int(match[2])
    return counts


def _check_counts(path: Path, header: list[str], dataset: RatingDataset) -> None:
    """The header's counts are the file's own statement of the study's size: a truncated copy (a reader's rows
    lost) was analysed as a smaller study without a word."""
    found = {"NR": len(dataset.readers), "N0": dataset.n_normal, "N1": dataset.n_abnormal,
             "NM": len(dataset.modalities)}
    for key, value in header_counts(header).items():
        if value != found[key]:
            raise FormatError(f"{path}: the header declares {key}: {value} but the data have {found[key]}")
