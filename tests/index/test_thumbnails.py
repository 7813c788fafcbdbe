"""Thumbnails rendered through the core decoder and stored in the index."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

from cxr_viewer.index import thumbnails
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import instances_of_study
from cxr_viewer.index.thumbnails import ensure_thumbnails, make_thumbnail_png
from tests.dicom_factory import make_cr, make_rgb


def decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def test_thumbnail_fits_the_box_keeps_aspect_and_shows_the_gradient(tmp_path: Path) -> None:
    pixels = np.tile(np.linspace(0, 4000, 400, dtype=np.uint16), (200, 1))
    path = make_cr(tmp_path / "wide.dcm", pixels=pixels, bits_stored=12, WindowCenter=2000, WindowWidth=4000)
    thumb = decode(make_thumbnail_png(path, size=64))
    assert thumb.shape == (32, 64) and thumb.dtype == np.uint8
    assert thumb[:, 0].mean() < 20 and thumb[:, -1].mean() > 235  # dark left, bright right (MONOCHROME2)


def test_monochrome1_thumbnail_is_inverted(tmp_path: Path) -> None:
    pixels = np.tile(np.linspace(0, 4000, 64, dtype=np.uint16), (64, 1))
    path = make_cr(tmp_path / "m1.dcm", pixels=pixels, monochrome1=True, WindowCenter=2000, WindowWidth=4000)
    thumb = decode(make_thumbnail_png(path, size=64))
    assert thumb[:, 0].mean() > 235 and thumb[:, -1].mean() < 20


def test_rgb_and_plain_images_get_thumbnails(tmp_path: Path) -> None:
    rgb = decode(make_thumbnail_png(make_rgb(tmp_path / "rgb.dcm", rows=40, cols=80), size=40))
    assert rgb.shape == (20, 40, 3)
    Image.fromarray(np.full((30, 30), 128, np.uint8)).save(tmp_path / "grey.png")
    assert decode(make_thumbnail_png(tmp_path / "grey.png", size=16)).shape == (16, 16)


def test_unreadable_file_gives_none_and_logs_the_reason(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bad = tmp_path / "bad.dcm"
    bad.write_bytes(b"definitely not an image")
    assert make_thumbnail_png(bad) is None
    assert "bad.dcm" in caplog.text


def test_ensure_thumbnails_fills_missing_and_reports_failures(index: StudyIndex, tmp_path: Path) -> None:
    first = make_cr(tmp_path / "a.dcm", rows=48, cols=48, InstanceNumber=1)
    header = pydicom.dcmread(first)
    study_uid = header.StudyInstanceUID
    second = make_cr(tmp_path / "b.dcm", rows=48, cols=48, StudyInstanceUID=study_uid,
                     SeriesInstanceUID=header.SeriesInstanceUID, InstanceNumber=2)  # fmt: skip
    import_paths(index, [tmp_path])
    second.write_bytes(second.read_bytes()[:400])  # damaged after import: header intact, pixels cut off
    report = ensure_thumbnails(index, study_uid, size=32)
    assert report.made == 1 and [path for path, _ in report.failed] == [second]
    assert "truncated" in report.failed[0][1]
    rows = instances_of_study(index, study_uid)
    assert decode(rows[0].thumbnail).shape == (32, 32) and rows[1].thumbnail is None
    assert ensure_thumbnails(index, study_uid).made == 0  # the stored one is not redone; b still fails


def test_thumbnail_of_a_file_reimported_while_rendering_is_not_stored(
    index: StudyIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_cr(tmp_path / "a.dcm", pixels=np.zeros((32, 32), np.uint16), WindowCenter=2048, WindowWidth=4096)
    header = pydicom.dcmread(path)
    import_paths(index, [path])
    render = thumbnails.thumbnail_or_reason

    def render_while_the_file_is_rewritten(rendered: Path, size: int = 128) -> tuple[bytes | None, str | None]:
        result = render(rendered, size)  # the old, black image
        make_cr(path, pixels=np.full((48, 48), 4095, np.uint16), WindowCenter=2048, WindowWidth=4096,
                SOPInstanceUID=header.SOPInstanceUID, StudyInstanceUID=header.StudyInstanceUID,
                SeriesInstanceUID=header.SeriesInstanceUID)  # fmt: skip
        assert import_paths(index, [path]).updated == 1  # an import re-reads it before the render is stored
        return result

    monkeypatch.setattr(thumbnails, "thumbnail_or_reason", render_while_the_file_is_rewritten)
    assert ensure_thumbnails(index, header.StudyInstanceUID).made == 0
    assert instances_of_study(index, header.StudyInstanceUID)[0].thumbnail is None
    monkeypatch.undo()
    assert ensure_thumbnails(index, header.StudyInstanceUID).made == 1
    assert decode(instances_of_study(index, header.StudyInstanceUID)[0].thumbnail).mean() > 235  # the new, white one
