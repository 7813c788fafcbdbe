"""The manifest's ``pipeline`` section as typed, validated settings.

The section names models by their manifest ``name`` and holds everything that is a property of the trained model
set rather than of the code: which stages exist, how the detector ensemble is fed and augmented, the
post-processing parameters and the operating points chosen on validation data (``postprocess_spec``; see
docs/ai-plugin.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxr_ai.engine.classifier_spec import AUGMENTATIONS, ClassifierSpec, parse_classifier
from cxr_ai.engine.errors import PipelineSpecError
from cxr_ai.engine.postprocess_spec import OperatingPoint, PostProcessing, parse_post

CHANNELS = ("image", "bone_suppressed", "lung_mask")


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
    post, points = parse_post(pipeline, where)
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
