"""The SR's Image Library (TID 1600, mandatory in TID 1500): the source image and what a reader needs to place it.

highdicom builds the library from the dataset, but for a projection radiograph it reads Imager Pixel Spacing and
Patient Orientation unconditionally, so a CR with only Pixel Spacing (or none, or no orientation) stopped the
export, and a source whose SOP Class it has no modality for (secondary capture) as well. Here each descriptor
(TID 1602/1603) is written only when the source has a usable value: an entry says less, never something false.
"""

from __future__ import annotations

import highdicom as hd
from pydicom.dataset import Dataset
from pydicom.sr.codedict import codes

from cxr_ai.dicom import codes as cxr_codes

SOURCE = hd.sr.CodedConcept(value="260753009", scheme_designator="SCT", meaning="Source")  # as highdicom names it
PIXELS = hd.sr.CodedConcept(value="{pixels}", scheme_designator="UCUM", meaning="Pixels")
PROJECTION_MODALITIES = ("CR", "DX", "IO", "MG", "PX", "RF", "RG", "XA")
ACQUISITION_CONTEXT = hd.sr.RelationshipTypeValues.HAS_ACQ_CONTEXT


def _coded_modality(modality: str) -> hd.sr.CodedConcept | None:
    """The Modality attribute as its code: CID 29 (acquisition modalities), else CID 33 (OT for other)."""
    for collection in (codes.cid29, codes.cid33):
        for keyword in collection.dir():
            code = getattr(collection, keyword)
            if code.value == modality:
                return code
    return None


def _number(name, value: float, unit) -> hd.sr.NumContentItem:
    return hd.sr.NumContentItem(name=name, value=value, unit=unit, relationship_type=ACQUISITION_CONTEXT)


def _text(name, value: str) -> hd.sr.TextContentItem:
    return hd.sr.TextContentItem(name=name, value=value, relationship_type=ACQUISITION_CONTEXT)


def entry_descriptors(source: Dataset) -> list[hd.sr.ContentItem]:
    """TID 1602 (and 1603 for a projection radiograph): modality, frame of reference, size, orientation, spacing."""
    items: list[hd.sr.ContentItem] = []
    modality = _coded_modality(str(source.get("Modality", "")))
    if modality is not None:
        items.append(hd.sr.CodeContentItem(name=codes.DCM.Modality, value=modality,
                                           relationship_type=ACQUISITION_CONTEXT))
    if source.get("FrameOfReferenceUID"):
        items.append(hd.sr.UIDRefContentItem(name=codes.DCM.FrameOfReferenceUID, value=source.FrameOfReferenceUID,
                                             relationship_type=ACQUISITION_CONTEXT))
    items += [_number(codes.DCM.PixelDataRows, source.Rows, PIXELS),
              _number(codes.DCM.PixelDataColumns, source.Columns, PIXELS)]
    if source.get("Modality") not in PROJECTION_MODALITIES:
        return items
    orientation = list(source.get("PatientOrientation") or [])
    if len(orientation) == 2 and all(orientation):
        items += [_text(codes.DCM.PatientOrientationRow, orientation[0]),
                  _text(codes.DCM.PatientOrientationColumn, orientation[1])]
    spacing = [float(value) for value in source.get("ImagerPixelSpacing") or []]
    if len(spacing) == 2 and min(spacing) > 0:
        items += [_number(codes.DCM.HorizontalPixelSpacing, spacing[1], cxr_codes.MILLIMETER),
                  _number(codes.DCM.VerticalPixelSpacing, spacing[0], cxr_codes.MILLIMETER)]
    return items


def image_library(source: Dataset, frames: list[int] | None = None) -> hd.sr.ContainerContentItem:
    """Image Library → one Image Library Group → the source image (frame ``frames`` of several) and descriptors."""
    image = hd.sr.ImageContentItem(name=SOURCE, referenced_sop_class_uid=source.SOPClassUID,
                                   referenced_sop_instance_uid=source.SOPInstanceUID,
                                   referenced_frame_numbers=frames,
                                   relationship_type=hd.sr.RelationshipTypeValues.CONTAINS)
    image.ContentSequence = hd.sr.ContentSequence(entry_descriptors(source))
    group = hd.sr.ContainerContentItem(name=codes.DCM.ImageLibraryGroup,
                                       relationship_type=hd.sr.RelationshipTypeValues.CONTAINS)
    group.ContentSequence = hd.sr.ContentSequence([image])
    library = hd.sr.ContainerContentItem(name=codes.DCM.ImageLibrary,
                                         relationship_type=hd.sr.RelationshipTypeValues.CONTAINS)
    library.ContentSequence = hd.sr.ContentSequence([group])
    return library
