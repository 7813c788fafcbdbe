"""The window's chrome in a dark or a light palette, chosen in View > Theme and kept in the settings (``theme``).

Radiologists read in dim rooms, where a bright grey frame around the film dazzles and lowers the contrast the eye
sees in the film; so the dark theme darkens every dock, menu and dialog. It is a palette on Qt's Fusion style (with
indicators that can be seen, ``theme_style``), not a stylesheet: a palette reaches every widget (plugins' panels too)
without overriding their own styling, and the image area, which draws its own black background, is not touched, so
W/L drags and painting cost the same in both themes.

Every text role is at least WCAG AA (4.5:1) on its background in both themes, and so are disabled texts: F1 greys the
commands a plugin's hold switched off, and the reader must still read what they are. The light theme is the
platform's palette (the viewer's look before themes) with three roles made readable: Qt's default greys disabled text
at 1.6:1, puts white selected text on a blue at 3.7:1 and a search field's placeholder (its only label) at 3.9:1.
Colours that mean something (an error's red, a success's green, the active pane's blue) come in a light and a dark
shade (``TextColour``); ``follow_palette`` keeps a widget on the shade of its palette, also across a theme change.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.theme_style import DarkFusion
from cxr_viewer.settings import THEMES

Role, Group = QtGui.QPalette.ColorRole, QtGui.QPalette.ColorGroup
DISABLED_TEXT_ROLES = (Role.WindowText, Role.Text, Role.ButtonText)

_DARK = {Role.Window: "#2b2b2b", Role.WindowText: "#e6e6e6", Role.Base: "#1e1e1e", Role.AlternateBase: "#262626",
         Role.Text: "#e6e6e6", Role.Button: "#353535", Role.ButtonText: "#e6e6e6", Role.ToolTipBase: "#3a3a3a",
         Role.ToolTipText: "#f0f0f0", Role.PlaceholderText: "#9a9a9a", Role.BrightText: "#ff8a80",
         Role.Highlight: "#3a70ad", Role.HighlightedText: "#ffffff", Role.Link: "#7fb0e8", Role.LinkVisited: "#c3a6f0",
         Role.Light: "#4a4a4a", Role.Midlight: "#3e3e3e", Role.Mid: "#2a2a2a", Role.Dark: "#1a1a1a",
         Role.Shadow: "#0d0d0d"}
_DARK_DISABLED_TEXT = "#a0a0a0"  # 4.7:1 on a button, 6.4:1 on a list; enabled text is 2.1 times brighter
_LIGHT_DISABLED_TEXT = "#6a6a6a"  # 4.7:1 on the light window grey; black enabled text stays 3.9 times darker
_LIGHT_HIGHLIGHT = "#2a6fb0"  # white selected text 5.2:1 (Qt's #308cc6: 3.7:1)

_original: tuple[str, QtGui.QPalette] | None = None  # the platform's style and palette, taken before any change


class TextColour(NamedTuple):
    """One meaning's text colour in each theme, each ≥ 4.5:1 on the background it is drawn on in that theme; the light
    shades are the viewer's colours from before themes."""

    light: str
    dark: str


ERROR = TextColour("#c0392b", "#ff8a80")  # 4.7:1 on the light window, 6.2:1 on the dark one
SUCCESS = TextColour("#1e8449", "#7ddc8f")  # a node test's result, on a list: 4.7:1 on white, 9.9:1 on the dark one
ACCENT = TextColour("#2f5f94", "#7fb0e8")  # the active pane's blue, as a caption's text


def apply(app: QtWidgets.QApplication, name: str) -> None:
    """Give the application the palette of ``name`` (one of ``THEMES``); "system" follows the desktop's scheme."""
    global _original
    if _original is None:
        _original = (app.style().name(), QtGui.QPalette(app.palette()))
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; one of {', '.join(THEMES)}")
    before = QtGui.QPalette(app.palette())
    if resolved(app, name) == "dark":
        if not isinstance(app.style(), DarkFusion):
            app.setStyle(DarkFusion())
        app.setPalette(dark_palette())
    else:
        _apply_light(app)
    if app.palette() != before:  # a start in the theme of the last run has nothing styled to redo
        _restyle_sheets(app)


def _apply_light(app: QtWidgets.QApplication) -> None:
    style, palette = _original
    if is_dark(palette):  # the desktop was dark when the viewer started: Fusion's own light palette
        style, palette = "Fusion", QtWidgets.QStyleFactory.create("Fusion").standardPalette()
    if isinstance(app.style(), DarkFusion) or app.style().name() != style.lower():
        app.setStyle(style)
    app.setPalette(light_palette(palette))


def _restyle_sheets(app: QtWidgets.QApplication) -> None:
    """Set every widget's stylesheet again: a styled widget keeps the palette it was styled with (its own, so an
    application palette no longer reaches it), and the reading page's bold answer stayed black on the dark panel."""
    for widget in app.allWidgets():
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def resolved(app: QtWidgets.QApplication, name: str) -> str:
    """"light" or "dark": what "system" means on this desktop now (light when it does not say)."""
    if name != "system":
        return name
    return "dark" if app.styleHints().colorScheme() == QtCore.Qt.ColorScheme.Dark else "light"


def dark_palette() -> QtGui.QPalette:
    palette = QtGui.QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QtGui.QColor(colour))
    for role in DISABLED_TEXT_ROLES:
        palette.setColor(Group.Disabled, role, QtGui.QColor(_DARK_DISABLED_TEXT))
    palette.setColor(Group.Disabled, Role.Highlight, QtGui.QColor("#4a4a4a"))
    return palette


def light_palette(base: QtGui.QPalette) -> QtGui.QPalette:
    palette = QtGui.QPalette(base)
    for role in DISABLED_TEXT_ROLES:
        palette.setColor(Group.Disabled, role, QtGui.QColor(_LIGHT_DISABLED_TEXT))
    palette.setColor(Role.PlaceholderText, QtGui.QColor(_LIGHT_DISABLED_TEXT))  # the Studies fields' only labels
    for group in (Group.Active, Group.Inactive):
        palette.setColor(group, Role.Highlight, QtGui.QColor(_LIGHT_HIGHLIGHT))
    return palette


def is_dark(palette: QtGui.QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


def shade(palette: QtGui.QPalette, colour: TextColour) -> str:
    return colour.dark if is_dark(palette) else colour.light


def follow_palette(widget: QtWidgets.QWidget, colour: TextColour, style: str = "") -> None:
    """Colour ``widget``'s text in ``colour``'s shade for its palette, now and after every theme change."""
    _PaletteFollower(widget, colour, style)


class _PaletteFollower(QtCore.QObject):
    def __init__(self, widget: QtWidgets.QWidget, colour: TextColour, style: str) -> None:
        super().__init__(widget)
        self._colour, self._style = colour, style
        widget.installEventFilter(self)
        self._restyle(widget)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QtCore.QEvent.Type.PaletteChange and isinstance(watched, QtWidgets.QWidget):
            self._restyle(watched)
        return False

    def _restyle(self, widget: QtWidgets.QWidget) -> None:
        sheet = f"color: {shade(widget.palette(), self._colour)}; {self._style}".strip()
        if widget.styleSheet() != sheet:  # a new sheet sends PaletteChange again: stop once it is right
            widget.setStyleSheet(sheet)
