"""``cxr-viewer``: open images in the workstation, or render one view to PNG and exit (``--screenshot``, drawn by
:mod:`cxr_viewer.screenshot`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cxr_viewer import __version__
from cxr_viewer.closed_pipe import quiet_when_reader_closes
from cxr_viewer.screenshot import take_screenshot
from cxr_viewer.settings import THEMES, load_settings


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1200x900, not {text!r}") from None
    if width < 64 or height < 64:
        raise argparse.ArgumentTypeError("size must be at least 64x64")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxr-viewer", description="Chest radiograph DICOM viewer (research use only).")
    parser.add_argument("paths", nargs="*", help="files, folders (searched recursively) or DICOMDIRs to open")
    parser.add_argument("--demo", action="store_true", help="open the demo radiographs (pydicom-data and a synthetic chest)")
    parser.add_argument("--layout", choices=("1x1", "1x2"), default="1x1", help="1x2 shows a comparison image beside")
    parser.add_argument("--screenshot", metavar="OUT.png", type=Path, help="render offscreen to this PNG and exit")
    parser.add_argument("--size", type=_size, default=(1200, 900), metavar="WxH", help="the PNG's size in pixels, whatever the display scaling (default 1200x900)")
    parser.add_argument("--window", nargs=2, type=float, metavar=("CENTER", "WIDTH"), help="window in modality units")
    parser.add_argument("--overlay", nargs="+", default=[], metavar="NAME",
                        help="plugin action ids to run before the screenshot (e.g. hello.mark_centre)")
    parser.add_argument("--full-window", action="store_true", help="screenshot the whole window with its docks")
    parser.add_argument("--theme", choices=THEMES, help="the window's theme for this run only (default: View > Theme's)")
    parser.add_argument("--no-plugins", action="store_true", help="do not load plugins")
    parser.add_argument("--version", action="version", version=f"cxr-viewer {__version__}")
    return parser


@quiet_when_reader_closes
def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # must precede QApplication
    from PySide6 import QtWidgets

    from cxr_viewer.gui.main_window import MainWindow

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    settings = load_settings()
    if args.theme:  # not written to the settings: a --screenshot in dark must not change the reader's own viewer
        settings.theme = args.theme
    window = MainWindow(settings, load_plugins=not args.no_plugins,
                        with_browser=args.screenshot is None or args.full_window, demo=args.demo)
    paths: list[str | Path] = list(args.paths)
    demo: list[Path] = []
    if args.demo:
        from cxr_viewer.core.demo import demo_paths

        demo = demo_paths()
        paths += demo
    if args.screenshot is not None:
        try:
            return take_screenshot(app, window, paths, args, after_open=lambda: _index_demo(window, demo))
        finally:  # work a plugin started on open (the AI's look-up) must end before the interpreter does
            window.close()
    window.show()
    from cxr_viewer.gui import window_layout

    window_layout.remember(window, app)  # the size and docks the reader left; screenshots keep the defaults
    if paths:
        window.open_paths(paths)
    _index_demo(window, demo)
    window.set_layout(args.layout)
    return app.exec()


def _index_demo(window, demo: list[Path]) -> None:
    """Add the demo files to the study index (in the background) so the Studies browser lists them."""
    if demo and window.browser is not None:
        window.browser.import_files(demo, title="Indexing the demo studies")


if __name__ == "__main__":
    raise SystemExit(main())
