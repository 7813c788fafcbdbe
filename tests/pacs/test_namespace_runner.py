"""Runs the ``pacs``-marked tests (those that start Orthanc) inside a loopback-only network namespace.

The inner run writes JUnit XML so that this test can insist that every inner test really ran and passed:
a skipped Orthanc test inside the namespace would hide a broken set-up, so it counts as a failure here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.pacs.conftest import dicomweb_plugin, in_private_netns

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _missing_prerequisite() -> str | None:
    if in_private_netns():
        return "already inside the private namespace: the pacs tests run directly"
    if os.geteuid() != 0:
        return "unshare -n needs root (CI runs as root)"
    for tool in ("unshare", "ip", "Orthanc", "storescu", "storescp"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install util-linux iproute2 orthanc orthanc-dicomweb dcmtk)"
    if dicomweb_plugin() is None:
        return "Orthanc's DICOMweb plugin is not installed (apt-get install orthanc-dicomweb)"
    return None


def test_pacs_suite_inside_private_network_namespace(tmp_path: Path) -> None:
    reason = _missing_prerequisite()
    if reason:
        pytest.skip(reason)
    report = tmp_path / "inner.xml"
    command = [
        "unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"',
        sys.executable, "-m", "pytest", str(HERE), "-m", "pacs", "-q", "-p", "no:cacheprovider",
        f"--junitxml={report}",
    ]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    output = completed.stdout[-6000:] + completed.stderr[-3000:]
    assert report.exists(), f"the inner pytest produced no report:\n{output}"
    suite = ET.parse(report).getroot().find("testsuite")
    counts = {key: int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")}
    assert completed.returncode == 0, f"inner pacs run failed {counts}:\n{output}"
    assert counts["tests"] >= 5 and counts["failures"] == counts["errors"] == counts["skipped"] == 0, output
