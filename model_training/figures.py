"""The documentation figures, regenerated deterministically: ``python -m model_training.figures --shared PATH
--out docs/img [--models-dir resources/models]``.

Only JSRT *train*-split cases are shown. The bone figures (real pairs; JSRT films with nodules) need an exported
bone model and are skipped with a note when the models folder has none.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from model_training import jsrt, manifest  # noqa: E402
from model_training.phantom import CtNoduleLibrary, generate_case  # noqa: E402
from model_training.phantom.calibration import nodule_contrast, sample_nodule_contrast  # noqa: E402
from model_training.phantom.insertion import insert_nodule  # noqa: E402
from model_training.preprocess import preprocess  # noqa: E402

PHANTOM_SEEDS = (100, 101, 102, 103)
JSRT_FILMS = ("JPCNN013", "JPCNN054", "JPCLN007", "JPCLN057")  # train split
JSRT_NODULES = ("JPCLN002", "JPCLN004", "JPCLN053", "JPCLN055")  # train split, subtlety 5, 5, 3, 3
HOST_FILM = "JPCNN083"  # train split, no nodule: receives the inserted ones
BONE_MODEL_NAME = "bone_suppression"
CROP_MM = 60.0
DPI = 80


def _grey_panel(axis, image: np.ndarray, title: str) -> None:
    axis.imshow(image, cmap="gray", vmin=0, vmax=1, interpolation="lanczos")
    axis.set_title(title, fontsize=8)
    axis.axis("off")


def _save(figure, path: Path) -> Path:
    figure.savefig(path, dpi=DPI, bbox_inches="tight", metadata={"Software": None})  # no version stamp: reproducible
    plt.close(figure)
    return path


def _crop(image: np.ndarray, centre_xy: tuple[float, float], pixel_mm: float) -> np.ndarray:
    half = int(CROP_MM / 2 / pixel_mm)
    x, y = int(round(centre_xy[0])), int(round(centre_xy[1]))
    padded = np.pad(image, half, mode="edge")
    window = padded[y : y + 2 * half, x : x + 2 * half]
    low, high = np.percentile(window, [1, 99])
    return np.clip((window - low) / max(high - low, 1e-6), 0, 1)


def phantom_vs_jsrt(shared: Path, out: Path) -> Path:
    jsrt_dir = shared / "data" / "jsrt"
    figure, axes = plt.subplots(2, 4, figsize=(10, 5.4))
    for axis, seed in zip(axes[0], PHANTOM_SEEDS):
        _grey_panel(axis, preprocess(generate_case(seed, 512).image, 256)[0], f"phantom {seed}")
    for axis, case_id in zip(axes[1], JSRT_FILMS):
        _grey_panel(axis, preprocess(jsrt.load_image(jsrt_dir, case_id), 256)[0], f"JSRT {case_id}")
    figure.tight_layout()
    return _save(figure, out / "phantom_vs_jsrt.png")


def inserted_vs_real_nodules(shared: Path, out: Path) -> Path:
    """Real JSRT nodules, then sphere-model and CT-shape nodules inserted into a nodule-free JSRT film with a
    contrast drawn from the measured JSRT distribution; titles give each nodule's measured contrast."""
    jsrt_dir, rng = shared / "data" / "jsrt", np.random.default_rng(20240)
    cases = {case.case_id: case for case in jsrt.read_cases(jsrt_dir)}
    host = jsrt.load_image(jsrt_dir, HOST_FILM).astype(np.float32)
    host_mask = jsrt.load_lung_mask(jsrt_dir, HOST_FILM)
    library = CtNoduleLibrary(shared / "data" / "ct_nodules")
    figure, axes = plt.subplots(3, 4, figsize=(8, 6.6))
    pixel = jsrt.JSRT_PIXEL_MM
    for column, case_id in enumerate(JSRT_NODULES):
        case = cases[case_id]
        image = jsrt.load_image(jsrt_dir, case_id).astype(np.float32)
        measured = nodule_contrast(image, case.nodule_xy, case.nodule_mm / 2 / pixel)
        _grey_panel(axes[0, column], _crop(image, case.nodule_xy, pixel),
                    f"real {case_id} {case.nodule_mm:.0f} mm, c={measured:.3f}")
        for row, (label, source) in enumerate((("sphere model", None), ("CT nodule", library)), start=1):
            contrast = sample_nodule_contrast(rng)
            inserted, nodule = insert_nodule(host, host_mask, case.nodule_mm, contrast, pixel, rng, source)
            measured = nodule_contrast(inserted, (nodule.x, nodule.y), nodule.diameter_mm / 2 / pixel)
            _grey_panel(axes[row, column], _crop(inserted, (nodule.x, nodule.y), pixel),
                        f"{label} {case.nodule_mm:.0f} mm, c={measured:.3f}")
    figure.tight_layout()
    return _save(figure, out / "inserted_vs_real_nodules.png")


