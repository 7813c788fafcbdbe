"""A station refuses a database SQLite will not put in WAL mode.

``PRAGMA journal_mode=WAL`` does not fail when WAL cannot be had: it answers with the mode kept, and the store
never looked at the answer, so a database whose commits would not survive a crash was written to without a word.
"""

from __future__ import annotations

import pytest

from cxr_reader_study.storage.store import ReadStore, UnusableDatabase


def test_a_database_sqlite_will_not_put_in_wal_mode_is_refused():
    """SQLite keeps an in-memory database's journal in memory and says "memory" to journal_mode=WAL: every
    read would vanish with the station's process."""
    with pytest.raises(UnusableDatabase) as refused:
        ReadStore(":memory:")
    assert ":memory:" in str(refused.value) and "'memory' instead of WAL" in str(refused.value)
