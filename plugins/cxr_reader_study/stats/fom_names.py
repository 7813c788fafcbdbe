"""What each figure of merit is called and how it is defined, per paradigm, for tables, JSON and captions.

The same key means different things in ROC and FROC data: in FROC, ``auc`` is the area under the
highest-rating inferred ROC curve (each case scored by its highest mark wherever it lies: RJafroc's HrAuc,
kept as the literature defines it), which credits a confident mark off the lesion, while ``sens`` is
lesion-localised. A reader of a report must be able to tell which one a number is, so every place that
prints one takes its name from here.
"""

from __future__ import annotations

_LABELS = {
    "auc": ("AUC", "Inferred ROC AUC (highest rating)"),
    "wafroc": ("wAFROC", "wAFROC"),
    "afroc": ("AFROC", "AFROC"),
    "sens": ("Sensitivity", "Lesion-localised sensitivity"),
    "lesion_sens": ("Lesion sensitivity", "Lesion sensitivity"),
    "spec": ("Specificity", "Specificity"),
}

_DEFINITIONS = {
    "auc": ("empirical (Wilcoxon) area under the ROC curve of the case ratings",
            "empirical area under the highest-rating inferred ROC curve: each case is scored by its "
            "highest-rated mark wherever it lies (RJafroc's HrAuc), so a mark off the lesion counts as much as "
            "one on it; wAFROC and the lesion-localised sensitivity measure localised detection"),
    "wafroc": ("", "weighted AFROC (Chakraborty): each lesion's localisation rating against the highest "
                   "non-lesion mark of each normal case, lesions weighted to sum to 1 per case, ties counting ½"),
    "afroc": ("", "AFROC (Chakraborty): as wAFROC with every lesion counted once"),
    "sens": ("fraction of abnormal cases rated at or above the threshold",
             "fraction of abnormal cases with a mark rated at or above the threshold on a lesion (within the "
             "acceptance radius); a mark elsewhere on the film does not count"),
    "lesion_sens": ("", "fraction of all lesions localised by a mark rated at or above the threshold"),
    "spec": ("fraction of normal cases rated below the threshold",
             "fraction of normal cases with no mark rated at or above the threshold"),
}


def fom_label(fom: str, froc: bool) -> str:
    """The column or section name: "Lesion-localised sensitivity" rather than "Sensitivity" in FROC."""
    return _LABELS[fom][int(froc)]


def fom_definition(fom: str, froc: bool) -> str:
    """One sentence saying what the number counts (empty where a FOM does not exist in the paradigm)."""
    return _DEFINITIONS[fom][int(froc)]
