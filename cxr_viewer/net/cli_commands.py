"""What each ``cxr-pacs`` sub-command does, given parsed arguments; results go to stdout, progress to stderr."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.net import retrieve
from cxr_viewer.net.anonymize import export_anonymized
from cxr_viewer.net.config import PacsSettings, load_settings, save_settings
from cxr_viewer.net.index_writer import IndexWriter
from cxr_viewer.net.nodes import DicomNode, validate_node_name
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.retrieve_result import RetrieveProgress
from cxr_viewer.net.scp import StorageSCP
from cxr_viewer.net.scu import echo
from cxr_viewer.net.send import send_files


def _calling_ae(args: argparse.Namespace, settings: PacsSettings) -> str:
    return args.ae or settings.ae_title


def _progress(progress: RetrieveProgress) -> None:
    total = progress.completed + progress.remaining + progress.failed + progress.warning
    print(f"\r{progress.completed}/{total} received, {progress.failed} failed", end="", file=sys.stderr)


def _index_writer(args: argparse.Namespace, stack: ExitStack) -> IndexWriter | None:
    if args.no_index:
        return None
    writer = IndexWriter(StudyIndex())
    # the progress line ends in a carriage return, not a newline: start the summary on a line of its own
    stack.callback(lambda: print(f"\nindex: {writer.close().summary()}", file=sys.stderr))
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


def run_echo(args: argparse.Namespace) -> int:
    settings = load_settings()
    status = echo(_calling_ae(args, settings), settings.node(args.node))
    print(f"{args.node}: C-ECHO status 0x{status:04X}")
    return 0 if status == 0 else 1


def run_find(args: argparse.Namespace) -> int:
    settings = load_settings()
    query = QueryFilter(level=args.level, patient_name=args.name, patient_id=args.patient_id,
                        date_from=args.date_from, date_to=args.date_to, modality=args.modality,
                        accession_number=args.accession, study_uid=args.study_uid)
    columns = [keyword for keyword in query.identifier().dir() if keyword != "QueryRetrieveLevel"]
    matches = find(_calling_ae(args, settings), settings.node(args.node), query)
    print("\t".join(columns))
    for match in matches:
        print("\t".join(str(match.get(keyword, "")) for keyword in columns))
    print(f"{len(matches)} {args.level} match(es)", file=sys.stderr)
    return 0


def _store_dir(args: argparse.Namespace, settings: PacsSettings) -> Path:
    return args.store or settings.resolved_store_dir()


def run_move(args: argparse.Namespace) -> int:
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
        result = retrieve.move(ours, node, args.study_uid, destination, args.series_uid, progress=_progress)
    print(f"\nmoved {result.completed}, failed {result.failed}, status 0x{result.status:04X}")
    _print_errors(result.errors)
    return 0 if result.ok else 1


def run_get(args: argparse.Namespace) -> int:
    settings = load_settings()
    with ExitStack() as stack:
        result = retrieve.get(_calling_ae(args, settings), settings.node(args.node), args.study_uid,
                              _store_dir(args, settings), args.series_uid, progress=_progress,
                              on_stored=_index_writer(args, stack))
    print(f"\nretrieved {len(result.files)}, failed {result.failed}, status 0x{result.status:04X}")
    _print_errors(result.errors)
    return 0 if result.ok else 1


def _print_errors(errors: list[str]) -> None:
    """What failed and what to check (e.g. the PACS's entry for our AE title after failed C-MOVE deliveries)."""
    for error in errors:
        print(error, file=sys.stderr)


def run_send(args: argparse.Namespace) -> int:
    settings = load_settings()
    result = send_files(_calling_ae(args, settings), settings.node(args.node), args.files)
    for path, reason in result.failed:
        print(f"{path}: {reason}", file=sys.stderr)
    print(f"sent {len(result.sent)}, failed {len(result.failed)}")
    return 0 if result.ok else 1


def run_scp(args: argparse.Namespace) -> int:
    settings = load_settings()
    allowed = [*settings.allowed_calling_aes, *args.allow, *(n.ae_title for n in settings.nodes.values())]
    with ExitStack() as stack:
        scp = StorageSCP(_store_dir(args, settings), _calling_ae(args, settings), args.port or settings.scp_port,
                         allowed, args.bind or settings.scp_bind_address, on_stored=_index_writer(args, stack))
        print(f"storage SCP {scp.ae_title} on {scp.bind_address}:{scp.requested_port}, "
              f"storing into {scp.handler.store_dir}, allowing {', '.join(sorted(set(allowed)))}", file=sys.stderr)
        try:
            scp.serve_forever()
        except KeyboardInterrupt:
            pass
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
