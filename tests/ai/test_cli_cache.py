"""The result cache's cap from ``cxr-ai detect --cache-limit-mb`` and the plugin's ``cache_limit_mb`` setting, and
``cxr-ai cache info`` / ``cxr-ai cache clear`` (there was no cap, and no way to empty the cache but to delete it)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from cxr_ai.cli import EXIT_NO_MODELS, EXIT_OK, main
from cxr_ai.engine.cache import ResultCache
from cxr_ai.ui.background import SharedEngine
from cxr_ai.ui.settings import AiSettings
from tests.ai.conftest import loaded_image
from tests.ai.headless_host import HeadlessHost
from tests.ai.model_factory import synthetic_chest

CAP_MB = 0.15  # 16 KB of schema pages and room for two rows of these films (~55 KB: a noisy heat map)


def films(count: int) -> list[np.ndarray]:
    """8-bit films with noise, whose heat maps do not compress to nearly nothing as a clean synthetic film's do."""
    noise = np.random.default_rng(0)
    return [np.clip(synthetic_chest(480, 640, [(200.0 + 20 * index, 250.0, 25.0)], bits=8)
                    + noise.integers(0, 60, (480, 640)), 0, 255).astype(np.uint8) for index in range(count)]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CXR_AI_CACHE_DIR", str(tmp_path / "ai-cache"))
    return tmp_path / "ai-cache"


def test_detect_keeps_the_cache_under_cache_limit_mb(model_dir: Path, tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index, pixels in enumerate(films(6)):
        Image.fromarray(pixels).save(folder / f"film{index}.png")
    code = main(["detect", str(folder), "--out", str(tmp_path / "r.json"), "--models", str(model_dir), "--device",
                 "cpu", "--cache-limit-mb", str(CAP_MB)])
    assert code == EXIT_OK
    info = ResultCache(cache_dir).info()
    assert 0 < sum(info.rows_per_version.values()) < 6 and info.file_bytes <= CAP_MB * 1024 * 1024


@pytest.mark.parametrize("value", ["0", "-5", "nan", "lots"])
def test_a_cache_limit_that_is_no_positive_size_is_refused(tmp_path: Path, value: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["detect", str(tmp_path), "--out", str(tmp_path / "r.json"), "--cache-limit-mb", value])
    assert exit_.value.code == EXIT_NO_MODELS  # a usage error: 2
    assert "argument --cache-limit-mb: " in capsys.readouterr().err


def test_the_viewer_keeps_the_cache_under_its_setting(model_dir: Path, cache_dir: Path) -> None:
    settings = AiSettings(HeadlessHost(settings={"models_dir": str(model_dir), "device": "cpu",
                                                 "cache_limit_mb": CAP_MB}), "cxr_ai")
    shared, progress = SharedEngine(), SimpleNamespace(cancelled=False, report=lambda fraction, message="": None)
    for pixels in films(6):
        assert shared.look_up(loaded_image(pixels), settings.choice, progress, run_on_miss=True) is not None
    info = ResultCache(cache_dir).info()
    assert 0 < sum(info.rows_per_version.values()) < 6 and info.file_bytes <= CAP_MB * 1024 * 1024


def test_a_cache_limit_setting_that_is_no_positive_number_falls_back_to_the_default() -> None:
    for value in (0, -1, "500", True, None):
        assert AiSettings(HeadlessHost(settings={"cache_limit_mb": value}), "cxr_ai").cache_limit_mb == 500.0


def test_cache_info_and_clear(model_dir: Path, tmp_path: Path, cache_dir: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index, pixels in enumerate(films(3)):
        Image.fromarray(pixels).save(folder / f"film{index}.png")
    assert main(["detect", str(folder), "--out", str(tmp_path / "r.json"), "--models", str(model_dir),
                 "--device", "cpu"]) == EXIT_OK
    capsys.readouterr()
    assert main(["cache", "info"]) == EXIT_OK
    printed = capsys.readouterr().out
    assert printed.startswith(f"{cache_dir / 'results.sqlite'}: 3 result(s), ") and "  test-1+" in printed
    full = (cache_dir / "results.sqlite").stat().st_size
    assert main(["cache", "clear"]) == EXIT_OK
    assert "removed 3 result(s)" in capsys.readouterr().err
    assert (cache_dir / "results.sqlite").stat().st_size < full
    assert main(["cache", "info"]) == EXIT_OK and ": 0 result(s), " in capsys.readouterr().out
    assert main(["detect", str(folder), "--out", str(tmp_path / "r.json"), "--models", str(model_dir),
                 "--device", "cpu"]) == EXIT_OK  # computed again, not served from the cleared cache
    assert '"cached": true' not in (tmp_path / "r.json").read_text()


def test_cache_info_on_a_file_that_is_no_cache_exits_1(cache_dir: Path, capsys) -> None:
    cache_dir.mkdir()
    (cache_dir / "results.sqlite").write_bytes(b"not a database" * 100)
    assert main(["cache", "info"]) == 1
    assert "the result cache could not be read" in capsys.readouterr().err
