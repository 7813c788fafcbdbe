"""Coded concepts and equipment identity shared by the SR and SEG writers."""

from __future__ import annotations

import highdicom as hd
from highdicom.coding_schemes import CodingSchemeIdentificationItem
from pydicom.sr.codedict import codes
from pydicom.uid import generate_uid

import cxr_ai

MANUFACTURER = "cxr-workstation (open source)"
MODEL_NAME = "cxr-ai nodule detector (research use only)"
DEVICE_SERIAL = "0"
# The Device Observer UID names the device, so every report of this software carries the same one (a fresh UID per
# report would make each report's observer a different device); derived from the device's identity, not stored
DEVICE_UID = generate_uid(entropy_srcs=[MANUFACTURER, MODEL_NAME])

NODULE = codes.SCT.Nodule
LUNG = codes.SCT.Lung
DIAMETER = codes.SCT.Diameter
AREA = codes.SCT.Area
MILLIMETER = codes.UCUM.Millimeter
SQUARE_MILLIMETER = codes.UCUM.SquareMillimeter
NO_UNITS = codes.UCUM.NoUnits
# CID 7150's category for a nodule, with its current meaning ("Morphologically Abnormal Structure")
ABNORMAL_STRUCTURE = codes.SCT.MorphologicallyAbnormalStructure
# No standard code exists for a detector's per-finding probability: a private scheme, documented in docs/ai-plugin.md
# and declared in each SR (Coding Scheme Identification), as the standard asks of private schemes.
PRIVATE_SCHEME = CodingSchemeIdentificationItem(designator="99CXRAI", name="cxr-workstation AI concepts",
                                                responsible_organization=MANUFACTURER)
AI_SCORE = hd.sr.CodedConcept(value="NODULE_SCORE", scheme_designator="99CXRAI", meaning="AI nodule score")
CHEST_XRAY = hd.sr.CodedConcept(value="36554-4", scheme_designator="LN", meaning="XR Chest Single view")


def software_versions(model_version: str) -> list[str]:
    """The plugin's version and the model version: the second says which models produced the object's content."""
    return [cxr_ai.__version__, model_version]


def set_equipment(dataset: hd.SOPClass, model_version: str) -> None:
    """General Equipment of an SR or SEG: who made it, and with which software and models."""
    dataset.Manufacturer = MANUFACTURER
    dataset.ManufacturerModelName = MODEL_NAME
    dataset.SoftwareVersions = software_versions(model_version)
    dataset.DeviceSerialNumber = DEVICE_SERIAL


def algorithm_identification(model_version: str) -> hd.AlgorithmIdentificationSequence:
    """For SEG segment descriptions."""
    return hd.AlgorithmIdentificationSequence(
        name="cxr-ai nodule detector", version=model_version, family=codes.cid7162.ArtificialIntelligence
    )


def sr_algorithm(model_version: str, parameters: list[str] | None = None) -> hd.sr.AlgorithmIdentification:
    """TID 4019; ``parameters`` become its Algorithm Parameters (TEXT), the inputs that shaped this run's output."""
    return hd.sr.AlgorithmIdentification(name="cxr-ai nodule detector", version=model_version,
                                         parameters=parameters or None)
