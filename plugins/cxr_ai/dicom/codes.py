"""Coded concepts and equipment identity shared by the SR and SEG writers."""

from __future__ import annotations

import highdicom as hd
from highdicom.coding_schemes import CodingSchemeIdentificationItem
from pydicom.sr.codedict import codes

import cxr_ai

MANUFACTURER = "cxr-workstation (open source)"
MODEL_NAME = "cxr-ai nodule detector (research use only)"
DEVICE_SERIAL = "0"

NODULE = codes.SCT.Nodule
LUNG = codes.SCT.Lung
DIAMETER = codes.SCT.Diameter
MILLIMETER = codes.UCUM.Millimeter
NO_UNITS = hd.sr.CodedConcept(value="1", scheme_designator="UCUM", meaning="no units")
# No standard code exists for a detector's per-finding probability: a private scheme, documented in docs/ai-plugin.md
# and declared in each SR (Coding Scheme Identification), as the standard asks of private schemes.
PRIVATE_SCHEME = CodingSchemeIdentificationItem(designator="99CXRAI", name="cxr-workstation AI concepts",
                                                responsible_organization=MANUFACTURER)
AI_SCORE = hd.sr.CodedConcept(value="NODULE_SCORE", scheme_designator="99CXRAI", meaning="AI nodule score")
CHEST_XRAY = hd.sr.CodedConcept(value="36554-4", scheme_designator="LN", meaning="XR Chest Single view")


def software_version() -> str:
    return cxr_ai.__version__


def algorithm_identification(model_version: str) -> hd.AlgorithmIdentificationSequence:
    """For SEG segment descriptions."""
    return hd.AlgorithmIdentificationSequence(
        name="cxr-ai nodule detector", version=model_version, family=codes.cid7162.ArtificialIntelligence
    )


def sr_algorithm(model_version: str) -> hd.sr.AlgorithmIdentification:
    return hd.sr.AlgorithmIdentification(name="cxr-ai nodule detector", version=model_version)
