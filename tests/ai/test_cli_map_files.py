"""``cxr-ai lungs`` / ``bones`` never leave a truncated PNG under a map's name: on a full disk the re-run of a film
left the first part of its new map in place of the earlier run's whole one (Pillow removes only a file it created),
and Ctrl+C mid-save left one too."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from cxr_ai.cli import EXIT_INPUT, EXIT_OK, main
from tests.full_disk import tiny_disk


def _noise_film(path: Path, side: int) -> None:
    """A film whose bone map barely compresses (the test models keep the noise): side² bytes of PNG or so."""
    Image.fromarray(np.random.default_rng(side).integers(0, 256, (side, side), dtype=np.uint8)).save(path)


def test_a_map_that_does_not_fit_leaves_the_earlier_one_whole(model_dir: Path, tmp_path: Path, capsys) -> None:
    film = tmp_path / "film.png"
    command = ["bones", str(film), "--models", str(model_dir), "--device", "cpu"]
    with tiny_disk(tmp_path / "disk", size="320k") as out:
        _noise_film(film, 200)  # about 40 kB: fits
        assert main([*command, "--out", str(out)]) == EXIT_OK
        earlier = np.asarray(Image.open(out / "film_bones.png"))
        _noise_film(film, 800)  # about 640 kB: the disk fills up mid-save
        assert main([*command, "--out", str(out)]) == EXIT_INPUT
        assert "No space left on device" in capsys.readouterr().err
        with Image.open(out / "film_bones.png") as kept:
            kept.load()  # a truncated PNG raises here
            assert np.array_equal(np.asarray(kept), earlier)
        assert sorted(path.name for path in out.iterdir()) == ["film_bones.png"]  # no partial file left beside it
