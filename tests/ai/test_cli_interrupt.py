"""Ctrl+C or SIGTERM in a long ``cxr-ai`` batch: exit status 130 and the work finished kept (``detect`` ended with a
traceback and no results file, whatever it had done)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import cxr_ai
from tests.ai.model_factory import synthetic_chest
from tests.signalled_child import signal_once_started

REPO = Path(cxr_ai.__file__).resolve().parents[2]
FILMS = 400  # far more than are done by the time the first is: the signal lands mid-batch


def _films(folder: Path) -> Path:
    folder.mkdir()
    pixels = synthetic_chest(120, 160, [], bits=8).astype(np.uint8)
    for index in range(FILMS):
        pixels[0, 0] = index % 256  # each film its own file hash, so none is a cache hit of another
        pixels[0, 1] = index // 256
        Image.fromarray(pixels).save(folder / f"film{index:03d}.png")
    return folder


def _cached(cache: Path) -> int:
    try:
        with sqlite3.connect(cache / "results.sqlite", timeout=1) as connection:
            return connection.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


def _signal_once(arguments: list[str], started: Callable[[], bool], signum: int, cache: Path) -> tuple[int, str]:
    return signal_once_started([sys.executable, "-m", "cxr_ai.cli", *arguments], started, signum, cwd=REPO,
                               env=os.environ | {"CXR_AI_CACHE_DIR": str(cache)})


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_detect_writes_the_images_finished(model_dir: Path, tmp_path: Path, signum: int) -> None:
    films, cache, out = _films(tmp_path / "in"), tmp_path / "cache", tmp_path / "results.json"
    code, err = _signal_once(["detect", str(films), "--out", str(out), "--models", str(model_dir), "--device", "cpu"],
                             lambda: _cached(cache) > 0, signum, cache)
    assert code == 130, err
    assert f"interrupted; the results of the images finished are in {out}" in err and "Traceback" not in err
    report = json.loads(out.read_text())
    assert report["interrupted"] is True and 1 <= len(report["images"]) < FILMS
    names = [Path(image["path"]).name for image in report["images"]]
    assert names == [f"film{index:03d}.png" for index in range(len(names))]  # the first ones, in input order


def test_an_interrupted_lungs_run_keeps_its_maps(model_dir: Path, tmp_path: Path) -> None:
    films, out = _films(tmp_path / "in"), tmp_path / "masks"
    code, err = _signal_once(["lungs", str(films), "--out", str(out), "--models", str(model_dir), "--device", "cpu"],
                             lambda: out.is_dir() and any(out.glob("*.png")), signal.SIGINT, tmp_path / "cache")
    assert code == 130 and f"interrupted; the maps written so far are in {out}" in err and "Traceback" not in err
    maps = sorted(out.glob("*.png"))
    assert 1 <= len(maps) < FILMS and sorted(out.iterdir()) == maps  # no partial map left beside them
    for written in maps:
        Image.open(written).load()  # whole: a truncated one raises
