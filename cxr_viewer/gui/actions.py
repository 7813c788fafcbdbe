"""The viewer's commands: one table of (id, menu, text, handler), turned into QActions.

Shortcuts come from the user's settings by command id, so rebinding a key is a settings edit, and
the same table builds the menus, so every shortcut is discoverable there.

Display commands (window presets, auto window, invert, fit, 1:1, rotate, flip, reset, export, deleting
measurements) act on the active pane: in 1×2 the one the reader last clicked or focused, current film or prior
alike. Everything that chooses what is on screen stays global: opening, navigating the study list (the current film
changes and the prior follows it), the layouts and links, the corner text, and plugin actions, which work on the
current film (the left pane) whichever pane is active, so the AI never runs on the prior by accident.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable

from PySide6 import QtGui

from cxr_viewer.gui import gsps_save, image_keys, magnifier, shortcut_help
from cxr_viewer.gui.command_messages import CommandMessages
from cxr_viewer.gui.shortcut_keys import assign_keys, key_text
from cxr_viewer.settings import DEFAULT_SHORTCUTS

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

Command = tuple[str, str, str, Callable[[], object]]  # id, menu, text, handler

CHECKABLE = {"measure", "ctr", "angle", "roi", "arrow", "link_view", "link_window", "toggle_text", magnifier.COMMAND}


def commands(w: "MainWindow") -> list[Command]:
    pane = lambda: w.layout_panes.active  # noqa: E731 - looked up at each key press: the reader moves it
    table: list[Command] = [
        ("open_files", "&File", "Open files…", w.files.choose_files),
        ("open_folder", "&File", "Open folder…", w.files.choose_folder),
        ("open_dicomdir", "&File", "Open DICOMDIR…", w.files.choose_dicomdir),
        ("pacs", "&File", "Query/Retrieve from PACS…", w.open_pacs),
        ("export_png", "&File", "Export view as PNG…", w.files.choose_export),
        ("invert", "&Image", "Invert", lambda: pane().toggle_invert()),
        ("auto_window", "&Image", "Auto window", lambda: pane().apply_auto_window()),
        ("fit", "&Image", "Fit to window", lambda: pane().fit()),
        ("one_to_one", "&Image", "1:1 pixels", lambda: pane().one_to_one()),
        ("rotate_cw", "&Image", "Rotate 90° clockwise", lambda: pane().rotate(1)),
        ("rotate_ccw", "&Image", "Rotate 90° counter-clockwise", lambda: pane().rotate(-1)),
        ("flip_h", "&Image", "Flip horizontally", lambda: pane().flip(True)),
        ("flip_v", "&Image", "Flip vertically", lambda: pane().flip(False)),
        ("reset", "&Image", "Reset view and window", lambda: pane().reset()),
        (magnifier.COMMAND, "&Image", magnifier.TEXT, partial(magnifier.toggle, w)),
        ("edge_enhance", "&Image", "Edge enhancement (off, +1, +2, +3)", w.pane_controls.cycle_edge),
        ("measure", "&Tools", "Measure distance", w.pane_controls.toggle_measure),
        ("ctr", "&Tools", "Cardiothoracic ratio (heart, then chest width)", w.pane_controls.toggle_ctr),
        ("angle", "&Tools", "Angle (first arm, then second)", w.pane_controls.toggle_angle),
        ("roi", "&Tools", "Ellipse ROI (area and values)", w.pane_controls.toggle_roi),
        ("arrow", "&Tools", "Arrow with a note (tip, then tail)", w.pane_controls.toggle_arrow),
        ("delete_measurement", "&Tools", "Delete selected measurement", lambda: pane().measure.delete_selected()),
        ("clear_measurements", "&Tools", "Clear all measurements", lambda: pane().measure.clear()),
        ("undo_delete", "&Tools", "Undo measurement deletion or adjustment", w.pane_controls.undo_delete),
        (gsps_save.COMMAND, "&Tools", gsps_save.TEXT, partial(gsps_save.save, w)),
        (gsps_save.SEND_COMMAND, "&Tools", gsps_save.SEND_TEXT, partial(gsps_save.send, w)),
        ("toggle_text", "&View", "Show corner text", w.pane_controls.toggle_text),
        ("prev_image", "&Navigate", "Previous image", lambda: w.opener.step_image(-1)),
        ("next_image", "&Navigate", "Next image", lambda: w.opener.step_image(1)),
        ("prev_study", "&Navigate", "Previous study", lambda: w.opener.step_study(-1)),
        ("prev_frame", "&Navigate", "Previous frame (multi-frame film)", lambda: w.frames.step(-1)),
        ("next_frame", "&Navigate", "Next frame (multi-frame film)", lambda: w.frames.step(1)),
        ("next_study", "&Navigate", "Next study", lambda: w.opener.step_study(1)),
        ("next_unread", "&Navigate", "Open next unread study", lambda: _read_status(w, "open_next_unread")),
        ("toggle_read", "&Navigate", "Mark study read / unread", lambda: _read_status(w, "toggle_on_screen")),
        ("layout_1x1", "&View", "Layout 1×1", partial(w.set_layout, "1x1")),
        ("layout_1x2", "&View", "Layout 1×2 (with prior)", partial(w.set_layout, "1x2")),
        ("link_view", "&View", "Link zoom/pan", w.pane_controls.toggle_link_view),
        ("link_window", "&View", "Link window/level", w.pane_controls.toggle_link_window),
        ("shortcut_help", "&View", "Keyboard shortcuts…", partial(shortcut_help.show, w)),
    ]
    for number in range(1, 10):
        preset = partial(w.pane_controls.apply_preset, number)
        table.append((f"preset_{number}", "&Image", f"Window preset {number}", preset))
    table.append(("save_preset", "&Image", "Save window as preset…", w.user_presets.ask_to_save))
    table.append(("manage_presets", "&Image", "Manage window presets…", w.user_presets.manage))
    return table


def _read_status(w: "MainWindow", command: str) -> None:  # the Studies dock's; without the dock there is no index
    if w.browser is not None:
        getattr(w.browser.read_status, command)()


def install(w: "MainWindow") -> dict[str, QtGui.QAction]:
    actions: dict[str, QtGui.QAction] = {}
    table = commands(w)
    rebound = {c for c, key in w.settings.shortcuts.items() if key_text(key) != key_text(DEFAULT_SHORTCUTS.get(c, ""))}
    keys, refused = assign_keys({c[0]: w.settings.shortcut(c[0]) for c in table}, rebound,
                                {c[0]: c[2] for c in table})
    for sentence in refused:  # Qt would fire neither of two actions on one key, and say so only on stderr
        w.report_error("Shortcuts", sentence)
    messages = CommandMessages(w.statusBar())
    for command_id, menu, text, handler in table:
        action = QtGui.QAction(text, w)
        action.setObjectName(command_id)
        action.setCheckable(command_id in CHECKABLE)
        if command_id in keys:
            action.setShortcut(QtGui.QKeySequence(keys[command_id]))
        action.triggered.connect(lambda _checked=False, run=handler: messages.run(run))
        w.menu_named(menu).addAction(action)
        w.addAction(action)
        actions[command_id] = action
    actions["toggle_text"].setChecked(w.settings.show_text_overlays)
    gsps_save.attach(w, actions[gsps_save.COMMAND], actions[gsps_save.SEND_COMMAND])
    magnifier.attach(w, actions[magnifier.COMMAND])
    image_keys.install(w, actions)  # the arrows and Escape, outside the menus
    return actions
