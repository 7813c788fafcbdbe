"""``cxr-reader analyze --study STUDY.toml``: the arm order of the study's report, and the ratings file held against
the study it claims to come from.

Without it analyze could only guess the reference arm from the arms' names, and took any file: one from another
study, or with a reader, case or truth the study does not have, was analysed as given. The arm order is the
report's own (``stats.arm_order.study_arm_order``, the same function, so the two never give opposite signs for one
study), kept to the arms the file has. A reader, arm or case the study lacks, a training case (never scored) or a
truth that differs from the case list is refused; the study's cases, readers or arms missing from the file are only
noted, since an export taken while readers are unfinished lacks them (the coverage notes say what that means). In
FROC data a lesion id the study's case does not have is refused too: its marks would be scored against a lesion the
study never defined. The check needs the study file and case list, not the films: an archived study whose images
are gone is checked from those, and a note says what could not be checked.
"""

from __future__ import annotations

from pathlib import Path

from ..design.model import Case, Study, Truth
from ..design.study_file import load_study
from .arm_order import FROM_OPTION, ArmOrder, choose_arms, listed_names, natural_key, study_arm_order
from .dataset import RatingDataset

SHOWN = 10  # names listed in a message; the rest are counted


def _unknown(label: str, found, known: tuple[str, ...]) -> str | None:
    """The file's names the study lacks, each with the study's spelling where only upper/lower case differs."""
    spelling = {name.casefold(): name for name in known}
    unknown = [name + (f" (the study has {spelling[name.casefold()]})" if name.casefold() in spelling else "")
               for name in sorted(set(found) - set(known), key=natural_key)]
    if not unknown:
        return None
    return f"{label} {listed_names(unknown)} not in the study (its {label}s: {listed_names(known)})"


def _problems(study: Study, dataset: RatingDataset) -> list[str]:
    scored = {case.case_id: case for case in study.scored_cases}
    problems = [_unknown("reader", dataset.readers, tuple(r.reader_id for r in study.readers)),
                _unknown("arm", dataset.modalities, tuple(arm.value for arm in study.arms))]
    training = [case for case in dataset.cases if study.has_case(case) and case not in scored]
    if training:
        problems.append(f"training case(s) {listed_names(training)}, which the study never scores")
    problems.append(_unknown("case", (c for c in dataset.cases if not study.has_case(c)), tuple(scored)))
    differ = [f"{case}: {'abnormal' if value else 'normal'} in the file, {scored[case].truth.value} in the study"
              for case, value in zip(dataset.cases, dataset.truth)
              if case in scored and bool(value) != (scored[case].truth is Truth.ABNORMAL)]
    if differ:
        problems.append(f"truth differs for {len(differ)} case(s) ({'; '.join(differ[:SHOWN])})")
    problems.append(_unknown_lesions(scored, dataset))
    return [problem for problem in problems if problem]


def _unknown_lesions(scored: dict[str, Case], dataset: RatingDataset) -> str | None:
    """The file's lesion ids that the study's case (one of its scored cases) does not have."""
    if dataset.froc is None:
        return None
    unknown, known = [], []
    for case, lesion_ids in zip(dataset.cases, dataset.froc.lesion_ids):
        study_ids = [lesion.lesion_id for lesion in scored[case].lesions] if case in scored else None
        if study_ids is not None and set(lesion_ids) - set(study_ids):
            unknown += sorted(set(lesion_ids) - set(study_ids))
            known += study_ids
    if not unknown:
        return None
    return (f"lesion id(s) {listed_names(unknown)} not in the study (the study's lesions of those cases: "
            f"{listed_names(known) or 'none'})")


def _images_note(study: Study) -> list[str]:
    """What the study's films would have shown, said when they are gone (an archive without its images)."""
    missing = study.images_not_found
    if not missing:
        return []
    return [f"the images of {len(missing)} of the study's {len(study.cases)} case(s) were not found "
            f"({listed_names(missing)}): readers, arms, cases, truth and lesion ids were checked from the study file "
            "and case list alone; not checked: that those films are readable, that their lesions lie on them, and "
            "that no film is listed twice"]


def _missing(study: Study, dataset: RatingDataset, ratings: Path) -> list[str]:
    """What the study has and the file lacks: an unfinished study's export, not an error."""
    notes = []
    for label, names, present in (("reader", [r.reader_id for r in study.readers], dataset.readers),
                                  ("arm", [arm.value for arm in study.arms], dataset.modalities),
                                  ("scored case", [c.case_id for c in study.scored_cases], dataset.cases)):
        missing = [name for name in names if name not in set(present)]
        if missing:
            notes.append(f"{len(missing)} of the study's {len(names)} {label}(s) not in {ratings} ({listed_names(missing)}): "
                         "readers may not have finished; the analysis takes what the file has")
    return notes


def study_arms(study_file: Path, dataset: RatingDataset, ratings: Path) -> tuple[ArmOrder, list[str]]:
    """The report's arm order of the file's arms and the notes; ValueError naming everything that does not match."""
    study = load_study(study_file, images_needed=False)  # StudyError (a ValueError) lists the file's own problems
    problems = _problems(study, dataset)
    if problems:
        raise ValueError(f"{ratings} does not match the study {study_file}: " + "; ".join(problems))
    order = study_arm_order(study)
    present = tuple(arm for arm in order.order if arm in dataset.modalities)
    source = f"the study file {study_file.name}, as its report orders them ({order.source})"
    return ArmOrder(present, source), _images_note(study) + _missing(study, dataset, ratings)


def pick_arms(requested: str | None, study_file: Path | None, dataset: RatingDataset,
              ratings: Path) -> tuple[ArmOrder, list[str]]:
    """``--arms`` if given (checked against the file), else the study's order, else the default rule. With both
    options ``--arms`` wins, the researcher's explicit choice, and the report says which order it replaced."""
    if study_file is None:
        return choose_arms(dataset.modalities, requested, ratings), []
    from_study, notes = study_arms(study_file, dataset, ratings)
    if requested is None:
        return from_study, notes
    arms = choose_arms(dataset.modalities, requested, ratings)
    return arms, notes + [f"arm order from {FROM_OPTION} ({', '.join(arms.order)}), not the study file's "
                          f"({', '.join(from_study.order)}): {FROM_OPTION} wins over --study"]
