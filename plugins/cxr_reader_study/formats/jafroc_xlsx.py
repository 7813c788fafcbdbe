"""RJafroc's JAFROC workbook as RJafroc itself writes it: sheets TRUTH (CaseID, LesionID, Weight, ReaderID,
ModalityID, Paradigm), FP (ReaderID, ModalityID, CaseID, FP_Rating) and TP (ReaderID, ModalityID, CaseID, LesionID,
TP_Rating).

RJafroc's reader (``DfReadDataFile(..., newExcelFileFormat = TRUE)``) sorts the sheet names and wants FP or NL
first, TP or LL second and TRUTH third, so the NL/LL pair would be refused (LL sorts before NL); it then looks
for the columns FP_Rating and TP_Rating. It requires integer IDs: CaseID is the case's 1-based position in the
data set and LesionID numbers the lesions of each case 1, 2, ... (0 for a normal case, which has Weight 0). The
names they stand for go in two more TRUTH columns, CaseName and LesionName, which RJafroc does not read (it
reads the first six) and ``read_jafroc`` maps back, so a round trip keeps the study's case and lesion ids.

ROC studies use the same layout (Paradigm ROC): a normal case's rating is its FP row, an abnormal case's its
TP row with LesionID 1. The sheet names NL/LL (NL_Rating/LL_Rating) are accepted on reading.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl

from ..stats.dataset import UNRATED, RatingDataset

TRUTH_COLUMNS = ("CaseID", "LesionID", "Weight", "ReaderID", "ModalityID", "Paradigm", "CaseName", "LesionName")
NL_COLUMNS = ("ReaderID", "ModalityID", "CaseID", "NL_Rating")  # what read_jafroc calls them
LL_COLUMNS = ("ReaderID", "ModalityID", "CaseID", "LesionID", "LL_Rating")
FP_COLUMNS = NL_COLUMNS[:-1] + ("FP_Rating",)  # what write_jafroc writes, as RJafroc does
TP_COLUMNS = LL_COLUMNS[:-1] + ("TP_Rating",)


def _cell(value: str):
    """Reader and modality IDs go out as integers when they are integers, as RJafroc itself writes them."""
    return int(value) if value.lstrip("-").isdigit() else value


def write_jafroc(dataset: RatingDataset, path: Path | str) -> None:
    froc = dataset.froc
    book = openpyxl.Workbook()
    truth, nl, ll = book.active, book.create_sheet("FP"), book.create_sheet("TP")
    truth.title = "TRUTH"
    for sheet, header in ((truth, TRUTH_COLUMNS), (nl, FP_COLUMNS), (ll, TP_COLUMNS)):
        sheet.append(header)
    readers, modalities = ", ".join(dataset.readers), ", ".join(dataset.modalities)
    paradigm = ["FROC" if froc is not None else "ROC", "crossed"]
    for k, case in enumerate(dataset.cases):
        ids = froc.lesion_ids[k] if froc is not None else (("1",) if dataset.truth[k] else ())
        weights = froc.lesion_weights[k] if froc is not None else [1.0]
        for slot, lesion_id in enumerate(ids or ("",)):
            extra = paradigm.pop(0) if paradigm else None
            truth.append((k + 1, slot + 1 if ids else 0, float(weights[slot]) if ids else 0.0,
                          readers, modalities, extra, case, lesion_id or None))
    for i, modality in enumerate(dataset.modalities):
        for j, reader in enumerate(dataset.readers):
            for k in range(len(dataset.cases)):
                key = (_cell(reader), _cell(modality), k + 1)
                if froc is None:
                    rating = float(dataset.ratings[i, j, k])
                    if rating != UNRATED and dataset.truth[k]:
                        ll.append(key + (1, rating))
                    elif rating != UNRATED:
                        nl.append(key + (rating,))
                    continue
                for rating in froc.nl_ratings[i, j, k][np.isfinite(froc.nl_ratings[i, j, k])]:
                    nl.append(key + (float(rating),))
                for slot in range(len(froc.lesion_ids[k])):
                    if np.isfinite(froc.ll_ratings[i, j, k, slot]):
                        ll.append(key + (slot + 1, float(froc.ll_ratings[i, j, k, slot])))
    book.save(path)
