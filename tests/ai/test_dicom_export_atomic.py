"""The SR and SEG of one film are written all or none: a disk that filled half-way left the SR (and the binary SEG)
under their final names without the fractional SEG the SR lists as evidence, which a PACS import would take.

The full disk is real: the process's file-size limit (RLIMIT_FSIZE, which binds root too) makes the write of the
large fractional SEG fail with EFBIG after the small SR and binary SEG were written, as ENOSPC would."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest

from cxr_ai.dicom.export import export_dicom
from cxr_ai.engine.image_input import engine_input
from cxr_viewer.core.loader import load_image
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest

LIMIT_BYTES = 300_000  # above the SR (a few kB) and the binary SEG (~90 kB), below the fractional SEG (~700 kB)


def test_a_write_failing_half_way_leaves_no_file_of_the_export(engine, tmp_path: Path) -> None:
    source = write_dx(tmp_path / "chest.dcm", synthetic_chest(700, 1000, [(300.0, 400.0, 40.0)]))
    analysis = engine.analyse([engine_input(load_image(source))])[0]
    shown = engine.select(analysis.result, "sens")
    out = tmp_path / "out"
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG as an error, not the signal's exit
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT_BYTES, hard))
    try:
        with pytest.raises(OSError):
            export_dicom(source, shown, analysis, engine, out, "chest")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert sorted(path.name for path in out.iterdir()) == []  # neither final names nor temporary parts
    written = export_dicom(source, shown, analysis, engine, out, "chest").written  # room again: the same call succeeds
    assert sorted(path.name for path in out.iterdir()) == sorted(path.name for path in written) == [
        "chest_seg_binary.dcm", "chest_seg_fractional.dcm", "chest_sr.dcm"]
