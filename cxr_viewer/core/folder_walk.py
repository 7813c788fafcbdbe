"""Walking a folder tree the way a user expects: through symbolic links to folders, but never in circles.

``os.walk`` skips linked folders by default, so a study kept on another disk and linked into the data folder
was silently left out; following links naively loops forever on a link back to a parent. Here each real folder
(identified by ``(st_dev, st_ino)``, which a link shares with its target) is entered once: a loop, or a second
link to a folder already walked, adds nothing, because its files were found the first time. The tree itself is
walked first and linked folders after it, so a folder reached both ways is listed under its real path (a link
named ``0-latest`` does not take the files from the folder it points to).

Only the standard library is imported, so the study index can use this without loading the image decoders.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

WalkError = Callable[[OSError], None]


def walk_following_links(
    root: str | os.PathLike[str], onerror: WalkError | None = None
) -> Iterator[tuple[str, list[str], list[str]]]:
    """Like ``os.walk(root)`` (top-down), but also through symbolic links to folders, each real folder once.

    Yields ``(folder, subfolders, files)``; the caller may prune ``subfolders`` in place (and sort it to fix the
    order): a pruned link is not followed either. Folders that cannot be listed or examined go to ``onerror``.
    """
    seen: set[tuple[int, int]] = set()
    pending = [os.fspath(root)]
    while pending:
        top = pending.pop(0)
        for folder, subfolders, files in os.walk(top, onerror=onerror):
            try:
                status = os.stat(folder)
            except OSError as error:
                if onerror is not None:
                    onerror(error)
                subfolders[:] = []
                continue
            key = (status.st_dev, status.st_ino)
            if key in seen:  # a loop back to a parent, or another link to a folder already walked
                subfolders[:] = []
                continue
            seen.add(key)
            yield folder, subfolders, files
            # os.walk lists linked folders among the subfolders but does not enter them: they come after the tree
            pending += [path for path in (os.path.join(folder, name) for name in subfolders) if os.path.islink(path)]
