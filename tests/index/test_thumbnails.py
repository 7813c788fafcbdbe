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
from tests.dicom_factory import add_elements, make_cr, make_rgb, overlay_tags


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


def _flat_film(path: Path, monochrome1: bool = False, **tags) -> Path:
    """A 100×200 film that its own window shows as light grey (200 of 255), so a black or grey shutter stands out."""
    pixels = np.full((100, 200), 2640, np.uint16)
    return make_cr(path, pixels=pixels, monochrome1=monochrome1, WindowCenter=2000, WindowWidth=2255, **tags)


def test_thumbnail_fills_what_the_rectangular_shutter_hides_with_its_presentation_value(tmp_path: Path) -> None:
    path = _flat_film(tmp_path / "rect.dcm", ShutterShape="RECTANGULAR", ShutterLeftVerticalEdge=51,
                      ShutterRightVerticalEdge=150, ShutterUpperHorizontalEdge=21, ShutterLowerHorizontalEdge=80,
                      ShutterPresentationValue=16448)  # fmt: skip
    thumb = decode(make_thumbnail_png(path, size=100))
    assert thumb.shape == (50, 100)
    assert abs(int(thumb[25, 50]) - 200) <= 2  # the open film
    for row, col in ((2, 50), (47, 50), (25, 5), (25, 95), (2, 2)):  # above, below, left, right, corner
        assert abs(int(thumb[row, col]) - 64) <= 2, (row, col)  # P-value 16448 of 65535 is grey 64 of 255


def test_thumbnail_shutter_is_black_without_a_value_and_not_inverted_with_monochrome1(tmp_path: Path) -> None:
    """The shutter covers the displayed film, so MONOCHROME1 inverts the film under it, not the shutter's black."""
    for monochrome1 in (False, True):
        path = _flat_film(tmp_path / f"circle{monochrome1}.dcm", monochrome1, ShutterShape="CIRCULAR",
                          CenterOfCircularShutter=[50, 100], RadiusOfCircularShutter=45)  # fmt: skip
        thumb = decode(make_thumbnail_png(path, size=200))
        film = 55 if monochrome1 else 200
        assert abs(int(thumb[50, 100]) - film) <= 2 and abs(int(thumb[50, 140]) - film) <= 2
        assert thumb[50, 150] == 0 and thumb[2, 100] == 0 and thumb[5, 5] == 0


def test_thumbnail_of_a_polygonal_shutter_and_of_an_rgb_film(tmp_path: Path) -> None:
    triangle = [11, 21, 11, 180, 90, 100]  # (row, column) vertices: a triangle pointing down
    path = _flat_film(tmp_path / "polygon.dcm", ShutterShape="POLYGONAL", VerticesOfThePolygonalShutter=triangle)
    thumb = decode(make_thumbnail_png(path, size=200))
    assert abs(int(thumb[30, 100]) - 200) <= 2 and thumb[80, 30] == 0 and thumb[80, 170] == 0
    rgb = make_rgb(tmp_path / "rgb.dcm", rows=40, cols=80, pixels=np.full((40, 80, 3), 255, np.uint8),
                   ShutterShape="RECTANGULAR", ShutterLeftVerticalEdge=21, ShutterRightVerticalEdge=60,
                   ShutterUpperHorizontalEdge=1, ShutterLowerHorizontalEdge=40)  # fmt: skip
    colour = decode(make_thumbnail_png(rgb, size=80))
    assert (colour[:, :15] == 0).all() and (colour[:, 25:55] == 255).all() and (colour[:, 65:] == 0).all()


def test_thumbnail_ignores_overlay_planes_and_unusable_shutters(tmp_path: Path) -> None:
    """Overlays are left to the viewer (illegible at thumbnail size); a shutter missing its edges hides nothing."""
    plain = decode(make_thumbnail_png(_flat_film(tmp_path / "plain.dcm"), size=100))
    marker = np.ones((40, 40), bool)
    with_overlay = add_elements(_flat_film(tmp_path / "overlay.dcm"), overlay_tags(marker, row=5, col=5))
    assert (decode(make_thumbnail_png(with_overlay, size=100)) == plain).all()
    broken = _flat_film(tmp_path / "broken.dcm", ShutterShape="RECTANGULAR", ShutterLeftVerticalEdge=51)
    assert (decode(make_thumbnail_png(broken, size=100)) == plain).all()


def test_ensure_thumbnails_stores_the_shuttered_thumbnail(index: StudyIndex, tmp_path: Path) -> None:
    path = _flat_film(tmp_path / "a.dcm", ShutterShape="CIRCULAR", CenterOfCircularShutter=[50, 100],
                      RadiusOfCircularShutter=45)  # fmt: skip
    import_paths(index, [path])
    uid = pydicom.dcmread(path).StudyInstanceUID
    assert ensure_thumbnails(index, uid, size=100).made == 1
    stored = decode(instances_of_study(index, uid)[0].thumbnail)
    assert stored[2, 2] == 0 and abs(int(stored[25, 50]) - 200) <= 2
