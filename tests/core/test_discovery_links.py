"""Opening a folder finds images in linked folders too, and a link back to a parent does not loop."""

from __future__ import annotations

import os
import sys

import pytest

from cxr_viewer.core.discovery import find_image_files
from tests.dicom_factory import make_cr

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symlinks")


def test_images_in_a_linked_folder_are_found(tmp_path):
    local = make_cr(tmp_path / "data" / "local.dcm", rows=16, cols=16)
    linked = make_cr(tmp_path / "other-disk" / "study" / "IM0001", rows=16, cols=16)  # found by its DICM prefix
    (tmp_path / "data" / "linked").symlink_to(tmp_path / "other-disk", target_is_directory=True)
    assert find_image_files([tmp_path / "data"]) == sorted([local.resolve(), linked.resolve()])


def test_link_loops_end_and_each_real_folder_is_walked_once(tmp_path):
    from cxr_viewer.core.folder_walk import walk_following_links

    images = [make_cr(tmp_path / "data" / "a" / f"{k}.dcm", rows=16, cols=16, seed=k) for k in range(2)]
    (tmp_path / "data" / "a" / "loop").symlink_to(tmp_path / "data", target_is_directory=True)
    (tmp_path / "data" / "b").symlink_to(tmp_path / "data" / "a", target_is_directory=True)
    assert find_image_files([tmp_path / "data"]) == sorted(image.resolve() for image in images)
    folders = [folder for folder, _, _ in walk_following_links(tmp_path / "data")]
    assert [os.path.relpath(folder, tmp_path / "data") for folder in folders] == [".", "a"]  # real paths first


def test_broken_link_to_a_folder_is_reported_not_fatal(tmp_path):
    image = make_cr(tmp_path / "data" / "one.dcm", rows=16, cols=16)
    (tmp_path / "data" / "gone").symlink_to(tmp_path / "unplugged-disk", target_is_directory=True)
    assert find_image_files([tmp_path / "data"]) == [image.resolve()]
