"""Report figures: empirical ROC curves per arm and, for FROC studies, FROC curves per arm.

In an FROC study the ROC panel is the highest-rating inferred ROC (each case scored by its highest mark
wherever it lies), whose true-positive fraction is not the lesion-localised sensitivity of Table 1; its
title and axis say so.

One panel per arm: a thin line per reader (so a reader who behaves differently stands out), the arm's
reader-averaged curve thick (vertical average: mean TPF, or LLF, at each FPF, or NLF), and the standalone
AI dashed when the study has one; :mod:`plots_style` keeps coinciding curves visible. Matplotlib runs on the Agg backend: reports are built on servers
without a display.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402

from cxr_reader_study.results.plots_style import AI_STYLE, AVERAGE_STYLE, reader_style  # noqa: E402
from cxr_reader_study.stats.dataset import RatingDataset  # noqa: E402
from cxr_reader_study.stats.froc import afroc_fom, froc_curve  # noqa: E402
from cxr_reader_study.stats.roc import empirical_auc  # noqa: E402

_GRID = np.linspace(0.0, 1.0, 201)


def roc_points(abnormal: np.ndarray, normal: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(FPF, TPF) of the empirical ROC, one point per distinct rating threshold, from (0, 0) to (1, 1)."""
    thresholds = np.unique(np.concatenate((abnormal, normal)))[::-1]
    fpf = [(normal >= t).mean() for t in thresholds]
    tpf = [(abnormal >= t).mean() for t in thresholds]
    return np.array([0.0, *fpf, 1.0]), np.array([0.0, *tpf, 1.0])


def vertical_average(curves: list[tuple[np.ndarray, np.ndarray]], grid: np.ndarray) -> np.ndarray:
    """Mean y of piecewise-linear curves at ``grid``; a vertical step counts at its top (the ROC convention)."""
    values = []
    for x, y in curves:
        nudged = x - np.arange(x.size)[::-1] * 1e-12  # strictly increasing; a step's top lands on its x
        values.append(np.interp(grid, nudged, y))
    return np.mean(values, axis=0)


def _panels(dataset: RatingDataset) -> tuple[plt.Figure, list[plt.Axes]]:
    figure, axes = plt.subplots(1, len(dataset.modalities), figsize=(4.6 * len(dataset.modalities), 5.4),
                                squeeze=False, sharex=True, sharey=True, layout="constrained")
    return figure, list(axes[0])


def _finish(figure: plt.Figure, title: str, out: Path) -> plt.Figure:
    """Save and release the figure from pyplot; it is returned so its curves can be checked."""
    figure.suptitle(title, fontsize=11)
    figure.savefig(out, dpi=110)
    plt.close(figure)
    return figure


def plot_roc(dataset: RatingDataset, out: Path, ai: RatingDataset | None = None, title: str = "") -> plt.Figure:
    figure, axes = _panels(dataset)
    abnormal = dataset.truth == 1
    ai_curve = None
    if ai is not None:
        ai_curve = roc_points(ai.ratings[0, 0][abnormal], ai.ratings[0, 0][~abnormal])
        ai_auc = empirical_auc(ai.ratings[0, 0][abnormal], ai.ratings[0, 0][~abnormal])
    for m, (arm, ax) in enumerate(zip(dataset.modalities, axes)):
        curves, aucs = [], []
        for r, reader in enumerate(dataset.readers):
            ratings = dataset.ratings[m, r]
            curves.append(roc_points(ratings[abnormal], ratings[~abnormal]))
            aucs.append(empirical_auc(ratings[abnormal], ratings[~abnormal]))
            ax.plot(*curves[-1], **reader_style(r, len(dataset.readers)), label=f"{reader} (AUC {aucs[-1]:.2f})")
        ax.plot([0.0, *_GRID], [0.0, *vertical_average(curves, _GRID)], **AVERAGE_STYLE,
                label=f"reader average (mean AUC {np.mean(aucs):.2f})")
        if ai_curve is not None:
            ax.plot(*ai_curve, **AI_STYLE, label=f"AI standalone (AUC {ai_auc:.2f})")
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1)
        ax.set(title=f"{arm} ({len(dataset.readers)} readers)", xlabel="False-positive fraction (1 − specificity)",
               ylabel=("Inferred TPF (any mark, not localised)" if dataset.is_froc
                       else "True-positive fraction (sensitivity)"), xlim=(0, 1), ylim=(0, 1.02))
        ax.set_box_aspect(1)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower right")
    heading = f"{title or 'ROC curves per arm'} ({dataset.n_abnormal} abnormal, {dataset.n_normal} normal cases)"
    kind = ("Highest-rating inferred ROC: a case's score is its highest mark wherever it lies (not lesion-localised)"
            if dataset.is_froc else "Empirical ROC")
    return _finish(figure, f"{heading}\n{kind}", out)


def plot_froc(dataset: RatingDataset, out: Path, ai: RatingDataset | None = None) -> plt.Figure:
    figure, axes = _panels(dataset)
    ai_curve = froc_curve(ai, 0, 0) if ai is not None and ai.froc is not None else None
    widest = max([froc_curve(dataset, m, r).x[-1] for m in range(len(dataset.modalities))
                  for r in range(len(dataset.readers))] + [ai_curve.x[-1] if ai_curve is not None else 0.0])
    for m, (arm, ax) in enumerate(zip(dataset.modalities, axes)):
        curves = [froc_curve(dataset, m, r) for r in range(len(dataset.readers))]
        foms = [afroc_fom(dataset, m, r) for r in range(len(dataset.readers))]
        for r, (reader, points, fom) in enumerate(zip(dataset.readers, curves, foms)):
            ax.plot(points.x, points.y, **reader_style(r, len(dataset.readers)), label=f"{reader} (wAFROC {fom:.2f})")
        reach = min(points.x[-1] for points in curves)  # average only where every reader's curve exists
        if reach > 0:
            grid = np.linspace(0.0, reach, 101)
            average = vertical_average([(p.x, p.y) for p in curves], grid)
            ax.plot([0.0, *grid], [0.0, *average], **AVERAGE_STYLE, label=f"reader average (mean wAFROC {np.mean(foms):.2f})")
        if ai_curve is not None:
            ax.plot(ai_curve.x, ai_curve.y, **AI_STYLE, label=f"AI standalone (wAFROC {afroc_fom(ai, 0, 0):.2f})")
        ax.set(title=f"{arm} ({len(dataset.readers)} readers)", xlabel="Non-lesion localisations per image (NLF)",
               ylabel="Lesion localisation fraction (LLF)", ylim=(0, 1.02), xlim=(0, 1.05 * widest or 1.0))
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower right")
    lesions = int(dataset.froc.n_lesions.sum()) if dataset.froc is not None else 0
    return _finish(figure, f"FROC curves per arm ({lesions} lesions on {len(dataset.cases)} cases)", out)
