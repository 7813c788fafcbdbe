"""``cxr-reader analyze`` names its intervals' confidence level and gives every interval its degrees of freedom.

The printed report showed ``unaided - aided: +0.0148 [-0.1835, +0.2130]`` whatever ``--alpha`` was (with
``--alpha 0.1`` a 90% CI read as the usual 95%), without the difference's SE or df and without the per-arm
intervals; the JSON gave the intervals but not the level they were computed at.
"""

from __future__ import annotations

import json
from pathlib import Path

from cxr_reader_study.cli import main


def _ratings(path: Path) -> Path:
    """Three readers, two arms, eight cases (four abnormal): a small long-CSV ROC file as a statistician has."""
    rows = ["reader,modality,case,truth,rating"]
    for r, reader in enumerate(("A", "B", "C")):
        for m, arm in enumerate(("unaided", "aided")):
            for case in range(8):
                truth = int(case >= 4)
                rating = 1 + (case * 3 + r + 2 * m * truth + case % 3) % 5
                rows.append(f"{reader},{arm},c{case},{truth},{rating}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_text_names_the_level_and_df_and_agrees_with_json(tmp_path, capsys):
    ratings = _ratings(tmp_path / "ratings.csv")
    assert main(["analyze", str(ratings), "--alpha", "0.1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["alpha"] == 0.1 and abs(result["confidence_level"] - 0.9) < 1e-12
    assert main(["analyze", str(ratings), "--alpha", "0.1"]) == 0
    text = capsys.readouterr().out
    assert "intervals are 90% CIs" in text and "95% CI" not in text

    rrrc = result["or"]["rrrc"]
    difference = rrrc["differences"][0]
    assert (f"    aided - unaided: {difference['estimate']:+.4f}, SE {difference['se']:.4f}, "
            f"df {difference['df']:.2f}, 90% CI [{difference['ci_low']:+.4f}, {difference['ci_high']:+.4f}], "
            f"p = {difference['p']:.4g}") in text
    for estimate in rrrc["modality_estimates"]:
        assert (f"    {estimate['modality']}: {estimate['fom']:.4f}, SE {estimate['se']:.4f}, "
                f"df {estimate['df']:.2f}, 90% CI [{estimate['ci_low']:.4f}, {estimate['ci_high']:.4f}]") in text
    chi2 = result["or"]["frrc"]["chi2"]
    assert f"ddf = inf (chi-square = {chi2:.4f} on 1 df)" in text  # FRRC is a chi-square test: said so


def test_ai_comparison_intervals_are_named_too(tmp_path, capsys):
    ratings = _ratings(tmp_path / "ratings.csv")
    ai = tmp_path / "ai.csv"
    ai.write_text("case,rating\n" + "".join(f"c{c},{(c * 7) % 10 / 10}\n" for c in range(8)), encoding="utf-8")
    assert main(["analyze", str(ratings), "--ai-ratings", str(ai)]) == 0
    text = capsys.readouterr().out
    assert "AI standalone AUC: " in text and ", 95% CI [" in text.split("AI standalone AUC: ")[1].splitlines()[0]
    comparison = [line for line in text.splitlines() if line.startswith("  readers (")]
    assert len(comparison) == 2 and all(", df " in line and ", 95% CI [" in line for line in comparison)
