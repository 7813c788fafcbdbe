"""Which ratings a ratings file lacks, and which readers the MRMC analysis must therefore leave out.

OR and DBM need every reader to have read every case in every modality. A few missing ratings are taken as
the lowest rating (and said so). A reader with no rating at all in a modality, though, did not read that arm
(an export taken before their washout ended, a reader who dropped out): scored as the lowest rating on every
case, that arm's figure of merit is pure ties (AUC 0.5, wAFROC 0.5), which drags its mean down and, entering
the reader-by-modality interaction, swamps the error term of every test. Such a reader carries no paired
information on the difference between modalities, so they are left out of the analysis and named, as the
report leaves out readers who have not read every arm.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .dataset import RatingDataset


# A read without marks leaves no row in an FROC file, so the file cannot tell an arm never read from one read
# without a single mark; an export taken while readers wait on their washout is by far the common case.
FROC_CAVEAT = ("; in an FROC file an arm read without a single mark looks the same: `cxr-reader status` and the "
               "report, which read the database, tell the two apart")


def readers_missing_an_arm(dataset: RatingDataset) -> dict[str, tuple[str, ...]]:
    """Each reader with no rating (no mark, in FROC data) in some modality, with those modalities."""
    rated = np.isfinite(dataset.ratings).any(axis=2)  # [modality, reader]; FROC: the case's highest mark
    return {reader: tuple(m for i, m in enumerate(dataset.modalities) if not rated[i, j])
            for j, reader in enumerate(dataset.readers) if not rated[:, j].all()}


def without_readers(dataset: RatingDataset, left_out: set[str]) -> RatingDataset:
    """The data set without the readers in ``left_out`` (every array cut along its reader axis)."""
    keep = [j for j, reader in enumerate(dataset.readers) if reader not in left_out]
    froc = dataset.froc and replace(dataset.froc, ll_ratings=dataset.froc.ll_ratings[:, keep],
                                    nl_ratings=dataset.froc.nl_ratings[:, keep])
    times = None if dataset.reading_times is None else dataset.reading_times[:, keep]
    return replace(dataset, readers=tuple(dataset.readers[j] for j in keep), ratings=dataset.ratings[:, keep],
                   froc=froc, reading_times=times)


def readers_with_every_arm(dataset: RatingDataset) -> tuple[RatingDataset, dict[str, tuple[str, ...]]]:
    """The data set without the readers who lack a whole modality, and those readers with what they lack.

    Raises ValueError, naming them, when fewer than two readers are left: no analysis is possible then.
    """
    missing = readers_missing_an_arm(dataset)
    if not missing:
        return dataset, missing
    kept = len(dataset.readers) - len(missing)
    if kept < 2:
        raise ValueError(f"{arms_note(missing, dataset.is_froc)[0]}; {kept} reader(s) rated in every modality, "
                         "and the MRMC analysis needs at least two")
    return without_readers(dataset, set(missing)), missing


def arms_note(missing: dict[str, tuple[str, ...]], froc: bool) -> list[str]:
    """The warning that names the readers left out, and why; empty when nobody was."""
    if not missing:
        return []
    where = "; ".join(f"{reader} has none in {', '.join(modalities)}" for reader, modalities in missing.items())
    blank = " or marks" if froc else ""
    return [f"{len(missing)} reader(s) left out of every analysis for having no ratings{blank} in a modality "
            f"({where}): OR and DBM need every reader in every modality, and an arm never read would count as "
            "the lowest rating on every case" + (FROC_CAVEAT if froc else "")]


def missing_note(dataset: RatingDataset) -> list[str]:
    """A ratings file in which a reader skipped a case is analysed with the case rated lowest; say so."""
    missing = dataset.missing_ratings()
    if not missing:
        return []
    where = ", ".join(f"{reader} in {modality}: {n}" for (modality, reader), n in missing.items())
    return [f"{sum(missing.values())} of {dataset.ratings.size} ratings are missing ({where}) and count as the "
            "lowest rating; OR and DBM assume every reader rated every case in every modality"]
