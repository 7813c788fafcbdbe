"""Counterbalanced crossover and reproducible, per-reader case orders."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from cxr_reader_study.design.model import Reader
from cxr_reader_study.design.plan import arm_order, reader_plan


def test_half_of_each_group_starts_aided(roc_study):
    readers = tuple(Reader(f"R{i}", "radiologist" if i < 6 else "resident") for i in range(10))
    study = replace(roc_study, readers=readers)
    orders = arm_order(study)
    for group in ("radiologist", "resident"):
        firsts = Counter(orders[r.reader_id][0].value for r in readers if r.group == group)
        assert abs(firsts["aided"] - firsts["unaided"]) <= 1
    assert all(sorted(a.value for a in order) == ["aided", "unaided"] for order in orders.values())


def test_case_order_is_seeded_and_reproducible(roc_study):
    plan_a = reader_plan(roc_study, "R1")
    plan_b = reader_plan(roc_study, "R1")
    assert plan_a == plan_b
    scored = {c.case_id for c in roc_study.scored_cases}
    for session in plan_a:
        assert session.case_order[0] == "C000"  # training first
        assert set(session.case_order[1:]) == scored
    other_reader = reader_plan(roc_study, "R2")
    other_seed = reader_plan(replace(roc_study, seed=roc_study.seed + 1), "R1")
    assert plan_a[0].seed != other_reader[0].seed and plan_a[0].seed != other_seed[0].seed
    orders = {p.case_order for p in plan_a + other_reader + other_seed}
    assert len(orders) > 1  # 8! orders: identical shuffles everywhere would mean the seed is ignored
