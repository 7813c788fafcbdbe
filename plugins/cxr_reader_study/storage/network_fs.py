"""Which file system a reads database lies on, from Linux's ``/proc/self/mountinfo``.

SQLite's WAL keeps its index in shared memory (the ``-shm`` file, mapped into each process), which works only
between processes on one computer, and network file systems' locks are unreliable; two stations on different
computers writing one database on a share can lose or corrupt reads without either seeing an error. Nothing in
SQLite says so, so the file system is looked up here: the mount whose mount point is the longest one containing
the database's resolved path (the last listed where one is mounted over another, as the kernel lists them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MOUNTINFO = Path("/proc/self/mountinfo")

# Network and cluster file systems, as mountinfo names them (FUSE ones as "fuse.<program>").
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "9p", "afs", "ceph", "glusterfs", "lustre", "gpfs",
    "beegfs", "ocfs2", "gfs2", "davfs", "fuse.sshfs", "fuse.glusterfs", "fuse.ceph", "fuse.s3fs", "fuse.rclone",
    "fuse.davfs2", "fuse.gcsfuse", "fuse.juicefs",
})

_ESCAPE = re.compile(r"\\([0-7]{3})")  # the kernel writes space, tab, newline and backslash as \040 etc.


@dataclass(frozen=True)
class Mount:
    mount_point: PurePosixPath
    fs_type: str
    source: str


def _unescape(field: str) -> str:
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts of a mountinfo text, in its order. Each line is ``id parent major:minor root mount-point
    options [optional fields...] - fs-type source super-options``; the optional fields vary in number, so the
    file-system type is found after the ``-`` separator. Lines that do not have that shape are skipped."""
    mounts = []
    for line in text.splitlines():
        fields = line.split(" ")
        if len(fields) < 7 or "-" not in fields[6:]:
            continue
        after = fields[fields.index("-", 6) + 1:]
        if len(after) < 2:
            continue
        mounts.append(Mount(PurePosixPath(_unescape(fields[4])), after[0], _unescape(after[1])))
    return mounts


def mount_of(path: PurePosixPath, mounts: list[Mount]) -> Mount | None:
    """The mount ``path`` (absolute, resolved) lies on: the longest containing mount point, the later one of
    equal length (mounted over the earlier). Whole path components count: /mnt/data is not under /mnt/d."""
    best: Mount | None = None
    for mount in mounts:
        if path == mount.mount_point or mount.mount_point in path.parents:
            if best is None or len(mount.mount_point.parts) >= len(best.mount_point.parts):
                best = mount
    return best


def database_mount(path: Path, mountinfo: Path = MOUNTINFO) -> Mount | None:
    """The mount of the database at ``path`` (which need not exist yet: its folder decides), or None where the
    mount table cannot be read (not Linux), in which case nothing is known and nothing is claimed."""
    try:
        text = mountinfo.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None
    return mount_of(PurePosixPath(path.resolve()), parse_mountinfo(text))


def is_network(mount: Mount | None) -> bool:
    return mount is not None and mount.fs_type in NETWORK_TYPES
