"""What a station does with a reads database on a network file system: refuse it, unless the coordinator has
said, on that station, that it is the only one writing the database.

Refused by default because the harm is silent: stations on two computers sharing one database over NFS or SMB
each keep their own WAL index, and reads can vanish or the file be corrupted with no error at either station,
discovered only at the report, after the readers' washouts have made their reads impossible to repeat. A
single station writing a database in a home directory on NFS (common at universities) is safe enough (one
computer holds the WAL index; SQLite's own locking still orders that computer's processes), so the refusal
has an override, ``CXR_READER_NETWORK_DATABASE=one-station`` in the station's environment: a deliberate,
documented act by whoever sets up the station, who alone can know that no other computer writes the file.
With the override the station opens it and logs the warning, and ``cxr-reader status`` prints it whatever the
environment, so the coordinator sees where the study's reads are kept.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Mapping

from cxr_reader_study.storage.network_fs import MOUNTINFO, Mount, database_mount, is_network
from cxr_reader_study.storage.refusal import UnusableDatabase

OVERRIDE_ENV = "CXR_READER_NETWORK_DATABASE"
OVERRIDE_VALUE = "one-station"

_log = logging.getLogger(__name__)


def network_warning(path: Path, mount: Mount) -> str:
    """Why a database on ``mount`` is at risk, naming the file, the file system and what to do."""
    return (f"the reads database {path} is on a network file system ({mount.fs_type}, {mount.source} mounted at "
            f"{mount.mount_point}): SQLite's WAL works only between processes on one computer, so stations on "
            "different computers must not share it (reads can be lost without an error); keep it on a local disk "
            "of the one computer whose stations write it")


def location_warning(path: Path, mountinfo: Path = MOUNTINFO) -> str | None:
    """The warning for a database on a network file system, None for a local one (or an unknown mount table)."""
    mount = database_mount(path, mountinfo)
    return network_warning(path, mount) if mount is not None and is_network(mount) else None


def check_for_writing(path: Path, environ: Mapping[str, str] = os.environ,
                      mountinfo: Path = MOUNTINFO) -> str | None:
    """Refuses (``UnusableDatabase``) a database on a network file system unless ``environ`` holds the
    override; returns the warning, logged, when the override lets it open, and None for a local database."""
    warning = location_warning(path, mountinfo)
    if warning is None:
        return None
    if environ.get(OVERRIDE_ENV) != OVERRIDE_VALUE:
        raise UnusableDatabase(f"{warning}. It was left untouched. If this is the only computer that writes it, "
                               f"start the station with {OVERRIDE_ENV}={OVERRIDE_VALUE}")
    _log.warning("%s (opened anyway: %s=%s)", warning, OVERRIDE_ENV, OVERRIDE_VALUE)
    return warning
