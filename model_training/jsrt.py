"""The JSRT database in ``$CXR_SHARED/data/jsrt``: case table, images, lung masks, and the guarded test split.

Model selection uses a deterministic k-fold split of train+val stratified by nodule presence; the test split is
handed out only when the caller explicitly says it is evaluating on test, so no training path can touch it.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parents[1]
JSRT_PIXEL_MM = 0.35  # at 1024 × 1024
JSRT_GRID = 1024  # the films' size in pixels, on which the nodule table's coordinates are given


class TestSplitRefused(PermissionError):
    """Training code asked for the JSRT test split without the evaluate-on-test flag."""


def shared_root(option: str | os.PathLike | None = None) -> Path:
    """The team's shared folder: the option, else ``$CXR_SHARED``, else ``../shared`` beside the repository."""
    return Path(option or os.environ.get("CXR_SHARED") or REPO_ROOT.parent / "shared")


@dataclass(frozen=True)
class JsrtCase:
    case_id: str
    split: str
    has_nodule: bool
    nodule_xy: tuple[float, float] | None  # 1024 grid
    nodule_mm: float | None
    subtlety: int | None


def _optional_float(text: str) -> float | None:
    return float(text) if text.strip() not in ("", "nan", "NaN") else None


def read_cases(jsrt_dir: Path) -> list[JsrtCase]:
    table = Path(jsrt_dir) / "cases.csv"
    if not table.is_file():
        raise FileNotFoundError(f"{table}: JSRT case table not found (set CXR_SHARED or --shared)")
    cases = []
    with open(table, newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            has_nodule = row["has_nodule"].strip() == "1"
            x, y = _optional_float(row["x"]), _optional_float(row["y"])
            cases.append(
                JsrtCase(
                    case_id=row["case_id"],
                    split=row["split"],
                    has_nodule=has_nodule,
                    nodule_xy=(x, y) if has_nodule and x is not None and y is not None else None,
                    nodule_mm=_optional_float(row["size_mm"]) if has_nodule else None,
                    subtlety=int(float(row["subtlety"])) if has_nodule and row["subtlety"].strip() else None,
                )
            )
    return cases


def development_cases(jsrt_dir: Path) -> list[JsrtCase]:
    """train + val: everything training and model selection may see."""
    return [case for case in read_cases(jsrt_dir) if case.split in ("train", "val")]


def test_cases(jsrt_dir: Path, evaluate_on_test: bool = False) -> list[JsrtCase]:
    if not evaluate_on_test:
        raise TestSplitRefused("the JSRT test split is for final evaluation only: pass --evaluate-on-test to use it")
    return [case for case in read_cases(jsrt_dir) if case.split == "test"]


def kfold(cases: list[JsrtCase], folds: int, fold: int, seed: int = 0) -> tuple[list[JsrtCase], list[JsrtCase]]:
    """(training, validation) for ``fold`` of ``folds``, stratified by nodule presence, same for a given seed."""
    if not 0 <= fold < folds or folds < 2:
        raise ValueError(f"fold must be in 0..{folds - 1} with at least 2 folds, got {fold} of {folds}")
    if any(case.split == "test" for case in cases):
        raise TestSplitRefused("k-fold model selection must not include JSRT test cases")
    rng = np.random.default_rng(seed)
    assignment: dict[str, int] = {}
    for stratum in (True, False):
        ids = sorted(case.case_id for case in cases if case.has_nodule == stratum)
        for position, case_id in enumerate(rng.permutation(ids)):
            assignment[str(case_id)] = position % folds
    held_out = [case for case in cases if assignment[case.case_id] == fold]
    kept = [case for case in cases if assignment[case.case_id] != fold]
    return kept, held_out


def load_image(jsrt_dir: Path, case_id: str) -> np.ndarray:
    """The film on the 1024 grid: the nodule table's coordinates and ``JSRT_PIXEL_MM`` hold for that grid only, so a
    film of another size (a 2048² original dropped in) is refused rather than scored against the wrong radii."""
    path = Path(jsrt_dir) / "images" / f"{case_id}.jpg"
    try:
        with Image.open(path) as image:
            pixels = np.asarray(image.convert("L"))
    except OSError as error:
        raise OSError(f"{path}: cannot read JSRT image ({error})") from error
    if pixels.shape != (JSRT_GRID, JSRT_GRID):
        raise ValueError(f"{path}: {pixels.shape[1]}×{pixels.shape[0]} pixels; the JSRT layer expects the "
                         f"{JSRT_GRID}×{JSRT_GRID} films its nodule coordinates and {JSRT_PIXEL_MM} mm pixels are for")
    return pixels


def load_lung_mask(jsrt_dir: Path, case_id: str) -> np.ndarray:
    path = Path(jsrt_dir) / "lung_masks" / f"{case_id}.png"
    try:
        with Image.open(path) as image:
            return np.asarray(image) > 0
    except OSError as error:
        raise OSError(f"{path}: cannot read JSRT lung mask ({error})") from error
