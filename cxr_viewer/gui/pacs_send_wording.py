"""What the user reads after a plugin's files went to a PACS (``host_pacs``): each file sent or not, and why.

Qt-free, so the wording is tested without a window. Every message that reports a file not sent names it with its
full path: the files stay where the plugin wrote them, and the radiologist sends them again from the PACS window's
Send tab (or any other tool) once the node is back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only its fields are read: pynetdicom stays off the start-up path
    from cxr_viewer.net.send import SendResult

TITLE_NOT_SENT = "Not sent to PACS"
TITLE_CANCELLED = "Sending to PACS cancelled"


def _of(what: str) -> str:
    return f" ({what})" if what else ""


def sent_line(result: "SendResult", where: str, what: str) -> str:
    """All went: one status line, the node before the names (a long line is clipped from the right)."""
    names = ", ".join(path.name for path in result.sent)
    return f"Sent {len(result.sent)} file(s){_of(what)} to {where}: {names}"


def unsent_text(result: "SendResult", paths: Sequence[Path], where: str, what: str) -> str:
    """Some or all not sent (refused by the node, unreadable, or left by Cancel): every file, and what became of it."""
    failed = dict(result.failed)
    unsent = [path for path in paths if path not in result.sent]
    lines = [f"{len(unsent)} of {len(paths)} file(s){_of(what)} not sent to {where}; they stay on disk:"]
    for path in paths:
        if path in result.sent:
            lines.append(f"Sent: {path}")
        else:
            lines.append(f"Not sent: {path} ({failed.get(path, 'cancelled')})")
    return "\n".join(lines)


def failed_text(error: BaseException, paths: Sequence[Path], where: str, what: str) -> str:
    """The node could not be reached or refused the association: nothing went."""
    kept = "\n".join(f"Not sent: {path}" for path in paths)
    return f"{where}: {error}\nNone of the {len(paths)} file(s){_of(what)} was sent; they stay on disk:\n{kept}"
