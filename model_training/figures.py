"""The documentation figures, regenerated deterministically: ``python -m model_training.figures --shared PATH
--out docs/img [--models-dir resources/models]``.

Only JSRT *train*-split cases are shown. The bone figures (real pairs; JSRT films with nodules, in
:mod:`model_training.bone_figures`) need an exported bone model and are skipped with a note when the models folder
has none.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from model_training import jsrt, manifest  # noqa: E402
from model_training.figure_panels import crop, grey_panel, save  # noqa: E402
from model_training.phantom import CtNoduleLibrary, generate_case  # noqa: E402
from model_training.phantom.calibration import nodule_contrast, sample_nodule_contrast  # noqa: E402
from model_training.phantom.insertion import insert_nodule  # noqa: E402
from model_training.preprocess import preprocess  # noqa: E402

PHANTOM_SEEDS = (100, 101, 102, 103)
JSRT_FILMS = ("JPCNN013", "JPCNN054", "JPCLN007", "JPCLN057")  # train split
JSRT_NODULES = ("JPCLN002", "JPCLN004", "JPCLN053", "JPCLN055")  # train split, subtlety 5, 5, 3, 3
HOST_FILM = "JPCNN083"  # train split, no nodule: receives the inserted ones


def phantom_vs_jsrt(shared: Path, out: Path) -> Path:
    jsrt_dir = shared / "data" / "jsrt"
    figure, axes = plt.subplots(2, 4, figsize=(10, 5.4))
    for axis, seed in zip(axes[0], PHANTOM_SEEDS):
        grey_panel(axis, preprocess(generate_case(seed, 512).image, 256)[0], f"phantom {seed}")
    for axis, case_id in zip(axes[1], JSRT_FILMS):
        grey_panel(axis, preprocess(jsrt.load_image(jsrt_dir, case_id), 256)[0], f"JSRT {case_id}")
    figure.tight_layout()
    return save(figure, out / "phantom_vs_jsrt.png")


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
        grey_panel(axes[0, column], crop(image, case.nodule_xy, pixel),
                    f"real {case_id} {case.nodule_mm:.0f} mm, c={measured:.3f}")
        for row, (label, source) in enumerate((("sphere model", None), ("CT nodule", library)), start=1):
            contrast = sample_nodule_contrast(rng)
            inserted, nodule = insert_nodule(host, host_mask, case.nodule_mm, contrast, pixel, rng, source)
            measured = nodule_contrast(inserted, (nodule.x, nodule.y), nodule.diameter_mm / 2 / pixel)
            grey_panel(axes[row, column], crop(inserted, (nodule.x, nodule.y), pixel),
                        f"{label} {case.nodule_mm:.0f} mm, c={measured:.3f}")
    figure.tight_layout()
    return save(figure, out / "inserted_vs_real_nodules.png")


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
        from model_training.bone_figures import bone_before_after, bone_on_jsrt

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
