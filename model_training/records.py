"""Run records: every training or evaluation run leaves a JSON file that model cards and manifests cite."""

from __future__ import annotations

import itertools
import json
import platform
import subprocess
import time
from pathlib import Path

RESULTS_DIR = Path(__file__).with_name("results")


def git_commit() -> str:
    """HEAD commit plus '-dirty' when the tree has changes; 'unknown' outside git or before the first commit."""
    root = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
        if commit.returncode != 0:
            return "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, timeout=10)
        return commit.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def write_record(record: dict, results_dir: Path | None = None) -> Path:
    """Write ``record`` (plus commit, host and time) as ``<task>-<UTC time>.json``; returns its path."""
    results_dir = Path(results_dir or RESULTS_DIR)
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    full = {"git_commit": git_commit(), "host": platform.node(), "python": platform.python_version(),
            "written_utc": stamp, **record}
    stem = f"{record.get('task', 'run')}-{record.get('kind', 'train')}-{stamp}"
    text = json.dumps(full, indent=2, default=str) + "\n"
    for counter in itertools.count():
        path = results_dir / (f"{stem}-{counter}.json" if counter else f"{stem}.json")
        try:  # exclusive create: runs started together (a campaign's folds) never overwrite each other's record
            with open(path, "x", encoding="utf-8") as stream:
                stream.write(text)
            break
        except FileExistsError:
            continue
    return path
