"""Who reads which arm when, and in which case order.

Arms are counterbalanced by rotating the arm list per reader *within each reader group* (a Latin square),
each group's rotation continuing where the previous group's ended: with two arms half of each group starts
aided, and with groups of odd size the study as a whole stays balanced too (two groups of three readers:
three start unaided and three aided, not four and two). Case order is a permutation drawn from a seed derived
from the study seed, the reader and the arm: the same study always yields the same plan, and the seed is
stored with the session so an audit can redraw it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from cxr_reader_study.design.model import Arm, Study


@dataclass(frozen=True)
class SessionPlan:
    reader_id: str
    session_index: int  # 0 = first arm read; washout applies before every later one
    arm: Arm
    seed: int
    case_order: tuple[str, ...]  # training cases first (fixed order), then scored cases shuffled


def session_seed(study_seed: int, reader_id: str, arm: Arm) -> int:
    """A 63-bit seed that depends on nothing but its inputs (Python's ``hash`` is salted per process)."""
    digest = hashlib.sha256(f"{study_seed}|{reader_id}|{arm.value}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def arm_order(study: Study) -> dict[str, tuple[Arm, ...]]:
    """Each reader's arm sequence: the k-th reader of a group starts at arm (offset + k) mod n_arms, the offset
    being the number of readers in the groups that appear earlier in the reader list."""
    sizes = Counter(reader.group for reader in study.readers)
    offsets, earlier = {}, 0
    for group in sizes:  # in order of first appearance
        offsets[group], earlier = earlier, earlier + sizes[group]
    position_in_group: dict[str, int] = defaultdict(int)
    orders = {}
    for reader in study.readers:
        shift = (offsets[reader.group] + position_in_group[reader.group]) % len(study.arms)
        position_in_group[reader.group] += 1
        orders[reader.reader_id] = study.arms[shift:] + study.arms[:shift]
    return orders


def case_order(study: Study, seed: int) -> tuple[str, ...]:
    scored = [case.case_id for case in study.scored_cases]
    shuffled = [scored[i] for i in np.random.default_rng(seed).permutation(len(scored))]
    return tuple(case.case_id for case in study.training_cases) + tuple(shuffled)


def reader_plan(study: Study, reader_id: str) -> list[SessionPlan]:
    study.reader(reader_id)  # raises KeyError for an unknown reader
    plans = []
    for index, arm in enumerate(arm_order(study)[reader_id]):
        seed = session_seed(study.seed, reader_id, arm)
        plans.append(SessionPlan(reader_id, index, arm, seed, case_order(study, seed)))
    return plans
