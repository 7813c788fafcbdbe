"""Which points of each kind of kept mark are handles, and what a drag of each makes of the mark (Qt-free): an ROI's
side handle moves that side only, whichever way its box was dragged; a ratio's handle moves one end of one width;
an arrow keeps its note."""

from __future__ import annotations

from cxr_viewer.gui.mark_handles import handle_points, mark_kind, moved


def test_an_roi_side_moves_alone_whichever_way_the_box_was_drawn():
    drawn_backwards = ("roi", 200, 140, 100, 100)  # from the bottom-right corner to the top-left one
    assert handle_points(drawn_backwards) == [(200, 120), (150, 140), (100, 120), (150, 100)]  # right, bottom, left, top
    assert moved(drawn_backwards, 0, (260, 999)) == ("roi", 100, 100, 260, 140)
    assert moved(drawn_backwards, 1, (999, 170)) == ("roi", 100, 100, 200, 170)
    assert moved(drawn_backwards, 2, (20, 999)) == ("roi", 20, 100, 200, 140)
    assert moved(drawn_backwards, 3, (999, 90)) == ("roi", 100, 90, 200, 140)


def test_each_kind_moves_the_point_dragged_and_nothing_else():
    ratio = ((100, 150, 200, 160), (50, 200, 350, 200))
    assert mark_kind(ratio) == "ctr" and len(handle_points(ratio)) == 4
    assert moved(ratio, 2, (40, 205)) == ((100, 150, 200, 160), (40, 205, 350, 200))
    assert moved((1, 2, 3, 4), 1, (5, 6)) == (1, 2, 5, 6)
    angle = ("angle", 330, 60, 280, 60, 330, 10)
    assert handle_points(angle) == [(330, 60), (280, 60), (330, 10)]
    assert moved(angle, 1, (270, 70)) == ("angle", 330, 60, 270, 70, 330, 10)
    arrow = ("arrow", 300, 250, 360, 280, "nodule?")
    assert handle_points(arrow) == [(300, 250), (360, 280)]
    assert moved(arrow, 1, (370, 290)) == ("arrow", 300, 250, 370, 290, "nodule?")
