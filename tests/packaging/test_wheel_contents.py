"""The wheel carries what the installed workstation reads at run time and nothing of the repository's own.

Built offline (``pip wheel --no-build-isolation --no-index``) from a copy of the tree; a release that forgot the
models would install a viewer whose AI plugin cannot start.
"""

from __future__ import annotations

import configparser
import email
import json
import zipfile
from pathlib import Path

import pytest

from cxr_viewer import __version__

from .wheel_build import source_files, wheel_names

pytestmark = pytest.mark.slow
_NOT_SHIPPED = ("tests/", "benchmarks/", "docs/", "scripts/", "resources/", "model_training/results/", "work_data/",
                "plugins/")


def _dist_info(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(f"cxr_workstation-{__version__}.dist-info/{name}").decode()


def test_every_module_config_and_model_is_in_the_wheel(wheel: Path) -> None:
    missing = source_files() - wheel_names(wheel)
    assert not missing, f"left out of the wheel: {sorted(missing)[:20]}"


def test_the_models_the_manifest_lists_are_beside_it(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        manifest = json.loads(archive.read("cxr_ai/models/manifest.json"))
        shipped = set(archive.namelist())
    assert manifest["models"], "the manifest lists no model"
    assert {f"cxr_ai/models/{entry['file']}" for entry in manifest["models"]} <= shipped


def test_no_tests_records_or_checkpoints(wheel: Path) -> None:
    names = wheel_names(wheel)
    stray = sorted(name for name in names if name.startswith(_NOT_SHIPPED) or name.endswith((".pt", ".md", ".pyc")))
    assert not stray, f"not for users: {stray[:20]}"
    top_level = {name.split("/")[0] for name in names if not name.startswith("cxr_workstation-")}
    assert top_level == {"cxr_viewer", "cxr_ai", "cxr_hello", "cxr_reader_study", "model_training"}


def test_metadata_takes_the_version_the_viewer_prints(wheel: Path) -> None:
    metadata = email.message_from_string(_dist_info(wheel, "METADATA"))
    assert (metadata["Name"], metadata["Version"]) == ("cxr-workstation", __version__)
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "MIT"


def test_console_scripts_and_plugins_point_into_the_wheel(wheel: Path) -> None:
    entry_points = configparser.ConfigParser(delimiters="=")
    entry_points.optionxform = str  # keep the names' case
    entry_points.read_string(_dist_info(wheel, "entry_points.txt"))
    scripts = dict(entry_points["console_scripts"])
    plugins = dict(entry_points["cxr_viewer.plugins"])
    assert set(scripts) == {"cxr-viewer", "cxr-index", "cxr-pacs", "cxr-reader", "cxr-ai", "cxr-train"}
    assert set(plugins) == {"hello", "ai", "reader_study"}
    names = wheel_names(wheel)
    for target in [*scripts.values(), *plugins.values()]:
        module = target.split(":")[0].strip()
        assert f"{module.replace('.', '/')}.py" in names, target

