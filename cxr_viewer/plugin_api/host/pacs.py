"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` that sends a plugin's DICOM files to a PACS.

A plugin that writes DICOM (the AI's SR and SEG) left the radiologist to open the PACS window's Send tab and find
the files by hand. Plugins may not use ``cxr_viewer.net`` themselves (an import-linter contract): the nodes, our AE
title and the choice of node are the viewer's, so the plugin hands the files over and the viewer does the rest.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from pathlib import Path


class PacsHost(abc.ABC):
    def pacs_nodes(self) -> list[str]:
        """The names of the PACS nodes the user configured (the PACS window's Nodes tab), sorted; empty when none.

        For greying a "Send to PACS" entry while there is nowhere to send. Ask at each use: the user adds and
        removes nodes at will. Hosts without networking (headless tests) have none.
        """
        return []

    def on_pacs_nodes_changed(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` (on the GUI thread) each time the user added, edited or removed a PACS node in the
        PACS window, after the change (:meth:`pacs_nodes` already answers the new list).

        A "Send to PACS" entry greyed for want of a node was asked only when the plugin's own state changed, so a
        node added meanwhile left it greyed (and a removed one left it offered) until the next film. Hosts without
        networking have no nodes to change and never call it.
        """

    def send_to_pacs(self, paths: Sequence[Path | str], what: str = "") -> None:
        """Send the DICOM files ``paths`` (written by the plugin) to a node the user picks, in the background.

        The viewer asks which node, sends by C-STORE as a task with progress and Cancel, and lists each file sent or
        not sent, with the reason, in Messages. The files are never moved or deleted, so nothing is lost when the
        node refuses them; the message names them. ``what`` says in the messages what the files are ("AI findings").
        Hosts without networking refuse in Messages, naming the files.
        """
        names = "\n".join(str(path) for path in paths)
        said = f"This viewer cannot send to a PACS; the files stay where they are:\n{names}"
        self.show_error("Not sent to PACS", said)  # type: ignore[attr-defined]  # WorkHost's, beside it in ViewerHost
