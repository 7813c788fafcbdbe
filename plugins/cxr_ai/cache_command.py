"""``cxr-ai cache info`` and ``cxr-ai cache clear``: the result cache's size and rows, and a way to empty it.

The cache is capped (``cxr_ai.engine.cache``), but a user who wants the space back now, or results computed
afresh, had no way but to find and delete the file, which a running viewer may hold open.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from cxr_ai.engine.cache import ResultCache

MB = 1024 * 1024


def add_cache_command(commands: argparse._SubParsersAction) -> None:
    cache = commands.add_parser("cache", help="show the result cache's size, or clear it")
    actions = cache.add_subparsers(dest="cache_command", required=True)
    actions.add_parser("info", help="the cache file, its size on disk and its results per model version")
    actions.add_parser("clear", help="delete every cached result and give the space back (the file stays)")


def run_cache_command(arguments: argparse.Namespace) -> int:
    """0, or 1 when the cache file cannot be read (not a SQLite file, or made by a newer version)."""
    try:
        cache = ResultCache()
        if arguments.cache_command == "clear":
            removed = cache.clear()
            print(f"cxr-ai: removed {removed} result(s) from {cache.path} "
                  f"({cache.path.stat().st_size / MB:.1f} MB on disk now)", file=sys.stderr)
            return 0
        info = cache.info()
    except sqlite3.DatabaseError as error:
        print(f"cxr-ai: the result cache could not be read ({error})", file=sys.stderr)
        return 1
    print(f"{info.path}: {sum(info.rows_per_version.values())} result(s), {info.file_bytes / MB:.1f} MB on disk")
    for version, count in sorted(info.rows_per_version.items()):
        print(f"  {version}: {count}")
    return 0
