"""scripts/gpu-send-lean on a throw-away git repository: the checkpoints leave what is sent, and come back whole.

The script edits the git index of the checkout it runs in, so a mistake would delete the kept members from main
at the next commit; these tests run it in a copy laid out like the project instead.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HEAVY = ("model_training/results/cpu_ensemble", "model_training/results/pilots", "model_training/results/test")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO_ROOT / "scripts" / "gpu-send-lean", tmp_path / "scripts" / "gpu-send-lean")
    (tmp_path / "code.py").write_text("x = 1\n")
    for folder in HEAVY:
        (tmp_path / folder / "fold0").mkdir(parents=True)
        (tmp_path / folder / "fold0" / "checkpoint.pt").write_bytes(b"\0" * 2_000_000)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init")
    return tmp_path


def _lean(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "scripts/gpu-send-lean", *args], cwd=repo, capture_output=True, text=True)


def _sent(repo: Path) -> set[str]:
    """What the device tool sends: tracked files and untracked files git does not ignore."""
    return set(_git(repo, "ls-files", "--cached", "--others", "--exclude-standard").split())


def test_on_leaves_the_checkpoints_out_and_off_restores_the_index(repo: Path) -> None:
    before = _sent(repo)
    on = _lean(repo, "on")
    assert on.returncode == 0, on.stderr
    assert "MiB would be sent" in on.stdout
    assert _sent(repo) == {"code.py", "scripts/gpu-send-lean"}
    assert all((repo / folder / "fold0" / "checkpoint.pt").is_file() for folder in HEAVY)

    off = _lean(repo, "off")
    assert off.returncode == 0, off.stderr
    assert _sent(repo) == before
    assert _git(repo, "status", "--porcelain") == ""
    assert "results" not in (repo / ".git" / "info" / "exclude").read_text()


def test_on_refuses_while_something_is_staged(repo: Path) -> None:
    (repo / "code.py").write_text("x = 2\n")
    _git(repo, "add", "code.py")
    refused = _lean(repo, "on")
    assert refused.returncode == 2
    assert "staged changes" in refused.stderr
    assert "model_training/results/pilots/fold0/checkpoint.pt" in _sent(repo)


def test_size_counts_the_carried_paths(repo: Path) -> None:
    """Carried paths are git-ignored (else they would travel anyway), so size adds them to the tree."""
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("/carried/\n")
    (repo / "carried").mkdir()
    (repo / "carried" / "data.bin").write_bytes(b"\0" * 3 * 1048576)
    without = float(_lean(repo, "size").stdout.split()[0])
    with_carried = float(_lean(repo, "size", "carried").stdout.split()[0])
    assert with_carried == pytest.approx(without + 3.0, abs=0.05)
