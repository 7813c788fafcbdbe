"""DICOM SEG of the findings: BINARY (one segment per finding's region) and FRACTIONAL (the probability map).

Of a frame of a multi-frame source, ``plane_position`` is that frame's Plane Position: highdicom finds the frame
by it and references it (``cxr_ai.dicom.frames``); None for a single-frame source."""

from __future__ import annotations

import highdicom as hd
import numpy as np
from matplotlib.path import Path as Polygon
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from cxr_ai.dicom import codes as cxr_codes
from cxr_ai.dicom.tracking import Tracking, finding_tracking
from cxr_ai.engine.result import ImageResult


def finding_masks(result: ImageResult) -> np.ndarray:
    """(rows, cols, findings) bool: the pixels whose centres lie inside each contour polygon, so that the SEG holds
    what the SR's outline encloses. (The polygon drawn with its outline by PIL added a ring of pixels outside the
    outline: 4 % more area on a 10 mm nodule at 0.2 mm pixels, a fifth more on a region 18 pixels across.)"""
    masks = np.zeros((result.height, result.width, len(result.findings)), bool)
    for index, finding in enumerate(result.findings):
        contour = np.asarray(finding.contour, np.float64)
        if len(contour) < 3:  # no area: the SR marks it by a point, the SEG by that pixel
            masks[int(np.clip(round(finding.y), 0, result.height - 1)),
                  int(np.clip(round(finding.x), 0, result.width - 1)), index] = True
            continue
        left, top = np.maximum(np.floor(contour.min(axis=0)).astype(int), 0)
        right, bottom = np.minimum(np.ceil(contour.max(axis=0)).astype(int), [result.width - 1, result.height - 1])
        rows, cols = np.mgrid[top : bottom + 1, left : right + 1]
        inside = Polygon(contour).contains_points(np.c_[cols.ravel(), rows.ravel()]).reshape(rows.shape)
        masks[top : bottom + 1, left : right + 1, index] = inside
    return masks


def _description(number: int, label: str, model_version: str,
                 tracking: Tracking | None = None) -> hd.seg.SegmentDescription:
    return hd.seg.SegmentDescription(
        segment_number=number,
        segment_label=label,
        segmented_property_category=cxr_codes.ABNORMAL_STRUCTURE,
        segmented_property_type=cxr_codes.NODULE,
        anatomic_regions=[cxr_codes.LUNG],
        algorithm_type=hd.seg.SegmentAlgorithmTypeValues.AUTOMATIC,
        algorithm_identification=cxr_codes.algorithm_identification(model_version),
        tracking_id=tracking.identifier if tracking else None,
        tracking_uid=tracking.uid if tracking else None,
    )


def _segmentation(source: Dataset, pixels: np.ndarray, kind: hd.seg.SegmentationTypeValues,
                  descriptions: list[hd.seg.SegmentDescription], series_number: int, label: str,
                  model_version: str, plane_position: Sequence | None) -> hd.seg.Segmentation:
    segmentation = hd.seg.Segmentation(
        source_images=[source],
        pixel_array=pixels,
        segmentation_type=kind,
        segment_descriptions=descriptions,
        series_instance_uid=hd.UID(),
        series_number=series_number,
        sop_instance_uid=hd.UID(),
        instance_number=1,
        manufacturer=cxr_codes.MANUFACTURER,
        manufacturer_model_name=cxr_codes.MODEL_NAME,
        software_versions=cxr_codes.software_versions(model_version),
        device_serial_number=cxr_codes.DEVICE_SERIAL,
        series_description=label,
        omit_empty_frames=False,
        plane_positions=None if plane_position is None else [plane_position],
    )
    _fit_projection_image(segmentation, source)
    return segmentation


def _fit_projection_image(segmentation: hd.seg.Segmentation, source: Dataset) -> None:
    """A radiograph has no plane geometry, so the standard wants the SEG to say how its rows and columns lie
    (Patient Orientation, Type 2C: the source's, as the SEG's pixels are the source's), and Pixel Measures there
    would need a Slice Thickness that a projection image does not have (dciodvfy rejects highdicom's copy of the
    spacing without one): it is dropped, and the referenced image keeps the spacing."""
    shared = segmentation.SharedFunctionalGroupsSequence[0]
    if "PlaneOrientationSequence" in shared:
        return  # a cross-sectional source: highdicom wrote its geometry in full
    segmentation.PatientOrientation = source.get("PatientOrientation", "")
    measures = shared.get("PixelMeasuresSequence")
    if measures and "SliceThickness" not in measures[0]:
        del shared.PixelMeasuresSequence


def build_binary_seg(source: Dataset, result: ImageResult, series_number: int = 902,
                     tracking: dict[int, Tracking] | None = None,
                     plane_position: Sequence | None = None) -> hd.seg.Segmentation | None:
    """None when there is no finding (a SEG needs at least one segment). Each segment carries its finding's
    ``tracking`` (``cxr_ai.dicom.tracking``: pass the SR's, so the two pair up; fresh ones when None)."""
    if not result.findings:
        return None
    tracking = tracking or finding_tracking(result)
    descriptions = [_description(i, f"{tracking[f.id].identifier} (score {f.score:.2f})", result.model_version,
                                 tracking[f.id])
                    for i, f in enumerate(result.findings, start=1)]
    return _segmentation(source, finding_masks(result)[None], hd.seg.SegmentationTypeValues.BINARY, descriptions,
                         series_number, "AI nodule regions (research use only)", result.model_version,
                         plane_position)


def build_fractional_seg(source: Dataset, probability: np.ndarray, model_version: str,
                         series_number: int = 903, plane_position: Sequence | None = None) -> hd.seg.Segmentation:
    """``probability``: (rows, cols) in [0, 1] at the source image's size."""
    pixels = np.clip(probability, 0.0, 1.0).astype(np.float32)[None, ..., None]
    return _segmentation(source, pixels, hd.seg.SegmentationTypeValues.FRACTIONAL,
                         [_description(1, "Nodule probability", model_version)], series_number,
                         "AI nodule probability (research use only)", model_version, plane_position)
