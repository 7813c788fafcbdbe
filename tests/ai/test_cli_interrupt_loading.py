"""Ctrl+C or SIGTERM while ``cxr-ai`` is still loading its models: exit status 130 with a message and nothing written.

Only the batch was covered: a signal during loading (seconds for a large ensemble) ended the process with a traceback
(Ctrl+C) or killed it outright (SIGTERM, status -15), so a wrapper could not tell a stop from a crash.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import cxr_ai
from tests.ai.model_factory import build_model_set, synthetic_chest
from tests.signalled_child import signal_once_started

REPO = Path(cxr_ai.__file__).resolve().parents[2]
MEMBERS = 120  # a detector ensemble whose loading (hash checks, one session each) lasts well past the signal


@pytest.fixture(scope="module")
def large_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_model_set(tmp_path_factory.mktemp("large"), members=MEMBERS)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_models_load_exits_130_with_nothing_written(large_set: Path, tmp_path: Path,
                                                                        signum: int) -> None:
    film, cache, out = tmp_path / "film.png", tmp_path / "cache", tmp_path / "out" / "results.json"
    Image.fromarray(synthetic_chest(120, 160, [], bits=8).astype(np.uint8)).save(film)
    # the result cache is opened just before the engine loads the models: from then on, loading is under way
    code, err = signal_once_started(
        [sys.executable, "-m", "cxr_ai.cli", "detect", str(film), "--out", str(out), "--models", str(large_set),
         "--device", "cpu"],
        lambda: (cache / "results.sqlite").exists(), signum, cwd=REPO,
        env=os.environ | {"CXR_AI_CACHE_DIR": str(cache)})
    assert code == 130, err
    assert err.strip() == "cxr-ai: interrupted while the models were loading; nothing was written"
    assert not out.parent.exists()
