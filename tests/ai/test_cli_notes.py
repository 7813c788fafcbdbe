"""``cxr-ai detect`` says in its results what it did not do that was asked for."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cxr_ai.cli import EXIT_OK, build_parser, main
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest


def test_dicom_out_names_the_inputs_it_wrote_nothing_for(model_dir: Path, tmp_path: Path) -> None:
    """A PNG or JPEG has no study for an SR/SEG to join: with only such inputs, ``--dicom-out`` left no folder and a
    clean run, and nothing said why."""
    folder = tmp_path / "in"
    folder.mkdir()
    Image.fromarray(synthetic_chest(700, 1000, [], bits=8).astype(np.uint8)).save(folder / "photo.png")
    write_dx(folder / "scan.dcm", synthetic_chest(700, 1000, []), spacing_mm=0.2)
    out = tmp_path / "r.json"
    assert main(["detect", str(folder), "--out", str(out), "--models", str(model_dir), "--no-cache",
                 "--dicom-out", str(tmp_path / "dicom")]) == EXIT_OK
    warnings = {Path(image["path"]).name: image["warnings"] for image in json.loads(out.read_text())["images"]}
    assert any("--dicom-out" in warning and "PNG or JPEG" in warning for warning in warnings["photo.png"])
    assert not any("--dicom-out" in warning for warning in warnings["scan.dcm"])
    written = [path.name for path in (tmp_path / "dicom").iterdir()]
    assert written and all(name.startswith("scan_") for name in written), written


def test_help_gives_the_exit_codes_and_the_default_models(capsys) -> None:
    """The exit codes were in the module's docstring only, and ``--models`` did not say where models come from."""
    text = " ".join(build_parser().format_help().split())
    assert "Exit codes: 0 success" in text and "3 models refused" in text and "``" not in text
    for command in ("detect", "lungs", "bones"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert "(default: $CXR_AI_MODELS_DIR or resources/models)" in help_text, command
