"""Markdown from detection result JSONs: one evaluation's FROC report, the ablation table over many, and the table
of paired comparisons (``compare-detectors`` records)."""

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
    if result.get("lesions") == 0:
        return ["", "No reference nodules on these films: the sensitivities and the CPM are undefined (n/a); "
                f"every candidate kept gives {end:.2f} false positives per image.", ""]
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
    subgroups = result.get("subgroups", {})
    ci = " [95% CI]" if any("ci95" in group for group in subgroups.values()) else ""  # older records have none
    lines += [f"| subgroup | nodules | sens @ 1 FP/image{ci} | CPM{ci} |", "|---|---|---|---|"]
    lines += [_subgroup_row(name, group) for name, group in subgroups.items()]
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
        split = "test" if result.get("split") == "test" else result["kind"]  # a cli-report of the test films too
        lines.append(f"| {result.get('label', Path(path).stem)} | {split} | "
                     f"{s.get('members_per_image', '-')} | "
                     f"{'+'.join(s.get('tta', [])) or '-'} | {'+'.join(s.get('inputs', [])) or '-'} | "
                     f"{_flag(s.get('lung_fp_reduction', '-'))} | {_flag(s.get('insertion', '-'))} | "
                     f"{_flag(s.get('mixup', '-'))} | {_flag(s.get('randaugment', '-'))} | "
                     f"{_flag(bool(s.get('pretrained_from'))) if s else '-'} | {s.get('second_stage', 'no') if s else '-'} | "
                     f"{_with_ci(result, 'cpm')} | "
                     f"{_with_ci(result, '1')} | {_with_ci(result, 'image_auc')} |")
    return "\n".join(lines) + "\n"


def _signed(value: float) -> str:
    """Signed to 3 decimals, with a rounding residue such as -1e-17 shown as +0.000 rather than -0.000."""
    return f"{round(value, 3) + 0.0:+.3f}"


def _difference(result: dict, key: str) -> str:
    """A − B with its paired 95% CI; "n/a" where the record has no such figure (e.g. no FP at that rate)."""
    difference, interval = result["difference"].get(key), result["ci95"].get(key)
    if difference is None:
        return "n/a"
    return (f"{_signed(difference)} [{_signed(interval[0])}, {_signed(interval[1])}]" if interval
            else _signed(difference))


def _films(result: dict) -> str:
    """The film count, marked where it is not every out-of-fold film, so a pilot's row is not read as a full one."""
    marks = (["partial"] if result.get("partial") else []) + \
        ([str(result.get("split"))] if "out-of-fold" not in str(result.get("split", "out-of-fold")) else [])
    return f"{result['images']}" + (f" ({'; '.join(marks)})" if marks else "")


def paired_table(result_files: list[Path]) -> str:
    """One row per paired record (A − B on the same films), in the order given, with its source file."""
    lines = ["| A | B | films | nodules | CPM A | CPM B | CPM difference [95% CI] | share of resamples with A not "
             "ahead (CPM) | sensitivity @ 1 FP/image difference [95% CI] | source |", "|" + "---|" * 10]
    for path in result_files:
        result = json.loads(Path(path).read_text(encoding="utf-8"))
        if result.get("task") != "detector" or result.get("kind") != "paired":
            raise ValueError(f"{path}: not a paired detector comparison record")
        share = result["share_a_not_better"].get("cpm")
        lines.append(f"| {result['label_a']} | {result['label_b']} | {_films(result)} | {result['lesions']} | "
                     f"{result['a']['cpm']:.3f} | {result['b']['cpm']:.3f} | {_difference(result, 'cpm')} | "
                     f"{'n/a' if share is None else f'{share:.3f}'} | {_difference(result, '1')} | "
                     f"`{Path(path).name}` |")
    return "\n".join(lines) + "\n"
