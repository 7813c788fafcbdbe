"""The manifest's ``pipeline`` section as typed, validated settings.

The section names models by their manifest ``name`` and holds everything that is a property of the trained model
set rather than of the code: which stages exist, how the detector ensemble is fed and augmented, the
post-processing parameters and the operating points chosen on validation data (see docs/ai-plugin.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxr_ai.engine.classifier_spec import AUGMENTATIONS, ClassifierSpec, parse_classifier
from cxr_ai.engine.errors import PipelineSpecError

CHANNELS = ("image", "bone_suppressed", "lung_mask")
SCORE_RULES = ("max", "mean")
# (lowest, highest, whether the lowest is allowed) for each numeric setting: a manifest edited by hand or written
# by a faulty export must fail on load, not silently find nothing (a floor of 1) or everything (a fraction of 0).
POST_RANGES = {
    "candidate_floor": (0.0, 1.0, False),
    "region_fraction": (0.0, 1.0, False),
    "peak_distance_mm": (0.0, 100.0, False),
    "min_area_mm2": (0.0, 1000.0, True),
    "lung_dilation_mm": (0.0, 1.0e6, True),  # 1e6 is how training exports "no lung-field FP reduction"
    "max_findings": (1, 1000, True),
    "uncalibrated_field_mm": (0.0, 2000.0, False),
}


@dataclass(frozen=True)
class OperatingPoint:
    name: str
    threshold: float
    sensitivity: float | None = None
    fp_per_image: float | None = None


@dataclass(frozen=True)
class PostProcessing:
    candidate_floor: float = 0.05
    region_fraction: float = 0.5
    peak_distance_mm: float = 5.0
    min_area_mm2: float = 10.0
    lung_dilation_mm: float = 10.0
    max_findings: int = 5
    score: str = "max"
    uncalibrated_field_mm: float = 400.0


@dataclass(frozen=True)
class PipelineSpec:
    version: str
    bone_model: str | None
    lung_model: str
    lung_threshold: float
    lung_input: str
    detector_members: tuple[str, ...]
    detector_inputs: tuple[str, ...]
    tta: tuple[str, ...]
    gpu_batch_size: int
    post: PostProcessing
    operating_points: dict[str, OperatingPoint]
    classifier: ClassifierSpec | None = None  # the second stage; None: stage 1's candidates are the findings

    @property
    def model_names(self) -> tuple[str, ...]:
        names = (self.bone_model,) if self.bone_model else ()
        return names + (self.lung_model,) + self.detector_members + (self.classifier.members if self.classifier else ())

    def models_for(self, output: str) -> tuple[str, ...]:
        """The models an output needs: ``lungs`` the lung model (and the bone model when it feeds it), ``bones``
        the bone model (none without a bone stage), anything else every model. ``cxr-ai lungs/bones`` load only
        these, so they neither verify nor run the detector ensemble."""
        bone = (self.bone_model,) if self.bone_model else ()
        if output == "lungs":
            return (bone if self.lung_input == "bone_suppressed" else ()) + (self.lung_model,)
        return bone if output == "bones" else self.model_names


def _require(section: dict[str, Any], key: str, where: str) -> Any:
    if key not in section:
        raise PipelineSpecError(f"{where}: missing {key!r}")
    return section[key]


def _choices(values: list[str], allowed: tuple[str, ...], where: str) -> tuple[str, ...]:
    bad = [value for value in values if value not in allowed]
    if bad or not values:
        raise PipelineSpecError(f"{where}: {values!r} must be a non-empty list of {', '.join(allowed)}")
    return tuple(values)


def _check_ranges(post: PostProcessing, points: dict[str, OperatingPoint], where: str) -> None:
    for key, (lowest, highest, lowest_allowed) in POST_RANGES.items():
        value = getattr(post, key)
        kinds = int if isinstance(lowest, int) else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not lowest <= value <= highest or (
            value == lowest and not lowest_allowed
        ):
            bound = "[" if lowest_allowed else "("
            raise PipelineSpecError(
                f"{where}.postprocessing.{key} must be {'an integer' if kinds is int else 'a number'} in "
                f"{bound}{lowest}, {highest}], got {value!r}"
            )
    if post.score not in SCORE_RULES:
        raise PipelineSpecError(f"{where}.postprocessing.score must be one of {SCORE_RULES}, got {post.score!r}")
    for point in points.values():
        if not isinstance(point.threshold, (int, float)) or not post.candidate_floor <= point.threshold <= 1.0:
            raise PipelineSpecError(
                f"{where}.operating_points.{point.name}.threshold must lie between the candidate floor "
                f"({post.candidate_floor}) and 1, got {point.threshold!r}: no candidate below the floor exists"
            )


def parse_pipeline(document: dict[str, Any], source: str) -> PipelineSpec:
    """Validate the ``pipeline`` section of a manifest document; ``source`` (the path) is named in errors."""
    pipeline = _require(document, "pipeline", source)
    where = f"{source}: pipeline"
    bone = pipeline.get("bone_suppression")
    lung = _require(pipeline, "lung_segmentation", where)
    detector = _require(pipeline, "detector", where)
    default_inputs = ["bone_suppressed" if bone else "image"]
    inputs = _choices(detector.get("inputs", default_inputs), CHANNELS, f"{where}.detector.inputs")
    if not bone and ("bone_suppressed" in inputs or lung.get("input") == "bone_suppressed"):
        raise PipelineSpecError(f"{where}: input 'bone_suppressed' needs a bone_suppression stage")
    try:
        post = PostProcessing(**pipeline.get("postprocessing", {}))
        points = {
            name: OperatingPoint(name=name, **values)
            for name, values in _require(pipeline, "operating_points", where).items()
        }
    except TypeError as error:
        raise PipelineSpecError(f"{where}: unknown setting ({error})") from error
    _check_ranges(post, points, where)
    if not {"sens", "spec"} <= points.keys():
        raise PipelineSpecError(f"{where}.operating_points must define 'sens' and 'spec'")
    members = tuple(_require(detector, "members", f"{where}.detector"))
    if not members:
        raise PipelineSpecError(f"{where}.detector.members is empty")
    return PipelineSpec(
        version=str(_require(pipeline, "version", where)),
        bone_model=bone["model"] if bone else None,
        lung_model=_require(lung, "model", f"{where}.lung_segmentation"),
        lung_threshold=float(lung.get("threshold", 0.5)),
        lung_input=_choices([lung.get("input", "image")], CHANNELS[:2], f"{where}.lung_segmentation.input")[0],
        detector_members=members,
        detector_inputs=inputs,
        tta=_choices(detector.get("tta", ["identity"]), AUGMENTATIONS, f"{where}.detector.tta"),
        gpu_batch_size=int(detector.get("gpu_batch_size", 8)),
        post=post,
        operating_points=points,
        classifier=parse_classifier(pipeline.get("candidate_classifier"), where),
    )
