"""``cxr-reader override-washout``: the study coordinator lets a reader start their next arm before the washout
ends. Who, when and why are committed to the study database, and the reader's next log-in opens the arm; the
reading station itself offers readers no way round the washout."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime, timezone

from cxr_reader_study.commands.study_command import add_database_option, add_study_command, existing_database
from cxr_reader_study.design.model import Study


def override_washout(study: Study, args: argparse.Namespace) -> int:
    from cxr_reader_study.scheduling import OverrideRefused, grant_override, when

    try:
        record, wait = grant_override(study, existing_database(study, args), args.reader, args.reason, args.by,
                                      datetime.now(timezone.utc))
    except OverrideRefused as refused:
        print(f"cxr-reader override-washout: {refused}", file=sys.stderr)
        return 2
    print(f"washout overridden: reader {record.reader_id} may start arm '{record.arm}' at the next log-in "
          f"(the washout would have ended on {when(wait.ready_at)}); recorded by {record.granted_by} on "
          f"{when(record.granted_at)}: {record.reason}")
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        return "unknown"


def add_parser(commands: argparse._SubParsersAction) -> None:
    sub = add_study_command(commands, "override-washout", override_washout,
                            "coordinator: let a reader start their next arm before the washout ends "
                            "(recorded with who, when and why)")
    add_database_option(sub)
    sub.add_argument("reader", help="reader id")
    sub.add_argument("--reason", required=True, help="why the washout is cut short (recorded)")
    sub.add_argument("--by", default=_login_name(), help="who grants it (recorded; default: your login name)")
