"""``detect``'s results JSON, written as the batch goes and not only at its end.

It was written once, after the last image: a batch killed (SIGKILL, the out-of-memory killer, a node lost, a power
cut) after hours left no results file, or the previous run's file under the name, to be taken for this run's. It is
now written when the batch starts (so a file from an earlier run never stands for this one), again as images finish
and at the end, each time replaced whole (``write_whole``). Every file but the last says ``"interrupted": true``, so
one left by a run that died reads as incomplete, with the images finished by then.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

from cxr_ai.engine.engine import Engine
from cxr_ai.engine.result import ImageResult
from cxr_ai.readable import Errors
from cxr_ai.whole_file import write_whole

# at the latest this long after the previous write, besides each doubling of the images finished (which bounds the
# rewriting of a growing file to about twice its final size, whatever the batch's length)
CHECKPOINT_S = 60.0


class ResultsNotWritten(Exception):
    """The results file could not be written (a full disk): the batch stops, as the rest of its work would be lost
    too. It ended with a traceback after the whole batch, and a truncated file in place of the earlier one."""


class ResultsFile:
    """The report of one ``detect`` run, at ``arguments.out``."""

    def __init__(self, engine: Engine, arguments: argparse.Namespace) -> None:
        self._engine, self._arguments = engine, arguments
        self._start = time.perf_counter()
        self._written_images, self._written_at = 0, time.monotonic()

    def write(self, shown: dict[int, ImageResult], errors: Errors, interrupted: bool) -> None:
        """The images finished (input index → findings, in input order) and the errors so far."""
        report = self._report([shown[index].to_dict() for index in sorted(shown)], errors, interrupted)
        text = json.dumps(report, indent=2).encode("utf-8")
        try:
            self._arguments.out.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self._arguments.out, lambda stream: stream.write(text))
        except OSError as error:
            reason = error.strerror or str(error)
            raise ResultsNotWritten(f"{self._arguments.out}: results not written ({reason}); the batch stopped, and "
                                    "the file is as its last whole write left it") from error
        self._written_images, self._written_at = len(shown), time.monotonic()

    def checkpoint(self, shown: dict[int, ImageResult], errors: Errors) -> None:
        """While the batch runs: rewritten at 1, 2, 4, 8 … images finished, or after ``CHECKPOINT_S``."""
        doubled = len(shown) >= max(1, 2 * self._written_images)
        if doubled or time.monotonic() - self._written_at >= CHECKPOINT_S:
            self.write(shown, errors, interrupted=True)

    def _report(self, images: list[dict[str, Any]], errors: Errors, interrupted: bool) -> dict[str, Any]:
        engine, arguments = self._engine, self._arguments
        elapsed_ms = (time.perf_counter() - self._start) * 1000
        return {
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
            "working_directory": os.getcwd(),  # what the images' relative paths are relative to
            "images": images,
            "errors": list(errors),
            "interrupted": interrupted,
            "timings_ms": {"total": round(elapsed_ms, 1), "per_image": round(elapsed_ms / max(1, len(images)), 1)},
        }
