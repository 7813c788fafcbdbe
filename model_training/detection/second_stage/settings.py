"""The candidate classifier's settings, fixed before its first run (model_training/results/README.md,
2026-12-02 15:49 UTC); a change is a new design and needs a new rule before it is scored."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class SecondStageSettings:
    canvas: int = 512  # preprocessing size for the patches: 0.7 mm per pixel on JSRT, twice stage 1's resolution
    patch: int = 64
    shift: int = 4  # training patches are cut 2 × shift larger and cropped at random (±shift px jitter)
    candidate_cap: int = 30  # stage 1 candidates per image handed to the classifier (stage 1's own cap is 5)
    final_cap: int = 5  # kept per image after re-scoring, as the engine's operating points keep
    epochs: int = 30
    samples_per_epoch: int = 3000
    batch: int = 64
    positive_fraction: float = 0.5
    learning_rate: float = 1e-3
    weight_decay: float = 1e-4
    insertion_diameter_mm: tuple[float, float] = (5.0, 30.0)
    insertion_contrast: tuple[float, float] = (0.04, 0.15)
    tta: tuple[str, ...] = ("identity", "hflip")
    seed: int = 0

    @property
    def cut(self) -> int:
        return self.patch + 2 * self.shift

    def as_record(self) -> dict:
        return asdict(self)
