"""The ``cxr-pacs`` sub-commands that ask or send: ``nodes``, ``echo``, ``find``, ``send`` and ``anonymize``.

Those that bring images here (``move``, ``get``, ``scp``) are ``cli_receive``. Results go to stdout, progress and
problems to stderr.
"""

from __future__ import annotations

import argparse
import sys
import threading

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.anonymize import export_anonymized
from cxr_viewer.net.config import PacsSettings, load_settings, save_settings, settings_path
from cxr_viewer.net.nodes import DicomNode, validate_host, validate_node_name
from cxr_viewer.net.query import QueryFilter, find, typed_name
from cxr_viewer.net.scu import echo
from cxr_viewer.net.send import send_files


def calling_ae(args: argparse.Namespace, settings: PacsSettings) -> str:
    """``--ae`` when given, else the configured AE title: every network sub-command calls as this."""
    return args.ae or settings.ae_title


def run_nodes(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.nodes_command == "add":
        settings.nodes[validate_node_name(args.name)] = DicomNode(args.node_ae, validate_host(args.host), args.port,
                                                                  args.dicomweb_url, args.connect_timeout)
        save_settings(settings)
    elif args.nodes_command == "remove":
        settings.node(args.name)
        del settings.nodes[args.name]
        save_settings(settings)
    for name, node in sorted(settings.nodes.items()):
        print(f"{name}\t{node.describe()}")
    if not settings.nodes:  # an empty list printed nothing at all
        print(f"no node configured (in {settings_path()}); add one with `cxr-pacs nodes add NAME --ae-title AE "
              "--host HOST --port PORT`", file=sys.stderr)
    return 0


def run_echo(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    with ConnectionAborter(cancel) as aborter:
        status = echo(calling_ae(args, settings), settings.node(args.node), aborter=aborter)
    print(f"{args.node}: C-ECHO status 0x{status:04X}")
    return 0 if status == 0 else 1


def run_find(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    query = QueryFilter(level=args.level, patient_name=typed_name(args.name), patient_id=args.patient_id,
                        date_from=args.date_from, date_to=args.date_to, modality=args.modality,
                        accession_number=args.accession, study_uid=args.study_uid)
    columns = [keyword for keyword in query.identifier().dir() if keyword != "QueryRetrieveLevel"]
    matches = find(calling_ae(args, settings), settings.node(args.node), query, cancel=cancel)
    if args.order == "newest":
        matches = matches.newest_first()
    print("\t".join(columns))
    for match in matches:
        print("\t".join(str(match.get(keyword, "")) for keyword in columns))
    note = f"; {matches.note()}" if matches.cut_short else ""  # a cut list must not pass for all the matches
    print(f"{len(matches)} {args.level} match(es){note}", file=sys.stderr)
    return 0


def run_send(args: argparse.Namespace, cancel: threading.Event) -> int:
    settings = load_settings()
    result = send_files(calling_ae(args, settings), settings.node(args.node), args.files, cancel=cancel)
    for path, reason in result.failed:
        print(f"{path}: {reason}", file=sys.stderr)
    print(f"sent {len(result.sent)}, failed {len(result.failed)}")
    return 0 if result.ok else 1


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
