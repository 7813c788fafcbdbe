"""Where Export view's dialog starts and the name it offers (Qt-free).

The dialog had started in the process's working directory with ``view.png`` every time, so a second export offered
the first one's name and a reader in a hurry overwrote it. It starts where the last export went (kept in the
settings), else beside the film when that folder is writable, else in the user's Pictures folder (home when there
is none); the name is the film's Patient ID (or file stem) and study date with the first number that is free.
A read with names hidden gets ``view_<n>.png`` in Pictures (home), never the film's folder nor the last export's:
those could name the patient; such an export is not kept as the next dialog's folder either.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import platformdirs

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")  # a Patient ID may hold "/", "^" or spaces


def start_folder(last_export: str, film: Path | None, blinded: bool) -> Path:
    """With names hidden neither the last export folder nor the film's: either may be named after the patient."""
    if last_export and not blinded and Path(last_export).is_dir():
        return Path(last_export)
    if film is not None and not blinded and film.parent.is_dir() and os.access(film.parent, os.W_OK):
        return film.parent
    pictures = platformdirs.user_pictures_path()
    return pictures if pictures.is_dir() else Path.home()


def name_stem(patient_id: str, film: Path | None, study_date: str, blinded: bool) -> str:
    """``<Patient ID or file stem>_<study date>`` (today's when the film has none); ``view`` when names are hidden."""
    if blinded:
        return "view"
    who = UNSAFE.sub("_", patient_id.strip()).strip("_.") or (film.stem if film is not None else "") or "view"
    when = study_date.strip() or dt.date.today().strftime("%Y%m%d")
    return f"{who}_{UNSAFE.sub('_', when)}"


def free_path(folder: Path, stem: str) -> Path:
    """``<stem>_<n>.png`` with the first ``n`` from 1 that names no file yet."""
    number = 1
    while (folder / f"{stem}_{number}.png").exists():
        number += 1
    return folder / f"{stem}_{number}.png"
