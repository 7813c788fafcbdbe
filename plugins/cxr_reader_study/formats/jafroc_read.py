"""Reading RJafroc's JAFROC workbook (layout described in ``jafroc_xlsx``), with the case and lesion names
that ``write_jafroc`` stores beside the integer IDs."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from ..stats.dataset import RatingDataset
from .froc_builder import build_froc_dataset, froc_truth
from .jafroc_xlsx import LL_COLUMNS, NL_COLUMNS
from .table import FormatError, number


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _sheet_rows(path: Path, book, names: tuple[str, ...], required: tuple[str, ...]):
    """(line, row dict) of the first sheet whose upper-cased name is in ``names``."""
    sheets = {sheet.upper(): sheet for sheet in book.sheetnames}
    found = next((sheets[n] for n in names if n in sheets), None)
    if found is None:
        raise FormatError(f"{path}: no sheet named {' or '.join(names)}")
    rows = book[found].iter_rows(values_only=True)
    header = [_text(h) for h in next(rows, ())]
    header = [required[-1] if h.upper() in ("TP_RATING", "FP_RATING") else h for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise FormatError(f"{path}: sheet {found} lacks column(s) {', '.join(missing)}")
    out = []
    for line, values in enumerate(rows, start=2):
        row = {h: _text(v) for h, v in zip(header, values)}
        if any(row.get(c) for c in required):
            out.append((line, row))
    return found, out


@dataclass(frozen=True)
class _Names:
    """What the integer IDs stand for: the TRUTH columns CaseName and LesionName that ``write_jafroc`` adds.
    Workbooks without them (RJafroc's own) keep their IDs as names."""

    cases: dict[str, str]
    lesions: dict[tuple[str, str], str]

    @classmethod
    def of(cls, truth_rows: list[tuple[int, dict]]) -> _Names:
        return cls({row["CaseID"]: row.get("CaseName") or row["CaseID"] for _, row in truth_rows},
                   {(row["CaseID"], row["LesionID"]): row.get("LesionName") or row["LesionID"]
                    for _, row in truth_rows})

    def case(self, case_id: str) -> str:
        return self.cases.get(case_id, case_id)

    def lesion(self, case_id: str, lesion_id: str) -> str:
        return self.lesions.get((case_id, lesion_id), lesion_id)


def _truth_row(path: Path, line: int, row: dict, names: _Names) -> tuple[int, str, int, str, float | None]:
    """LesionID 0 marks a normal case; a missing lesion weight means equal weights within the case."""
    case = names.case(row["CaseID"])
    if row["LesionID"] == "0":
        return line, case, 0, "", None
    weight = number(path, line, "Weight", row["Weight"]) if row["Weight"] else None
    return line, case, 1, names.lesion(row["CaseID"], row["LesionID"]), weight


def read_jafroc(path: Path | str) -> RatingDataset:
    path = Path(path)
    try:
        # from its bytes: openpyxl refuses a workbook by its file name's extension (an export named study.csv)
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several unrelated types for non-workbooks
        raise FormatError(f"{path}: not a readable .xlsx workbook ({error})") from error
    _, truth_rows = _sheet_rows(path, book, ("TRUTH",), ("CaseID", "LesionID", "Weight"))
    _, nl_rows = _sheet_rows(path, book, ("NL", "FP"), NL_COLUMNS)
    _, ll_rows = _sheet_rows(path, book, ("LL", "TP"), LL_COLUMNS)
    paradigm = next((row.get("Paradigm", "") for _, row in truth_rows[:1]), "").upper()
    names = _Names.of(truth_rows)
    truth = froc_truth(path, [_truth_row(path, line, row, names) for line, row in truth_rows])
    marks = [(line, r["ReaderID"], r["ModalityID"], names.case(r["CaseID"]), "NL", "",
              number(path, line, "NL_Rating", r["NL_Rating"])) for line, r in nl_rows]
    marks += [(line, r["ReaderID"], r["ModalityID"], names.case(r["CaseID"]), "LL",
               names.lesion(r["CaseID"], r["LesionID"]), number(path, line, "LL_Rating", r["LL_Rating"]))
              for line, r in ll_rows]
    first = truth_rows[0][1] if truth_rows else {}
    readers = tuple(x.strip() for x in first.get("ReaderID", "").split(",") if x.strip())
    modalities = tuple(x.strip() for x in first.get("ModalityID", "").split(",") if x.strip())
    dataset = build_froc_dataset(path, truth, marks, readers, modalities)
    if paradigm != "ROC":
        return dataset
    _one_rating_each(path, marks, dict(zip(truth.cases, truth.truth)))
    return RatingDataset(dataset.readers, dataset.modalities, dataset.cases, dataset.truth, dataset.ratings)


def _one_rating_each(path: Path, marks: list, truth: dict[str, int]) -> None:
    """ROC paradigm: one FP row per normal case and reader-modality, none for an abnormal case. The case's rating
    is its highest row, so a repeated or misfiled FP row changed it without a word."""
    seen = set()
    for line, reader, modality, case, kind, _, _ in marks:
        if kind != "NL":
            continue
        if truth[case]:
            raise FormatError(f"{path}, line {line} of the FP sheet: abnormal case {case} has an FP rating (in the "
                              "ROC paradigm an abnormal case's rating is its TP row)")
        if (reader, modality, case) in seen:
            raise FormatError(f"{path}, line {line} of the FP sheet: second rating of case {case} by reader "
                              f"{reader} in modality {modality}")
        seen.add((reader, modality, case))
