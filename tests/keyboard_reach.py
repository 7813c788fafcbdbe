"""What a keyboard or screen-reader user meets in a window: the controls Tab reaches, in order, and their names.

A control that Tab skips cannot be used without a mouse; one reached out of its visual order (a row's button after
the form below the table) makes the reader hunt for the focus; one without a name (a field labelled only by a
placeholder, a table with no caption, an icon-only button) is announced by a screen reader as "edit" or "button".
The checks are kept here, apart from any window, so each dialog's tests ask the same questions of the real widgets.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

# parts that carry no name of their own: their owner (spin box, combo box, tab widget) is the named control
_PARTS = (QtWidgets.QAbstractSpinBox, QtWidgets.QComboBox)
ROW_SLACK_PX = 6  # controls of one row may sit a few pixels apart in height


def focus_chain(root: QtWidgets.QWidget) -> list[QtWidgets.QWidget]:
    """The controls Tab visits inside ``root`` (shown, enabled, taking focus by Tab), in the order it visits them."""
    chain, widget = [], root
    for _ in range(10_000):  # Qt's chain is circular; the bound only guards against a broken one
        widget = widget.nextInFocusChain()
        if widget is root:
            break
        tab_focus = bool(widget.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus)
        if tab_focus and widget.isVisibleTo(root) and widget.isEnabled() and root.isAncestorOf(widget):
            if not isinstance(widget.parentWidget(), _PARTS) and widget not in chain:
                chain.append(widget)
    return chain


def _top(widget: QtWidgets.QWidget, root: QtWidgets.QWidget) -> int:
    return widget.mapTo(root, QtCore.QPoint(0, 0)).y()


def backward_steps(root: QtWidgets.QWidget) -> list[str]:
    """Each Tab step that jumps up the window (other than wrapping to the start): the visual order is broken there."""
    chain = focus_chain(root)
    return [f"{_describe(a)} -> {_describe(b)}" for a, b in zip(chain, chain[1:], strict=False)
            if _top(b, root) < _top(a, root) - ROW_SLACK_PX and not a.isAncestorOf(b)]


def buddies(root: QtWidgets.QWidget) -> dict[QtWidgets.QWidget, str]:
    """Each labelled control and its label's text (what a screen reader reads, and where Alt+letter goes)."""
    return {label.buddy(): label.text() for label in root.findChildren(QtWidgets.QLabel) if label.buddy() is not None}


def spoken_name(widget: QtWidgets.QWidget, labels: dict[QtWidgets.QWidget, str]) -> str:
    """The name a screen reader gives the control: its accessible name, its buddy label, or a button's own text."""
    if widget.accessibleName():
        return widget.accessibleName()
    if widget in labels:
        return labels[widget]
    if isinstance(widget, (QtWidgets.QAbstractButton, QtWidgets.QGroupBox)):
        text = widget.text() if isinstance(widget, QtWidgets.QAbstractButton) else widget.title()
        return text if any(character.isalnum() for character in text) else ""  # "⋯" names nothing
    return "tabs" if isinstance(widget, (QtWidgets.QTabBar, QtWidgets.QTabWidget)) else ""


def unnamed(root: QtWidgets.QWidget) -> list[str]:
    """The controls Tab reaches in ``root`` that a screen reader could only call by their kind."""
    labels = buddies(root)
    return [_describe(widget) for widget in focus_chain(root) if not spoken_name(widget, labels)]


def _describe(widget: QtWidgets.QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or ''})"
