"""The reader's own window presets without a window (``core.window_presets``): what a hand-edited ``viewer.json``
may hold, what is written back, and where the presets sit on keys 1–9 of a real film.

The films are real DICOM files written with pydicom and decoded by the viewer's loader: a 10×10 CR of 0…99 with two
windows of its own (40/30 "FILE A", 70/10 "FILE B"), and a colour film, which has no window at all.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from cxr_viewer.core.image import VoiFunction, WindowPreset
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.window_presets import (
    MAX_USER_PRESETS,
    key_label,
    name_problem,
    next_name,
    presets_as_json,
    presets_for,
    read_presets,
    user_preset,
)
from tests import dicom_factory

BONE = {"name": "Bone", "center": 2200, "width": 4000}


def test_good_entries_are_kept_in_order_with_their_numbers():
    kept, skipped = read_presets([BONE, {"name": "Soft tissue", "center": 40, "width": 400.5, "function": "SIGMOID"}])
    assert skipped == []
    assert kept == [WindowPreset(2200.0, 4000.0, "Bone", VoiFunction.LINEAR, "user"),
                    WindowPreset(40.0, 400.5, "Soft tissue", VoiFunction.SIGMOID, "user")]


@pytest.mark.parametrize(("entry", "reason"), [
    ("Bone 2200/4000", "is not an object"),
    ({"center": 1, "width": 2}, "name None is not a text"),
    ({"name": "  ", "center": 1, "width": 2}, "needs a name"),
    ({"name": "x" * 41, "center": 1, "width": 2}, "at most 40 characters"),
    ({"name": "BONE", "center": 1, "width": 2}, "'BONE' is already a preset's name"),  # after Bone: one name, one key
    ({"name": "Wide", "center": "2200", "width": 4000}, "entry 2 ('Wide') skipped: center '2200' is not a number"),
    ({"name": "Wide", "level": 40, "width": 400}, "no 'center' (it has 'level', 'name', 'width')"),
    ({"name": "Wide", "center": 2200, "width": True}, "width True is not a number"),
    ({"name": "Wide", "center": float("nan"), "width": 10}, "centre nan is not a usable number"),
    ({"name": "Wide", "center": 0, "width": -5}, "width -5.0 is not a usable positive number"),
    ({"name": "Wide", "center": 0, "width": 0.5}, "below 1, the narrowest LINEAR window"),
    ({"name": "Wide", "center": 0, "width": 10, "function": "GAMMA"}, "function 'GAMMA' is not one of"),
])
def test_a_bad_entry_is_named_and_skipped_and_the_others_kept(entry, reason):
    kept, skipped = read_presets([BONE, entry, {"name": "Lung", "center": -500, "width": 1500}])
    assert [p.name for p in kept] == ["Bone", "Lung"]
    assert len(skipped) == 1 and skipped[0].startswith("entry 2") and reason in skipped[0]


def test_a_field_that_is_no_list_is_refused_whole_and_presets_past_the_ninth_key_are_skipped():
    with pytest.raises(TypeError):
        read_presets({"Bone": [2200, 4000]})
    kept, skipped = read_presets([{"name": f"W{n}", "center": n, "width": 10} for n in range(12)])
    assert len(kept) == MAX_USER_PRESETS == 9
    assert skipped == ["entry 10 and after skipped: only 9 number keys"]


def test_what_is_written_reads_back_the_same_through_json():
    presets = [user_preset("Bone", 2200, 4000), user_preset("Sig", 40.25, 0.5, VoiFunction.SIGMOID)]
    written = presets_as_json(presets)
    assert written == [{"name": "Bone", "center": 2200.0, "width": 4000.0},
                       {"name": "Sig", "center": 40.25, "width": 0.5, "function": "SIGMOID"}]
    assert read_presets(json.loads(json.dumps(written))) == (presets, [])


def test_names_offered_and_refused():
    assert next_name([]) == "Custom 1"
    assert next_name(["custom 1", "Custom 3"]) == "Custom 2"
    assert name_problem(" Bone ", ["bone"]) == "'Bone' is already a preset's name"
    assert name_problem("Bone", []) == ""
    with pytest.raises(ValueError):
        user_preset("Thin", 10, 0.2)  # LINEAR narrower than 1


def test_the_readers_presets_come_first_on_the_keys_then_the_files_windows_then_the_defaults(tmp_path):
    pixels = np.arange(100, dtype=np.uint16).reshape(10, 10)
    image = load_image(dicom_factory.make_cr(tmp_path / "cr.dcm", rows=10, cols=10, pixels=pixels,
                                             WindowCenter=[40, 70], WindowWidth=[30, 10],
                                             WindowCenterWidthExplanation=["FILE A", "FILE B"]))
    mine = [user_preset("Bone", 2200, 4000), user_preset("Soft", 40, 400)]
    order = presets_for(image, mine)
    assert [key_label(p) for p in order] == ["Bone (yours)", "Soft (yours)", "FILE A", "FILE B",
                                             "Auto", "Lung", "Mediastinum", "Bone"]
    assert [p.name for p in presets_for(image)] == ["FILE A", "FILE B", "Auto", "Lung", "Mediastinum", "Bone"]


def test_a_colour_film_gets_no_preset_of_the_readers(tmp_path):
    image = load_image(dicom_factory.make_rgb(tmp_path / "rgb.dcm"))
    assert presets_for(image, [user_preset("Bone", 2200, 4000)]) == []


def test_viewer_json_with_a_hand_edited_bad_entry_loads_the_rest_and_says_which(tmp_path):
    from cxr_viewer.settings import load_settings

    (tmp_path / "viewer.json").write_text(json.dumps({"theme": "dark", "window_presets": [
        BONE, {"name": "Typo", "centre": 40, "width": 400}, {"name": "Lung", "center": -500, "width": 1500}]}))
    settings = load_settings(tmp_path)
    assert [p.name for p in settings.window_presets] == ["Bone", "Lung"]
    assert settings.theme == "dark"  # one bad entry costs that entry, not the file
    assert settings.problems == ["window_presets: entry 2 ('Typo') skipped: no 'center' (it has 'centre', 'name', 'width')"]
    (tmp_path / "viewer.json").write_text(json.dumps({"window_presets": "Bone 2200/4000"}))
    settings = load_settings(tmp_path)
    assert settings.window_presets == [] and "'window_presets' ignored (TypeError" in settings.problems[0]
