"""The connection tests in flight on the Nodes tab: one per node, each with its own cancel event.

A row's test is bound to the node *as it was tested*, not to a row number: rows are rebuilt whenever a node is
added, edited or removed, and a test may take up to the node's connect timeout. An outcome is shown only if its
test is still the node's current one, so an answer never lands on another node's row, nor on a node edited since
(whose answer would describe the old host or port), and a cancelled test's late answer never overwrites the
result of a newer test. Editing or removing a node cancels its test. Cancel sets the test's event, which
:func:`cxr_viewer.net.node_check.check_node` watches through the shared
:class:`~cxr_viewer.net.abort.ConnectionAborter`; the outcome then arrives as ``cancelled`` through
:func:`~cxr_viewer.gui.pacs_worker.run_in_background`, like every other PACS call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject

from cxr_viewer.gui.pacs_worker import run_in_background
from cxr_viewer.net.node_check import check_node
from cxr_viewer.net.nodes import DicomNode

CANCELLED = "Cancelled"
ShowOutcome = Callable[[str, str, "bool | None"], None]  # (node name, text, ok: True/False/None for neither)


@dataclass(eq=False)  # compared by identity: "is this still the node's current test?"
class _Test:
    node: DicomNode
    cancel: threading.Event = field(default_factory=threading.Event)


class NodeTests:
    """Starts, cancels and forgets the tests of one Nodes tab; ``show`` puts an outcome on the node's row."""

    def __init__(self, parent: QObject, show: ShowOutcome) -> None:
        self._parent, self._show = parent, show
        self._running: dict[str, _Test] = {}
        running = self._running  # not self: the slot runs while the tab is being destroyed
        parent.destroyed.connect(lambda *_args: [test.cancel.set() for test in list(running.values())])

    def running(self, name: str) -> bool:
        return name in self._running

    def cancelling(self, name: str) -> bool:
        test = self._running.get(name)
        return test is not None and test.cancel.is_set()

    def start(self, calling_ae: str, name: str, node: DicomNode) -> None:
        """Test ``node`` in the background unless its test is already running."""
        if name in self._running:
            return
        test = self._running[name] = _Test(node)
        run_in_background(self._parent, lambda _report: check_node(calling_ae, node, test.cancel),
                          lambda text: self._ended(name, test, text, True),
                          lambda reason: self._ended(name, test, f"Failed: {reason}", False),
                          on_cancelled=lambda _reason: self._ended(name, test, CANCELLED, None))

    def cancel(self, name: str) -> None:
        """Stop the node's test; its row says "Cancelled" once the call has ended (within a poll of the aborter)."""
        test = self._running.get(name)
        if test is not None:
            test.cancel.set()

    def forget_changed(self, nodes: Mapping[str, DicomNode]) -> None:
        """Cancel and drop the tests of nodes removed, renamed or edited since their test started."""
        for name, test in list(self._running.items()):
            if nodes.get(name) != test.node:
                test.cancel.set()
                del self._running[name]

    def _ended(self, name: str, test: _Test, text: str, ok: bool | None) -> None:
        if self._running.get(name) is not test:  # forgotten: the node changed or went while it ran
            return
        del self._running[name]
        self._show(name, text, ok)
