"""The work behind each ``cxr-ai`` sub-command; one unreadable input is reported and the rest still processed."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from cxr_ai.engine.engine import Engine
from cxr_ai.engine.image_input import EngineInput, engine_input
from cxr_ai.engine.intermediates import bone_suppressed_image, lung_mask_image
from cxr_ai.engine.result import ImageResult
from cxr_ai.inputs import expand_paths, load
from cxr_ai.overlays import render_overlay, save_overlay
from cxr_viewer.core.image import LoadedImage

Errors = list[dict[str, str]]


def _inputs(arguments: argparse.Namespace, errors: Errors) -> Iterator[tuple[Path, LoadedImage, EngineInput]]:
    for path in expand_paths(arguments.paths):
        try:
            image = load(path)
            yield path, image, engine_input(image, arguments.pixel_spacing)
        except Exception as error:  # noqa: BLE001 - any unreadable input is reported by name and skipped
            errors.append({"path": str(path), "error": f"{type(error).__name__}: {error}"})


def _detect_one(engine: Engine, arguments: argparse.Namespace, path: Path, image: LoadedImage,
                item: EngineInput) -> ImageResult:
    if arguments.save_overlays is None and arguments.dicom_out is None:
        return engine.detect(item, arguments.operating_point)
    analysis = engine.analyse([item])[0]
    shown = engine.select(analysis.result, arguments.operating_point)
    if arguments.save_overlays is not None:
        overlay = render_overlay(item.pixels, item.monochrome1, analysis, shown, engine.spec.post.candidate_floor)
        save_overlay(arguments.save_overlays, path, overlay)
    if arguments.dicom_out is not None and image.dataset is not None:
        from cxr_ai.dicom.export import export_dicom

        export_dicom(path, shown, analysis, engine, arguments.dicom_out)
    return shown


def run_detect(engine: Engine, arguments: argparse.Namespace) -> Errors:
    errors: Errors = []
    images: list[dict[str, Any]] = []
    start = time.perf_counter()
    for path, image, item in _inputs(arguments, errors):
        try:
            images.append(_detect_one(engine, arguments, path, image, item).to_dict())
        except Exception as error:  # noqa: BLE001 - reported per input, the batch goes on
            errors.append({"path": str(path), "error": f"{type(error).__name__}: {error}"})
    elapsed_ms = (time.perf_counter() - start) * 1000
    report = {
        "tool": "cxr-ai",
        "research_use_only": True,
        "models_dir": str(engine.model_set.directory),
        "model_version": engine.model_set.version,
        "models": engine.model_set.describe(),
        "provider": engine.provider,
        "device_requested": arguments.device,
        "operating_point": arguments.operating_point,
        "operating_points": {name: point.threshold for name, point in engine.spec.operating_points.items()},
        "score_rule": f"{engine.spec.post.score} probability inside the segmented region" + (
            f", re-scored by the candidate classifier (weighted geometric mean, {engine.score_rule})"
            if engine.spec.classifier else ""),
        "max_findings_per_image": engine.spec.post.max_findings,
        "images": images,
        "errors": errors,
        "timings_ms": {"total": round(elapsed_ms, 1), "per_image": round(elapsed_ms / max(1, len(images)), 1)},
    }
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return errors


def write_maps(make_map: Callable[[EngineInput], np.ndarray], arguments: argparse.Namespace) -> Errors:
    """``<stem>_lungs.png`` / ``<stem>_bones.png`` per input, from ``make_map`` (an engine's or a single model's)."""
    errors: Errors = []
    arguments.out.mkdir(parents=True, exist_ok=True)
    for path, _, item in _inputs(arguments, errors):
        try:
            Image.fromarray(make_map(item), "L").save(arguments.out / f"{path.stem}_{arguments.command}.png")
        except Exception as error:  # noqa: BLE001 - reported per input, the batch goes on
            errors.append({"path": str(path), "error": f"{type(error).__name__}: {error}"})
    return errors


def engine_map(engine: Engine, command: str) -> Callable[[EngineInput], np.ndarray]:
    """The lungs/bones map through the whole pipeline (what the detector saw)."""
    if command == "lungs":
        return lambda item: lung_mask_image(engine.analyse([item])[0], engine.spec.lung_threshold)
    return lambda item: bone_suppressed_image(engine.analyse([item])[0], item)
