"""What every sub-command about a study shares: the study file argument and, for those that read the reads,
the database option and its opening."""

from __future__ import annotations

import argparse
from typing import Callable

from cxr_reader_study.design.model import Study
from cxr_reader_study.storage.store import ReadStore

Handler = Callable[[Study, argparse.Namespace], int]  # called with the loaded study; returns the exit status


def add_study_command(commands: argparse._SubParsersAction, name: str, handler: Handler,
                      text: str, images_needed: bool = True) -> argparse.ArgumentParser:
    """A sub-command whose first argument is the study file; ``cli.main`` loads it and calls ``handler``.
    ``images_needed=False`` for the commands that work from the reads database (status, export, report), which
    records each film as read: they run where the images are not (an analysis machine, a moved folder)."""
    sub = commands.add_parser(name, help=text, description=text)
    sub.add_argument("study", help="study file (TOML)")
    sub.set_defaults(handler=handler, images_needed=images_needed)
    return sub


def add_database_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--database", help="reads database (default: the study's)")


def reads_database(study: Study, args: argparse.Namespace) -> ReadStore:
    """The reads database for a command that only reads it, never created nor changed here: a misspelt
    --database became a new, empty database before (the report showed every AUC as 0.5 with exit status 0),
    and an archived study's file was written to (WAL, schema, version) with -wal/-shm files left beside it."""
    return ReadStore(args.database or study.database, read_only=True)


def existing_database(study: Study, args: argparse.Namespace) -> ReadStore:
    """The reads database for a command that writes to it (override-washout): it must exist already."""
    return ReadStore(args.database or study.database, create=False)
