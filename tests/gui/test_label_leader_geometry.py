"""The leader line's geometry (``label_leader``, Qt-free): when a placed label is far enough from what it names to
need one, and that it runs from the label box's nearest edge to the item's nearest point."""

from __future__ import annotations

import math

import pytest

from cxr_viewer.gui.label_leader import LEADER_AFTER, box_outline, leader, ring

LABEL = (100.0, 100.0, 200.0, 130.0)  # left, top, right, bottom


def test_a_label_beside_its_line_needs_no_leader():
    assert leader(LABEL, [(150.0, 140.0, 300.0, 140.0)]) is None  # 10 px below the box
    assert leader(LABEL, [(0.0, 0.0, 300.0, 300.0)]) is None  # the line crosses the box


def test_a_far_label_leads_from_its_nearest_edge_to_the_lines_nearest_point():
    assert leader(LABEL, [(150.0, 180.0, 300.0, 180.0)]) == (150.0, 130.0, 150.0, 180.0)  # straight down
    assert leader(LABEL, [(250.0, 200.0, 260.0, 210.0)]) == (200.0, 130.0, 250.0, 200.0)  # corner to end


def test_the_leader_goes_to_the_nearest_of_several_segments():
    far, near = (400.0, 0.0, 400.0, 300.0), (230.0, 110.0, 230.0, 120.0)
    assert leader(LABEL, [far, near]) == (200.0, 110.0, 230.0, 110.0)


def test_the_threshold_is_the_distance_to_the_item_not_to_its_box():
    """An ellipse's label at its box's corner is farther from the ellipse than from the box."""
    ellipse = ring(300.0, 200.0, 60.0)  # its box's top-left corner is (240, 140)
    line = leader((130.0, 110.0, 238.0, 138.0), ellipse)
    assert line is not None and line[:2] == (238.0, 138.0)
    assert math.dist(line[2:], (300.0, 200.0)) == pytest.approx(60.0, abs=0.6)  # on the ring


def test_a_ring_and_a_point_as_outlines():
    assert leader(LABEL, ring(150.0, 150.0, 15.0)) is None  # the ring's top is 5 px under the box
    assert leader(LABEL, ring(150.0, 180.0, 0.0)) == (150.0, 130.0, 150.0, 180.0)
    assert box_outline((5.0, 6.0, 5.0, 6.0)) == [(5.0, 6.0, 5.0, 6.0)]
    assert len(box_outline((0.0, 0.0, 10.0, 10.0))) == 4


def test_exactly_at_the_threshold_needs_none_and_nothing_named_needs_none():
    assert leader(LABEL, [(150.0, 130.0 + LEADER_AFTER, 160.0, 130.0 + LEADER_AFTER)]) is None
    assert leader(LABEL, []) is None
