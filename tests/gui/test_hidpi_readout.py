"""The pixel readout on a display scaled 200 %: it names the film pixel under the pointer to the device pixel.

The pointer moves in device pixels, half a screen pixel at 200 %; rounding its position to whole screen pixels
named the neighbouring film pixel for half the pointer's positions at 1:1 (0), where a screen pixel covers two film
pixels. The scale factor must be set before the QApplication starts, so the viewer runs in a child process
(``_PROBE``) that moves the pointer to half-pixel positions and prints each readout beside the pixel under it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from tests import dicom_factory
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.gui

_PROBE = '''
import json
import math
import sys
import time

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

app = QtWidgets.QApplication(sys.argv[:1])
from cxr_viewer.gui.main_window import MainWindow

window = MainWindow(load_plugins=False, with_browser=False)
window.resize(900, 700)
window.show()
app.processEvents()
window.open_paths([sys.argv[1]])
pane = window.layout_panes.primary
pane.setFocus()
QTest.keyClick(pane, QtCore.Qt.Key.Key_0)
app.processEvents()
pane.viewbox.updateMatrix()
centre = pane.viewport().rect().center()
to_scene = pane.viewportTransform().inverted()[0]
seen = []
for step in range(12):
    point = QtCore.QPointF(centre.x() + step * 0.5, centre.y() + step * 0.5)
    global_point = QtCore.QPointF(pane.viewport().mapToGlobal(point))
    event = QtGui.QMouseEvent(QtCore.QEvent.Type.MouseMove, point, global_point, QtCore.Qt.MouseButton.NoButton,
                              QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier)
    QtWidgets.QApplication.sendEvent(pane.viewport(), event)
    deadline = time.monotonic() + 0.2  # the readout settles 30 ms after the last move
    while time.monotonic() < deadline:
        app.processEvents()
    under = pane.image_item.mapFromScene(to_scene.map(point))
    seen.append([window.cursor_label.text(), math.floor(under.x()), math.floor(under.y())])
print(json.dumps(seen))
'''


def test_the_readout_names_the_film_pixel_under_a_half_pixel_pointer_at_2x(tmp_path):
    film = dicom_factory.make_cr(tmp_path / "chest.dcm", rows=400, cols=400,
                                 pixels=np.arange(400 * 400, dtype=np.uint16).reshape(400, 400) % 4096)
    env = os.environ | {"QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", _PROBE, str(film)], capture_output=True, text=True, env=env,
                            cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    wrong = [(text, x, y) for text, x, y in seen if not text.startswith(f"x {x}  y {y} ")]
    assert len({(x, y) for _text, x, y in seen}) > 6, "the pointer did not cross film pixels"
    assert not wrong, wrong
