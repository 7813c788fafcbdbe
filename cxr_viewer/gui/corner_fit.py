"""How two facing corner texts (top left and right, bottom left and right) share a narrow pane's width.

Only a few lines may be shortened with "…" in their middle: a file name (which keeps its start and extension) and
a patient's name or ID, long UID-like strings whose ends still tell films apart. A date, an interval ("2.3 years
later"), a window or a note cut in the middle ("later …-06-01", "2.3 ye… later") is worse than none to a reader
comparing films, so those lines stay whole: when they do not fit beside the facing text, the longer text moves a row
towards the middle and gets the pane's width. Only a pane narrower than such a line itself still cuts it.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


def fit_pair(labels: tuple[QtWidgets.QLabel, QtWidgets.QLabel], texts: tuple[str, str], cuttable: tuple[int, int],
             room: int, margin: int) -> int | None:
    """Set the two labels' texts, shortened where needed to share ``room`` pixels; ``cuttable`` is how many of each
    text's first lines may be shortened. Returns which of the two (0, 1) to move a row inwards, past the other, if either."""
    natural, least = [], []
    for label, text, cut in zip(labels, texts, cuttable):
        label.ensurePolished()  # the style sheet's font and padding decide the widths
        label.setText(text)
        natural.append(label.sizeHint().width() if text else 0)
        least.append(_least_width(label, text, cut) if text else 0)
    if natural[0] + natural[1] <= room:
        return None
    short, long = sorted((0, 1), key=natural.__getitem__)
    moved = None
    if natural[short] <= room // 2 and least[long] <= room - natural[short]:  # side by side, the longer shortened
        widths = {short: natural[short], long: room - natural[short]}
    else:  # too narrow for both on one row: the longer moves a row inwards and both get the full width
        widths = {short: room + 2 * margin, long: room + 2 * margin}
        moved = long
    for index, label in enumerate(labels):
        if natural[index] > widths[index]:
            label.setText(_fit(texts[index], label, widths[index] - _padding(label)))
    return moved


def _least_width(label: QtWidgets.QLabel, text: str, cuttable: int) -> int:
    """The label's width with its first ``cuttable`` lines shortened to "…" and the others whole."""
    metrics = label.fontMetrics()
    whole = [metrics.horizontalAdvance(line) for line in text.split("\n")[cuttable:]]
    return max([metrics.horizontalAdvance("…"), *whole]) + _padding(label)


def _padding(label: QtWidgets.QLabel) -> int:
    """What the label adds around its widest line (the style sheet's padding, the frame)."""
    widest = max((label.fontMetrics().horizontalAdvance(line) for line in label.text().split("\n")), default=0)
    return max(label.sizeHint().width() - widest, 0)


def _fit(text: str, label: QtWidgets.QLabel, width: int) -> str:
    """Each line longer than ``width`` pixels shortened in the middle (a file name keeps its start and extension)."""
    metrics = label.fontMetrics()
    room = max(width, metrics.horizontalAdvance("…"))
    return "\n".join(metrics.elidedText(line, QtCore.Qt.TextElideMode.ElideMiddle, room) for line in text.split("\n"))
