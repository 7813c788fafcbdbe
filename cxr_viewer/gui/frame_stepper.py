"""Stepping through the frames of a multi-frame film (tomosynthesis slices, dual-energy sets, a cine), keys first.

The active pane's film goes one frame on or back (``next_frame``/``prev_frame``, "." and "," by default). A frame is
decoded from the file when first shown (``core.frames``) and the last ``KEPT_FRAMES`` shown are kept while a pane
shows that film (``keep_only``), so stepping to and fro over a few slices decodes nothing again while a 60-frame file
never sits decoded whole in memory. The frame replaces the film in the same pane and keeps the reader's window, zoom,
pan and turn (``ImagePane.show_frame``): the frames of one file share one geometry. A step past either end says so in
the status bar, like the image list's. A frame shown in the main pane is a new image to the plugins
(``main_frame_shown``, which the host turns into ``on_image_opened``): the AI's findings of frame 1, left in its dock
beside frame 2, would have named spots that frame does not show.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from cxr_viewer.core.errors import ImageLoadError
from cxr_viewer.core.frames import load_frame
from cxr_viewer.core.image import LoadedImage

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

KEPT_FRAMES = 4  # 4 × 18 MB for 3000×3000 16-bit slices, beside the image cache


class FrameStepper:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self._kept: OrderedDict[tuple[Path, int], LoadedImage] = OrderedDict()
        self.main_frame_shown: list[Callable[[LoadedImage], None]] = []

    def step(self, step: int) -> bool:
        """Show the active pane's film ``step`` frames on (negative: back); False, after saying why, when it cannot."""
        pane = self._window.layout_panes.active
        image = pane.image
        if image is None or image.frame_count <= 1:
            self._notice("No frames to step through: this film has one frame" if image else "No film is open")
            return False
        target = image.frame_index + step
        if not 0 <= target < image.frame_count:
            self._notice(f"{'Last' if step > 0 else 'First'} frame of the film ({image.frame_count} frames)")
            return False
        try:
            frame = self._frame(image, target)
        except (ImageLoadError, OSError, ValueError, MemoryError) as error:
            self._window.report_error("Cannot show frame", f"{image.display_name}: {error}")
            return False
        pane.show_frame(frame)
        if pane is self._window.layout_panes.primary:
            for callback in self.main_frame_shown:
                callback(frame)
        return True

    def _frame(self, shown: LoadedImage, index: int) -> LoadedImage:
        """Frame ``index`` of ``shown``'s file: kept, else decoded; the frame on screen is kept too."""
        assert shown.path is not None  # a multi-frame image always comes from a file
        self._keep(shown)
        key = (shown.path, index)
        frame = self._kept.get(key)
        if frame is None or frame.dataset is not shown.dataset:  # the file was opened (read) again meanwhile
            frame = load_frame(shown, index)
        self._keep(frame)
        return frame

    def _keep(self, frame: LoadedImage) -> None:
        assert frame.path is not None
        key = (frame.path, frame.frame_index)
        self._kept.pop(key, None)
        self._kept[key] = frame
        while len(self._kept) > KEPT_FRAMES:
            self._kept.popitem(last=False)

    def keep_only(self, paths: set[Path]) -> None:
        """Let go of the kept frames of files no pane shows any more: a film replaced or closed kept its last
        ``KEPT_FRAMES`` frames (4 × 18 MB for 3000×3000 slices) until another multi-frame film was stepped."""
        for key in [key for key in self._kept if key[0] not in paths]:
            del self._kept[key]

    def _notice(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)
