"""The storage SOP classes a chest X-ray workstation asks for when it retrieves with C-GET.

An association carries at most 128 presentation contexts, so C-GET cannot offer every storage class; we
offer the radiography images, the AI results we produce (SR, SEG, secondary capture), presentation states and
the X-ray radiation dose report that DX units send with their images (without its context, a PACS refuses the
whole C-GET of such a study), each with the transfer syntaxes PACSes commonly store radiographs in.
"""

from __future__ import annotations

from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLosslessSV1,
    RLELossless,
)
from pynetdicom import build_context
from pynetdicom.presentation import PresentationContext
from pynetdicom.sop_class import (  # type: ignore[attr-defined]
    BasicTextSRStorage,
    ComprehensiveSRStorage,
    Comprehensive3DSRStorage,
    ComputedRadiographyImageStorage,
    DigitalXRayImageStorageForPresentation,
    DigitalXRayImageStorageForProcessing,
    EnhancedSRStorage,
    GrayscaleSoftcopyPresentationStateStorage,
    KeyObjectSelectionDocumentStorage,
    SecondaryCaptureImageStorage,
    SegmentationStorage,
    XRayRadiationDoseSRStorage,
    CTImageStorage,
    MRImageStorage,
)

RETRIEVE_TRANSFER_SYNTAXES = [
    ExplicitVRLittleEndian, ImplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, JPEGBaseline8Bit,
    JPEGExtended12Bit, JPEGLosslessSV1, JPEG2000Lossless, JPEG2000, RLELossless,
]
RETRIEVE_SOP_CLASSES = [
    ComputedRadiographyImageStorage, DigitalXRayImageStorageForPresentation,
    DigitalXRayImageStorageForProcessing, SecondaryCaptureImageStorage, BasicTextSRStorage, EnhancedSRStorage,
    ComprehensiveSRStorage, Comprehensive3DSRStorage, KeyObjectSelectionDocumentStorage, SegmentationStorage,
    GrayscaleSoftcopyPresentationStateStorage, XRayRadiationDoseSRStorage, CTImageStorage, MRImageStorage,
]


def retrieve_storage_contexts() -> list[PresentationContext]:
    return [build_context(sop_class, RETRIEVE_TRANSFER_SYNTAXES) for sop_class in RETRIEVE_SOP_CLASSES]
