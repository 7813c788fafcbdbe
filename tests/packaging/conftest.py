"""One offline wheel build for the packaging tests (about three seconds; each test only reads it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .wheel_build import build_wheel


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))
