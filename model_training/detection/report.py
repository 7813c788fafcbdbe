"""Markdown from detection result JSONs: one evaluation's FROC report, and the ablation table over many."""

from __future__ import annotations

import json
from pathlib import Path

from model_training.detection.froc import FP_RATES


def _with_ci(result: dict, key: str, metrics: str = "metrics") -> str:
    value = result[metrics].get(key)
    if value is None:
        return "n/a"
    interval = result.get("ci95", {}).get(key)
    return f"{value:.3f} [{interval[0]:.3f}, {interval[1]:.3f}]" if interval else f"{value:.3f}"


def _subgroup_row(name: str, group: dict) -> str:
    shown = {"metrics": group, "ci95": group.get("ci95", {})}
    return f"| {name} | {group['lesions']} | {_with_ci(shown, '1')} | {_with_ci(shown, 'cpm')} |"


def _curve_end(result: dict) -> list[str]:
    """Where the curve stops: a rate beyond it holds the last sensitivity, which the table should not hide."""
    end = result.get("curve_end_fp_per_image")
    beyond = [f"{rate:g}" for rate in FP_RATES if end is not None and rate > end]
    if not beyond:
        return []
    return ["", f"The FROC curve ends at {end:.2f} FP/image (every candidate kept), so the figures at "
            f"{', '.join(beyond)} FP/image hold its last sensitivity.", ""]


def froc_report(result: dict) -> str:
    """One evaluation: sensitivities at each FP rate, CPM, AUC (95% bootstrap CIs), and subgroups."""
    lines = [f"# Detection evaluation: {result.get('label', '')}", "",
             f"Split: {result.get('split')}; {result['images']} images, {result['lesions']} nodules; "
             f"95% CIs from {result['bootstrap']['replicates']} image bootstrap replicates (seed "
             f"{result['bootstrap']['seed']}).", "", "| metric | value [95% CI] |", "|---|---|"]
    lines += [f"| sensitivity @ {rate:g} FP/image | {_with_ci(result, f'{rate:g}')} |" for rate in FP_RATES]
    lines += [f"| CPM | {_with_ci(result, 'cpm')} |", f"| image-level AUC | {_with_ci(result, 'image_auc')} |"]
    lines += _curve_end(result) or [""]
    lines += ["| subgroup | nodules | sens @ 1 FP/image [95% CI] | CPM [95% CI] |", "|---|---|---|---|"]
    lines += [_subgroup_row(name, group) for name, group in result.get("subgroups", {}).items()]
    if "tuned" in result:
        points = result["tuned"]["operating_points"]
        lines += ["", "Operating points (chosen on these out-of-fold predictions):", ""]
        lines += [f"- `{name}`: threshold {p['threshold']:.4f}, sensitivity {p['sensitivity']:.3f}, "
                  f"{p['fp_per_image']:.3f} FP/image" for name, p in points.items()]
    return "\n".join(lines) + "\n"


def _flag(value) -> str:
    return "yes" if value is True else "no" if value is False else str(value)


def ablation_table(result_files: list[Path]) -> str:
    """One row per result JSON (OOF for ablations, test for the final ensemble), in the order given."""
    header = ("| run | split | members/image | TTA | inputs | lung FP red. | insertion | Mixup | RandAugment | "
              "pre-trained | second stage | CPM [95% CI] | sens @ 1 FP | image AUC |")
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for path in result_files:
        result = json.loads(Path(path).read_text(encoding="utf-8"))
        if result.get("task") != "detector" or "metrics" not in result:
            raise ValueError(f"{path}: not a detector evaluation record")
        s = result.get("switches", {})
        lines.append(f"| {result.get('label', Path(path).stem)} | {result['kind']} | "
                     f"{s.get('members_per_image', '-')} | "
                     f"{'+'.join(s.get('tta', [])) or '-'} | {'+'.join(s.get('inputs', [])) or '-'} | "
                     f"{_flag(s.get('lung_fp_reduction', '-'))} | {_flag(s.get('insertion', '-'))} | "
                     f"{_flag(s.get('mixup', '-'))} | {_flag(s.get('randaugment', '-'))} | "
                     f"{_flag(bool(s.get('pretrained_from'))) if s else '-'} | {s.get('second_stage', 'no') if s else '-'} | "
                     f"{_with_ci(result, 'cpm')} | "
                     f"{_with_ci(result, '1')} | {_with_ci(result, 'image_auc')} |")
    return "\n".join(lines) + "\n"
