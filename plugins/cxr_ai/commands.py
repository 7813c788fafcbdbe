"""The work behind each ``cxr-ai`` sub-command; one unreadable input is reported and the rest still processed."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from cxr_ai.engine.engine import Engine
from cxr_ai.engine.image_input import EngineInput, engine_input
from cxr_ai.engine.intermediates import bone_suppressed_image, lung_mask_image
from cxr_ai.engine.pipeline import Analysis
from cxr_ai.engine.result import ImageResult
from cxr_ai.inputs import NO_IMAGES, image_paths, load, output_stems
from cxr_ai.overlays import render_overlay, save_overlay
from cxr_viewer.core.image import LoadedImage

Errors = list[dict[str, str]]


@dataclass(frozen=True)
class Input:
    """A readable input with what its stages and outputs need."""

    path: Path
    name: str  # for its output files, unique within the run (``output_stems``)
    image: LoadedImage
    item: EngineInput


def _error(path: Path, error: Exception, what: str = "") -> dict[str, str]:
    return {"path": str(path), "error": f"{what + ': ' if what else ''}{type(error).__name__}: {error}"}


def _inputs(arguments: argparse.Namespace, errors: Errors) -> Iterator[Input]:
    paths, empty = image_paths(arguments.paths)
    errors += [{"path": folder, "error": NO_IMAGES} for folder in empty]
    for path, name in zip(paths, output_stems(paths)):
        try:
            image = load(path)
            yield Input(path, name, image, engine_input(image, arguments.pixel_spacing))
        except Exception as error:  # noqa: BLE001 - any unreadable input is reported by name and skipped
            errors.append(_error(path, error))


def _finish(engine: Engine, arguments: argparse.Namespace, current: Input, analysis: Analysis,
            errors: Errors) -> ImageResult:
    """The findings at the chosen operating point, and the overlay and DICOM objects asked for. A failed output
    is reported by name and does not take the image's findings out of the results."""
    shown = engine.select(analysis.result, arguments.operating_point)
    if arguments.save_overlays is not None:
        item = current.item
        try:
            overlay = render_overlay(item.pixels, item.monochrome1, analysis, shown, engine.spec.post.candidate_floor)
            save_overlay(arguments.save_overlays, current.name, overlay)
        except Exception as error:  # noqa: BLE001 - the findings stand; the overlay is reported
            errors.append(_error(current.path, error, "overlay not written"))
    if arguments.dicom_out is not None and current.image.dataset is not None:
        from cxr_ai.dicom.export import export_dicom

        try:
            export_dicom(current.path, shown, analysis, engine, arguments.dicom_out, current.name)
        except Exception as error:  # noqa: BLE001 - the findings stand; the SR/SEG export is reported
            errors.append(_error(current.path, error, "DICOM SR/SEG not written"))
    return shown


def _detect_batch(engine: Engine, arguments: argparse.Namespace, batch: list[tuple[int, Input]],
                  errors: Errors) -> dict[int, ImageResult]:
    """Input index → findings, the batch's images run together and cached; a failed batch is run again one image
    at a time, so that only the faulty input is reported, as without batches."""
    try:
        analyses = engine.analyse([current.item for _, current in batch])
    except Exception as error:  # noqa: BLE001 - reported per input, the run goes on
        if len(batch) == 1:
            errors.append(_error(batch[0][1].path, error))
            return {}
        shown: dict[int, ImageResult] = {}
        for one in batch:
            shown |= _detect_batch(engine, arguments, [one], errors)
        return shown
    shown = {}
    for (index, current), analysis in zip(batch, analyses):
        try:
            engine.store(current.item, analysis)
            shown[index] = _finish(engine, arguments, current, analysis, errors)
        except Exception as error:  # noqa: BLE001 - reported per input, the run goes on
            errors.append(_error(current.path, error))
    return shown


def _detect_all(engine: Engine, arguments: argparse.Namespace, errors: Errors) -> list[ImageResult]:
    """Findings of every readable input, in input order. Cache hits are taken at once; the other inputs go through
    the engine in batches of ``engine.batch_size`` (the manifest's ``gpu_batch_size`` on a GPU, 1 on CPU), held
    only until their batch is full. Overlays and DICOM objects need the full maps, which the cache does not keep:
    with those, every input runs."""
    maps_wanted = arguments.save_overlays is not None or arguments.dicom_out is not None
    shown: dict[int, ImageResult] = {}
    pending: list[tuple[int, Input]] = []
    for index, current in enumerate(_inputs(arguments, errors)):
        hit = None if maps_wanted else engine.cached(current.item, arguments.operating_point)
        if hit is not None:
            shown[index] = hit[0]
            continue
        pending.append((index, current))
        if len(pending) == engine.batch_size:
            shown |= _detect_batch(engine, arguments, pending, errors)
            pending = []
    if pending:
        shown |= _detect_batch(engine, arguments, pending, errors)
    return [shown[index] for index in sorted(shown)]


def run_detect(engine: Engine, arguments: argparse.Namespace) -> Errors:
    errors: Errors = []
    start = time.perf_counter()
    images = [result.to_dict() for result in _detect_all(engine, arguments, errors)]
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
    """``<name>_lungs.png`` / ``<name>_bones.png`` per input (``output_stems``), from ``make_map`` (an engine's or a
    single model's)."""
    errors: Errors = []
    arguments.out.mkdir(parents=True, exist_ok=True)
    for current in _inputs(arguments, errors):
        try:
            Image.fromarray(make_map(current.item), "L").save(arguments.out / f"{current.name}_{arguments.command}.png")
        except Exception as error:  # noqa: BLE001 - reported per input, the batch goes on
            errors.append(_error(current.path, error))
    return errors


def engine_map(engine: Engine, command: str) -> Callable[[EngineInput], np.ndarray]:
    """The lungs/bones map through the whole pipeline (what the detector saw)."""
    if command == "lungs":
        return lambda item: lung_mask_image(engine.analyse([item])[0], engine.spec.lung_threshold)
    return lambda item: bone_suppressed_image(engine.analyse([item])[0], item)
