"""The opened images as studies, and the cursor for previous/next image and previous/next study.

Files are grouped by StudyInstanceUID read from their headers only (cheap), keeping the order the
user gave; files that are not DICOM (or unreadable headers) form groups by folder so they still open
and a broken one can report its own error when shown. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pydicom


def study_key(path: Path) -> str:
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["StudyInstanceUID"])
        uid = str(ds.get("StudyInstanceUID", "") or "")
    except Exception:  # pydicom raises many kinds for a broken header; the loader reports the file when shown
        uid = ""
    return uid or f"folder:{path.parent}"


def group_by_study(paths: list[Path]) -> list[list[Path]]:
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(study_key(path), []).append(path)
    return list(groups.values())


@dataclass
class Navigator:
    studies: list[list[Path]] = field(default_factory=list)
    study: int = 0
    image: int = 0

    def set_studies(self, studies: list[list[Path]]) -> None:
        self.studies = [group for group in studies if group]
        self.study, self.image = 0, 0

    @property
    def current(self) -> Path | None:
        return self.studies[self.study][self.image] if self.studies else None

    def step_image(self, step: int) -> bool:
        """Move within the whole list (crossing into the neighbouring study at the ends)."""
        flat = [(s, i) for s, group in enumerate(self.studies) for i in range(len(group))]
        if not flat:
            return False
        position = flat.index((self.study, self.image)) + step
        if not 0 <= position < len(flat):
            return False
        self.study, self.image = flat[position]
        return True

    def step_study(self, step: int) -> bool:
        target = self.study + step
        if not self.studies or not 0 <= target < len(self.studies):
            return False
        self.study, self.image = target, 0
        return True

    def other_study_path(self) -> Path | None:
        """An image for the second pane: the next study's first image (a prior), else the next image."""
        if len(self.studies) > 1:
            other = self.study + 1 if self.study + 1 < len(self.studies) else self.study - 1
            return self.studies[other][0]
        group = self.studies[self.study] if self.studies else []
        return group[(self.image + 1) % len(group)] if len(group) > 1 else None

    def position_text(self) -> str:
        if not self.studies:
            return ""
        return (
            f"Image {self.image + 1}/{len(self.studies[self.study])}"
            f"  Study {self.study + 1}/{len(self.studies)}"
        )
