"""The words of the Messages dock (Qt-free): summaries, counts, tooltips and the note on removed messages.

Kept apart from the panel so the callers that only word a report (the Studies dock's imports, the opening scan,
the check for missing files) need no widget, and so the wording can be tested without a window.
"""

from __future__ import annotations

from collections.abc import Sequence

SUMMARY_LINES = 20  # lines of a summary shown in the list itself; the rest are in its detail
TOOLTIP_CHARS = 2000  # a tooltip taller than the screen cannot be read anyway


def summarise(headline: str, lines: Sequence[str], shown: int = SUMMARY_LINES) -> tuple[str, str | None]:
    """A message's text (the headline and the first ``shown`` lines) and its detail (the headline and every line)
    when some were left out, so thousands of failures make one readable message instead of thousands."""
    text = "\n".join([headline, *lines[:shown]])
    if len(lines) <= shown:
        return text, None
    more = len(lines) - shown
    text += f"\n… and {more} more: double-click this message for the whole list"
    return text, "\n".join([headline, *lines])


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun it counts, as a report says it ("1 file", "3 files", "2 studies")."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def message_tooltip(text: str, detail: str | None) -> str:
    """A row's tooltip: its text cut at ``TOOLTIP_CHARS``, and how to see the whole list when it has one."""
    tooltip = text if len(text) <= TOOLTIP_CHARS else text[:TOOLTIP_CHARS] + "…"
    if detail:
        tooltip += "\n\nDouble-click for the whole list."
    return tooltip


def removed_note(dropped: int, kept: int) -> str:
    """The first row's text once older messages were removed: how many, and that the log still has them."""
    return (f"{dropped} older message{'s' if dropped != 1 else ''} removed "
            f"(the list keeps the newest {kept}; the log keeps all)")
