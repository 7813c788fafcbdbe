"""Detection cases at model resolution: canvases, lung masks, reference nodules, and synthetic positives.

Reference nodules stay in the *original* image's pixels (FROC is scored there: JSRT's 1024 grid, radius =
size_mm / 2 / 0.35) and are mapped onto the canvas only to draw training targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from model_training import jsrt
from model_training.detection.froc import Lesion
from model_training.detection.targets import render_target
from model_training.phantom import CtNoduleLibrary, generate_case
from model_training.phantom.insertion import insert_nodule
from model_training.phantom.layers import FIELD_OF_VIEW_MM
from model_training.preprocess import Letterbox, letterbox_array, preprocess


@dataclass
class DetectionData:
    case_ids: list[str]
    canvases: np.ndarray  # (N, S, S) preprocessed images
    lungs: np.ndarray  # (N, S, S) 0/1 reference lung masks on the canvas
    lesions: list[tuple[Lesion, ...]]  # original-image pixels
    boxes: list[Letterbox]
    pixel_mm: list[float] = field(default_factory=list)  # original image pixel size

    @property
    def labels(self) -> np.ndarray:
        return np.array([bool(found) for found in self.lesions])

    def subset(self, indices) -> DetectionData:
        indices = list(indices)
        return DetectionData([self.case_ids[i] for i in indices], self.canvases[indices], self.lungs[indices],
                             [self.lesions[i] for i in indices], [self.boxes[i] for i in indices],
                             [self.pixel_mm[i] for i in indices])

    def __add__(self, other: DetectionData) -> DetectionData:
        return DetectionData(self.case_ids + other.case_ids, np.concatenate([self.canvases, other.canvases]),
                             np.concatenate([self.lungs, other.lungs]), self.lesions + other.lesions,
                             self.boxes + other.boxes, self.pixel_mm + other.pixel_mm)

    def target_maps(self, shape: str) -> np.ndarray:
        """(N, S, S) maps with each nodule drawn at its canvas position and canvas radius."""
        size = self.canvases.shape[-1]
        maps = []
        for box, lesions in zip(self.boxes, self.lesions):
            drawn = [(*box.to_model(lesion.x, lesion.y), lesion.radius_px * box.scale) for lesion in lesions]
            maps.append(render_target(size, [(float(x), float(y), r) for x, y, r in drawn], shape))
        return np.stack(maps) if maps else np.zeros((0, size, size), np.float32)


def jsrt_lesions(case: jsrt.JsrtCase) -> tuple[Lesion, ...]:
    if not case.has_nodule or case.nodule_xy is None or case.nodule_mm is None:
        return ()
    return (Lesion(case.nodule_xy[0], case.nodule_xy[1], case.nodule_mm / 2 / jsrt.JSRT_PIXEL_MM, case.nodule_mm,
                   case.subtlety),)


def jsrt_detection_data(jsrt_dir: Path, cases: list[jsrt.JsrtCase], size: int) -> DetectionData:
    canvases, lungs, boxes = [], [], []
    for case in cases:
        canvas, box = preprocess(jsrt.load_image(jsrt_dir, case.case_id), size)
        canvases.append(canvas)
        lungs.append(letterbox_array(jsrt.load_lung_mask(jsrt_dir, case.case_id).astype(np.float32), box) > 0.5)
        boxes.append(box)
    return DetectionData([case.case_id for case in cases], np.stack(canvases), np.stack(lungs).astype(np.float32),
                         [jsrt_lesions(case) for case in cases], boxes, [jsrt.JSRT_PIXEL_MM] * len(cases))


def phantom_detection_data(count: int, size: int, seed: int) -> DetectionData:
    """Phantom cases with 0–2 nodules each (used for pre-training and for tests without JSRT)."""
    phantom_size = max(64, int(np.ceil(size / 8)) * 8)
    canvases, lungs, lesions, boxes = [], [], [], []
    for index in range(count):
        case = generate_case(np.random.SeedSequence([seed, index]), size=phantom_size)
        canvas, box = preprocess(case.image, size)
        canvases.append(canvas)
        lungs.append(letterbox_array(case.lung_mask.astype(np.float32), box) > 0.5)
        lesions.append(tuple(Lesion(n.x, n.y, n.diameter_mm / 2 / case.pixel_mm, n.diameter_mm) for n in case.nodules))
        boxes.append(box)
    pixel_mm = FIELD_OF_VIEW_MM / phantom_size
    return DetectionData([f"phantom-{seed}-{i}" for i in range(count)], np.stack(canvases),
                         np.stack(lungs).astype(np.float32), lesions, boxes, [pixel_mm] * count)


def synthetic_positives(jsrt_dir: Path, cases: list[jsrt.JsrtCase], size: int, settings: dict, seed: int,
                        ct_library: CtNoduleLibrary | None) -> DetectionData:
    """``settings['copies']`` copies of each *training* case with one extra nodule blended into its lung field."""
    rng = np.random.default_rng(seed)
    low_mm, high_mm = settings["diameter_mm"]
    canvases, lungs, lesions, boxes, ids = [], [], [], [], []
    for case in cases:
        image = jsrt.load_image(jsrt_dir, case.case_id).astype(np.float32)
        lung = jsrt.load_lung_mask(jsrt_dir, case.case_id)
        for copy in range(settings["copies"]):
            diameter = float(np.exp(rng.uniform(np.log(low_mm), np.log(high_mm))))
            inserted, nodule = insert_nodule(image, lung, diameter, float(rng.uniform(*settings["contrast"])),
                                             jsrt.JSRT_PIXEL_MM, rng, ct_library)
            canvas, box = preprocess(inserted, size)
            canvases.append(canvas)
            lungs.append(letterbox_array(lung.astype(np.float32), box) > 0.5)
            added = Lesion(nodule.x, nodule.y, diameter / 2 / jsrt.JSRT_PIXEL_MM, diameter)
            lesions.append(jsrt_lesions(case) + (added,))
            boxes.append(box)
            ids.append(f"{case.case_id}+insert{copy}")
    return DetectionData(ids, np.stack(canvases), np.stack(lungs).astype(np.float32), lesions, boxes,
                         [jsrt.JSRT_PIXEL_MM] * len(ids))


def ct_library(shared: Path) -> CtNoduleLibrary | None:
    """The real CT nodule shapes when the shared folder has them, else None (sphere model)."""
    folder = shared / "data" / "ct_nodules"
    return CtNoduleLibrary(folder) if (folder / "projections.npz").is_file() else None
