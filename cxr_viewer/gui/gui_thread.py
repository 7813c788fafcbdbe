"""The guard that keeps plugin calls which build or change widgets and graphics items on the GUI thread.

Shared by the layer list (``overlay_manager``) and the plugins' menu entries and status text
(``plugin_contributions``): each refuses, with the same words, a call made from a plugin's worker.
"""

from __future__ import annotations

from PySide6 import QtCore


def on_gui_thread(owner: QtCore.QObject, call: str) -> None:
    """Refuse a call from another thread: graphics items built off the GUI thread (a plugin's ``run_task`` work
    calling ``add_layer`` itself) were taken without a word and may crash the viewer later, at random."""
    if QtCore.QThread.currentThread() is not owner.thread():
        raise RuntimeError(f"{call} was called from a worker thread; call the host from the GUI thread only (hand a "
                           "run_task's result to its on_done, which runs there)")
