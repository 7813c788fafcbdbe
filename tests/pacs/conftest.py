"""PACS test set-up: synthetic CR studies written with pydicom, a real Orthanc, and the private network.

Orthanc listens on every interface whatever its configuration says, so tests that start it run only inside
a network namespace that has nothing but loopback. ``test_namespace_runner.py`` re-runs the ``pacs``-marked
tests that way (``unshare -n``, as root); in the outer run those tests are deselected, not skipped twice.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import numpy as np
import pydicom
import pytest
import requests
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ComputedRadiographyImageStorage, ExplicitVRLittleEndian, generate_uid

from cxr_viewer.net.nodes import DicomNode

ORTHANC_AE = "ORTHANCTEST"
OUR_AE = "CXRTEST"
ORTHANC_PLUGIN_DIRS = ("/usr/share/orthanc/plugins", "/usr/lib/orthanc")


def in_private_netns() -> bool:
    """True when loopback is the only interface, i.e. nothing we start can be reached from outside."""
    return {name for _index, name in socket.if_nameindex()} == {"lo"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dicomweb_plugin() -> Path | None:
    for folder in ORTHANC_PLUGIN_DIRS:
        candidate = Path(folder) / "libOrthancDicomWeb.so"
        if candidate.exists():
            return candidate
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if in_private_netns():
        return
    outside = [item for item in items if item.get_closest_marker("pacs") is None]
    inside = [item for item in items if item.get_closest_marker("pacs") is not None]
    if inside:
        config.hook.pytest_deselected(items=inside)
        items[:] = outside


def write_cr(folder: Path, study_uid: str, series_uid: str, index: int, patient: dict[str, str],
             size: int = 256) -> Path:
    """One 16-bit CR instance whose pixels depend on its index, so mix-ups are detectable."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ComputedRadiographyImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
    ds.PatientName, ds.PatientID = patient["name"], patient["id"]
    ds.PatientBirthDate, ds.PatientSex = patient.get("birth_date", "19600101"), patient.get("sex", "F")
    ds.StudyDate, ds.StudyTime = patient.get("study_date", "20240315"), "101500"
    ds.AccessionNumber, ds.StudyID = patient.get("accession", "ACC001"), "1"
    ds.ReferringPhysicianName = "Referrer^Rita"
    ds.InstitutionName = "General Hospital"
    ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "CR", 1, index + 1
    ds.BodyPartExamined, ds.ViewPosition = "CHEST", "PA"
    rng = np.random.default_rng(index)
    pixels = (rng.integers(0, 4096, (size, size)) + index).astype(np.uint16)
    ds.Rows = ds.Columns = size
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.PixelSpacing = [0.2, 0.2]
    ds.PixelData = pixels.tobytes()
    ds.add_new(0x00091010, "LO", "private vendor note")
    path = folder / f"cr_{index:04d}.dcm"
    ds.save_as(path, enforce_file_format=True)
    return path


@pytest.fixture
def make_study(tmp_path: Path):
    """Factory: ``make_study(n, name=..., ...)`` -> list of file paths of one new study (one series)."""

    def factory(count: int = 3, **patient: str) -> list[Path]:
        folder = tmp_path / f"study-{generate_uid()[-12:]}"
        folder.mkdir()
        fields = {"name": "Doe^Jane", "id": "PID0001", **patient}
        study_uid, series_uid = generate_uid(), generate_uid()
        return [write_cr(folder, study_uid, series_uid, i, fields) for i in range(count)]

    return factory


def pixels_of(path: Path) -> np.ndarray:
    return pydicom.dcmread(path).pixel_array


