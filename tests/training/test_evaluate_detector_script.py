"""``scripts/evaluate-detector --help`` prints its usage and does nothing else. Before, the script had no options:
``--help`` became OUT_DIR and the once-only test-split evaluation started (set-up, the engine on the test films,
then the detector card in docs/ rewritten)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import model_training

SCRIPT = Path(model_training.__file__).resolve().parents[1] / "scripts" / "evaluate-detector"


def _run(*arguments: str) -> tuple[int, str, str]:
    process = subprocess.Popen([str(SCRIPT), *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # it started the evaluation: stop it and everything it launched
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    return process.returncode, out, err


def test_help_prints_the_usage_and_starts_nothing():
    code, out, err = _run("--help")
    assert code == 0, err
    assert "Usage: scripts/evaluate-detector [OUT_DIR]" in out and "the test split through the AI engine" in out
    assert not Path("--help").exists()


def test_an_unknown_option_is_refused_not_taken_for_the_output_folder():
    code, _, err = _run("--out")
    assert code == 2 and "unknown option --out" in err
