"""Image > Save window as preset… and Manage window presets…: the reader's own windows on keys 1–9, kept in
``viewer.json``.

The list lives here for the session and is handed to every pane (the hidden comparison pane too), so a key gives
the same preset whichever pane is active; the order and the checks are Qt-free (``core.window_presets``). Each change
is written at once, only the ``window_presets`` key (as every settings write), and a config folder that cannot be
written keeps the change for the session and says so in Messages. Saving is allowed during a plugin's hold, a
blinded read included, as the theme and the plugins' own settings are: a preset is a name and two numbers, never
anything of the film it was taken from, so nothing of the case leaves the read through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxr_viewer.core.image import WindowPreset
from cxr_viewer.core.window_presets import (
    MAX_USER_PRESETS,
    key_label,
    name_problem,
    next_name,
    presets_as_json,
    user_preset,
)
from cxr_viewer.gui import preset_dialog
from cxr_viewer.gui.preset_dialog import ask_name, describe
from cxr_viewer.settings_file import update_settings_file

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow


class UserPresets:
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self.presets: list[WindowPreset] = list(window.settings.window_presets)
        self._hand_out()

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 6000)

    def ask_to_save(self) -> None:
        """The active pane's window, under a name the reader gives ("Custom 1" offered); or why it cannot be saved."""
        problem = self._unsavable()
        if problem:
            self._say(f"Window not saved as a preset: {problem}")
            return
        ask_name(self._window, "Save window as preset", f"Name for key {len(self.presets) + 1}:",
                 next_name([p.name for p in self.presets]), self.save_current)

    def _unsavable(self) -> str:
        windowing = self._window.layout_panes.active.windowing
        if windowing.state is None or windowing.image is None:
            return "no film in the active pane"
        if windowing.image.is_rgb:
            return "a colour film has no window"
        if windowing.state.voi_lut is not None:
            return "the file's VOI LUT table is no centre and width (choose or drag a window first)"
        if len(self.presets) >= MAX_USER_PRESETS:
            return f"all {MAX_USER_PRESETS} number keys hold your presets (delete one in Manage window presets…)"
        return ""

    def save_current(self, name: str) -> bool:
        """Keep the active pane's window as the next preset; False, after saying why, when it cannot be."""
        problem = self._unsavable() or name_problem(name, [p.name for p in self.presets])
        if not problem:
            state = self._window.layout_panes.active.windowing.state
            try:
                preset = user_preset(name, state.center, state.width, state.function)
            except ValueError as exc:
                problem = str(exc)
        if problem:
            self._say(f"Window not saved as a preset: {problem}")
            return False
        self.presets.append(preset)
        self._changed()
        self._say(f"Window preset {len(self.presets)}: {describe(preset)} saved")
        return True

    def rename(self, index: int, name: str) -> str:
        """Give preset ``index`` (0-based) another name; the reason when it cannot have it, else ""."""
        others = [p.name for i, p in enumerate(self.presets) if i != index]
        problem = name_problem(name, others)
        if not problem:
            old = self.presets[index]
            self.presets[index] = user_preset(name, old.center, old.width, old.function)
            self._changed()
        return problem

    def delete(self, index: int) -> None:
        """The presets after it move up one key: the numbers stay 1, 2, … without a gap."""
        del self.presets[index]
        self._changed()

    def manage(self) -> None:
        preset_dialog.show(self._window, self)

    def attach(self) -> None:
        """Once the menus exist: the two commands set apart under the keys they fill, and the keys named."""
        self._window.menu_named("&Image").insertSeparator(self._window.actions["save_preset"])
        self.label_keys()

    def label_keys(self) -> None:
        """The number keys' menu entries name the reader's presets: their keys are the same on every film. The
        others' names change with each film and are said in the status bar when a key chooses one."""
        for number in range(1, 10):
            action = self._window.actions[f"preset_{number}"]
            mine = self.presets[number - 1] if number <= len(self.presets) else None
            action.setText(f"Window preset {number}" + (f": {key_label(mine)}" if mine else ""))

    def _hand_out(self) -> None:
        for pane in self._window.layout_panes.panes:
            pane.windowing.user_presets = tuple(self.presets)

    def _changed(self) -> None:
        self._hand_out()
        self.label_keys()
        preset_dialog.refresh(self._window)
        self._window.settings.window_presets = list(self.presets)
        written = presets_as_json(self.presets)
        try:
            update_settings_file(lambda raw: raw.update(window_presets=written))
        except OSError as exc:
            self._window.report_error("Settings not saved", f"your window presets last until the viewer closes: {exc}")
