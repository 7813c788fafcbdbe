"""Rendering one view to a PNG and exiting: ``cxr-viewer --screenshot`` (docs and scripted figures).

Kept apart from parsing the command line (:mod:`cxr_viewer.cli`): a picture must be exactly the asked size
whatever the display scaling, must wait for the plugins' background work, and must not pass for complete when an
asked-for overlay failed. The window is built by the caller; this only drives it.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path


def take_screenshot(
    app, window, paths: list[str | Path], args: argparse.Namespace, after_open: Callable[[], None]
) -> int:
    """Open ``paths``, run ``args.overlay``'s plugin actions, write ``args.screenshot`` and return the exit status.

    ``after_open`` runs once the images are open (the command line indexes the demo studies there). Returns 1 when
    nothing opens or the PNG cannot be written, 2 for an unknown overlay, 3 when an overlay failed.
    """
    from cxr_viewer.gui.output_grab import grab_for_output  # Qt, which the command line loads only for a window

    width, height = args.size
    if args.full_window:
        target = window
    else:  # the panes alone, as their own top-level widget, so the PNG is exactly WxH
        target = window.takeCentralWidget()
    target.resize(*_logical_size(target, width, height))
    target.show()
    app.processEvents()
    if not paths or not window.open_paths(paths):
        print("cxr-viewer: no image could be opened for the screenshot", file=sys.stderr)
        for line in window.messages.messages():
            print(line, file=sys.stderr)
        return 1
    after_open()
    window.set_layout(args.layout)
    if args.window:
        window.layout_panes.primary.set_window(*args.window)
    before = len(window.messages.messages())
    for name in args.overlay:
        action = window.plugin_actions.get(name)
        if action is None:
            print(f"cxr-viewer: unknown overlay {name!r}; available: {', '.join(sorted(window.plugin_actions))}", file=sys.stderr)
            return 2
        action.trigger()
    _wait_for_tasks(app, window)
    failed = window.messages.messages()[before:] if args.overlay else []
    app.processEvents()
    for pane in window.layout_panes.panes:
        pane.fit()
        pane.refresh_text()
    app.processEvents()
    pixmap = grab_for_output(target, window.layout_panes.panes)
    if pixmap.width() - width in (0, 1) and pixmap.height() - height in (0, 1):  # a fractional scale's rounding
        pixmap = pixmap.copy(0, 0, width, height)
    args.screenshot.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(args.screenshot), "PNG"):
        print(f"cxr-viewer: cannot write {args.screenshot}", file=sys.stderr)
        return 1
    print(f"wrote {args.screenshot} ({pixmap.width()}x{pixmap.height()})")
    if failed:  # a script must not take a picture without the asked-for findings for one with them
        print("cxr-viewer: an --overlay failed; the picture may lack what it was to show:", file=sys.stderr)
        for line in failed:
            print(line, file=sys.stderr)
        return 3
    return 0


def _logical_size(target, width: int, height: int) -> tuple[int, int]:
    """The widget size whose picture is ``width``×``height`` device pixels.

    ``--size`` is the PNG's size in pixels whatever the display scaling: on a screen scaled 200 % (or with
    ``QT_SCALE_FACTOR=2``) the window is laid out at half that, so the picture shows what that screen shows in so
    many pixels (text and marks twice as large against the film) instead of a file twice the asked size.
    """
    ratio = target.devicePixelRatioF()
    return math.ceil(width / ratio), math.ceil(height / ratio)


def _wait_for_tasks(app, window, timeout_s: float = 120.0) -> None:
    """Let plugin background work (e.g. an AI overlay) finish and deliver its callbacks."""
    deadline = time.monotonic() + timeout_s
    while window.tasks.running and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
