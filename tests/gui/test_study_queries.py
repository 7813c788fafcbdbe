"""What the Studies dock asks the index (``gui.study_queries``, Qt-free), on a real SQLite index of real files.

A search cut at ``SEARCH_LIMIT`` must say so; the window's own lookups (Recent, the prior) answer False or None
rather than raise, because a busy or damaged index must never stop a film from showing.
"""

from __future__ import annotations

import sqlite3

import pytest

from cxr_viewer.gui import study_queries
from cxr_viewer.gui.study_queries import Listing, note_opened, prior_image, recent_listing, search_listing
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from tests import dicom_factory


@pytest.fixture
def index(tmp_path):
    for number, (name, date) in enumerate((("Doe^Jane", "20240105"), ("Doe^Jane", "20230611"), ("Roe^Ann", ""))):
        dicom_factory.make_cr(tmp_path / "films" / f"{number}.dcm", rows=8, cols=8, PatientName=name,
                              PatientID=name.upper(), StudyDate=date or None,
                              StudyInstanceUID=f"1.2.826.0.1.3680043.8.498.5.{number}")
    with StudyIndex(tmp_path / "index.sqlite3") as opened:
        import_paths(opened, [tmp_path / "films"])
        yield opened


def test_a_search_lists_the_matches_newest_first_and_counts_them(index):
    listing = search_listing(index, "doe", "", "", "")
    assert listing.kind == "search" and listing.note == "2 studies found"
    assert [row.study_date.isoformat() for row in listing.rows] == ["2024-01-05", "2023-06-11"]
    one = search_listing(index, "", " 2024-01-01 ", "", " cr ")  # blank fields ignored, the others trimmed
    assert one.note == "1 study found" and one.rows[0].patient_name == "Doe^Jane"


def test_a_search_cut_at_the_limit_says_so(index, monkeypatch):
    monkeypatch.setattr(study_queries, "SEARCH_LIMIT", 2)
    listing = search_listing(index, "", "", "", "")
    assert len(listing.rows) == 2
    assert listing.note.startswith("<b>More than 2 studies match</b>; the 2 newest are listed.")
    assert listing.cut


def test_a_search_of_exactly_the_limit_is_not_cut(index, monkeypatch):
    """The dock took a list of exactly SEARCH_LIMIT studies as cut, and its Unread-only count stopped following."""
    monkeypatch.setattr(study_queries, "SEARCH_LIMIT", 3)
    listing = search_listing(index, "", "", "", "")
    assert len(listing.rows) == 3 and not listing.cut and listing.note == "3 studies found"


def test_a_malformed_date_is_raised_for_the_dock_to_report(index):
    with pytest.raises(ValueError):
        search_listing(index, "", "2024-13-45", "", "")


def test_recent_lists_the_studies_opened_and_says_when_there_are_none(index):
    assert recent_listing(index) == Listing("recent", [], "No study opened yet: Search lists the indexed studies.")
    assert note_opened(index, "1.2.826.0.1.3680043.8.498.5.2")
    listing = recent_listing(index)
    assert listing.note == "Recently opened: 1 study" and listing.rows[0].patient_name == "Roe^Ann"


def test_the_windows_lookups_answer_rather_than_raise(index):
    assert not note_opened(index, "") and not note_opened(index, "1.2.3.not.indexed")
    prior = prior_image(index, "DOE^JANE", "20240105000000", "1.2.826.0.1.3680043.8.498.5.0")
    assert prior is not None and prior.name == "1.dcm"  # the 2023 study
    index.connection.execute("DROP TABLE recent")  # a damaged index: the write fails in SQLite
    assert not note_opened(index, "1.2.826.0.1.3680043.8.498.5.2")
    with pytest.raises(sqlite3.Error):
        recent_listing(index)  # the dock asked: it is told
    index.connection.execute("DROP TABLE instance")
    assert prior_image(index, "DOE^JANE", "20240105000000", "1.2.826.0.1.3680043.8.498.5.0") is None
