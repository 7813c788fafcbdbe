"""The ``cxr-pacs`` sub-commands that bring images here: ``move``, ``get`` and ``scp``.

Kept apart from the ones that only ask or send (``cli_commands``) because these share what receiving needs: the
store folder, our storage SCP, and the index writer that files what arrives (and says, at the end, what it
filed). Results go to stdout, progress and problems to stderr.
"""

from __future__ import annotations

import argparse
import sys
import threading
from contextlib import ExitStack
from pathlib import Path

from cxr_viewer.net import retrieve
from cxr_viewer.net.cli_commands import calling_ae
from cxr_viewer.net.cli_progress import ProgressLine, outcome
from cxr_viewer.net.cli_signals import wait_for
from cxr_viewer.net.config import PacsSettings, load_settings
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.index_writer import IndexWriter, open_writer
from cxr_viewer.net.retrieve_result import NOTHING_SENT, failed_after
from cxr_viewer.net.scp import StorageSCP


def _index_writer(args: argparse.Namespace, stack: ExitStack) -> IndexWriter | None:
    """The writer that indexes what arrives, unless ``--no-index``; at the end it says what it indexed. Said when
    nothing arrived, "index: 0 added, ..." came before the reason a retrieve failed and read as the outcome."""
    if args.no_index:
        return None
    try:
        writer = open_writer()
    except PacsError as exc:  # said, status 1; the option that does without the index is ours to name
        raise PacsError(f"{exc}; --no-index keeps the files in the store without indexing them") from exc

    def said() -> None:
        report = writer.close()
        if report.added or report.updated or report.unchanged or report.failed or report.duplicates or report.skipped:
            print(f"index: {report.summary()}", file=sys.stderr)

    stack.callback(said)
    return writer


def _store_dir(args: argparse.Namespace, settings: PacsSettings) -> Path:
    return args.store or settings.resolved_store_dir()


def run_move(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    node, ours = settings.node(args.node), calling_ae(args, settings)
    with ExitStack() as stack:
        if args.destination:
            destination = args.destination
        else:
            destination = ours
            scp = StorageSCP(_store_dir(args, settings), ours, settings.scp_port, [node.ae_title],
                             settings.scp_bind_address, on_stored=_index_writer(args, stack))
            stack.enter_context(scp)
            # after a cancel the PACS may still be connected to push to us; its thread would keep us running
            stack.callback(lambda: scp.stop(abort_open=cancel.is_set()))
        progress = stack.enter_context(ProgressLine())
        try:
            result = retrieve.move(ours, node, args.study_uid, destination, args.series_uid, progress=progress,
                                   cancel=cancel, delivered=lambda: not args.destination and bool(scp.received.stored))
        except PacsError as exc:  # name what our SCP already received: it is kept and indexed
            if args.destination or not scp.received.stored:
                raise
            raise failed_after(exc, scp.received.stored, scp.handler.store_dir) from exc
    print(f"moved {result.completed}, failed {result.failed}, {outcome(result)}")
    _print_errors(result.errors, result.empty)
    return 0 if result.ok else 1


def run_get(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    with ExitStack() as stack:
        on_stored = _index_writer(args, stack)
        progress = stack.enter_context(ProgressLine())
        result = retrieve.get(calling_ae(args, settings), settings.node(args.node), args.study_uid,
                              _store_dir(args, settings), args.series_uid, progress=progress,
                              on_stored=on_stored, cancel=cancel)
    print(f"retrieved {len(result.files)}, failed {result.failed}, {outcome(result)}")
    _print_errors(result.errors, result.empty)
    return 0 if result.ok else 1


def _print_errors(errors: list[str], empty: bool = False) -> None:
    """What failed and what to check (e.g. the PACS's entry for our AE title after failed C-MOVE deliveries), and
    a success that brought nothing (exit status 1: a script must not take it for the study)."""
    for error in [*errors, *([NOTHING_SENT] if empty else [])]:
        print(error, file=sys.stderr)


def run_scp(args: argparse.Namespace, cancel: threading.Event) -> int:
    """Serves until Ctrl+C or SIGTERM (``cancel``), then stops accepting, aborts the associations still open (a
    half-received instance is never written: files land whole or not at all) and prints what arrived."""
    settings = load_settings()
    allowed = [*settings.allowed_calling_aes, *args.allow, *(n.ae_title for n in settings.nodes.values())]
    if not allowed:  # the SCP's own "needs at least one allowed calling AE title" named no option
        raise PacsError("no sender may send to us yet: name its AE title with --allow AE, or add the sending PACS "
                        "with `cxr-pacs nodes add`")
    with ExitStack() as stack:
        scp = StorageSCP(_store_dir(args, settings), calling_ae(args, settings), args.port or settings.scp_port,
                         allowed, args.bind or settings.scp_bind_address, on_stored=_index_writer(args, stack))
        stack.enter_context(scp)  # stops it should anything below fail
        print(f"storage SCP {scp.ae_title} on {scp.bind_address}:{scp.port}, "
              f"storing into {scp.handler.store_dir}, allowing {', '.join(sorted(set(allowed)))}", file=sys.stderr)
        wait_for(cancel)
        scp.stop(abort_open=True)
    print(f"received {len(scp.received.stored)}, refused {len(scp.received.rejected)}", file=sys.stderr)
    return 0
