"""What each ``cxr-pacs`` sub-command does, given parsed arguments; results go to stdout, progress to stderr."""

from __future__ import annotations

import argparse
import sys
import threading
from contextlib import ExitStack
from pathlib import Path

from cxr_viewer.net import retrieve
from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.anonymize import export_anonymized
from cxr_viewer.net.cli_progress import ProgressLine, outcome
from cxr_viewer.net.cli_signals import wait_for
from cxr_viewer.net.config import PacsSettings, load_settings, save_settings
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.index_writer import IndexWriter, open_writer
from cxr_viewer.net.nodes import DicomNode, validate_node_name
from cxr_viewer.net.query import QueryFilter, find, typed_name
from cxr_viewer.net.retrieve_result import NOTHING_SENT, failed_after
from cxr_viewer.net.scp import StorageSCP
from cxr_viewer.net.scu import echo
from cxr_viewer.net.send import send_files


def _calling_ae(args: argparse.Namespace, settings: PacsSettings) -> str:
    return args.ae or settings.ae_title


def _index_writer(args: argparse.Namespace, stack: ExitStack) -> IndexWriter | None:
    if args.no_index:
        return None
    writer = open_writer()  # PacsError (said, status 1) for an index that cannot be written
    stack.callback(lambda: print(f"index: {writer.close().summary()}", file=sys.stderr))
    return writer


def run_nodes(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.nodes_command == "add":
        settings.nodes[validate_node_name(args.name)] = DicomNode(args.node_ae, args.host, args.port,
                                                                  args.dicomweb_url, args.connect_timeout)
        save_settings(settings)
    elif args.nodes_command == "remove":
        settings.node(args.name)
        del settings.nodes[args.name]
        save_settings(settings)
    for name, node in sorted(settings.nodes.items()):
        print(f"{name}\t{node.describe()}")
    return 0


def run_echo(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    with ConnectionAborter(cancel) as aborter:
        status = echo(_calling_ae(args, settings), settings.node(args.node), aborter=aborter)
    print(f"{args.node}: C-ECHO status 0x{status:04X}")
    return 0 if status == 0 else 1


def run_find(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    query = QueryFilter(level=args.level, patient_name=typed_name(args.name), patient_id=args.patient_id,
                        date_from=args.date_from, date_to=args.date_to, modality=args.modality,
                        accession_number=args.accession, study_uid=args.study_uid)
    columns = [keyword for keyword in query.identifier().dir() if keyword != "QueryRetrieveLevel"]
    matches = find(_calling_ae(args, settings), settings.node(args.node), query, cancel=cancel)
    if args.order == "newest":
        matches = matches.newest_first()
    print("\t".join(columns))
    for match in matches:
        print("\t".join(str(match.get(keyword, "")) for keyword in columns))
    note = f"; {matches.note()}" if matches.cut_short else ""  # a cut list must not pass for all the matches
    print(f"{len(matches)} {args.level} match(es){note}", file=sys.stderr)
    return 0


def _store_dir(args: argparse.Namespace, settings: PacsSettings) -> Path:
    return args.store or settings.resolved_store_dir()


def run_move(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    node, ours = settings.node(args.node), _calling_ae(args, settings)
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
        result = retrieve.get(_calling_ae(args, settings), settings.node(args.node), args.study_uid,
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


def run_send(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    result = send_files(_calling_ae(args, settings), settings.node(args.node), args.files, cancel=cancel)
    for path, reason in result.failed:
        print(f"{path}: {reason}", file=sys.stderr)
    print(f"sent {len(result.sent)}, failed {len(result.failed)}")
    return 0 if result.ok else 1


def run_scp(args: argparse.Namespace, cancel: threading.Event) -> int:
    """Serves until Ctrl+C or SIGTERM (``cancel``), then stops accepting, aborts the associations still open (a
    half-received instance is never written: files land whole or not at all) and prints what arrived."""
    settings = load_settings()
    allowed = [*settings.allowed_calling_aes, *args.allow, *(n.ae_title for n in settings.nodes.values())]
    with ExitStack() as stack:
        scp = StorageSCP(_store_dir(args, settings), _calling_ae(args, settings), args.port or settings.scp_port,
                         allowed, args.bind or settings.scp_bind_address, on_stored=_index_writer(args, stack))
        stack.enter_context(scp)  # stops it should anything below fail
        print(f"storage SCP {scp.ae_title} on {scp.bind_address}:{scp.port}, "
              f"storing into {scp.handler.store_dir}, allowing {', '.join(sorted(set(allowed)))}", file=sys.stderr)
        wait_for(cancel)
        scp.stop(abort_open=True)
    print(f"received {len(scp.received.stored)}, refused {len(scp.received.rejected)}", file=sys.stderr)
    return 0


def run_anonymize(args: argparse.Namespace) -> int:
    report = export_anonymized(args.sources, args.destination)
    for path, reason in report.failed:
        print(f"{path}: {reason}", file=sys.stderr)
    for path, reason in report.skipped:
        print(f"{path}: skipped: {reason}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    skipped = len(report.failed) + len(report.skipped)
    print(f"wrote {len(report.written)} anonymised files to {args.destination}, {skipped} skipped")
    return 1 if report.missing or not report.written else 0  # a mistyped path must not look like a finished export
