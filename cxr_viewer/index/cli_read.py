"""``cxr-index unread``, ``mark-read`` and ``mark-unread``: the read status of studies from a terminal.

``unread`` prints the worklist a script can take up (one study a line, tab-separated like ``verify``, the Study
Instance UID last so ``cut -f5`` hands it to ``mark-read``); ``mark-read`` / ``mark-unread`` set the status the
viewer shows in bold, for studies read elsewhere (at another station, on paper) or to read again.
"""

from __future__ import annotations

import argparse
import sys

from cxr_viewer.index.cli_terminal import EXIT_OK, EXIT_PROBLEMS, count
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.path_text import shown_path
from cxr_viewer.index.query import search
from cxr_viewer.index.read_status import mark_read
from cxr_viewer.index.rows import StudyRow


def add_read_commands(commands: argparse._SubParsersAction) -> None:
    """The ``unread``, ``mark-read`` and ``mark-unread`` sub-commands; all need an existing index."""
    unread = commands.add_parser(
        "unread", help="list the studies not marked read, newest first",
        description="List the studies not marked read, newest first, one per line as DATE<TAB>PATIENT ID<TAB>"
        "PATIENT NAME<TAB>DESCRIPTION<TAB>STUDY INSTANCE UID, then a count on stderr.",
    )  # fmt: skip
    unread.add_argument("-n", "--limit", type=_count, default=None, metavar="N", help="list at most N studies")
    unread.set_defaults(run=run_unread, creates_index=False, writes_index=False)
    for name, read in (("mark-read", True), ("mark-unread", False)):
        marking = commands.add_parser(
            name, help=f"mark studies {'read' if read else 'unread'} (by Study Instance UID)",
            description=f"Mark the studies {'read' if read else 'unread'}, as the viewer's Studies dock does. Exit "
            "status 3 when some UIDs are not in the index (the others are marked).",
        )  # fmt: skip
        marking.add_argument("study_uids", nargs="+", metavar="STUDY_UID", help="a Study Instance UID")
        marking.set_defaults(run=run_mark, read=read, creates_index=False, writes_index=True)


def run_unread(index: StudyIndex, args: argparse.Namespace) -> int:
    rows = search(index, unread_only=True, limit=-1 if args.limit is None else args.limit)
    for row in rows:
        print("\t".join(_field(value) for value in _columns(row)))
    print(f"{count(len(rows), 'unread study', 'unread studies')} (index: {shown_path(index.db_path)})",
          file=sys.stderr)
    return EXIT_OK


def run_mark(index: StudyIndex, args: argparse.Namespace) -> int:
    uids = list(dict.fromkeys(args.study_uids))  # a UID given twice is one study: counted once
    unknown = mark_read(index, uids, read=args.read)
    for uid in unknown:
        print(f"not in the index: {_field(uid)}", file=sys.stderr)
    marked = len(uids) - len(unknown)
    print(f"marked {count(marked, 'study', 'studies')} {'read' if args.read else 'unread'} "
          f"(index: {shown_path(index.db_path)})")
    return EXIT_PROBLEMS if unknown else EXIT_OK


def _count(text: str) -> int:
    """``--limit``'s type: a negative count would list nothing without a word, so it is a usage error."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _columns(row: StudyRow) -> tuple[str, ...]:
    date = row.study_date.isoformat() if row.study_date is not None else row.study_date_text
    return date, row.patient_id, row.patient_name, row.description, row.study_uid


def _field(text: str) -> str:
    """A tab or line break inside a value would split the line: written ``\\t``, ``\\n`` as ``verify`` does."""
    return text.replace("\t", "\\t").replace("\n", "\\n")
