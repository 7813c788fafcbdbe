"""Nodule contrast as a radiologist sees it, measured the same way on real JSRT films and on phantoms.

Contrast is the rise of the nodule's core over its immediate surroundings, as a fraction of the film's robust
(0.5–99.5 percentile) grey range: a unit that does not depend on the detector, so a phantom, a real film and the
insertion code (``insert_nodule(contrast=...)``) can be compared and matched.

The reference distribution below was measured with ``nodule_contrast`` on the 111 nodules of the JSRT *train*
split (never test) around their listed centres and sizes: ``python -m model_training.phantom.calibration``.
"""

from __future__ import annotations

import numpy as np

# Deciles (0 %, 10 %, … 100 %) of ``nodule_contrast`` over the 111 nodules of the JSRT train split. About a tenth
# measure ≤ 0: a subtle nodule over a rib or a vessel can be darker than its ring. Re-measure after changing
# ``nodule_contrast``.
JSRT_CONTRAST_DECILES = (-0.0913, 0.0001, 0.0104, 0.0151, 0.0279, 0.0355, 0.0393, 0.0512, 0.0598, 0.069, 0.102)
MIN_INSERTED_CONTRAST = 0.01  # an inserted nodule must add something; below this it is only noise


def sample_nodule_contrast(rng: np.random.Generator) -> float:
    """A contrast for ``insert_nodule`` drawn from the JSRT distribution (inverse of its decile table)."""
    quantile = rng.uniform(0, 1)
    value = float(np.interp(quantile, np.linspace(0, 1, len(JSRT_CONTRAST_DECILES)), JSRT_CONTRAST_DECILES))
    return max(value, MIN_INSERTED_CONTRAST)


def nodule_contrast(image: np.ndarray, centre_xy: tuple[float, float], radius_px: float) -> float:
    """(mean of the central 40 % of the nodule − median of a ring at 1.3–2 radii) / robust image range."""
    low, high = np.percentile(image, [0.5, 99.5])
    reach = int(np.ceil(2.1 * radius_px)) + 1
    x0, y0 = int(round(centre_xy[0])), int(round(centre_xy[1]))
    top, left = max(y0 - reach, 0), max(x0 - reach, 0)
    window = image[top : y0 + reach + 1, left : x0 + reach + 1].astype(np.float64)
    rows, cols = np.indices(window.shape)
    distance = np.hypot(cols + left - centre_xy[0], rows + top - centre_xy[1])
    core = window[distance <= 0.4 * radius_px]
    ring = window[(distance >= 1.3 * radius_px) & (distance <= 2.0 * radius_px)]
    if core.size == 0 or ring.size == 0:
        raise ValueError(f"nodule at {centre_xy} with radius {radius_px:.1f} px lies outside the image")
    return float((core.mean() - np.median(ring)) / max(high - low, 1e-12))


def _measure_jsrt(shared_option: str | None) -> np.ndarray:
    from model_training import jsrt

    jsrt_dir = jsrt.shared_root(shared_option) / "data" / "jsrt"
    cases = [case for case in jsrt.read_cases(jsrt_dir) if case.split == "train" and case.nodule_xy]
    return np.array([nodule_contrast(jsrt.load_image(jsrt_dir, case.case_id).astype(np.float32), case.nodule_xy,
                                     case.nodule_mm / 2 / jsrt.JSRT_PIXEL_MM) for case in cases])


def _measure_phantom(cases: int, size: int = 512) -> np.ndarray:
    from model_training.phantom.render import generate_case

    values = []
    for seed in range(cases):
        case = generate_case(np.random.SeedSequence([5000, seed]), size, nodule_count=2)
        values += [nodule_contrast(case.image, (n.x, n.y), n.diameter_mm / 2 / case.pixel_mm) for n in case.nodules]
    return np.array(values)


def main(argv: list[str] | None = None) -> int:
    """Print the deciles of real (JSRT train split) and phantom nodule contrast, to re-check the calibration."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m model_training.phantom.calibration", description=main.__doc__)
    parser.add_argument("--shared", help="the team's shared folder (default $CXR_SHARED or ../shared)")
    parser.add_argument("--phantom-cases", type=int, default=40)
    args = parser.parse_args(argv)
    deciles = np.linspace(0, 100, 11)
    for name, values in (("jsrt-train", _measure_jsrt(args.shared)), ("phantom", _measure_phantom(args.phantom_cases))):
        print(f"{name:10s} n={len(values):4d} deciles={np.round(np.percentile(values, deciles), 4).tolist()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
