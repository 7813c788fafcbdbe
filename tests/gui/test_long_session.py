"""A day's reading in one window: what the viewer holds stays bounded however many films are opened.

Found by an offscreen soak (150 films with the plugins loaded): the resident size grew by about 20 MB a film without
end, because every background task ever run stayed alive with its closures (a cycle through Qt's signal connections
that the garbage collector cannot see, and the thread pool's own reference), and the AI plugin's look-up on each
film opened held that film's decoded image. Here the decoded-image cache is kept tiny, so any film alive beyond it,
the one on screen and the comparison pane's is held by something that should have let it go. The AI plugin also
kept the film of its last detection (D) until the next D, however many films were read since.
"""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

from cxr_viewer.settings import Settings
from tests import dicom_factory

pytestmark = pytest.mark.gui

FILMS = 30


@pytest.fixture
def films(tmp_path):
    """Thirty 512×512 CRs, each its own study of its own patient (no prior is loaded beside them)."""
    rng = np.random.default_rng(0)
    return [dicom_factory.make_cr(tmp_path / f"film{index:02d}.dcm", rows=512, cols=512, spacing=0.2,
                                  pixels=rng.integers(0, 4095, (512, 512), dtype=np.uint16),
                                  PatientID=f"P{index:02d}")
            for index in range(FILMS)]


@pytest.fixture
def window(make_window, config):
    """The window with the plugins loaded, as the application loads them (the AI looks up each film opened), and
    a decoded-image cache of 1 MB: it keeps the newest film or two of these."""
    return make_window(load_plugins=True, settings=Settings(cache_limit_mb=1))


def _let_go(window, shown: list[weakref.ref]) -> list[str]:
    """The names of the films in ``shown`` still alive though neither cached nor on screen."""
    gc.collect()
    held = {id(image) for image in window.opener.cache._items.values()}
    held |= {id(pane.image) for pane in window.layout_panes.panes if pane.image is not None}
    return [image.path.name for image in (ref() for ref in shown) if image is not None and id(image) not in held]


def test_opened_films_and_finished_tasks_are_let_go(window, films, qtbot):
    shown: list[weakref.ref] = []
    tasks: list[weakref.ref] = []
    window.opener.image_ready.connect(lambda image: shown.append(weakref.ref(image)))
    window.tasks.started.connect(lambda task: tasks.append(weakref.ref(task)))
    window.open_paths(films)
    for _ in range(FILMS - 1):
        assert window.opener.step_image(+1)
        qtbot.wait(1)  # the look-up starts and is cancelled by the next film, as when paging quickly
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=60_000)
    assert len(shown) == FILMS and len(tasks) >= FILMS  # a look-up for each film
    assert _let_go(window, shown) == []
    assert len(window.opener.cache) < 5  # the cache's bound is what keeps films, and it keeps few of these
    finished = [ref() for ref in tasks if ref() is not None]
    assert len(finished) <= 1  # the AI keeps the last film's look-up, to cancel it when the film changes


def test_the_film_of_the_last_detection_is_let_go_once_the_reader_moves_on(window, films, qtbot):
    shown: list[weakref.ref] = []
    titles: list[str] = []
    window.opener.image_ready.connect(lambda image: shown.append(weakref.ref(image)))
    window.tasks.started.connect(lambda task: titles.append(task.title))
    window.open_paths(films[:4])
    window.plugin_actions["cxr_ai.detect"].trigger()  # D
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=60_000)
    assert "Detecting nodules" in titles
    for _ in range(3):
        assert window.opener.step_image(+1)
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=60_000)
    assert _let_go(window, shown) == []
