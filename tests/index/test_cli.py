"""``cxr-index``: import, verify and forget-missing from a terminal, with their messages and exit statuses."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from cxr_viewer.cli import build_parser as viewer_parser
from cxr_viewer.index import cli_missing
from cxr_viewer.index.cli import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, main
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import search
from cxr_viewer.index.schema import SCHEMA_VERSION
from tests.dicom_factory import make_cr

from .conftest import write_study


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_import_verify_and_forget_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "idx.sqlite3"
    write_study(tmp_path / "in", n_images=3, PatientName="Cli^Patient")
    status, out, err = run(capsys, "--index", db, "import", tmp_path / "in")
    assert (status, err) == (EXIT_OK, "")
    assert "3 added, 0 updated, 0 unchanged, 0 failed" in out and str(db) in out
    status, out, _ = run(capsys, "--index", db, "verify")
    assert status == EXIT_OK and "3 indexed files, all in place" in out

    gone = tmp_path / "in" / "s1" / "i0002.dcm"
    gone.unlink()
    status, out, _ = run(capsys, "--index", db, "verify")
    assert status == EXIT_PROBLEMS
    assert f"missing\t{gone}\tfile no longer exists (moved or deleted)" in out
    assert "1 of 3 indexed files need attention: 1 missing" in out
    assert "cxr-index forget-missing" in out

    status, out, _ = run(capsys, "--index", db, "forget-missing")
    assert status == EXIT_OK and f"forgot\tmissing\t{gone}\t" in out
    assert "removed 1 index entry (found 1 missing), 2 indexed files left" in out
    assert (tmp_path / "in" / "s1" / "i0001.dcm").exists()  # only entries go, never files
    status, out, _ = run(capsys, "--index", db, "verify")
    assert status == EXIT_OK and "2 indexed files, all in place" in out
    with StudyIndex(db) as index:
        [study] = search(index)
        assert study.n_instances == 2


def test_import_with_bad_files_lists_them_and_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_cr(tmp_path / "in" / "good.dcm", rows=16, cols=16)
    (tmp_path / "in" / "notes.txt").write_text("not an image")
    (tmp_path / "in" / "icon.png").write_bytes(b"")  # empty: failed, not skipped
    status, out, err = run(capsys, "--index", tmp_path / "idx.sqlite3", "import", tmp_path / "in", "-q")
    assert status == EXIT_PROBLEMS
    assert f"not imported: {tmp_path / 'in' / 'notes.txt'}: not a DICOM file" in err
    assert f"not imported: {tmp_path / 'in' / 'icon.png'}: file is empty (0 bytes)" in err
    assert "1 added, 0 updated, 0 unchanged, 2 failed" in out


def test_verify_and_forget_missing_interrupted_list_and_forget_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "idx.sqlite3"
    write_study(tmp_path / "in", n_images=4)
    assert run(capsys, "--index", db, "import", tmp_path / "in")[0] == EXIT_OK
    for name in ("i0001.dcm", "i0004.dcm"):
        (tmp_path / "in" / "s1" / name).unlink()

    @contextmanager
    def ctrl_c_after_two_files():  # stands in for the SIGINT handler: "interrupted" from the third file on
        asked = []
        yield lambda: asked.append(1) or len(asked) > 2

    monkeypatch.setattr(cli_missing, "interruptible", ctrl_c_after_two_files)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # a terminal: the progress line is drawn
    for command in ("verify", "forget-missing"):
        status, out, err = run(capsys, "--index", db, command)
        assert status == EXIT_INTERRUPTED and out == ""
        assert "checking 0/4 files" in err
        assert err.endswith("\ninterrupted after checking 2 of 4 indexed files: nothing listed, nothing forgotten\n")
    with StudyIndex(db) as index:
        [study] = search(index)
        assert study.n_instances == 4  # the interrupted forget-missing removed nothing


def test_verbose_import_lists_skipped_icons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    make_cr(tmp_path / "cd" / "IM1", rows=16, cols=16)
    (tmp_path / "cd" / "icons").mkdir()
    Image.new("RGB", (16, 16)).save(tmp_path / "cd" / "icons" / "zoom.png")
    status, out, err = run(capsys, "--index", tmp_path / "idx.sqlite3", "import", "-v", tmp_path / "cd")
    assert (status, err) == (EXIT_OK, "")  # skipping an icon is not a failure
    assert f"skipped: {tmp_path / 'cd' / 'icons' / 'zoom.png'}: 16×16 pixels" in out
    assert "1 skipped as not radiographs" in out


def test_default_index_follows_the_data_dir(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXR_VIEWER_DATA_DIR", str(tmp_path / "data"))
    make_cr(tmp_path / "one.dcm", rows=16, cols=16)
    assert run(capsys, "import", tmp_path / "one.dcm")[0] == EXIT_OK
    assert (tmp_path / "data" / "study-index.sqlite3").is_file()


def test_verify_without_an_index_says_so_and_creates_nothing(tmp_path: Path, capsys) -> None:
    for command in ("verify", "forget-missing"):
        status, out, err = run(capsys, "--index", tmp_path / "none.sqlite3", command)
        assert status == EXIT_ERROR and out == "" and "no study index at" in err
    assert list(tmp_path.iterdir()) == []


def test_index_from_a_newer_program_is_refused_with_exit_1(tmp_path: Path, capsys) -> None:
    db = tmp_path / "idx.sqlite3"
    with StudyIndex(db) as index, index.transaction() as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    status, _, err = run(capsys, "--index", db, "verify")
    assert status == EXIT_ERROR and "schema version" in err and "Traceback" not in err
    (tmp_path / "junk.sqlite3").write_bytes(b"this is not a database" * 100)
    status, _, err = run(capsys, "--index", tmp_path / "junk.sqlite3", "import", tmp_path / "idx.sqlite3")
    assert status == EXIT_ERROR and "cannot open the study index" in err


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["import"])  # no PATH
    assert stop.value.code == 2
    with pytest.raises(SystemExit) as stop:
        main([])
    assert stop.value.code == 2


def test_module_and_console_script(tmp_path: Path) -> None:
    env = {**os.environ, "CXR_VIEWER_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "cxr_viewer.index", "--help"], capture_output=True, text=True,
                          env=env, timeout=60)  # fmt: skip
    assert done.returncode == 0 and all(word in done.stdout for word in ("import", "verify", "forget-missing"))
    scripts = {entry.name: entry.value for entry in entry_points(group="console_scripts")}
    assert scripts.get("cxr-index") == "cxr_viewer.index.cli:main"


def test_cxr_viewer_still_opens_a_file_named_index() -> None:
    assert viewer_parser().parse_args(["index"]).paths == ["index"]  # why the index tools are a separate script
