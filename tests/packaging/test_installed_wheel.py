"""The wheel, installed (not editable) and run from outside the checkout, finds its models and plugins.

The engine used to look for ``resources/models`` three folders above its own file: right in a checkout, a
folder that does not exist in ``site-packages``. Dependencies come from the running environment; the installed
copy is put first on ``sys.path`` so nothing of the checkout is imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .wheel_build import REPO_ROOT

pytestmark = pytest.mark.slow

_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from importlib.metadata import distribution, entry_points
from cxr_ai.engine.model_set import default_models_dir, load_model_set
models = load_model_set()
plugins = {point.name: point.load().__module__ for point in entry_points(group="cxr_viewer.plugins")}
print(json.dumps({"models_dir": str(default_models_dir()), "loaded": sorted(map(str, models.paths.values())),
                  "plugins": plugins, "dist": str(distribution("cxr-workstation").locate_file(""))}))
"""


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("installed") / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target",
                    str(target), str(wheel)], check=True)
    return target


def _run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("CXR_AI_MODELS_DIR", "PYTHONPATH")}
    return subprocess.run([sys.executable, *args], cwd=site.parent, env=env, capture_output=True, text=True,
                          timeout=300)


def test_installed_engine_verifies_the_models_it_carries(site: Path) -> None:
    probe = _run(site, "-c", _PROBE, str(site))
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    assert Path(found["models_dir"]) == site / "cxr_ai" / "models"
    assert not Path(found["models_dir"]).is_relative_to(REPO_ROOT)
    assert found["loaded"] and all(Path(path).parent == site / "cxr_ai" / "models" for path in found["loaded"])
    assert Path(found["dist"]) == site
    assert found["plugins"] == {"hello": "cxr_hello.plugin", "ai": "cxr_ai.ui.plugin",
                                "reader_study": "cxr_reader_study.plugin"}
