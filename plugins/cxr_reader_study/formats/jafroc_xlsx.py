"""RJafroc's JAFROC workbook: sheets TRUTH (CaseID, LesionID, Weight[, ReaderID, ModalityID, Paradigm]),
NL (ReaderID, ModalityID, CaseID, NL_Rating) and LL (ReaderID, ModalityID, CaseID, LesionID, LL_Rating).

ROC studies use the same layout (Paradigm ROC): a normal case's rating is its NL row, an abnormal case's its
LL row with LesionID 1. Normal cases appear in TRUTH with LesionID 0 and Weight 0. The older sheet names
FP/TP (FP_Rating/TP_Rating) are accepted on reading.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl

from ..stats.dataset import UNRATED, RatingDataset

TRUTH_COLUMNS = ("CaseID", "LesionID", "Weight", "ReaderID", "ModalityID", "Paradigm")
NL_COLUMNS = ("ReaderID", "ModalityID", "CaseID", "NL_Rating")
LL_COLUMNS = ("ReaderID", "ModalityID", "CaseID", "LesionID", "LL_Rating")


def _cell(value: str):
    """IDs go out as integers when they are integers (RJafroc requires numeric case and lesion IDs)."""
    return int(value) if value.lstrip("-").isdigit() else value


def write_jafroc(dataset: RatingDataset, path: Path | str) -> None:
    froc = dataset.froc
    book = openpyxl.Workbook()
    truth, nl, ll = book.active, book.create_sheet("NL"), book.create_sheet("LL")
    truth.title = "TRUTH"
    for sheet, header in ((truth, TRUTH_COLUMNS), (nl, NL_COLUMNS), (ll, LL_COLUMNS)):
        sheet.append(header)
    readers, modalities = ", ".join(dataset.readers), ", ".join(dataset.modalities)
    paradigm = ["FROC" if froc is not None else "ROC", "crossed"]
    for k, case in enumerate(dataset.cases):
        ids = froc.lesion_ids[k] if froc is not None else (("1",) if dataset.truth[k] else ())
        weights = froc.lesion_weights[k] if froc is not None else [1.0]
        for slot, lesion_id in enumerate(ids or ("0",)):
            extra = paradigm.pop(0) if paradigm else None
            truth.append((_cell(case), _cell(lesion_id), float(weights[slot]) if ids else 0.0,
                          readers, modalities, extra))
    for i, modality in enumerate(dataset.modalities):
        for j, reader in enumerate(dataset.readers):
            for k, case in enumerate(dataset.cases):
                key = (_cell(reader), _cell(modality), _cell(case))
                if froc is None:
                    rating = float(dataset.ratings[i, j, k])
                    if rating != UNRATED and dataset.truth[k]:
                        ll.append(key + (1, rating))
                    elif rating != UNRATED:
                        nl.append(key + (rating,))
                    continue
                for rating in froc.nl_ratings[i, j, k][np.isfinite(froc.nl_ratings[i, j, k])]:
                    nl.append(key + (float(rating),))
                for slot, lesion_id in enumerate(froc.lesion_ids[k]):
                    if np.isfinite(froc.ll_ratings[i, j, k, slot]):
                        ll.append(key + (_cell(lesion_id), float(froc.ll_ratings[i, j, k, slot])))
    book.save(path)
