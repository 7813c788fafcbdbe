"""A partial study, as a study is while readers are still out on their washout: R1–R3 read both arms (the
coordinator overrode their washout), R4 read only the first and was stopped by the washout."""

from __future__ import annotations

from pathlib import Path

from cxr_reader_study.simulate import main as simulate


def read_partially(study_file: Path, seed: int) -> None:
    for reader in ("R1", "R2", "R3"):
        assert simulate([str(study_file), "--reader", reader, "--override-washout", "--seed", str(seed)]) == 0
    assert simulate([str(study_file), "--reader", "R4", "--seed", str(seed)]) == 3  # one arm, then the washout
