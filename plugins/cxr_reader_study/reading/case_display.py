"""Putting a case on the viewer blinded: no file name, no patient data, only pixels and calibration.

The image is decoded here and handed to the viewer as an in-memory object stripped of its path, DICOM
header and metadata, so nothing identifying can leak through any viewer panel even if one forgot to hide.
The next case is decoded ahead of time on a worker thread, so the reader neither waits between cases nor
has the interface freeze while the clock runs.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.loader import load_image
from cxr_viewer.plugin_api import ViewerHost

from cxr_reader_study.reading.finding_entries import Finding
from cxr_reader_study.reading.layers import AI_LAYER_ID, MARKS_LAYER_ID, PAUSE_LAYER_ID, ai_layer, marks_layer


def blinded_image(path: Path) -> LoadedImage:
    image = load_image(path)
    return replace(image, path=None, metadata={}, dataset=None)


class CaseDisplay:
    """Shows cases through the host; holds at most one prefetched image besides the one on screen."""

    def __init__(self, host: ViewerHost):
        self.host = host
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-study-prefetch")
        self._prefetched: tuple[Path, Future[LoadedImage]] | None = None

    def prefetch(self, path: Path) -> None:
        self._prefetched = (path, self._worker.submit(blinded_image, path))

    def show(self, path: Path, findings: list[Finding], with_marks: bool) -> None:
        """Decoding errors surface here (from the prefetch too), with the loader's message naming the file."""
        ahead, self._prefetched = self._prefetched, None
        image = ahead[1].result() if ahead is not None and ahead[0] == path else blinded_image(path)
        self.host.open_image_object(image)
        self.host.fit()
        self.show_findings(findings)
        if with_marks:
            self.host.add_layer(marks_layer([], None))

    def show_findings(self, findings: list[Finding]) -> None:
        """Draws the AI circles, or removes them (unaided arms, first half of a second read)."""
        if findings:
            self.host.add_layer(ai_layer(findings))
        elif any(layer.id == AI_LAYER_ID for layer in self.host.layers()):
            self.host.remove_layer(AI_LAYER_ID)

    def close(self) -> None:
        """Stop the prefetch worker (the plugin is going away)."""
        self._worker.shutdown(wait=False, cancel_futures=True)

    def clear(self) -> None:
        for layer_id in (AI_LAYER_ID, MARKS_LAYER_ID, PAUSE_LAYER_ID):
            if any(layer.id == layer_id for layer in self.host.layers()):
                self.host.remove_layer(layer_id)
