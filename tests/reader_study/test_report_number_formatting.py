"""The report's numbers carry no float noise: no "-0.000" for a difference of zero, no p outside [0, 1], and
intervals on very few degrees of freedom (two readers) come with a note saying why they are so
wide, while staying as computed (not clipped to [0, 1])."""

from __future__ import annotations

import json
import re

import pytest
from scipy import stats

from cxr_reader_study.cli import main
from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.results.report_folder import write_json
from cxr_reader_study.simulate import main as simulate


def _p_values(text: str) -> list[str]:
    return re.findall(r'"p": ([^,\n]+)', text)


def test_a_two_reader_report_prints_no_negative_zero_nor_noisy_p_and_notes_its_wide_intervals(tmp_path):
    study_file = write_demo_study(tmp_path / "froc", task="froc", readers=2)
    assert simulate([str(study_file), "--override-washout", "--seed", "12"]) == 0
    out = tmp_path / "report"
    assert main(["report", str(study_file), "--out", str(out)]) == 0
    pages = "".join((out / name).read_text() for name in ("report.html", "mrmc.html", "ai.html"))
    assert not re.search(r"-0\.0+(?![0-9])", pages)  # a zero has no sign
    for name in ("ai.json", "mrmc.json"):
        p_values = _p_values((out / name).read_text())
        assert p_values and all(0 <= float(p) <= 1 for p in p_values if p != "null")
    ai = json.loads((out / "ai.json").read_text())
    wide = ai["readers_minus_ai"]["auc"]["aided"]
    half = stats.t.ppf(0.975, wide["df"]) * wide["se"]
    assert wide["df"] < 3 and wide["ci_low"] == pytest.approx(wide["difference"] - half)  # as computed, unclipped
    assert "degrees of freedom: the 95% interval is" in (out / "ai.html").read_text()
    assert "degrees of freedom: the 95% interval is" in (out / "report.html").read_text()


def test_json_clips_a_p_past_one_and_writes_no_negative_zero(tmp_path):
    path = tmp_path / "mrmc.json"
    write_json(path, {"or": {"rrrc": {"p": 1.0000000000000002, "differences": [{"estimate": -0.0, "p": -1e-17}]}}})
    text = path.read_text()
    assert json.loads(text)["or"]["rrrc"] == {"p": 1.0, "differences": [{"estimate": 0.0, "p": 0.0}]}
    assert "-0.0" not in text
