"""The manifest pipeline's optional ``candidate_classifier`` section: the second stage that re-scores candidates.

Kept apart from ``spec`` because a pipeline without it is complete: stage 1's candidates are then the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxr_ai.engine.errors import PipelineSpecError

AUGMENTATIONS = ("identity", "hflip")  # the detector's TTA takes the same (``spec``)
SCORE_RULES = ("geometric_mean",)  # stage 1^(1 − w) × classifier^w, as training scored it (w = 0.5: the √ rule)


@dataclass(frozen=True)
class ClassifierSpec:
    members: tuple[str, ...]
    canvas: int  # the radiograph is preprocessed again at this size for the patches
    patch: int
    candidates: int  # stage 1's highest-scoring candidates that are re-scored; the rest are dropped
    tta: tuple[str, ...]
    score: str
    classifier_weight: float = 0.5  # w of the weighted geometric mean; 0 keeps stage 1's score, 1 the classifier's


def _positive_int(section: dict[str, Any], key: str, where: str, highest: int) -> int:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= highest:
        raise PipelineSpecError(f"{where}.{key} must be an integer in [1, {highest}], got {value!r}")
    return value


def parse_classifier(section: dict[str, Any] | None, where: str) -> ClassifierSpec | None:
    if section is None:
        return None
    where = f"{where}.candidate_classifier"
    members = tuple(section.get("members", ()))
    if not members or not all(isinstance(name, str) for name in members):
        raise PipelineSpecError(f"{where}.members must be a non-empty list of model names")
    tta = tuple(section.get("tta", ["identity"]))
    if not tta or any(name not in AUGMENTATIONS for name in tta):
        raise PipelineSpecError(f"{where}.tta {list(tta)!r} must be a non-empty list of {', '.join(AUGMENTATIONS)}")
    score = section.get("score", SCORE_RULES[0])
    if score not in SCORE_RULES:
        raise PipelineSpecError(f"{where}.score must be one of {SCORE_RULES}, got {score!r}")
    weight = section.get("classifier_weight", 0.5)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0.0 <= weight <= 1.0:
        raise PipelineSpecError(f"{where}.classifier_weight must be a number in [0, 1], got {weight!r}")
    return ClassifierSpec(members, _positive_int(section, "canvas", where, 4096),
                          _positive_int(section, "patch", where, 512),
                          _positive_int(section, "candidates", where, 1000), tta, score, float(weight))
