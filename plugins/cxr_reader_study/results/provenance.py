"""What a report was computed from, so that a statistician can reproduce it or tell two reports apart.

The report folder had no record of the software, the study's seed or settings, nor of which files and reads it
analysed: two reports of one study could not be matched to their inputs, and a report could not be reproduced
months later. ``provenance.json`` holds the versions, the settings that change a figure, the SHA-256 of the study
file, case list and AI input, and the SHA-256 of the reads table (the exact bytes ``cxr-reader export --format
reads`` writes for the same database and acceptance radius), with the readers analysed. Where lesion radii are
unknown (the films gone, their spacing never recorded) the export is refused, so no export could be checked against a
hash of a table scored with unknown radii: the hash is then left out (null) with the reason, the count kept.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from cxr_reader_study.design.model import Study
from cxr_reader_study.results.read_table import read_table_text
from cxr_reader_study.storage.store import ReadStore

_PACKAGES = ("cxr-workstation", "numpy", "scipy")


def _sha256(path: Path | None) -> dict | None:
    if path is None:
        return None
    return {"file": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return None


def _reads(study: Study, store: ReadStore, acceptance_radius_factor: float, not_computed: str | None) -> dict:
    """``not_computed``: why the reads table cannot be checked (its hash is then null), else None."""
    reads, count = read_table_text(study, store, acceptance_radius_factor)
    if not_computed:
        return {"database": str(store.path), "count": count, "sha256": None, "not_computed": not_computed}
    return {"database": str(store.path), "count": count, "sha256": hashlib.sha256(reads.encode()).hexdigest(),
            "of": "the bytes of `cxr-reader export --format reads` at this acceptance radius"}


def provenance(study: Study, store: ReadStore, acceptance_radius_factor: float, ai_ratings: Path | None,
               readers: tuple[str, ...], alpha: float, reads_not_computed: str | None = None) -> dict:
    """The record written as ``provenance.json``; ``reads_not_computed`` as for ``_reads``."""
    return {
        "generated_at_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "software": {"python": platform.python_version(), **{name: _version(name) for name in _PACKAGES}},
        "study": {"name": study.name, "seed": study.seed, "task": study.task.value, "scale": study.scale.kind,
                  "arms": [arm.value for arm in study.arms], "washout_days": study.washout_days,
                  "positive_threshold": study.positive_threshold},
        "files": {"study": _sha256(study.path), "case_list": _sha256(study.case_list),
                  "ai_findings": _sha256(study.ai_findings), "ai_ratings": _sha256(ai_ratings)},
        "reads": _reads(study, store, acceptance_radius_factor, reads_not_computed),
        "analysis": {"acceptance_radius_factor": acceptance_radius_factor, "alpha": alpha,
                     "confidence_level": 1 - alpha, "readers_analysed": list(readers)},
    }


def provenance_html(record: dict) -> str:
    """One line of ``report.html``; the full record is in ``provenance.json``."""
    software = ", ".join(f"{name} {version}" for name, version in record["software"].items() if version)
    study = record["files"]["study"]["sha256"][:12]
    reads = record["reads"]["sha256"]
    return (f"<p>Computed {escape(record['generated_at_utc'])} with {escape(software)}; study seed "
            f"{record['study']['seed']}, study file SHA-256 {study}…, {record['reads']['count']} reads "
            f"({f'SHA-256 {reads[:12]}…' if reads else 'no SHA-256: lesion radii unknown'}); intervals are "
            f"{100 * record['analysis']['confidence_level']:g}% CIs. "
            "<a href='provenance.json'>Full record</a> (versions, settings, checksums of every input).</p>")
