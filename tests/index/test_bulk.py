"""A 2000-file folder of small DICOMs imports completely (and re-imports without reading a file again)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import search

from .conftest import count, write_study


@pytest.mark.slow
def test_two_thousand_files(index: StudyIndex, tmp_path: Path) -> None:
    write_study(tmp_path / "bulk", n_images=500, n_series=4)
    calls: list[int] = []
    report = import_paths(index, [tmp_path / "bulk"], progress=lambda done, total, path: calls.append(total))
    assert (report.added, report.failed, report.cancelled) == (2000, [], False)
    assert len(calls) == 2000 and set(calls) == {2000}
    assert count(index, "instance") == 2000 and search(index)[0].n_series == 4
    assert import_paths(index, [tmp_path / "bulk"]).unchanged == 2000
