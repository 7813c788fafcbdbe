"""Stage 1's out-of-fold candidates as labelled patches, plus the positives stage 1 missed or never saw.

Negatives are stage 1's real false positives, the look-alikes the classifier has to reject. Positives are its
candidates on nodules, a patch on every reference nodule's centre (so that the nodules stage 1 missed still
teach), and one synthetic LIDC nodule per film, as stage 1's insertion makes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from cxr_ai.engine.patches import cut_patches

from model_training.detection.froc import Lesion, Mark
from model_training.detection.second_stage.settings import SecondStageSettings
from model_training.phantom import CtNoduleLibrary
from model_training.phantom.insertion import insert_nodule
from model_training.preprocess import preprocess


@dataclass
class ImagePatches:
    """One film's candidates (image pixels, stage 1's score order) and its patches, cut ``settings.cut`` wide."""

    case_id: str
    fold: int
    lesions: tuple[Lesion, ...]
    candidates: tuple[Mark, ...]
    on_nodule: np.ndarray  # (n,) bool: the candidate's centre lies within a nodule's radius (the FROC rule)
    candidate_patches: np.ndarray  # (n, cut, cut)
    extra_positives: np.ndarray  # (m, cut, cut): reference nodule centres and the inserted nodule


def on_a_lesion(mark: Mark, lesions: tuple[Lesion, ...]) -> bool:
    return any(lesion.hit_by(mark.x, mark.y) for lesion in lesions)


def patch_centres(box, points: list[tuple[float, float]]) -> np.ndarray:
    """Image-pixel points → (n, 2) model-canvas x, y: where patches are cut."""
    if not points:
        return np.zeros((0, 2))
    xs, ys = box.to_model(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    return np.stack([xs, ys], axis=1)


def image_patches(case_id: str, fold: int, image: np.ndarray, lung_mask: np.ndarray, pixel_mm: float,
                  candidates: tuple[Mark, ...], lesions: tuple[Lesion, ...], settings: SecondStageSettings,
                  rng: np.random.Generator, library: CtNoduleLibrary | None) -> ImagePatches:
    """Patches of one film; ``lung_mask`` (the reference mask) only places the synthetic nodule."""
    canvas, box = preprocess(image, settings.canvas)
    points = [(mark.x, mark.y) for mark in candidates]
    candidate_patches = cut_patches(canvas, patch_centres(box, points), settings.cut)
    reference = cut_patches(canvas, patch_centres(box, [(lesion.x, lesion.y) for lesion in lesions]), settings.cut)
    low, high = settings.insertion_diameter_mm
    diameter = float(np.exp(rng.uniform(np.log(low), np.log(high))))
    inserted, nodule = insert_nodule(image.astype(np.float32), lung_mask, diameter,
                                     float(rng.uniform(*settings.insertion_contrast)), pixel_mm, rng, library)
    inserted_canvas, inserted_box = preprocess(inserted, settings.canvas)
    synthetic = cut_patches(inserted_canvas, patch_centres(inserted_box, [(nodule.x, nodule.y)]), settings.cut)
    return ImagePatches(case_id, fold, lesions, candidates,
                        np.array([on_a_lesion(mark, lesions) for mark in candidates], bool), candidate_patches,
                        np.concatenate([reference, synthetic]))


def training_patches(images: list[ImagePatches], held_out_fold: int) -> tuple[np.ndarray, np.ndarray]:
    """(positives, negatives) from every film outside ``held_out_fold``: nested inside stage 1's folds."""
    kept = [image for image in images if image.fold != held_out_fold]
    if not kept:
        raise ValueError(f"no training films outside fold {held_out_fold}")
    positives = [image.candidate_patches[image.on_nodule] for image in kept] + [image.extra_positives
                                                                                   for image in kept]
    negatives = [image.candidate_patches[~image.on_nodule] for image in kept]
    return np.concatenate(positives), np.concatenate(negatives)
