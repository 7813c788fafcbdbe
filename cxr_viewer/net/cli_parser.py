"""The arguments of ``cxr-pacs`` and their help.

The help is written for a user who has never configured a node: it says what each argument is, where the
settings live, and what the exit statuses mean. Kept apart from :mod:`cxr_viewer.net.cli`, which runs the
command the parser chose, because the two change for different reasons: a new option or wording here, the
handling of failures and Ctrl+C there.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cxr_viewer.net.config import settings_path
from cxr_viewer.net.nodes import DEFAULT_CONNECT_TIMEOUT_S
from cxr_viewer.net.query import LEVELS


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text) if "-" in text else date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD or YYYYMMDD)") from exc


def _port(text: str) -> int:
    """A TCP port, 1 to 65535: a larger one ended ``cxr-pacs scp`` with a traceback from the socket's bind."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1 to 65535)")
    return int(text)


NODE_HELP = "the name of a configured node (see `cxr-pacs nodes list`)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cxr-pacs",
        description="The workstation's PACS tools: configure nodes, C-ECHO, find and retrieve studies, send files, "
        "receive as a storage SCP, export an anonymised copy.",
        epilog=f"Nodes and our own AE title, port and store folder are kept in {settings_path()} "
        "(CXR_VIEWER_CONFIG_DIR moves it; the viewer's PACS window edits the same file). Exit status: 0 done; 1 "
        "the operation failed (the message says why); 2 usage error; 130 or 143 stopped by Ctrl+C or SIGTERM.",
    )
    parser.add_argument("--ae", help="our calling AE title (default: the configured one)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log DICOM traffic")
    sub = parser.add_subparsers(dest="command", required=True)

    nodes = sub.add_parser("nodes", help="manage the configured remote nodes").add_subparsers(
        dest="nodes_command", required=True)
    add = nodes.add_parser("add", help="add or replace a node")
    add.add_argument("name", help="what to call the node in the other commands")
    add.add_argument("--ae-title", required=True, dest="node_ae", metavar="AE", help="the node's AE title")
    add.add_argument("--host", required=True, help="its host name or IP address")
    add.add_argument("--port", required=True, type=int, help="its DICOM port (often 104 or 11112)")
    add.add_argument("--dicomweb-url", default="", help="e.g. http://pacs:8042/dicom-web")
    add.add_argument("--connect-timeout", type=float, default=DEFAULT_CONNECT_TIMEOUT_S, metavar="SECONDS",
                     help="how long to wait for the node to accept a connection (default %(default)g)")
    nodes.add_parser("list", help="show the configured nodes")
    remove = nodes.add_parser("remove", help="forget a node")
    remove.add_argument("name")

    sub.add_parser("echo", help="C-ECHO a node").add_argument("node", help=NODE_HELP)

    find = sub.add_parser("find", help="C-FIND studies, patients or series")
    find.add_argument("node", help=NODE_HELP)
    find.add_argument("--level", choices=LEVELS, default="study", help="what to list (default: %(default)s)")
    find.add_argument("--name", default="", help="patient name, wildcards allowed (DOE*); 'Doe, John' is sent as Doe^John")
    find.add_argument("--id", default="", dest="patient_id")
    find.add_argument("--date-from", type=_day, metavar="DATE", help="first study date, YYYY-MM-DD or YYYYMMDD")
    find.add_argument("--date-to", type=_day, metavar="DATE", help="last study date (included)")
    find.add_argument("--modality", default="")
    find.add_argument("--accession", default="")
    find.add_argument("--study-uid", default="", help="required for --level series")
    find.add_argument("--order", choices=("newest", "pacs"), default="newest",
                      help="newest: by study date and time, newest first, undated studies last, as the window lists "
                           "them; pacs: as the PACS sent them (default: %(default)s)")

    for name, help_text in (("move", "C-MOVE a study to our SCP"), ("get", "C-GET a study")):
        retrieve = sub.add_parser(name, help=help_text)
        retrieve.add_argument("node", help=NODE_HELP)
        retrieve.add_argument("study_uid", help="its Study Instance UID (a column of `cxr-pacs find`)")
        retrieve.add_argument("--series-uid", default="")
        retrieve.add_argument("--store", type=Path, help="folder to store into (default: the local store)")
        retrieve.add_argument("--no-index", action="store_true", help="do not add the files to the study index")
    sub.choices["move"].add_argument("--destination", help="another AE to move to; then nothing is received here")

    send = sub.add_parser("send", help="C-STORE files to a node")
    send.add_argument("node", help=NODE_HELP)
    send.add_argument("files", nargs="+", type=Path, help="DICOM files (images, SR, SEG)")

    scp = sub.add_parser("scp", help="run the storage SCP until interrupted")
    scp.add_argument("--port", type=_port, help="port to listen on (default: the configured one)")
    scp.add_argument("--bind", help="address to listen on (default: the configured one)")
    scp.add_argument("--allow", action="append", default=[], metavar="AE",
                     help="calling AE allowed to send, besides the configured nodes (repeat for more)")
    scp.add_argument("--store", type=Path, help="folder to store into (default: the local store)")
    scp.add_argument("--no-index", action="store_true", help="do not add the files to the study index")

    anonymize = sub.add_parser("anonymize", help="export an anonymised copy (PS3.15 basic profile)")
    anonymize.add_argument("sources", nargs="+", type=Path)
    anonymize.add_argument("destination", type=Path)
    return parser
