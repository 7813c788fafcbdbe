"""Build the project's wheel offline from a copy of the working tree, as a release would.

The copy keeps setuptools' ``build/`` and ``*.egg-info`` out of the checkout, where a stale ``build/lib`` would
also leak deleted files into later wheels; the wheel is built from the same tree a user gets, tests and records
included, so the checks below see what the package configuration leaves out.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# Never part of a checkout a release is built from: the environment, git's store, scratch and build output.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "work_data", "build", "dist", "*.egg-info", "__pycache__",
                                     ".pytest_cache", ".device_data", "runs", "demo.png")


def build_wheel(work: Path) -> Path:
    """Copy the tree into ``work/src`` and build its wheel into ``work/dist`` with no network; returns the wheel."""
    source, dist = work / "src", work / "dist"
    shutil.copytree(REPO_ROOT, source, ignore=_NOT_COPIED)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "--wheel-dir", str(dist), str(source)], check=True, cwd=work)
    (wheel,) = dist.glob("cxr_workstation-*.whl")
    return wheel


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def source_files() -> set[str]:
    """The run-time files of the checkout as the wheel must name them: every module of the viewer, the plugins
    and model_training (its run records and checkpoints aside), the training configurations, the shipped models."""
    names: set[str] = set()
    for top in ("cxr_viewer", "model_training"):
        names.update(path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / top).rglob("*.py")
                     if "results" not in path.relative_to(REPO_ROOT).parts)
    plugins = REPO_ROOT / "plugins"
    names.update(path.relative_to(plugins).as_posix() for path in plugins.rglob("*.py"))
    names.update(f"model_training/configs/{path.name}" for path in (REPO_ROOT / "model_training/configs").glob("*.toml"))
    names.update(f"cxr_ai/models/{path.name}" for path in (REPO_ROOT / "resources/models").iterdir())
    return names
