"""Which window each W/L command gives (``gui.windowing``, Qt-free), with the figures worked out by hand.

Every film here is a real DICOM file written with pydicom and decoded by the viewer's loader: a 10×10 CR whose
pixels hold 0…99 (no rescale, so modality value = stored value), which makes the image-derived windows easy to
work out. Its value range is 99, so a right-drag moves the window by 99 / 600 = 0.165 per screen pixel.
Percentiles follow numpy's linear rule on the 100 sorted values: the p-th lies at position 99·p/100.

* Auto (W, and the first default): 0.5 % → 0.495, 99.5 % → 98.505; the window whose first and last grey fall on
  them has width 98.505 − 0.495 + 1 = 99.01 and centre 0.495 + 99.01 / 2 = 50.0.
* Lung (2–70 % of the body, i.e. of the 98 values 1…98 inside the Auto range): position 97·0.02 = 1.94 → 2.94,
  97·0.70 = 67.9 → 68.9; width 68.9 − 2.94 + 1 = 66.96, centre 2.94 + 33.48 = 36.42.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import Dataset

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.loader import load_image
from cxr_viewer.gui.windowing import Windowing
from tests import dicom_factory

AUTO = (50.0, 99.01)
LUNG = (36.42, 66.96)
SERIES = "1.2.826.0.1.3680043.8.498.77.1"


def film(folder: Path, name: str, **tags) -> LoadedImage:
    pixels = np.arange(100, dtype=np.uint16).reshape(10, 10)
    tags.setdefault("WindowCenter", 40)
    tags.setdefault("WindowWidth", 30)
    return load_image(dicom_factory.make_cr(folder / name, rows=10, cols=10, pixels=pixels, **tags))


def voi_item(first: int, entries: int, name: str) -> Dataset:
    item = Dataset()
    item.LUTDescriptor = [entries, first, 8]
    item.LUTData = np.linspace(0, 255, entries).astype("<u2").tobytes()
    item.LUTExplanation = name
    return item


def window_of(state) -> tuple[float, float]:
    return state.center, state.width


def opened(image: LoadedImage) -> Windowing:
    windowing = Windowing()
    windowing.open(image)
    return windowing


# --- opening, presets, W, I, R ---------------------------------------------------------------------------------
def test_a_film_opens_with_its_own_window_and_monochrome1_opens_inverted(tmp_path):
    windowing = opened(film(tmp_path, "a.dcm"))
    assert window_of(windowing.state) == (40.0, 30.0) and not windowing.state.invert
    assert windowing.start == windowing.state
    assert windowing.text() == "W 30  L 40"
    mono1 = opened(film(tmp_path, "m1.dcm", PhotometricInterpretation="MONOCHROME1"))
    assert mono1.state.invert
    assert mono1.text() == "W 30  L 40"  # its own polarity is not called "inverted"


def test_a_film_without_a_window_opens_with_the_auto_window(tmp_path):
    windowing = opened(film(tmp_path, "a.dcm", WindowCenter=None, WindowWidth=None))
    assert window_of(windowing.state) == pytest.approx(AUTO)


def test_presets_are_the_files_windows_then_the_defaults_and_keep_the_inversion(tmp_path):
    windowing = opened(film(tmp_path, "a.dcm", WindowCenter=[40, 70], WindowWidth=[30, 10]))
    assert window_of(windowing.preset(1)) == (40.0, 30.0)
    assert window_of(windowing.preset(2)) == (70.0, 10.0)
    assert window_of(windowing.preset(3)) == pytest.approx(AUTO)  # the defaults: Auto, Lung, Mediastinum, Bone
    assert window_of(windowing.preset(4)) == pytest.approx(LUNG)
    assert windowing.preset(7) is None and windowing.preset(0) is None  # 2 file windows + 4 defaults
    windowing.state = windowing.inverted()
    assert windowing.preset(2).invert  # a preset changes the window, not the polarity the reader chose


def test_w_gives_the_auto_window_and_r_the_files_own_again(tmp_path):
    windowing = opened(film(tmp_path, "a.dcm"))
    windowing.state = windowing.inverted()
    auto = windowing.automatic()
    assert window_of(auto) == pytest.approx(AUTO) and auto.invert
    windowing.state = auto
    own = windowing.own_window()
    assert window_of(own) == (40.0, 30.0) and not own.invert  # R resets the inversion too


def test_invert_toggles_and_the_corner_says_so_only_against_the_films_own_polarity(tmp_path):
    windowing = opened(film(tmp_path, "a.dcm"))
    windowing.state = windowing.inverted()
    assert windowing.state.invert and windowing.text() == "W 30  L 40  inverted"
    windowing.state = windowing.inverted()
    assert not windowing.state.invert and windowing.text() == "W 30  L 40"
    mono1 = opened(film(tmp_path, "m1.dcm", PhotometricInterpretation="MONOCHROME1"))
    mono1.state = mono1.inverted()
    assert not mono1.state.invert and mono1.text() == "W 30  L 40  inverted"


def test_a_right_drag_widens_and_darkens_by_the_value_range_per_600_pixels(tmp_path):
    windowing = opened(film(tmp_path, "a.dcm"))
    assert window_of(windowing.dragged(60, 60)) == pytest.approx((40 + 9.9, 30 + 9.9))  # 60 × 99 / 600 = 9.9
    assert window_of(windowing.dragged(-600, 0)) == (40.0, 1.0)  # never narrower than 1
    mono1 = opened(film(tmp_path, "m1.dcm", PhotometricInterpretation="MONOCHROME1"))
    assert mono1.dragged(0, 60).center == pytest.approx(40 - 9.9)  # inverted: darker is a lower level


def test_an_explicit_window_is_taken_as_given_but_never_narrower_than_1(tmp_path):
    windowing = opened(film(tmp_path, "a.dcm"))
    assert window_of(windowing.explicit(1500, 3000)) == (1500.0, 3000.0)
    assert window_of(windowing.explicit(10, 0.25)) == (10.0, 1.0)


def test_a_colour_film_has_no_window_to_compute_or_drag(tmp_path):
    rgb = np.zeros((4, 6, 3), np.uint8)
    windowing = opened(load_image(dicom_factory.make_rgb(tmp_path / "rgb.dcm", pixels=rgb)))
    assert windowing.automatic() is None and windowing.dragged(10, 10) is None
    assert windowing.text() == "RGB"
    windowing.state = windowing.inverted()
    assert windowing.text() == "RGB  inverted"


def test_without_a_film_every_command_gives_nothing(tmp_path):
    windowing = Windowing()
    assert windowing.preset(1) is None and windowing.automatic() is None and windowing.inverted() is None
    assert windowing.dragged(1, 1) is None and windowing.explicit(1, 1) is None and windowing.own_window() is None
    assert windowing.text() == "" and windowing.start is None
    windowing.open(film(tmp_path, "a.dcm"))
    windowing.close()
    assert windowing.preset(1) is None and windowing.start is None and windowing.text() == ""


# --- VOI LUT tables ----------------------------------------------------------------------------------------------
def test_a_film_with_only_a_voi_lut_opens_with_it_covering_the_tables_input_range(tmp_path):
    windowing = opened(film(tmp_path, "voi.dcm", WindowCenter=None, WindowWidth=None,
                            VOILUTSequence=[voi_item(10, 40, "SOFT")]))
    assert windowing.state.voi_lut.name == "SOFT"
    assert window_of(windowing.state) == (30.0, 40.0)  # first mapped 10 + 40 entries / 2, width 40 entries
    assert windowing.text() == "VOI LUT SOFT"


def test_a_voi_lut_without_explanation_is_named_once_in_the_corner(tmp_path):
    item = voi_item(10, 40, "")
    del item.LUTExplanation
    windowing = opened(film(tmp_path, "voi.dcm", WindowCenter=None, WindowWidth=None, VOILUTSequence=[item]))
    assert windowing.text() == "VOI LUT 1"  # was "VOI LUT VOI LUT 1"


def test_voi_lut_tables_come_after_the_files_windows_and_before_the_defaults(tmp_path):
    windowing = opened(film(tmp_path, "voi.dcm", VOILUTSequence=[voi_item(10, 40, "SOFT")]))
    assert windowing.state.voi_lut is None and window_of(windowing.state) == (40.0, 30.0)
    table = windowing.preset(2)
    assert table.voi_lut.name == "SOFT" and window_of(table) == (30.0, 40.0)
    assert windowing.preset(3).voi_lut is None and window_of(windowing.preset(3)) == pytest.approx(AUTO)


def test_dragging_or_an_explicit_window_leaves_the_voi_lut_for_a_window(tmp_path):
    windowing = opened(film(tmp_path, "voi.dcm", WindowCenter=None, WindowWidth=None,
                            VOILUTSequence=[voi_item(10, 40, "SOFT")]))
    dragged = windowing.dragged(60, 60)
    assert dragged.voi_lut is None and window_of(dragged) == pytest.approx((30 + 9.9, 40 + 9.9))
    explicit = windowing.explicit(50, 20)
    assert explicit.voi_lut is None and window_of(explicit) == (50.0, 20.0)


# --- the series carry-over rule (the main pane's navigation) ------------------------------------------------------
def test_the_next_image_of_the_series_keeps_the_window_the_reader_chose(tmp_path):
    windowing = opened(film(tmp_path, "1.dcm", SeriesInstanceUID=SERIES))
    windowing.state = windowing.preset(3)  # the file's window, then Auto, then Lung
    second = film(tmp_path, "2.dcm", SeriesInstanceUID=SERIES, WindowCenter=60, WindowWidth=20)
    carried = windowing.open(second, keep_series_window=True)
    assert window_of(carried) == pytest.approx(LUNG)
    assert window_of(windowing.start) == (60.0, 20.0)  # the file's own window stays the start (R, linked panes)
    assert window_of(windowing.own_window()) == (60.0, 20.0)


def test_the_window_is_not_carried_unchanged_across_series_or_without_keep(tmp_path):
    second = film(tmp_path, "2.dcm", SeriesInstanceUID=SERIES, WindowCenter=60, WindowWidth=20)
    other_series = film(tmp_path, "3.dcm", SeriesInstanceUID=SERIES + ".2", WindowCenter=60, WindowWidth=20)
    no_series = film(tmp_path, "4.dcm", SeriesInstanceUID=None, WindowCenter=60, WindowWidth=20)
    for image, keep, changed in ((second, True, False), (other_series, True, True), (second, False, True)):
        windowing = opened(film(tmp_path, "1.dcm", SeriesInstanceUID=SERIES))
        if changed:
            windowing.state = windowing.preset(3)
        assert window_of(windowing.open(image, keep_series_window=keep)) == (60.0, 20.0)
    windowing = opened(film(tmp_path, "5.dcm", SeriesInstanceUID=None))
    windowing.state = windowing.preset(3)
    assert window_of(windowing.open(no_series, keep_series_window=True)) == (60.0, 20.0)  # no series to share


def test_the_inversion_is_carried_relative_to_each_films_own_polarity(tmp_path):
    windowing = opened(film(tmp_path, "1.dcm", SeriesInstanceUID=SERIES))
    windowing.state = windowing.inverted()  # the reader reversed a MONOCHROME2 film
    mono1 = film(tmp_path, "2.dcm", SeriesInstanceUID=SERIES, PhotometricInterpretation="MONOCHROME1")
    carried = windowing.open(mono1, keep_series_window=True)
    assert not carried.invert  # MONOCHROME1 opens inverted; reversed by the reader, it is shown not inverted
    assert windowing.text() == "W 30  L 40  inverted"


def test_a_voi_lut_or_a_colour_film_is_never_carried(tmp_path):
    windowing = opened(film(tmp_path, "1.dcm", SeriesInstanceUID=SERIES, VOILUTSequence=[voi_item(10, 40, "SOFT")]))
    windowing.state = windowing.preset(2)  # the file's VOI LUT: that file's own table
    second = film(tmp_path, "2.dcm", SeriesInstanceUID=SERIES, WindowCenter=60, WindowWidth=20)
    assert window_of(windowing.open(second, keep_series_window=True)) == (60.0, 20.0)
    windowing.state = windowing.preset(3)
    rgb = load_image(dicom_factory.make_rgb(tmp_path / "rgb.dcm", pixels=np.zeros((4, 6, 3), np.uint8),
                                            SeriesInstanceUID=SERIES))
    assert windowing.open(rgb, keep_series_window=True) == windowing.own_window()


# --- linked W/L ------------------------------------------------------------------------------------------------
def test_a_linked_film_follows_in_proportion_to_its_own_opening_window(tmp_path):
    source = opened(film(tmp_path, "1.dcm"))  # opens 40 / 30
    follower = opened(film(tmp_path, "2.dcm", WindowCenter=1000, WindowWidth=200))
    source.state = source.explicit(55, 60)  # centre moved by half its width, width doubled
    followed = follower.following(source)  # scale 200 / 30: centre 1000 + 15·200/30 = 1100, width 60·200/30 = 400
    assert window_of(followed) == pytest.approx((1100.0, 400.0)) and not followed.invert
    mono1 = opened(film(tmp_path, "3.dcm", WindowCenter=1000, WindowWidth=200, PhotometricInterpretation="MONOCHROME1"))
    opposite = mono1.following(source)  # opposite polarity: the centre moves the other way, the film keeps its own
    assert window_of(opposite) == pytest.approx((900.0, 400.0)) and opposite.invert
