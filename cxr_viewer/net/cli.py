"""``cxr-pacs``: the PACS tools from a terminal (nodes, echo, find, move, get, send, scp, anonymize).

Running the command the arguments name: the parser and its help are in :mod:`cxr_viewer.net.cli_parser`; each
sub-command's work is in :mod:`cxr_viewer.net.cli_commands` (asking and sending) or
:mod:`cxr_viewer.net.cli_receive` (``move``, ``get``, ``scp``: bringing images here). Exit status 0 on
success, 1 when the operation failed (the message says why), 2 for usage errors (argparse), and for a network
command stopped by Ctrl+C or SIGTERM 130 or 143 with "cxr-pacs: cancelled" (:mod:`cxr_viewer.net.cli_signals`;
for ``scp`` they are the normal stop, status 0).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from functools import partial

from cxr_viewer.closed_pipe import quiet_when_reader_closes, stdout_reader_gone
from cxr_viewer.net import cli_commands, cli_receive
from cxr_viewer.net.cli_parser import build_parser
from cxr_viewer.net.cli_signals import CANCELLED_MESSAGE, SignalCancel
from cxr_viewer.net.errors import PacsError

NETWORK_COMMANDS = frozenset({"echo", "find", "move", "get", "send", "scp"})  # these take the cancel event
RECEIVING_COMMANDS = frozenset({"move", "get", "scp"})  # in cli_receive


def _run(args: argparse.Namespace, work: Callable[[], int], stop: SignalCancel | None = None) -> int:
    try:
        return work()
    except Exception as exc:
        if isinstance(exc, BrokenPipeError) and stdout_reader_gone():
            raise  # `cxr-pacs find ... | head`: quiet_when_reader_closes ends it, not "[Errno 32] Broken pipe"
        if stop is not None and stop.signum:
            return stop.exit_status  # whatever the cut connection raised is the cancel, not a failure
        if not isinstance(exc, (PacsError, ValueError, KeyError, OSError)):
            raise
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"cxr-pacs {args.command}: {message}", file=sys.stderr)
        return 1


@quiet_when_reader_closes
def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if not args.verbose:
        logging.getLogger("pynetdicom").setLevel(logging.CRITICAL)
    handler = getattr(cli_receive if args.command in RECEIVING_COMMANDS else cli_commands, f"run_{args.command}")
    if args.command not in NETWORK_COMMANDS:
        return _run(args, partial(handler, args))
    with SignalCancel() as stop:
        status = _run(args, partial(handler, args, stop.event), stop)
    if stop.signum and args.command != "scp":
        print(CANCELLED_MESSAGE, file=sys.stderr)
        return stop.exit_status
    return status


if __name__ == "__main__":
    sys.exit(main())
