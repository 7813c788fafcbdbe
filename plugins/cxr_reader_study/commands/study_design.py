"""``cxr-reader validate`` and ``plan``: the study design alone, before anyone reads (no database needed)."""

from __future__ import annotations

import argparse

from cxr_reader_study.commands.study_command import add_study_command
from cxr_reader_study.design.case_identity import shared_patients
from cxr_reader_study.design.model import Study
from cxr_reader_study.design.plan import reader_plan


def validate(study: Study, args: argparse.Namespace) -> int:
    """The study loaded, so it is valid (``cli.main`` prints every problem otherwise); sum it up."""
    training = len(study.training_cases)
    abnormal = sum(c.truth.value == "abnormal" for c in study.scored_cases)
    print(f"{study.path}: OK — {len(study.scored_cases)} scored cases ({abnormal} abnormal, "
          f"{len(study.scored_cases) - abnormal} normal), {training} training, {len(study.readers)} readers, "
          f"arms {', '.join(a.value for a in study.arms)}, task {study.task.value}, scale {study.scale.kind}")
    for warning in analysis_warnings(len(study.scored_cases) - abnormal, abnormal, len(study.readers),
                                     len(study.arms)) + shared_patients(study.cases):
        print(f"warning: {warning}")
    return 0


def analysis_warnings(normal: int, abnormal: int, readers: int, arms: int) -> list[str]:
    """What the design leaves the MRMC analysis unable to do, said before anyone reads rather than by the report
    after the study (a pilot may still run, so these are warnings, not problems)."""
    warnings = []
    if normal < 2 or abnormal < 2:
        warnings.append(f"{normal} normal and {abnormal} abnormal scored cases: the MRMC analysis (its case "
                        "jackknife) needs at least two of each")
    if readers < 2:
        warnings.append(f"{readers} reader: the MRMC analysis needs at least two")
    if arms < 2:
        warnings.append("one arm: no comparison of arms (only readers versus the standalone AI)")
    return warnings


def plan(study: Study, args: argparse.Namespace) -> int:
    for reader in study.readers:
        print(f"{reader.reader_id} ({reader.group})")
        for session in reader_plan(study, reader.reader_id):
            wait = f", after {study.washout_days:g}-day washout" if session.session_index else ""
            print(f"  session {session.session_index + 1}: {session.arm.value}{wait} (seed {session.seed})")
            print(f"    cases: {' '.join(session.case_order)}")
    return 0


def add_parsers(commands: argparse._SubParsersAction) -> None:
    add_study_command(commands, "validate", validate, "check a study file and its case list")
    add_study_command(commands, "plan", plan, "show each reader's arm order and case order")
