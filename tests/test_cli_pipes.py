"""Every console script piped into a reader that stops early (``cxr-reader plan ... | head -1``) ends without a
BrokenPipeError traceback, with status 1 as the signal module's docs advise; a BrokenPipeError from anything but
stdout still shows its traceback.

The reader here closes its end before the tool writes anything: one that read a line first would race with a tool
whose whole output fits in the pipe's buffer, and the test could pass on the old code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS: dict[str, str] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]


def _entry(script: str) -> list[str]:
    """What the installed console script runs, as its own interpreter."""
    module, function = SCRIPTS[script].split(":")
    return [sys.executable, "-c", f"import sys; from {module} import {function}; sys.exit({function}())"]


def _into_closed_pipe(command: list[str], unbuffered: bool) -> subprocess.CompletedProcess[str]:
    """``command | head -c 0``: stdout is a pipe whose reader has already gone. Buffered (a terminal user's
    default), the tool fails at its flush; unbuffered (PYTHONUNBUFFERED=1), at its first print, as a buffered one
    does once its output passes the buffer."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if unbuffered:
        environment["PYTHONUNBUFFERED"] = "1"
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(command, stdout=writing, stderr=subprocess.PIPE, text=True, env=environment, cwd=ROOT,
                              timeout=300, check=False)
    finally:
        os.close(writing)


def _assert_quiet(result: subprocess.CompletedProcess[str]) -> None:
    for sign in ("Traceback", "BrokenPipeError", "Broken pipe"):  # a traceback, or a caught one turned into a message
        assert sign not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stderr)


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_help_into_a_closed_pipe_is_quiet(script: str) -> None:
    _assert_quiet(_into_closed_pipe([*_entry(script), "--help"], unbuffered=False))


def test_reader_study_plan_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    demo = subprocess.run([*_entry("cxr-reader"), "demo", str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    assert (tmp_path / "study.toml").is_file(), demo.stdout
    _assert_quiet(_into_closed_pipe([*_entry("cxr-reader"), "plan", str(tmp_path / "study.toml")], unbuffered=True))


def test_index_import_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    command = [*_entry("cxr-index"), "--index", str(tmp_path / "index.sqlite"), "import", str(tmp_path / "empty")]
    _assert_quiet(_into_closed_pipe(command, unbuffered=True))
    assert (tmp_path / "index.sqlite").is_file()  # the import itself ran


def test_training_table_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """``cxr-train`` reported every OSError of a command as its failure (status 2), the closed pipe too."""
    record = tmp_path / "detector-oof.json"
    record.write_text(json.dumps({"task": "detector", "kind": "oof", "metrics": {"cpm": 0.8}}))
    _assert_quiet(_into_closed_pipe([*_entry("cxr-train"), "ablation-table", str(record)], unbuffered=True))


def test_a_broken_pipe_elsewhere_keeps_its_traceback() -> None:
    """A worker's or a socket's BrokenPipeError is a real failure: stdout is fine, so it must not be swallowed."""
    code = ("import sys; from cxr_viewer.closed_pipe import quiet_when_reader_closes\n"
            "def main(argv=None):\n    print('partial output')\n    raise BrokenPipeError(32, 'peer went away')\n"
            "sys.exit(quiet_when_reader_closes(main)())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert "Traceback" in result.stderr and "peer went away" in result.stderr, result.stderr
    assert result.stdout == "partial output\n"
