"""Report figures: empirical ROC curves per arm and, for FROC studies, FROC curves per arm.

One panel per arm with a line per reader, so a reader who behaves differently stands out at a glance.
Matplotlib runs on the Agg backend: reports are built on servers without a display.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402

from cxr_reader_study.stats.dataset import RatingDataset  # noqa: E402
from cxr_reader_study.stats.froc import froc_curve  # noqa: E402
from cxr_reader_study.stats.roc import empirical_auc  # noqa: E402


def roc_points(abnormal: np.ndarray, normal: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(FPF, TPF) of the empirical ROC, one point per distinct rating threshold, from (0, 0) to (1, 1)."""
    thresholds = np.unique(np.concatenate((abnormal, normal)))[::-1]
    fpf = [(normal >= t).mean() for t in thresholds]
    tpf = [(abnormal >= t).mean() for t in thresholds]
    return np.array([0.0, *fpf, 1.0]), np.array([0.0, *tpf, 1.0])


def _panels(dataset: RatingDataset) -> tuple[plt.Figure, list[plt.Axes]]:
    figure, axes = plt.subplots(1, len(dataset.modalities), figsize=(4.2 * len(dataset.modalities), 4.2),
                                squeeze=False)
    return figure, list(axes[0])


def plot_roc(dataset: RatingDataset, out: Path) -> None:
    figure, axes = _panels(dataset)
    abnormal = dataset.truth == 1
    for m, (arm, ax) in enumerate(zip(dataset.modalities, axes)):
        for r, reader in enumerate(dataset.readers):
            ratings = dataset.ratings[m, r]
            fpf, tpf = roc_points(ratings[abnormal], ratings[~abnormal])
            auc = empirical_auc(ratings[abnormal], ratings[~abnormal])
            ax.plot(fpf, tpf, marker=".", label=f"{reader} (AUC {auc:.2f})")
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1)
        ax.set(title=f"ROC — {arm}", xlabel="False-positive fraction", ylabel="True-positive fraction",
               xlim=(0, 1), ylim=(0, 1.02), aspect="equal")
        ax.legend(fontsize=7, loc="lower right")
    figure.tight_layout()
    figure.savefig(out, dpi=110)
    plt.close(figure)


def plot_froc(dataset: RatingDataset, out: Path) -> None:
    figure, axes = _panels(dataset)
    for m, (arm, ax) in enumerate(zip(dataset.modalities, axes)):
        for r, reader in enumerate(dataset.readers):
            points = froc_curve(dataset, m, r)
            ax.plot(points.x, points.y, marker=".", label=reader)
        ax.set(title=f"FROC — {arm}", xlabel="Non-lesion localisations per image",
               ylabel="Lesion localisation fraction", ylim=(0, 1.02))
        ax.legend(fontsize=7, loc="lower right")
    figure.tight_layout()
    figure.savefig(out, dpi=110)
    plt.close(figure)
