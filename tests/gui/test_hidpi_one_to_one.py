"""1:1 (the 0 key) on a display scaled 150 % or 200 %: one film pixel per device pixel, and the corner says 1.00×.

At 1:1 in screen (logical) pixels a 200 % display drew each film pixel as 2×2 device pixels and a 150 % one
repeated every other column, so fine lines and noise came out uneven; the corner then said 1.00× for what was 2× or
1.5× on the panel. The scale factor must be set before the QApplication starts, so the viewer runs in a child
process that runs ``_PROBE``: open the film in the real viewer, press 0, print the middle row of the pane's
picture and its zoom line.
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
import sys

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest


def main(path: str) -> None:
    app = QtWidgets.QApplication(sys.argv[:1])
    from cxr_viewer.gui.main_window import MainWindow

    window = MainWindow(load_plugins=False, with_browser=False)
    window.resize(900, 700)
    window.show()
    app.processEvents()
    window.open_paths([path])
    pane = window.layout_panes.primary
    pane.setFocus()
    QTest.keyClick(pane, QtCore.Qt.Key.Key_0)
    app.processEvents()
    image = pane.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_Grayscale8)
    grey = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    row = grey[image.height() // 2, : image.width()].astype(int)
    zoom_line = next(line for line in pane.corners.texts["bottom_left"].splitlines() if "Zoom" in line)
    print(json.dumps({"row": row.tolist(), "zoom_line": zoom_line}))


main(sys.argv[1])
'''


@pytest.mark.parametrize(("scale", "side"), [("2", 400), ("1.5", 400), ("2", 64)])  # 64: fitted far above 1:1
def test_one_to_one_shows_one_film_pixel_per_device_pixel(tmp_path, scale, side):
    """A tiny film fits at about 9×; its zoom limit must reach down to 1:1 in device pixels, not stop at 2×."""
    stripes = np.zeros((side, side), np.uint16)
    stripes[:, 1::2] = 4000  # one-pixel columns: any repeated or merged column shows as two equal neighbours
    film = dicom_factory.make_cr(tmp_path / "stripes.dcm", rows=side, cols=side, pixels=stripes)
    env = os.environ | {"QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", _PROBE, str(film)],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    row = np.array(shown["row"])
    middle = row[len(row) // 2 - side // 4: len(row) // 2 + side // 4]  # inside the film, which is centred
    assert middle.max() - middle.min() > 150, "the stripes are not on screen"
    assert np.count_nonzero(middle[1:] == middle[:-1]) == 0, middle.tolist()
    assert shown["zoom_line"] == "Zoom 1.00×"
