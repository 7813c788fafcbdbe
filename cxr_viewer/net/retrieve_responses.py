"""The response stream of a C-MOVE or C-GET turned into progress reports and one :class:`RetrieveResult`.

Pending responses carry the sub-operation counters that drive the progress bar; the final one carries the
outcome. A failure status is raised as :class:`PacsError` in plain words (:mod:`cxr_viewer.net.retrieve_status`);
a cancel is a result, not an error, but only when Cancel cut the stream or the PACS confirmed it, so a final
status that arrived before the Cancel is still the outcome.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pydicom.dataset import Dataset

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.errors import PacsError, no_answer
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.retrieve_result import ProgressCallback, RetrieveProgress, RetrieveResult
from cxr_viewer.net.retrieve_status import Operation

STATUS_CANCELLED = 0xFE00


def _counter(ds: Dataset | None, keyword: str) -> int:
    value = ds.get(keyword) if ds is not None else None
    return int(value) if value not in (None, "") else 0


def follow_responses(responses, node: DicomNode, operation: Operation, progress: ProgressCallback | None,
                     aborter: ConnectionAborter, timeout_s: float,
                     arrived: Callable[[], bool] = lambda: False) -> RetrieveResult:
    """Consume the response stream, reporting pending counters; a Cancel ends it as a cancelled result, whether
    the PACS answered the C-CANCEL or the aborter had to cut the connection. ``arrived`` says whether instances
    have come: a PACS that sent some had accepted us, so its abort is no "at once" refusal of our AE title."""
    result = RetrieveResult()
    start, answered, cut = time.monotonic(), False, False
    for status, _identifier_ds in responses:
        if not status:
            if aborter.cancelled:
                cut = True
                break
            raise no_answer(node, operation.name, operation.calling_ae, time.monotonic() - start, timeout_s,
                            answered or arrived())
        answered, start = True, time.monotonic()  # from now on, the wait since the last answer
        code = int(status.Status)
        counts = RetrieveProgress(*(_counter(status, k) for k in (
            "NumberOfCompletedSuboperations", "NumberOfRemainingSuboperations",
            "NumberOfFailedSuboperations", "NumberOfWarningSuboperations")))
        if code in (0xFF00, 0xFF01):
            if progress is not None:
                progress(counts)
            continue
        result.status, result.completed, result.failed, result.warning = (
            code, counts.completed, counts.failed, counts.warning)
    # cancelled only when Cancel cut the stream or the PACS confirmed it: a final status that arrived first (a
    # success, or a failure such as A801) is the outcome, even if Cancel was pressed just after it
    result.cancelled = result.status == STATUS_CANCELLED or cut
    if result.cancelled:
        return result
    if result.status not in (0x0000, 0xB000):
        raise PacsError(f"{node.describe()}: {operation.explain(result.status)}")
    if result.failed:
        result.errors.append(operation.explain(0xB000, result.failed))
    return result
