"""The station's hold on the viewer for as long as a study is open on it, and the coordinator's way to end it.

A reader waiting at the log-in page, between readers, must not get at what a read hides: the viewer with the hold
given back offered File > Open (the study folder, its films with their headers, ``cases.csv`` with the truth), the
Studies and Messages docks, and the live AI's D on a case about to be read in the unaided arm. So the hold (names
hidden, other plugins off, no opening) is taken when the study opens, with no film left on screen, and kept across
log-ins and log-outs; only closing the study gives the viewer back.

Closing is asked for and confirmed, refused while a reader is logged in, and recorded in the study's database
(``reading.study_close``: when, which station) as well as the viewer's log. It is not
behind a password: whoever sits at the station can quit the viewer and start it again without the study, so a
password would guard nothing a reader could not walk round; the confirmation keeps closing from being an accident,
and Messages then says when the study was closed, so a coordinator coming back sees it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from cxr_viewer.plugin_api import ViewerHost

from cxr_reader_study.design.model import Study
from cxr_reader_study.reading.layers import PLUGIN_ID
from cxr_reader_study.reading.study_close import record_closing, station_name

log = logging.getLogger(__name__)
CLOSE_QUESTION = ("Close the reader study “{name}” on this station?\n\nFile > Open, the Studies and Messages docks and "
                  "the other plugins (the live AI) come back, so a reader waiting here could see films with their "
                  "names or run the AI on a case. Readers cannot log in until the study is opened again.\n\n"
                  "Close it only when no reader is waiting to read.")
LOGGED_IN = "A reader is logged in: log out first, then close the study."


def hold_station(host: ViewerHost) -> None:
    """Names hidden, the view the plugin's own, and no film on screen (the coordinator's last film included)."""
    host.set_metadata_hidden(True)
    host.set_exclusive(PLUGIN_ID)
    host.close_image()


def release_station(host: ViewerHost) -> None:
    """The viewer back as it is without a study: opening, docks, names and the other plugins."""
    host.set_exclusive(None)
    host.set_metadata_hidden(False)


def confirm_close(study_name: str) -> bool:
    """Ask before the viewer is given back; No is the default, so a stray Enter keeps the study open."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(None, "Close reader study", CLOSE_QUESTION.format(name=study_name),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def closed_notice(study: Study) -> str:
    """Record the closing in the study's database and the viewer's log; what the viewer then says, in UTC."""
    closed_at, station = datetime.now(timezone.utc), station_name()
    when = closed_at.strftime("%Y-%m-%d %H:%M UTC")
    failure = record_closing(study.database, closed_at, station)
    log.warning("Reader study %r closed on station %s at %s%s", study.name, station, when,
                f"; not recorded in its database: {failure}" if failure else "")
    recorded = (f"NOT recorded in the study database: {failure}." if failure
                else "Recorded in the study database (cxr-reader status lists it).")
    return (f"Reader study “{study.name}” closed at {when} on {station}. {recorded} This station is an ordinary "
            "viewer again; Reader study → Open reader study… opens a study again.")
