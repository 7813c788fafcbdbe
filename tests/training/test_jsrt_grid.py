"""The JSRT layer refuses films off the grid its nodule table and pixel size are for (no ../shared needed)."""

import numpy as np
import pytest

from model_training import jsrt


def test_a_film_off_the_1024_grid_is_refused(tmp_path):
    """Scored with 1024-grid coordinates and 0.35 mm pixels, a 2048² original would be wrong without a word."""
    from PIL import Image

    (tmp_path / "images").mkdir()
    Image.fromarray(np.zeros((2048, 2048), np.uint8)).save(tmp_path / "images" / "JPCLN001.jpg")
    with pytest.raises(ValueError, match=r"2048×2048 pixels; the JSRT layer expects the 1024×1024 films"):
        jsrt.load_image(tmp_path, "JPCLN001")
