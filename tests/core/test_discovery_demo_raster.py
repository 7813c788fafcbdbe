"""Finding files (folders, DICOMDIR), the demo study, and non-DICOM formats."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest
import SimpleITK as sitk
from PIL import Image
from pydicom.fileset import FileSet

from cxr_viewer.core.demo import demo_paths, write_synthetic_chest_dicom
from tests.dicom_validation import dciodvfy_errors
from cxr_viewer.core.discovery import find_image_files, pictures_among
from cxr_viewer.core.calibration import SpacingSource
from cxr_viewer.core.loader import load_image
from tests.dicom_factory import make_cr, make_dx, make_encapsulated_pdf, make_sr


def test_folders_are_walked_recursively_sorted_and_deduplicated(tmp_path):
    a = make_cr(tmp_path / "b" / "deep" / "IM0001")  # no extension: recognised by its DICM prefix
    b = make_dx(tmp_path / "a.dcm")
    png = tmp_path / "b" / "photo.PNG"
    Image.fromarray(np.zeros((4, 4), np.uint8)).save(png, format="PNG")
    (tmp_path / "notes.txt").write_text("not an image")
    (tmp_path / "b" / "._a.dcm").write_bytes(b"resource fork")
    found = find_image_files([tmp_path, b, tmp_path / "b"])
    assert found == sorted([a.resolve(), b.resolve(), png.resolve()])


def test_paths_keep_the_order_they_were_given_in(tmp_path):
    today = make_dx(tmp_path / "z_today.dcm")
    prior = make_dx(tmp_path / "a_prior.dcm")
    folder = [make_cr(tmp_path / "series" / name, seed=n) for n, name in enumerate(["2.dcm", "1.dcm"])]
    found = find_image_files([today, tmp_path / "series", prior, today])
    assert found == [today.resolve(), folder[1].resolve(), folder[0].resolve(), prior.resolve()]


def test_dicomdir_yields_its_referenced_files_not_itself(tmp_path):
    sources = [make_cr(tmp_path / "src" / f"{n}.dcm", seed=n) for n in range(2)]
    file_set = FileSet()
    for source in sources:
        file_set.add(pydicom.dcmread(source))
    media = tmp_path / "media"
    file_set.write(media)
    dicomdir = media / "DICOMDIR"
    referenced = find_image_files([dicomdir])
    assert len(referenced) == 2 and dicomdir.resolve() not in referenced
    assert {pydicom.dcmread(p).SOPInstanceUID for p in referenced} == {
        pydicom.dcmread(p).SOPInstanceUID for p in sources}
    assert find_image_files([media]) == referenced


def test_synthetic_chest_is_a_plausible_calibrated_cr(tmp_path):
    path = write_synthetic_chest_dicom(tmp_path / "chest.dcm", size=(400, 360), spacing=0.5, seed=3)
    image = load_image(path)
    assert image.shape == (400, 360) and image.metadata["Modality"] == "CR"
    assert image.metadata["BitsStored"] == 12 and 0 <= image.stored.min() and image.stored.max() <= 4095
    # Pixel Spacing equal to Imager Pixel Spacing, as an uncorrected CR writes it: the detector plane (PS3.3 10.7.1.1)
    assert image.spacing.source is SpacingSource.IMAGER_AT_DETECTOR and image.spacing.row_mm == 0.5
    assert "ImagerPixelSpacing" in image.dataset
    lung = image.modality[150:220, 90:120].mean()  # patient's right lung field
    mediastinum = image.modality[150:220, 170:190].mean()
    assert mediastinum > lung + 400
    inverted = load_image(write_synthetic_chest_dicom(tmp_path / "m1.dcm", size=(400, 360), monochrome1=True,
                                                      spacing=0.5, seed=3))
    assert inverted.default_invert and np.array_equal(inverted.stored, 4095 - image.stored)
    errors = dciodvfy_errors(path)  # the demo film is what a modality would send: a valid CR
    assert not errors, "\n".join(errors)


def test_demo_paths_are_cached_and_loadable():
    paths = demo_paths()
    assert [p.name for p in paths[:2]] == ["RG1_UNCR.dcm", "RG1_J2KR.dcm"]
    assert find_image_files(paths) == [p.resolve() for p in paths]  # the real radiograph opens first
    synthetic = paths[-1]
    stamp = synthetic.stat().st_mtime_ns
    assert demo_paths()[-1] == synthetic and synthetic.stat().st_mtime_ns == stamp
    assert load_image(synthetic).shape == (2000, 2000)


def test_png_greyscale_rgb_and_grey_stored_as_rgb(tmp_path):
    grey = np.arange(12, dtype=np.uint8).reshape(3, 4) * 20
    Image.fromarray(grey).save(tmp_path / "grey.png")
    Image.fromarray(np.stack([grey] * 3, axis=-1)).save(tmp_path / "grey_rgb.jpg", quality=100)
    colour = np.random.default_rng(0).integers(0, 256, (3, 4, 3), dtype=np.uint8)
    Image.fromarray(colour).save(tmp_path / "colour.png")
    assert load_image(tmp_path / "grey.png").modality.tolist() == grey.astype(np.float32).tolist()
    assert not load_image(tmp_path / "grey_rgb.jpg").is_rgb
    loaded = load_image(tmp_path / "colour.png")
    assert loaded.is_rgb and np.array_equal(loaded.modality, colour)
    assert loaded.spacing.source is SpacingSource.NONE


def test_mha_and_nrrd_keep_their_spacing_and_volumes_show_the_first_slice(tmp_path):
    volume = np.arange(2 * 5 * 6, dtype=np.int16).reshape(2, 5, 6)
    itk = sitk.GetImageFromArray(volume)
    itk.SetSpacing((0.2, 0.3, 2.0))
    for name in ("vol.mha", "vol.nrrd", "vol.nii.gz"):
        sitk.WriteImage(itk, str(tmp_path / name))
        image = load_image(tmp_path / name)
        assert image.modality.tolist() == volume[0].astype(np.float32).tolist()
        assert (image.spacing.row_mm, image.spacing.col_mm) == pytest.approx((0.3, 0.2))


def test_a_retrieved_studys_reports_and_documents_are_not_opened_as_pictures(tmp_path):
    image, png = make_cr(tmp_path / "image.dcm"), tmp_path / "photo.png"
    Image.fromarray(np.zeros((4, 4), np.uint8)).save(png)
    report, pdf = make_sr(tmp_path / "sr.dcm"), make_encapsulated_pdf(tmp_path / "doc.dcm")
    assert pictures_among([image, report, png, pdf]) == [image, png]
