"""The work behind ``cxr-ai detect``; one unreadable input is reported and the rest still processed.

Ctrl+C or SIGTERM stops the batch between images: the results of the images finished are written all the same,
marked ``"interrupted": true`` (a long run ended with a traceback and no results file, whatever it had done). The
file is also rewritten as images finish (``ResultsFile``), so a run killed outright keeps most of its work.
"""

from __future__ import annotations

import argparse
import dataclasses
import time

from model_training.interrupts import RunInterrupted

from cxr_ai.engine.engine import Engine
from cxr_ai.engine.pipeline import Analysis
from cxr_ai.engine.result import ImageResult
from cxr_ai.overlays import render_overlay, save_overlay
from cxr_ai.readable import Errors, Input, input_error, readable_inputs
from cxr_ai.results_file import ResultsFile

# --dicom-out on a PNG or JPEG input: an empty folder and a clean run used to be all the user saw
NOT_DICOM_WARNING = "--dicom-out: no SR/SEG written for a PNG or JPEG input (it has no DICOM study to join)"


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
            errors.append(input_error(current.path, error, "overlay not written"))
    if arguments.dicom_out is not None and current.image.dataset is None:
        shown = dataclasses.replace(shown, warnings=shown.warnings + [NOT_DICOM_WARNING])
    elif arguments.dicom_out is not None:
        from cxr_ai.dicom.export import export_dicom

        try:
            exported = export_dicom(current.path, shown, analysis, engine, arguments.dicom_out, current.name)
        except Exception as error:  # noqa: BLE001 - the findings stand; the SR/SEG export is reported
            errors.append(input_error(current.path, error, "DICOM SR/SEG not written"))
        else:  # an SR alone, its SEGs left out for a reason the file's reader should see, not only the docs
            if exported.no_seg is not None:
                shown = dataclasses.replace(shown, warnings=shown.warnings + [f"--dicom-out: SR written without SEG: "
                                                                              f"{exported.no_seg}"])
    return shown


def _detect_batch(engine: Engine, arguments: argparse.Namespace, batch: list[tuple[int, Input]],
                  errors: Errors) -> dict[int, ImageResult]:
    """Input index → findings, the batch's images run together and cached; a failed batch is run again one image
    at a time, so that only the faulty input is reported, as without batches."""
    try:
        analyses = engine.analyse([current.item for _, current in batch])
    except Exception as error:  # noqa: BLE001 - reported per input, the run goes on
        if len(batch) == 1:
            errors.append(input_error(batch[0][1].path, error))
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
            errors.append(input_error(current.path, error))
    return shown


def _looked_up(result: ImageResult, seconds: float) -> ImageResult:
    """A cache hit ran no stage in this run, so its timings are the lookup's: it had shown the stage times of the
    run that made the entry beside ``cached: true``, as if the models had run again."""
    lookup_ms = round(seconds * 1000, 2)
    return dataclasses.replace(result, timings_ms={"cache_lookup": lookup_ms, "total": lookup_ms})


def _detect_all(engine: Engine, arguments: argparse.Namespace, errors: Errors, shown: dict[int, ImageResult],
                results: ResultsFile) -> None:
    """Findings of every readable input into ``shown`` (input index → findings, so that an interrupted run keeps
    what it finished), checkpointed to ``results`` as they come. Cache hits are taken at once; the other inputs go
    through the engine in batches of ``engine.batch_size`` (the manifest's ``gpu_batch_size`` on a GPU, 1 on CPU),
    held only until their batch is full. Overlays and DICOM objects need the full maps, which the cache does not
    keep: with those, every input runs."""
    maps_wanted = arguments.save_overlays is not None or arguments.dicom_out is not None
    pending: list[tuple[int, Input]] = []
    for index, current in enumerate(readable_inputs(arguments, errors)):
        lookup_start = time.perf_counter()
        hit = None if maps_wanted else engine.cached(current.item, arguments.operating_point)
        if hit is not None:
            shown[index] = _looked_up(hit[0], time.perf_counter() - lookup_start)
        else:
            pending.append((index, current))
        if len(pending) == engine.batch_size:
            shown |= _detect_batch(engine, arguments, pending, errors)
            pending = []
        results.checkpoint(shown, errors)
    if pending:
        shown |= _detect_batch(engine, arguments, pending, errors)


def run_detect(engine: Engine, arguments: argparse.Namespace) -> Errors:
    """Writes the results file; raises ``RunInterrupted`` (naming it) after writing it when stopped by a signal."""
    errors: Errors = []
    shown: dict[int, ImageResult] = {}
    results = ResultsFile(engine, arguments)
    results.write(shown, errors, interrupted=True)  # this run's from the start, not an earlier run's
    interrupted = False
    try:
        _detect_all(engine, arguments, errors, shown, results)
    except KeyboardInterrupt:
        interrupted = True
    results.write(shown, errors, interrupted)
    if interrupted:
        raise RunInterrupted(str(arguments.out))
    return errors
