"""viewer.json as a reader lives with it: a damaged file is said in Messages, a change rewrites only what it changes
(a newer version's keys, another running viewer's change and hand edits survive), a read-only config folder is
reported and never raises out of a menu or a plugin's checkbox."""

from __future__ import annotations

import json

import pytest
from PySide6 import QtWidgets

from cxr_viewer.settings import load_settings
from tests.read_only_files import unwritable

pytestmark = pytest.mark.gui


def _enabled_toggle(window, name: str) -> QtWidgets.QWidget:
    menu = next(a.menu() for a in window.menu_named("Plugins").actions() if a.menu() and "Enabled" in a.text())
    return next(a for a in menu.actions() if a.text() == name)


def test_a_damaged_settings_file_is_said_in_messages_and_kept(make_window, config):
    (config / "viewer.json").write_text('{"shortcuts": {"invert": "N"}, oops')
    window = make_window(settings=load_settings())
    text = "\n".join(window.messages.messages())
    assert "viewer.json could not be read" in text and "viewer.json.unreadable" in text
    assert (config / "viewer.json.unreadable").read_text() == '{"shortcuts": {"invert": "N"}, oops'
    (config / "viewer.json").write_text(json.dumps({"cache_limit_mb": "big", "shortcuts": {"invert": "N"}}))
    window = make_window(settings=load_settings())
    assert "'cache_limit_mb' ignored" in "\n".join(window.messages.messages())
    assert window.actions["invert"].shortcut().toString() == "N"


def test_a_change_keeps_a_newer_versions_keys_and_the_users_own_lines(make_window, config):
    written = {"format_version": 7, "hanging_protocols": [{"name": "PA+LAT"}], "shortcuts": {"invert": "N"},
               "plugin_settings": {"cxr_ai": {"auto_run": True}}}
    (config / "viewer.json").write_text(json.dumps(written))
    window = make_window(load_plugins=True, settings=load_settings())
    window.host.save_settings("hello", {"greeting": "hi"})
    _enabled_toggle(window, "hello").setChecked(False)
    saved = json.loads((config / "viewer.json").read_text())
    assert saved["format_version"] == 7 and saved["hanging_protocols"] == [{"name": "PA+LAT"}]
    assert saved["shortcuts"] == {"invert": "N"}  # not the whole default table pinned into the user's file
    assert saved["plugin_settings"] == {"cxr_ai": {"auto_run": True}, "hello": {"greeting": "hi"}}
    assert saved["disabled_plugins"] == ["hello"]


def test_two_viewers_open_at_once_do_not_undo_each_others_changes(make_window, config):
    first, second = make_window(settings=load_settings()), make_window(settings=load_settings())
    first.host.save_settings("cxr_ai", {"operating_point": "spec"})
    second.host.save_settings("hello", {"greeting": "hi"})
    assert load_settings().plugin_settings == {"cxr_ai": {"operating_point": "spec"}, "hello": {"greeting": "hi"}}


def test_a_read_only_config_folder_is_reported_not_raised(make_window, config):
    (config / "viewer.json").write_text(json.dumps({"shortcuts": {"invert": "N"}}))
    window = make_window(load_plugins=True, settings=load_settings())
    with unwritable(config, config / "viewer.json"):
        _enabled_toggle(window, "hello").setChecked(False)
        window.host.save_settings("cxr_ai", {"operating_point": "spec"})
    text = "\n".join(window.messages.messages())
    assert "Settings not saved" in text and "Plugin hello stays enabled at the next start" in text
    assert "cxr_ai:" in text
    assert json.loads((config / "viewer.json").read_text()) == {"shortcuts": {"invert": "N"}}
    assert window.host.settings("cxr_ai") == {"operating_point": "spec"}  # kept for the session
