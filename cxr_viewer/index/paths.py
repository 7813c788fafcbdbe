"""Where the study index lives on disk.

The index is user data (it survives cache clean-ups and reinstalls), so it goes in the platform's user data
folder. ``CXR_VIEWER_DATA_DIR`` overrides that folder so tests and portable installs never touch the real one.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "cxr-workstation"
DATA_DIR_ENV = "CXR_VIEWER_DATA_DIR"
INDEX_FILE_NAME = "study-index.sqlite3"


def data_dir() -> Path:
    """The workstation's user data folder (not created here: the index creates it when it first opens)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_index_path() -> Path:
    """The SQLite file that :class:`~cxr_viewer.index.db.StudyIndex` opens when the user names none."""
    return data_dir() / INDEX_FILE_NAME
