"""``ViewerHost.remove_dock_widget``: a plugin takes away a dock it added. Found when a closed reader study's dock
could not be taken away (the API only added docks), so the study could not be opened again without a restart."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QDockWidget, QLabel

pytestmark = pytest.mark.gui


def _docks(window, title: str) -> list[QDockWidget]:
    return [dock for dock in window.findChildren(QDockWidget) if dock.windowTitle() == title]


def _toggles(window) -> list[str]:
    return [action.text() for action in window.menus["&View"].actions()]


def test_a_plugin_s_dock_goes_with_its_view_toggle_and_comes_back_when_added_again(qtbot, make_window):
    window = make_window()
    panel = QLabel("findings")
    window.host.add_dock_widget("Findings", panel, area="right", closable=False)
    assert len(_docks(window, "Findings")) == 1 and "Findings" in _toggles(window)

    window.host.remove_dock_widget(panel)
    qtbot.waitUntil(lambda: not _docks(window, "Findings"), timeout=3000)  # deleted, the widget with it
    assert "Findings" not in _toggles(window)

    again = QLabel("findings, again")
    window.host.add_dock_widget("Findings", again)
    dock, = _docks(window, "Findings")
    qtbot.waitUntil(dock.isVisible, timeout=3000)
    assert dock.widget() is again and _toggles(window).count("Findings") == 1


def test_the_viewer_s_own_docks_are_not_a_plugin_s_to_take_away(make_window):
    window = make_window()
    with pytest.raises(ValueError, match="not a panel a plugin docked"):
        window.host.remove_dock_widget(window.docks["messages"].widget())
    with pytest.raises(ValueError, match="not a panel a plugin docked"):
        window.host.remove_dock_widget(QLabel("never docked"))
    assert window.docks["messages"].isVisible() and "Messages" in _toggles(window)


def test_a_plugin_takes_away_only_its_own_dock(qtbot, make_window):
    from cxr_viewer.plugin_api.bound_host import BoundHost

    window = make_window()
    reader, other = (BoundHost(window.host, plugin, {"reader_study", "other"}) for plugin in ("reader_study", "other"))
    panel = QLabel("reading")
    reader.add_dock_widget("Reader study", panel, closable=False)
    with pytest.raises(ValueError, match="was not docked by plugin 'other'"):
        other.remove_dock_widget(panel)
    assert _docks(window, "Reader study")[0].widget() is panel  # still there, mid-read
    reader.remove_dock_widget(panel)
    qtbot.waitUntil(lambda: not _docks(window, "Reader study"), timeout=3000)


def test_docking_and_undocking_from_a_worker_thread_is_refused_and_changes_nothing(qtbot, make_window):
    """Like set_action_enabled: a plugin's run_task work calling the host itself gets a RuntimeError naming the call,
    instead of a dock built or deleted off the GUI thread."""
    window = make_window()
    docked, late = QLabel("docked"), QLabel("late")  # widgets are made on the GUI thread; only the calls are not
    window.host.add_dock_widget("Docked", docked)
    errors: dict[str, BaseException] = {}

    def from_worker() -> None:
        for call, run in (("add_dock_widget", lambda: window.host.add_dock_widget("Late", late)),
                          ("remove_dock_widget", lambda: window.host.remove_dock_widget(docked))):
            try:
                run()
            except BaseException as exc:  # handed back to the test's thread to be checked there
                errors[call] = exc

    worker = threading.Thread(target=from_worker)
    worker.start()
    worker.join(10)
    assert set(errors) == {"add_dock_widget", "remove_dock_widget"}
    for call, exc in errors.items():
        assert isinstance(exc, RuntimeError) and f"{call} was called from a worker thread" in str(exc)
    qtbot.wait(50)  # a deleteLater, had one been posted, runs here
    assert not _docks(window, "Late") and _docks(window, "Docked")[0].widget() is docked