class Orthanc:
    """A private Orthanc started from its own configuration file, stopped by PID."""

    def __init__(self, root: Path, our_scp_port: int, extra_modalities: dict[str, list] | None = None) -> None:
        self.root = root
        self.extra_modalities = extra_modalities or {}
        self.dicom_port, self.http_port = free_port(), free_port()
        self.our_scp_port = our_scp_port
        self.node = DicomNode(ORTHANC_AE, "127.0.0.1", self.dicom_port, f"{self.url}/dicom-web")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def configuration(self) -> dict:
        plugin = dicomweb_plugin()
        return {
            "Name": "cxr-tests", "StorageDirectory": str(self.root / "db"), "IndexDirectory": str(self.root / "db"),
            "DicomAet": ORTHANC_AE, "DicomPort": self.dicom_port, "HttpPort": self.http_port,
            "RemoteAccessAllowed": False, "AuthenticationEnabled": False, "HttpServerEnabled": True,
            "DicomCheckCalledAet": True, "DicomCheckModalityHost": False,
            "DicomModalities": {"cxr": [OUR_AE, "127.0.0.1", self.our_scp_port], **self.extra_modalities},
            "DicomAlwaysAllowEcho": True, "DicomAlwaysAllowStore": True,
            "Plugins": [str(plugin)] if plugin else [],
            "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "EnableWado": False},
            "StableAge": 1, "ConcurrentJobs": 1,
        }

    def start(self) -> None:
        config = self.root / "orthanc.json"
        config.write_text(json.dumps(self.configuration(), indent=2))
        log = open(self.root / "orthanc.log", "wb")
        self.process = subprocess.Popen(["Orthanc", str(config)], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Orthanc exited early:\n{(self.root / 'orthanc.log').read_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/system", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("Orthanc did not answer /system within 60 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture(scope="session")
def our_scp_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def orthanc(tmp_path_factory: pytest.TempPathFactory, our_scp_port: int):
    if not in_private_netns():
        pytest.skip("Orthanc runs only inside a loopback-only network namespace (see test_namespace_runner.py)")
    if shutil.which("Orthanc") is None:
        pytest.skip("Orthanc is not installed (apt-get install orthanc orthanc-dicomweb)")
    server = Orthanc(tmp_path_factory.mktemp("orthanc"), our_scp_port)
    server.start()
    yield server
    server.stop()


def write_ai_sr(image_path: Path, folder: Path, diameter_mm: float = 8.5) -> Path:
    """A TID 1500 measurement report (Comprehensive 3D SR) of a nodule found on ``image_path``."""
    import highdicom as hd
    from pydicom.sr.codedict import codes

    image = pydicom.dcmread(image_path)
    region = hd.sr.ImageRegion(
        graphic_type=hd.sr.GraphicTypeValues.CIRCLE,
        graphic_data=np.array([[128.0, 128.0], [128.0, 150.0]]),
        source_image=hd.sr.SourceImageForRegion.from_source_image(image),
    )
    group = hd.sr.PlanarROIMeasurementsAndQualitativeEvaluations(
        tracking_identifier=hd.sr.TrackingIdentifier(uid=hd.UID(), identifier="nodule 1"),
        referenced_region=region,
        finding_type=codes.SCT.Nodule,
        measurements=[hd.sr.Measurement(name=codes.SCT.Diameter, value=diameter_mm, unit=codes.UCUM.Millimeter)],
    )
    observer = hd.sr.ObserverContext(
        observer_type=codes.DCM.Device,
        observer_identifying_attributes=hd.sr.DeviceObserverIdentifyingAttributes(uid=hd.UID(), name="cxr-ai"),
    )
    report = hd.sr.MeasurementReport(
        observation_context=hd.sr.ObservationContext(observer_device_context=observer),
        procedure_reported=hd.sr.CodedConcept("399208008", "SCT", "Plain chest X-ray"),
        imaging_measurements=[group],
    )
    sr = hd.sr.Comprehensive3DSR(
        evidence=[image], content=report, series_number=99, series_instance_uid=hd.UID(),
        sop_instance_uid=hd.UID(), instance_number=1, manufacturer="cxr-workstation tests",
    )
    path = folder / "ai_report_sr.dcm"
    sr.save_as(path)
    return path
