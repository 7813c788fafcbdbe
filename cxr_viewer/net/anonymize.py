"""Anonymised export of studies per the DICOM Basic Application Level Confidentiality Profile.

One :class:`Anonymizer` serves one export: its UID map and patient pseudonyms are shared by every file in
it, so references between the exported objects (an SR pointing at its image, a series in its study) stay
intact while nothing links back to the originals. The map is never written to disk: it is the
re-identification key. Pixel data is not inspected; files that declare burned-in annotation are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.multival import MultiValue
from pydicom.uid import UID, MediaStorageDirectoryStorage, UID_dictionary, generate_uid

from cxr_viewer.net import deid_profile as profile
from cxr_viewer.net.safe_store import instance_path, write_atomically

_STANDARD_UID_ROOT = "1.2.840.10008."


def _is_standard_uid(value: str) -> bool:
    return value in UID_dictionary or value.startswith(_STANDARD_UID_ROOT)


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # DICOM files deliberately not exported
    missing: list[Path] = field(default_factory=list)  # given sources that do not exist (also in ``failed``)
    warnings: list[str] = field(default_factory=list)


class Anonymizer:
    """Applies the profile in place; mappings stay consistent for the lifetime of the object."""

    def __init__(self) -> None:
        self._uids: dict[str, str] = {}
        self._pseudonyms: dict[str, str] = {}

    def new_uid(self, old: str) -> str:
        if old not in self._uids:
            self._uids[old] = generate_uid()
        return self._uids[old]

    def pseudonym(self, patient_id: str) -> str:
        if patient_id not in self._pseudonyms:
            self._pseudonyms[patient_id] = f"ANON{len(self._pseudonyms) + 1:04d}"
        return self._pseudonyms[patient_id]

    def anonymize(self, ds: Dataset) -> None:
        alias = self.pseudonym(str(ds.get("PatientID", "")))
        self._clean(ds)
        ds.PatientName = alias
        ds.PatientID = alias
        ds.PatientIdentityRemoved = "YES"
        ds.LongitudinalTemporalInformationModified = "REMOVED"
        ds.DeidentificationMethod = profile.METHOD_TEXT
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = profile.PROFILE_CODE
        ds.DeidentificationMethodCodeSequence = [code]
        if getattr(ds, "file_meta", None) is not None and "SOPInstanceUID" in ds:
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID

    def _clean(self, ds: Dataset) -> None:
        for element in list(ds):
            tag, keyword, vr = element.tag, element.keyword, element.VR
            if tag.is_private or (tag.group & 0xFF00) in (0x5000, 0x6000) or keyword in profile.REMOVE:
                del ds[tag]
            elif keyword in profile.PSEUDONYMISED:
                continue  # set once for the whole object in anonymize()
            elif keyword in profile.EMPTY:
                element.value = [] if vr == "SQ" else ""
            elif keyword in profile.DUMMY:
                element.value = profile.DUMMY[keyword]
            elif vr == "UI":
                element.value = self._remap(element.value)
            elif vr == "PN" or vr in profile.DATE_TIME_VRS:
                del ds[tag]
            elif vr == "SQ":
                for item in element.value:
                    self._clean_item(item)

    def _clean_item(self, item: Dataset) -> None:
        """Clean a sequence item; patient name and ID in it get that patient's pseudonym, as at the top level.

        The generic rules skip these two keys (the top level sets them once), so in an item naming a patient
        (Group of Patients Identification, Source Patient Group...) they would otherwise keep the real values.
        """
        named = [keyword for keyword in profile.PSEUDONYMISED if keyword in item]
        alias = self.pseudonym(str(item.get("PatientID", ""))) if named else ""  # no number spent on other items
        self._clean(item)
        for keyword in named:
            setattr(item, keyword, alias)

    def _remap(self, value: object) -> object:
        if isinstance(value, (list, tuple, MultiValue)):
            return [self._remap(v) for v in value]
        text = str(value or "")
        return UID(text) if not text or _is_standard_uid(text) else UID(self.new_uid(text))


def export_anonymized(sources: list[Path], destination: Path) -> ExportReport:
    """Anonymise every DICOM file under ``sources`` into ``destination/<study>/<series>/<sop>.dcm``."""
    report = ExportReport()
    anonymizer = Anonymizer()
    report.missing = [source for source in map(Path, sources) if not source.exists()]
    report.failed += [(missing, "no such file or folder") for missing in report.missing]
    files = sorted(p for source in map(Path, sources)
                   for p in ([source] if source.is_file() else source.rglob("*")) if p.is_file())
    for path in files:
        try:
            ds = dcmread(path)
        except (InvalidDicomError, OSError, ValueError) as exc:
            report.failed.append((path, f"not a readable DICOM file: {exc}"))
            continue
        if _is_dicomdir(ds):
            report.skipped.append((path, "a DICOMDIR: its directory records name the patients"))
            continue
        if str(ds.get("BurnedInAnnotation", "")).upper() == "YES":
            report.warnings.append(f"{path}: BurnedInAnnotation=YES: identifying text may remain in the pixels")
        anonymizer.anonymize(ds)
        buffer = BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        target = instance_path(destination, ds)
        target.parent.mkdir(parents=True, exist_ok=True)
        report.written.append(write_atomically(target, buffer.getvalue(), reserve=0))
    return report


def _is_dicomdir(ds: Dataset) -> bool:
    """True for a media directory (DICOMDIR), which is never exported.

    Its records name the real patients and point at the original files, so an "anonymised" copy would leak
    them and index nothing; the exported images need no directory.
    """
    sop_class = getattr(ds.get("file_meta"), "MediaStorageSOPClassUID", None) or ds.get("SOPClassUID")
    return sop_class == MediaStorageDirectoryStorage or "DirectoryRecordSequence" in ds
