"""User settings persistence and the byte-bounded image cache."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from cxr_viewer.core.image import LoadedImage, PixelSpacing, SpacingSource
from cxr_viewer.gui.cache import ImageCache, image_bytes
from cxr_viewer.settings import DEFAULT_SHORTCUTS, Settings, config_dir, load_settings, save_settings


def test_settings_round_trip_in_the_configured_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"
    settings = Settings(disabled_plugins=["ai"], cache_limit_mb=64)
    settings.shortcuts["invert"] = "N"
    path = save_settings(settings)
    assert path.parent == tmp_path / "cfg"
    loaded = load_settings()
    assert loaded.disabled_plugins == ["ai"] and loaded.cache_limit_mb == 64
    assert loaded.shortcut("invert") == "N" and loaded.shortcut("fit") == DEFAULT_SHORTCUTS["fit"]


def test_damaged_settings_file_falls_back_to_defaults(tmp_path):
    (tmp_path / "viewer.json").write_text("{not json")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "viewer.json").write_text(json.dumps([1, 2]))
    assert load_settings(tmp_path) == Settings()


def _image(n: int, side: int = 100) -> LoadedImage:
    stored = np.full((side, side), n, np.uint16)
    return LoadedImage(Path(f"/img{n}.dcm"), stored, stored.astype(np.float32), "MONOCHROME2",
                       PixelSpacing(None, None, SpacingSource.NONE))


def test_cache_evicts_least_recently_used_by_bytes():
    one = image_bytes(_image(0))
    assert one == 100 * 100 * (2 + 4)
    cache = ImageCache(limit_bytes=3 * one)
    for n in range(3):
        cache.put(Path(f"/img{n}.dcm"), _image(n))
    assert cache.get(Path("/img0.dcm")) is not None  # now the most recent
    cache.put(Path("/img3.dcm"), _image(3))
    assert Path("/img1.dcm") not in cache and Path("/img0.dcm") in cache
    assert cache.total_bytes == 3 * one
    for n in range(4, 24):
        cache.put(Path(f"/img{n}.dcm"), _image(n))
    assert len(cache) == 3 and cache.total_bytes <= cache.limit_bytes


def test_cache_keeps_the_newest_image_even_when_it_alone_is_too_big():
    cache = ImageCache(limit_bytes=10)
    cache.put(Path("/big.dcm"), _image(1))
    assert Path("/big.dcm") in cache and len(cache) == 1
