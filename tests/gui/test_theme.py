"""View > Theme: the dark chrome for dim reading rooms, kept across restarts, on before the first paint, switched live.

Contrast is worked out here from the palette the application really has (WCAG 2 relative luminance), not read from
the theme module's comments: text roles ≥ 4.5:1 on their backgrounds, greyed text (F1 during a plugin's hold) too,
and a selection that stands off its list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.settings import load_settings
from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("restore_look")]

Role, Group = QtGui.QPalette.ColorRole, QtGui.QPalette.ColorGroup
TEXT_ON_BACKGROUND = [(Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
                      (Role.ButtonText, Role.Button), (Role.HighlightedText, Role.Highlight),
                      (Role.ToolTipText, Role.ToolTipBase), (Role.PlaceholderText, Role.Base)]
RIGHT = QtCore.Qt.DockWidgetArea.RightDockWidgetArea
GREYED_ON_BACKGROUND = [(Role.Text, Role.Base), (Role.Text, Role.AlternateBase), (Role.WindowText, Role.Window),
                        (Role.ButtonText, Role.Button)]


def luminance(colour: QtGui.QColor) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def on(colour: QtGui.QColor, background: QtGui.QColor) -> QtGui.QColor:
    """``colour`` as drawn over ``background`` (Qt's default placeholder is half-transparent black)."""
    a = colour.alphaF()
    return QtGui.QColor(*(round(a * c + (1 - a) * b) for c, b in zip(colour.getRgb()[:3], background.getRgb()[:3])))


def contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    high, low = sorted((luminance(on(a, b)), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def choose(window, name: str, qtbot) -> None:
    """Pick the theme in the menu, and let Qt hand the new palette down to the window (it posts that)."""
    window.findChild(QtGui.QAction, f"theme_{name}").trigger()
    app_window = QtWidgets.QApplication.instance().palette().color(Role.Window)
    qtbot.waitUntil(lambda: window.menuBar().palette().color(Role.Window) == app_window)


def mean_grey(widget: QtWidgets.QWidget) -> float:
    image = widget.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_Grayscale8)
    data = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return float(data[:, : image.width()].mean())


def test_dark_is_kept_across_a_restart_and_is_on_before_the_window_first_shows(config, make_window, qapp, qtbot):
    first = make_window(settings=load_settings())
    assert first.findChild(QtGui.QAction, "theme_light").isChecked()  # light stays the default
    light = QtGui.QPalette(qapp.palette())
    choose(first, "dark", qtbot)
    assert json.loads((config / "viewer.json").read_text())["theme"] == "dark"
    first.close()
    qapp.setStyle("Fusion")  # as a new process starts: Qt's light look
    qapp.setPalette(light)

    from cxr_viewer.gui.main_window import MainWindow

    again = MainWindow(settings=load_settings(), load_plugins=False, with_browser=False)
    qtbot.addWidget(again)
    assert not again.isVisible()
    assert again.findChild(QtGui.QAction, "theme_dark").isChecked()
    assert again.palette().color(Role.Window).lightness() < 60
    assert mean_grey(again.docks["messages"]) < 60  # what the first paint would show: no white flash
    again.show()
    qtbot.waitExposed(again)
    assert mean_grey(again.menuBar()) < 60


def test_the_theme_switches_live_and_back_and_the_film_area_stays_black(config, make_window, cr_file, qtbot):
    window = make_window(settings=load_settings())
    window.open_paths([cr_file])
    styled = QtWidgets.QLabel("a plugin's bold line")  # a styled widget keeps the palette it was styled with
    styled.setStyleSheet("font-weight: bold")
    window.add_dock("Styled", styled, RIGHT)
    light_window = QtGui.QColor(window.palette().color(Role.Window))
    pane = window.layout_panes.primary
    corner_before = pane.grab().toImage().pixelColor(2, pane.height() // 2)
    choose(window, "dark", qtbot)
    qtbot.waitUntil(lambda: styled.palette().color(Role.WindowText).lightness() > 200)
    assert window.menuBar().palette().color(Role.Window).lightness() < 60
    assert mean_grey(window.docks["messages"]) < 60
    assert pane.grab().toImage().pixelColor(2, pane.height() // 2) == corner_before  # the image area is not themed
    choose(window, "light", qtbot)
    assert window.palette().color(Role.Window) == light_window
    assert styled.palette().color(Role.WindowText).lightness() < 60
    assert json.loads((config / "viewer.json").read_text())["theme"] == "light"


def test_an_unknown_theme_in_the_file_falls_back_to_light_and_says_so(config, make_window):
    (config / "viewer.json").write_text(json.dumps({"theme": "Dark-ish", "last_folder": str(config)}))
    window = make_window(settings=load_settings())
    assert window.findChild(QtGui.QAction, "theme_light").isChecked()
    assert window.palette().color(Role.Window).lightness() > 200
    said = "\n".join(window.messages.messages())
    assert "'theme' ignored" in said and "Dark-ish" in said
    assert window.settings.last_folder == str(config)  # the rest of the file is kept


@pytest.mark.parametrize("name", ["dark", "light"])
def test_text_greyed_text_and_selection_are_legible_in_each_theme(config, make_window, qapp, qtbot, name):
    window = make_window(settings=load_settings())
    choose(window, name, qtbot)
    palette = qapp.palette()
    for text, background in TEXT_ON_BACKGROUND:
        ratio = contrast(palette.color(text), palette.color(background))
        assert ratio >= 4.5, f"{name}: {text.name} on {background.name} is {ratio:.2f}:1"
    for text, background in GREYED_ON_BACKGROUND:
        greyed = palette.color(Group.Disabled, text)
        ratio = contrast(greyed, palette.color(Group.Disabled, background))
        assert ratio >= 4.5, f"{name}: greyed {text.name} on {background.name} is {ratio:.2f}:1"
        assert contrast(greyed, palette.color(text)) >= 2, f"{name}: greyed {text.name} looks enabled"
    assert contrast(palette.color(Role.Highlight), palette.color(Role.Base)) >= 3  # a selected row stands out


@pytest.mark.parametrize("name", ["dark", "light"])
def test_coloured_texts_follow_the_theme(config, make_window, qtbot, name):
    """The PACS node editor's error, the tag panel's caption and the reader study's warning were colours chosen for a
    light window (the warning's #d33 was 2.7:1 on dark, 4.0:1 even on light)."""
    from cxr_reader_study.ui.pages import ReadingPage

    from cxr_viewer.gui.pacs_node_editor import NodeEditor

    window = make_window(settings=load_settings())
    page = ReadingPage()
    window.add_dock("Reading", page, RIGHT)
    editor = NodeEditor(set(), parent=window)
    choose(window, "dark" if name == "light" else "light", qtbot)
    choose(window, name, qtbot)  # live, after all three exist
    window.tag_panel.caption.show()
    for label, red in ((editor.error, True), (page.warning, True), (window.tag_panel.caption, False)):
        label.ensurePolished()
        text, background = label.palette().color(Role.WindowText), label.palette().color(Role.Window)
        assert contrast(text, background) >= 4.5, f"{name}: {label.text()!r} is {contrast(text, background):.2f}:1"
        assert (text.hue() < 20 or text.hue() > 340) == red, text.name()  # still a warning's red, the caption blue


def test_an_unticked_box_in_a_dark_list_can_be_seen(config, make_window, qtbot):
    """Fusion frames a check box a shade darker than the window, which on a dark list is the list's own black: the
    Layers dock's unticked layers showed no box at all."""
    window = make_window(settings=load_settings())
    tree = QtWidgets.QTreeWidget()
    item = QtWidgets.QTreeWidgetItem([""])  # the box alone in its row
    item.setCheckState(0, QtCore.Qt.CheckState.Unchecked)
    tree.addTopLevelItem(item)
    window.add_dock("List", tree, RIGHT)
    choose(window, "dark", qtbot)
    row = tree.visualItemRect(item)
    image = tree.viewport().grab().toImage()
    base = tree.palette().color(Role.Base)
    box = [image.pixelColor(x, y) for x in range(row.left(), row.right()) for y in range(row.top(), row.bottom())]
    assert max(contrast(pixel, base) for pixel in box) >= 3  # WCAG's minimum for a control's outline


def test_a_dark_screenshot_from_the_command_line_leaves_the_saved_theme_alone(config, cr_file, tmp_path):
    out = tmp_path / "dark.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "cxr_viewer", str(cr_file), "--no-plugins", "--full-window",
                             "--theme", "dark", "--size", "600x400", "--screenshot", str(out)],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    menu_bar = QtGui.QImage(str(out)).copy(0, 0, 600, 12)
    assert np.median([menu_bar.pixelColor(x, y).lightness() for x in range(0, 600, 7) for y in range(12)]) < 60
    assert not (config / "viewer.json").exists()  # a picture for the docs does not change the reader's viewer