def bone_before_after(models_dir: Path, shared: Path, out: Path, pairs: int = 3) -> Path:
    """Input, model output and dual-energy (or BSE) reference for the first real pairs, through ONNX Runtime."""
    from model_training import evaluate, real_pairs

    model_path, _ = manifest.verified_model_path(models_dir, BONE_MODEL_NAME)
    session = evaluate._session(model_path)
    chosen = real_pairs.load_real_pairs(shared)[:pairs]
    figure, axes = plt.subplots(len(chosen), 3, figsize=(7.5, 2.6 * len(chosen)), squeeze=False)
    for row, pair in zip(axes, chosen):
        region = real_pairs.fallback_lung_region(pair.image.shape)
        output = evaluate.metrics.fit_linear(evaluate.suppress(session, pair.image), pair.target, region)
        for axis, image, title in zip(row, (pair.image, output, pair.target), ("input", "model", "reference")):
            low, high = np.percentile(pair.target, [0.5, 99.5])
            _grey_panel(axis, np.clip((image - low) / max(high - low, 1e-6), 0, 1), f"{pair.name}: {title}")
    figure.tight_layout()
    return _save(figure, out / "bone_before_after.png")


def bone_on_jsrt(models_dir: Path, shared: Path, out: Path, cases: tuple[str, ...] = JSRT_NODULES[:3]) -> Path:
    """Real JSRT films (train split, with nodules) before and after suppression, the removed layer, and the nodule
    before/after: what the reader sees, and whether the nodule survives."""
    from model_training import evaluate

    jsrt_dir = shared / "data" / "jsrt"
    by_id = {case.case_id: case for case in jsrt.read_cases(jsrt_dir)}
    model_path, _ = manifest.verified_model_path(models_dir, BONE_MODEL_NAME)
    session = evaluate._session(model_path)
    figure, axes = plt.subplots(len(cases), 5, figsize=(12.5, 2.7 * len(cases)), squeeze=False)
    for row, case_id in zip(axes, cases):
        case, film = by_id[case_id], jsrt.load_image(jsrt_dir, case_id).astype(np.float32)
        low, high = np.percentile(film, [0.5, 99.5])
        scaled = np.clip((film - low) / max(high - low, 1e-6), 0, 1)
        suppressed = evaluate.suppress(session, film)
        removed = scaled - suppressed
        spread = max(float(np.percentile(np.abs(removed), 99.5)), 1e-6)
        panels = (
            (scaled, f"{case_id}: input"), (np.clip(suppressed, 0, 1), "bone-suppressed"),
            (np.clip(0.5 + removed / (2 * spread), 0, 1), "removed (input − output)"),
            (_crop(scaled, case.nodule_xy, jsrt.JSRT_PIXEL_MM), f"nodule {case.nodule_mm:.0f} mm, before"),
            (_crop(suppressed, case.nodule_xy, jsrt.JSRT_PIXEL_MM), "after"),
        )
        for axis, (image, title) in zip(row, panels):
            _grey_panel(axis, image, title)
    figure.tight_layout()
    return _save(figure, out / "bone_on_jsrt.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model_training.figures", description=__doc__)
    parser.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    parser.add_argument("--out", default="docs/img", help="output folder")
    parser.add_argument("--models-dir", help="with an exported bone model: also draw bone_before_after.png")
    args = parser.parse_args(argv)
    shared, out = jsrt.shared_root(args.shared), Path(args.out)
    if not (shared / "data" / "jsrt").is_dir():
        parser.error(f"{shared / 'data' / 'jsrt'}: JSRT not found (set CXR_SHARED or --shared)")
    out.mkdir(parents=True, exist_ok=True)
    made = [phantom_vs_jsrt(shared, out), inserted_vs_real_nodules(shared, out)]
    if args.models_dir:
        try:
            made.append(bone_before_after(Path(args.models_dir), shared, out))
            made.append(bone_on_jsrt(Path(args.models_dir), shared, out))
        except manifest.ManifestError as error:
            print(f"bone figure skipped: {error}")
    for path in made:
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
