"""Where a station may keep the reads database: a file on this computer's disk, not a network share.

SQLite's WAL index is shared memory of one computer, so stations on two computers sharing a database on NFS
or SMB can lose reads silently; the docs said so, nothing checked. Now a station refuses a database on a
network file system (found in the kernel's mount table) unless the override says that this is the only
computer writing it, and the same lookup counts this machine's local folders as local.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from cxr_reader_study.storage.network_fs import database_mount, mount_of, parse_mountinfo
from cxr_reader_study.storage.network_policy import OVERRIDE_ENV, OVERRIDE_VALUE, check_for_writing, location_warning
from cxr_reader_study.storage.store import ReadStore, UnusableDatabase

# Lines as the kernel writes them: optional fields (shared:, master:), an octal-escaped space, a mount point
# mounted twice (the later one is on top), FUSE's "fuse.<program>" type.
MOUNTINFO = r"""22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
61 27 0:52 / /home rw,relatime shared:30 - nfs4 fs1.uni.example:/export/home rw,vers=4.2,hard
62 27 0:53 / /mnt/Study\040Share rw,relatime shared:31 master:2 - cifs //pacs/Study\040Share rw,vers=3.1.1
63 27 254:1 / /mnt/d rw,relatime - ext4 /dev/vdb1 rw
64 27 0:54 / /mnt/d rw,relatime - fuse.sshfs coordinator@lab:/reads rw,user_id=0
65 61 254:2 / /home/local\040disk rw,relatime - xfs /dev/vdc1 rw
"""


def test_mountinfo_lines_give_mount_points_unescaped_and_file_system_types():
    mounts = parse_mountinfo(MOUNTINFO + "not a mountinfo line\n")
    assert [(str(m.mount_point), m.fs_type) for m in mounts] == [
        ("/proc", "proc"), ("/", "ext4"), ("/home", "nfs4"), ("/mnt/Study Share", "cifs"), ("/mnt/d", "ext4"),
        ("/mnt/d", "fuse.sshfs"), ("/home/local disk", "xfs")]
    assert mounts[3].source == "//pacs/Study Share"


@pytest.mark.parametrize("path, fs_type", [
    ("/home/alice/study/reads.sqlite", "nfs4"),
    ("/home/local disk/study/reads.sqlite", "xfs"),  # a local disk mounted inside the NFS home
    ("/mnt/Study Share/reads.sqlite", "cifs"),
    ("/mnt/d/reads.sqlite", "fuse.sshfs"),  # mounted over the ext4 one
    ("/mnt/data/reads.sqlite", "ext4"),  # not under /mnt/d: whole path components count
    ("/homework/reads.sqlite", "ext4"),
])
def test_the_longest_mount_point_containing_the_path_decides(path, fs_type):
    assert mount_of(PurePosixPath(path), parse_mountinfo(MOUNTINFO)).fs_type == fs_type


def _share(tmp_path: Path) -> tuple[Path, Path]:
    """A real folder with a space in its name, and a mount table (kernel format) saying it is an NFS share."""
    share = tmp_path / "Study Share"
    share.mkdir()
    escaped = str(share.resolve()).replace(" ", "\\040")
    table = tmp_path / "mountinfo"
    table.write_text(MOUNTINFO + f"70 27 0:60 / {escaped} rw,relatime - nfs fs1:/export/reads rw,vers=3\n")
    return share, table


def test_a_station_refuses_a_database_on_a_network_share_naming_file_and_why(tmp_path):
    share, table = _share(tmp_path)
    database = share / "reads.sqlite"
    assert database_mount(database, table).fs_type == "nfs"
    with pytest.raises(UnusableDatabase) as refused:
        check_for_writing(database, {}, table)
    message = str(refused.value)
    assert str(database) in message and "network file system (nfs" in message and "WAL" in message
    assert f"{OVERRIDE_ENV}={OVERRIDE_VALUE}" in message
    with pytest.raises(UnusableDatabase):  # anything but the documented value is no override
        check_for_writing(database, {OVERRIDE_ENV: "1"}, table)
    warning = check_for_writing(database, {OVERRIDE_ENV: OVERRIDE_VALUE}, table)
    assert warning is not None and str(database) in warning
    assert location_warning(database, table) == warning
    assert not database.exists()


def test_this_machines_local_folders_count_as_local_and_open(tmp_path):
    table = Path("/proc/self/mountinfo")
    if not table.is_file():
        pytest.skip("no /proc/self/mountinfo (not Linux)")
    assert PurePosixPath("/") in {m.mount_point for m in parse_mountinfo(table.read_text())}
    folders = [tmp_path] + [Path("/dev/shm")] * Path("/dev/shm").is_dir()
    for folder in folders:
        database = folder / f"reads-{tmp_path.name}.sqlite"
        assert location_warning(database) is None
        try:
            store = ReadStore(database)
            assert store.pragma("journal_mode") == "wal"
            store.close()
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
    if Path("/dev/shm").is_dir():
        assert database_mount(Path("/dev/shm/reads.sqlite")).fs_type == "tmpfs"
