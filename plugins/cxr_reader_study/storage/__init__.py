"""Crash-safe storage of reads: SQLite in WAL mode, every submitted read committed before the next case."""
