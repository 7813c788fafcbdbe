"""What the check for missing files calls what it found, and what it advises, by the kinds it found (Qt-free).

``verify`` tells apart a file that is gone, one overwritten by another image, one whose bytes changed and one
that can no longer be read. Each asks the user for something else: a missing file is looked for (a drive not
connected, a folder moved), a replaced one is forgotten and its folder imported again, an unreadable one is a
matter of permissions or a failing disk. Titled "Missing files" with only the missing files' advice, the
question sent the user looking for files that were there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cxr_viewer.gui.message_text import plural

# the order kinds are named in; the advice for each kind present, in that order
KIND_ORDER = ("missing", "replaced", "changed", "unreadable")
ADVICE = {
    "missing": "Missing files may be on a drive or network share that is not connected now: then keep them, "
    "connect it and check again. Files that moved are found again by importing their new folder.",
    "replaced": "Replaced files now hold another image: forget their entries, then import their folders again to "
    "index what they hold now.",
    "changed": "Changed files differ from what was imported: they may be damaged, or were rewritten (then forget "
    "their entries and import their folders again).",
    "unreadable": "Unreadable files are still there but cannot be read: check their permissions and the disk or "
    "share they are on. Forget one only if it is lost for good or now holds something that is not an image.",
}


def kinds_present(kinds: Iterable[str]) -> list[str]:
    """The kinds found, each once, in :data:`KIND_ORDER` (a kind this module does not know comes last)."""
    found = set(kinds)
    return sorted(found, key=lambda kind: KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER))


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def title(kinds: Iterable[str]) -> str:
    """"Missing files", "Replaced files", "Missing, replaced and unreadable files": the question's and the message's
    title."""
    present = kinds_present(kinds) or ["missing"]
    return f"{_listed(present).capitalize()} files"


def file_noun(kinds: Iterable[str]) -> str:
    """What to call one of the files in a count ("Kept 3 replaced files"): the kind when there is only one."""
    present = kinds_present(kinds)
    return f"{present[0]} file" if len(present) == 1 else "listed file"


def advice(kinds: Iterable[str]) -> str:
    """The advice for each kind present, one paragraph each."""
    return "\n\n".join(ADVICE[kind] for kind in kinds_present(kinds) if kind in ADVICE)


def found_words(kinds: Iterable[str]) -> str:
    """What the check found, by kind, the commonest first ("3 indexed files missing, 1 replaced")."""
    (first, count), *others = Counter(kinds).most_common()
    return ", ".join([f"{plural(count, 'indexed file')} {first}", *(f"{n} {kind}" for kind, n in others)])
