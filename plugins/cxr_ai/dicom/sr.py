"""Comprehensive 3D SR measurement report (TID 1500): the source in its Image Library, one planar ROI per finding
with its outline, score, diameter and area; "Nodule: absent" for the image when there is none.

Each planar ROI carries its finding's tracking identity (``cxr_ai.dicom.tracking``), the same as the binary SEG's
segment of it, and the SEGs of the same export are listed in the SR's Current Requested Procedure Evidence. TID 1410
takes either an Image Region or a Referenced Segmentation Frame per group, not both: the outline stays, since every
SR viewer draws it, and the shared Tracking UID is what pairs it with the segment.

The pixel spacing behind the mm figures, and where it came from (the file, or ``--pixel-spacing`` when the file
has none), is an Algorithm Parameter (TID 4019) of the detector: it set the mm filters and every mm value.
``frames``: the Referenced Frame Number of every image reference when the findings are of one frame of a
multi-frame source (``cxr_ai.dicom.frames``), None for a single-frame one.
"""

from __future__ import annotations

import highdicom as hd
import numpy as np
from pydicom.dataset import Dataset
from pydicom.sr.codedict import codes

from cxr_ai.dicom import codes as cxr_codes
from cxr_ai.dicom.library import image_library
from cxr_ai.dicom.tracking import Tracking, finding_tracking
from cxr_ai.engine.result import Finding, ImageResult


def _region(finding: Finding, source: Dataset, frames: list[int] | None) -> hd.sr.ImageRegion:
    """Closed POLYLINE of the contour (SCOORD column, row); DICOM pixel coordinates start at the pixel's edge."""
    points = np.asarray(finding.contour, np.float64) + 0.5
    image = hd.sr.SourceImageForRegion.from_source_image(source, referenced_frame_numbers=frames)
    if len(points) < 3:
        return hd.sr.ImageRegion(
            graphic_type=hd.sr.GraphicTypeValues.POINT,
            graphic_data=np.array([[finding.x + 0.5, finding.y + 0.5]]),
            source_image=image,
        )
    if not np.array_equal(points[0], points[-1]):
        points = np.vstack([points, points[:1]])
    return hd.sr.ImageRegion(
        graphic_type=hd.sr.GraphicTypeValues.POLYLINE,
        graphic_data=points,
        source_image=image,
    )


def _measurements(finding: Finding, algorithm: hd.sr.AlgorithmIdentification) -> list[hd.sr.Measurement]:
    measurements = [hd.sr.Measurement(name=cxr_codes.AI_SCORE, value=finding.score, unit=cxr_codes.NO_UNITS,
                                      algorithm_id=algorithm)]
    if finding.diameter_mm is not None:  # uncalibrated images: no mm figure rather than a wrong one
        measurements.append(hd.sr.Measurement(name=cxr_codes.DIAMETER, value=finding.diameter_mm,
                                              unit=cxr_codes.MILLIMETER, algorithm_id=algorithm))
    if finding.area_mm2 is not None:
        measurements.append(hd.sr.Measurement(name=cxr_codes.AREA, value=finding.area_mm2,
                                              unit=cxr_codes.SQUARE_MILLIMETER, algorithm_id=algorithm))
    return measurements


def _no_nodule_group(source: Dataset, algorithm: hd.sr.AlgorithmIdentification, frames: list[int] | None,
                     ) -> hd.sr.MeasurementsAndQualitativeEvaluations:
    """An image-level group (TID 1501) saying the detector found no nodule: a negative read is a result too, and
    TID 1500 needs at least one group."""
    return hd.sr.MeasurementsAndQualitativeEvaluations(
        tracking_identifier=hd.sr.TrackingIdentifier(uid=hd.UID(), identifier="No nodule"),
        finding_type=cxr_codes.NODULE,
        finding_sites=[hd.sr.FindingSite(anatomic_location=cxr_codes.LUNG)],
        algorithm_id=algorithm,
        qualitative_evaluations=[hd.sr.QualitativeEvaluation(name=cxr_codes.NODULE, value=codes.SCT.Absent)],
        source_images=[hd.sr.SourceImageForMeasurementGroup.from_source_image(source, referenced_frame_numbers=frames)],
    )


def spacing_parameters(result: ImageResult) -> list[str]:
    """The spacing the mm figures rest on, with its source (``given by the user`` for ``--pixel-spacing``): a
    report read without the source file must not pass a user's assumption off as the image's calibration."""
    if not result.pixel_spacing_mm:
        return []
    row, column = result.pixel_spacing_mm
    return [f"pixel spacing (row\\column) {row:g}\\{column:g} mm; source: {result.spacing_source}"]


def build_sr(source: Dataset, result: ImageResult, series_number: int = 901,
             tracking: dict[int, Tracking] | None = None,
             companions: list[Dataset] | None = None, frames: list[int] | None = None) -> hd.sr.Comprehensive3DSR:
    """``tracking``: the findings' identities shared with the binary SEG (fresh ones when None); ``companions``:
    the SEGs written with this SR, listed as its evidence (same study) so a reader finds them from it."""
    algorithm = cxr_codes.sr_algorithm(result.model_version, spacing_parameters(result))
    tracking = tracking or finding_tracking(result)
    groups: list = [
        hd.sr.PlanarROIMeasurementsAndQualitativeEvaluations(
            tracking_identifier=hd.sr.TrackingIdentifier(uid=tracking[finding.id].uid,
                                                         identifier=tracking[finding.id].identifier),
            referenced_region=_region(finding, source, frames),
            finding_type=cxr_codes.NODULE,
            finding_sites=[hd.sr.FindingSite(anatomic_location=cxr_codes.LUNG)],
            algorithm_id=algorithm,
            measurements=_measurements(finding, algorithm),
        )
        for finding in result.findings
    ] or [_no_nodule_group(source, algorithm, frames)]
    observer = hd.sr.ObserverContext(
        observer_type=codes.DCM.Device,
        observer_identifying_attributes=hd.sr.DeviceObserverIdentifyingAttributes(
            uid=cxr_codes.DEVICE_UID, name="cxr-ai", manufacturer_name=cxr_codes.MANUFACTURER,
            model_name=cxr_codes.MODEL_NAME,
        ),
    )
    report = hd.sr.MeasurementReport(
        observation_context=hd.sr.ObservationContext(observer_device_context=observer),
        procedure_reported=cxr_codes.CHEST_XRAY,
        imaging_measurements=groups,
    )
    _add_image_library(report, source, frames)
    sr = hd.sr.Comprehensive3DSR(
        evidence=[source, *(companions or [])],
        content=report,
        series_number=series_number,
        series_instance_uid=hd.UID(),
        sop_instance_uid=hd.UID(),
        instance_number=1,
        manufacturer=cxr_codes.MANUFACTURER,
        coding_schemes=[cxr_codes.PRIVATE_SCHEME],
        series_description=f"AI nodule findings ({result.operating_point}; research use only)",
    )
    cxr_codes.set_equipment(sr, result.model_version)
    return sr


def _add_image_library(report: hd.sr.MeasurementReport, source: Dataset, frames: list[int] | None) -> None:
    """TID 1500 row 5, before the Imaging Measurements (row 6). highdicom's own library fails on common
    radiographs (``cxr_ai.dicom.library``), so it is built here and put in its place."""
    content = report[0].ContentSequence
    measurements = next(index for index, item in enumerate(content)
                        if item.ConceptNameCodeSequence[0].CodeValue == codes.DCM.ImagingMeasurements.value)
    content.insert(measurements, image_library(source, frames))
