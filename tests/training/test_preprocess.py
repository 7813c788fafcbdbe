"""The shared preprocessing: bit depths, MONOCHROME1, letterbox round trips."""

import numpy as np
import pytest

from model_training.preprocess import PREPROCESSING_VERSION, Letterbox, preprocess


def _chest_like(rows: int, cols: int, peak: float) -> np.ndarray:
    y, x = np.indices((rows, cols))
    return (peak * (0.2 + 0.8 * np.exp(-(((x - cols / 2) / (cols / 4)) ** 2)) * (y / rows))).astype(np.float64)


@pytest.mark.parametrize(("bits", "dtype"), [(8, np.uint8), (12, np.uint16), (16, np.uint16)])
def test_bit_depths_land_on_the_same_normalised_image(bits, dtype):
    base = _chest_like(200, 160, 1.0)
    image, box = preprocess((base * (2**bits - 1)).astype(dtype), 64, bits=bits)
    reference, _ = preprocess((base * 255).astype(np.uint8), 64, bits=8)
    assert image.dtype == np.float32 and image.shape == (64, 64)
    assert 0.0 <= image.min() and image.max() <= 1.0 and image.max() > 0.9
    assert np.abs(image - reference).max() < 0.02
    assert isinstance(PREPROCESSING_VERSION, str) and box.size == 64


def test_monochrome1_is_inverted_so_bone_is_bright():
    pixels = (_chest_like(128, 128, 4095)).astype(np.uint16)
    normal, _ = preprocess(pixels, 32)
    inverted, _ = preprocess(4095 - pixels, 32, monochrome1=True)
    assert np.abs(normal - inverted).max() < 1e-5


def test_values_beyond_bits_stored_are_refused():
    with pytest.raises(ValueError, match="12 bits"):
        preprocess(np.full((8, 8), 5000, np.uint16), 8, bits=12)


@pytest.mark.parametrize("shape", [(300, 120), (97, 233), (64, 64)])
def test_odd_aspect_ratios_round_trip_through_the_letterbox(shape):
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 4096, shape).astype(np.uint16)
    mask = np.zeros(shape, bool)
    mask[shape[0] // 4 : 3 * shape[0] // 4, shape[1] // 4 : 3 * shape[1] // 4] = True
    image, box = preprocess(pixels, 128)
    content_rows, content_cols = box.content_shape
    assert max(content_rows, content_cols) == 128
    # padding is exactly zero and sits symmetric around the image
    assert box.pad_x in ((128 - content_cols) // 2,) and box.pad_y == (128 - content_rows) // 2
    if box.pad_x:
        assert np.all(image[:, : box.pad_x] == 0)
    x, y = np.array([0.0, shape[1] - 1.0, 17.0]), np.array([0.0, shape[0] - 1.0, 5.0])
    back_x, back_y = box.to_image(*box.to_model(x, y))
    assert np.allclose(back_x, x) and np.allclose(back_y, y)
    from model_training.preprocess import letterbox_array

    canvas_mask = letterbox_array(mask.astype(np.float32), box) > 0.5
    restored = box.unletterbox(canvas_mask.astype(np.uint8), order=0)
    assert restored.shape == shape
    agreement = (restored.astype(bool) == mask).mean()
    assert agreement > 0.97
    soft = box.unletterbox(canvas_mask.astype(np.float32), order=1)
    assert soft.shape == shape and 0 <= soft.min() and soft.max() <= 1


@pytest.mark.parametrize(("shape", "aspect"), [((150, 240), 2.0), ((400, 100), 0.5), ((97, 233), 1.37)])
def test_non_square_pixels_are_placed_in_true_proportions(shape, aspect):
    """Rows ``aspect`` times taller than columns are wide: the content keeps the physical width-to-height ratio,
    the physically longer side spans the canvas, and coordinates and maps still round-trip."""
    box = Letterbox.fit(shape, 128, aspect)
    content_rows, content_cols = box.content_shape
    assert max(content_rows, content_cols) == 128
    assert content_cols / content_rows == pytest.approx(shape[1] / (shape[0] * aspect), rel=0.02)
    assert box.scale_y == pytest.approx(box.scale * aspect)
    x, y = np.array([0.0, shape[1] - 1.0, 17.0]), np.array([0.0, shape[0] - 1.0, 5.0])
    assert np.allclose(box.to_image(*box.to_model(x, y)), (x, y))
    image, same = preprocess(_chest_like(*shape, 4000.0), 128, pixel_aspect=aspect)
    assert same == box and np.all(image[: box.pad_y] == 0) and np.all(image[:, : box.pad_x] == 0)
    assert box.unletterbox(image).shape == shape


def test_square_pixels_give_exactly_the_version_1_canvas():
    """The models were trained on square pixels: ``pixel_aspect=1`` must not move a single value."""
    pixels = _chest_like(300, 220, 4095.0)
    default, box = preprocess(pixels, 96)
    explicit, same = preprocess(pixels, 96, pixel_aspect=1.0)
    assert box == same and box.scale == 96 / 300 and np.array_equal(default, explicit)


@pytest.mark.parametrize("aspect", [0.0, -1.0, float("nan"), float("inf")])
def test_a_meaningless_pixel_aspect_is_refused(aspect):
    with pytest.raises(ValueError, match="pixel aspect"):
        Letterbox.fit((10, 10), 8, aspect)


def test_letterbox_is_frozen_and_rejects_wrong_maps():
    box = Letterbox.fit((10, 20), 16)
    with pytest.raises(AttributeError):
        box.scale = 2.0  # type: ignore[misc]
    with pytest.raises(ValueError, match="expected a"):
        box.unletterbox(np.zeros((8, 8)))


def test_importing_model_training_does_not_import_torch():
    import subprocess
    import sys

    code = "import sys, model_training, model_training.preprocess, model_training.manifest; print('torch' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "False"


def test_resampled_canvas_keeps_the_letterbox_geometry():
    """A disc preprocessed at 512 and resampled to 256 lands where preprocessing straight to 256 puts it."""
    from model_training.preprocess import resample_canvas

    rows, cols = 700, 1000
    yy, xx = np.mgrid[0:rows, 0:cols]
    image = ((xx - 620) ** 2 + (yy - 260) ** 2 <= 60**2).astype(np.float32) * 1000 + 10
    large, large_box = preprocess(image, 512)
    small, small_box = preprocess(image, 256)
    resampled = resample_canvas(large[None], 256)[0]
    assert resampled.shape == (256, 256)
    assert np.abs(resampled - small).max() < 0.5  # edge pixels only: padding rounds to 77 at 512, 38 at 256
    assert np.mean(np.abs(resampled - small) > 0.05) < 0.01

    def centroid(canvas):
        weights = canvas > 0.5
        return np.array([np.mean(np.nonzero(weights)[1]), np.mean(np.nonzero(weights)[0])])

    expected = np.array(small_box.to_model(620.0, 260.0))
    assert centroid(resampled) == pytest.approx(expected, abs=0.5)  # half a pixel: the padding rounding
    back = resample_canvas(resampled[None], 512)[0]
    assert centroid(back) == pytest.approx(np.array(large_box.to_model(620.0, 260.0)), abs=0.6)


def test_resample_canvas_refuses_non_square_input():
    from model_training.preprocess import resample_canvas

    with pytest.raises(ValueError, match="square"):
        resample_canvas(np.zeros((2, 10, 12), np.float32), 5)
