"""One search of a configured node by either transport: C-FIND (DIMSE) or QIDO-RS (DICOMweb).

The Query/Retrieve tab offers both behind one form; which call runs is decided here, before the worker thread
starts, so an unknown node or a node without a DICOMweb URL is said at once ("Cannot search: …") rather than as a
failed search.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.dicomweb_transfer import qido_search
from cxr_viewer.net.matches import Matches
from cxr_viewer.net.query import QueryFilter, find

DIMSE, DICOMWEB = "DIMSE", "DICOMweb"


def search_call(settings: PacsSettings, name: str, transport: str, query: QueryFilter,
                cancel: threading.Event) -> Callable[[], Matches]:
    """The blocking search of node ``name``; KeyError (unknown node) and ValueError (no DICOMweb URL) come now."""
    node, calling = settings.node(name), settings.ae_title
    if transport == DICOMWEB:
        if not node.dicomweb_url:
            raise ValueError(f"node {name!r} has no DICOMweb URL: add one on the Nodes tab")
        return lambda: qido_search(node.dicomweb_url, query, cancel=cancel, connect_timeout_s=node.connect_timeout_s)
    return lambda: find(calling, node, query, cancel=cancel)
