"""Edge letters and the display's turn in words, checked against numpy turning and flipping a labelled array.

The reference puts the four directions of Patient Orientation at the middles of a 3×3 array's edges and shows it
the way the viewer documents its display: ``rotation`` clockwise quarter turns (``np.rot90(k=-1)``), then the flips
on the screen's axes (``np.fliplr``, ``np.flipud``). What ends up at each edge's middle is the letter that edge
must show. The sixteen (rotation, flip H, flip V) combinations cover the eight dihedral states twice.
"""

from __future__ import annotations

import itertools

import numpy as np
import pydicom
import pytest

from cxr_viewer.core.orientation import DisplayTurn, EdgeLetters, edge_letters, opposite, patient_orientation
from tests.dicom_factory import make_cr

STATES = list(itertools.product(range(4), (False, True), (False, True)))


def _labelled(row: str, column: str) -> np.ndarray:
    """The stored film: its right edge lies towards ``row``, its bottom towards ``column``."""
    film = np.full((3, 3), "", dtype=object)
    film[1, 2], film[1, 0] = row, opposite(row)
    film[2, 1], film[0, 1] = column, opposite(column)
    return film


def _shown(film: np.ndarray, rotation: int, flip_h: bool, flip_v: bool) -> np.ndarray:
    shown = np.rot90(film, k=-rotation)
    if flip_h:
        shown = np.fliplr(shown)
    return np.flipud(shown) if flip_v else shown


def _edges(shown: np.ndarray) -> EdgeLetters:
    return EdgeLetters(left=shown[1, 0], right=shown[1, 2], top=shown[0, 1], bottom=shown[2, 1])


@pytest.mark.parametrize("orientation", [("L", "F"), ("R", "F"), ("P", "F"), ("LF", "FR"), ("A", "HL"), ("F", "L")])
@pytest.mark.parametrize(("rotation", "flip_h", "flip_v"), STATES)
def test_edge_letters_follow_every_turn_and_flip_as_numpy_shows_them(orientation, rotation, flip_h, flip_v):
    expected = _edges(_shown(_labelled(*orientation), rotation, flip_h, flip_v))
    assert edge_letters(orientation, DisplayTurn(rotation, flip_h, flip_v)) == expected


def test_a_pa_chest_reads_r_l_h_f_upright_and_l_r_when_mirrored():
    assert edge_letters(("L", "F")) == EdgeLetters(left="R", right="L", top="H", bottom="F")
    assert edge_letters(("L", "F"), DisplayTurn(flip_h=True)) == EdgeLetters(left="L", right="R", top="H", bottom="F")
    assert edge_letters(("L", "F"), DisplayTurn(1)) == EdgeLetters(left="F", right="H", top="R", bottom="L")
    assert edge_letters(None, DisplayTurn(1)) is None


def _redo(description: str, film: np.ndarray) -> np.ndarray:
    """Apply the words of a description, in the order they come, to the stored film."""
    steps = {"rotated 90° CW": lambda a: np.rot90(a, k=-1), "rotated 180°": lambda a: np.rot90(a, k=2),
             "rotated 90° CCW": lambda a: np.rot90(a, k=1), "flipped H": np.fliplr, "flipped V": np.flipud}
    first = description.split("\n")[0]
    for part in first.split(", ") if first else []:
        film = steps[part](film)
    return film


@pytest.mark.parametrize(("rotation", "flip_h", "flip_v"), STATES)
def test_the_description_names_the_shown_state_and_every_mirror_image(rotation, flip_h, flip_v):
    film = np.arange(9).reshape(3, 3)
    shown = _shown(film, rotation, flip_h, flip_v)
    description = DisplayTurn(rotation, flip_h, flip_v).describe()
    assert np.array_equal(_redo(description, film), shown)
    a_turn = any(np.array_equal(shown, np.rot90(film, k)) for k in range(4))
    assert description.endswith("\nmirror image") is (not a_turn)
    assert (description == "") is np.array_equal(shown, film)


def test_each_of_the_eight_states_has_one_name_whatever_led_to_it():
    names: dict[bytes, set[str]] = {}
    film = np.arange(9).reshape(3, 3)
    for state in STATES:
        names.setdefault(_shown(film, *state).tobytes(), set()).add(DisplayTurn(*state).describe())
    assert len(names) == 8 and all(len(found) == 1 for found in names.values())
    assert DisplayTurn(0, True, True).describe() == "rotated 180°"  # H then V: turned, not mirrored
    assert DisplayTurn(0, False, True).describe() == "flipped V\nmirror image"


@pytest.mark.parametrize(("value", "expected"), [
    (["L", "F"], ("L", "F")),
    (["LF", "FR"], ("LF", "FR")),
    ([" l", "f "], ("L", "F")),  # not valid CS, but unambiguous
    ("L\\F", ("L", "F")),
    (None, None), ("", None), ([], None), (["", ""], None),
    (["L"], None), ("L", None), (["L", "F", "A"], None),
    (["L", "L"], None), (["L", "R"], None), (["LF", "RH"], None),  # rows and columns along one axis
    (["LR", "F"], None), (["LL", "F"], None), (["LFAP", "F"], None), (["X", "F"], None), (["L", "F1"], None),
])
def test_patient_orientation_takes_only_values_it_can_trust(value, expected):
    assert patient_orientation(value) == expected


def test_quadruped_letters_are_not_read_as_human_ones():
    assert patient_orientation(["L", "F"], "QUADRUPED") is None  # L is lateral on a quadruped
    assert patient_orientation(["L", "F"], "BIPED") == ("L", "F")


def test_patient_orientation_from_a_real_file(tmp_path):
    dataset = pydicom.dcmread(make_cr(tmp_path / "a.dcm", PatientOrientation=["A", "FR"]))
    assert patient_orientation(dataset.get("PatientOrientation")) == ("A", "FR")
    bare = pydicom.dcmread(make_cr(tmp_path / "b.dcm", ViewPosition="AP"))
    assert patient_orientation(bare.get("PatientOrientation")) is None  # no guess from View Position
