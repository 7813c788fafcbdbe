"""User settings persistence and the byte-bounded image cache."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui.cache import ImageCache, image_bytes
from cxr_viewer.settings import DEFAULT_SHORTCUTS, Settings, config_dir, load_settings
from cxr_viewer.settings_file import update_settings_file


def test_settings_round_trip_in_the_configured_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"
    written = {"disabled_plugins": ["ai"], "cache_limit_mb": 64, "shortcuts": {"invert": "N"}}
    path = update_settings_file(lambda raw: raw.update(written))  # the way the viewer writes the file
    assert path.parent == tmp_path / "cfg"
    loaded = load_settings()
    assert loaded.disabled_plugins == ["ai"] and loaded.cache_limit_mb == 64
    assert loaded.shortcut("invert") == "N" and loaded.shortcut("fit") == DEFAULT_SHORTCUTS["fit"]


def test_damaged_settings_file_falls_back_to_defaults_and_is_copied_aside(tmp_path):
    """The viewer rewrites viewer.json on the next change, so the user's unreadable file is kept beside it."""
    (tmp_path / "viewer.json").write_text("{not json")
    assert load_settings(tmp_path) == Settings()
    assert (tmp_path / "viewer.json.unreadable").read_text() == "{not json"
    (tmp_path / "viewer.json").write_text(json.dumps([1, 2]))
    assert load_settings(tmp_path) == Settings()


def test_a_value_of_the_wrong_type_costs_that_field_only(tmp_path):
    """docs/viewer.md: a damaged file must not stop the viewer, and the user's other settings survive it."""
    for damaged in ({"cache_limit_mb": "big"}, {"shortcuts": "x"}, {"disabled_plugins": 5},
                    {"show_text_overlays": "false"}, {"cache_limit_mb": -3}):
        (tmp_path / "viewer.json").write_text(json.dumps({"disabled_plugins": ["ai"], **damaged}))
        loaded = load_settings(tmp_path)
        assert loaded.cache_limit_mb == 512 and loaded.show_text_overlays is True
        assert loaded.shortcuts == DEFAULT_SHORTCUTS
        assert loaded.disabled_plugins == ([] if "disabled_plugins" in damaged else ["ai"])
    (tmp_path / "viewer.json").write_text(json.dumps({"plugin_settings": {"hello": 3, "ai": {"on_open": True}},
                                                      "shortcuts": {"invert": "N"}, "cache_limit_mb": "256"}))
    loaded = load_settings(tmp_path)
    assert loaded.plugin_settings == {"ai": {"on_open": True}}
    assert loaded.shortcut("invert") == "N" and loaded.cache_limit_mb == 256


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
