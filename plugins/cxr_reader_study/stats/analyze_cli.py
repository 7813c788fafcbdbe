"""``cxr-reader analyze``: MRMC analysis of a ratings file, as JSON or a short text report.

Also runs alone: ``python -m cxr_reader_study.stats.analyze_cli RATINGS.csv [--truth TRUTH.csv] ...``.
The ratings file may be the long CSV (ROC, or FROC marks with ``--truth``), an iMRMC input file
(``.imrmc``) or a JAFROC workbook (``.xlsx``).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from ..formats.imrmc import read_imrmc
from ..formats.jafroc_read import read_jafroc
from ..formats.long_csv import is_froc_file, read_froc_csv, read_roc_csv
from ..formats.table import FormatError
from .analyze import MrmcResult, analyze
from .dataset import RatingDataset
from .fom import FOMS
from .summary import per_reader_summary


def load_ratings(path: Path, truth: Path | None) -> RatingDataset:
    """Any supported ratings file, by extension and header; FROC long CSV needs its truth file."""
    if not path.is_file():
        raise FormatError(f"{path}: no such file")
    if path.suffix.lower() == ".xlsx":
        return read_jafroc(path)
    if path.suffix.lower() == ".imrmc":
        return read_imrmc(path)
    if is_froc_file(path):
        if truth is None:
            raise FormatError(f"{path}: FROC marks need the lesion truth file (--truth TRUTH.csv)")
        return read_froc_csv(path, truth)
    return read_roc_csv(path)


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("analyze", help="MRMC analysis (OR and DBM) of a ratings file",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ratings", type=Path, help="ratings: long CSV, .imrmc or JAFROC .xlsx")
    parser.add_argument("--truth", type=Path, help="lesion truth CSV (case,truth,n_lesions,lesion_id,weight)")
    parser.add_argument("--fom", choices=FOMS, default="auc", help="figure of merit (default auc)")
    parser.add_argument("--threshold", type=float, help="positivity threshold for sens/spec (rating >= T)")
    parser.add_argument("--alpha", type=float, default=0.05, help="significance level (default 0.05)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    parser.set_defaults(func=run)
    return parser


def _report(result: MrmcResult) -> str:
    lines = [f"figure of merit: {result.fom_name}; {len(result.readers)} readers, "
             f"{result.n_normal} normal and {result.n_abnormal} abnormal cases"]
    lines += [f"  {m}: {v:.4f}" for m, v in zip(result.modalities, result.modality_means)]
    c = result.or_components
    lines.append(f"OR: Var {c.var:.6g}  Cov1 {c.cov1:.6g}  Cov2 {c.cov2:.6g}  Cov3 {c.cov3:.6g}  "
                 f"MS(T) {c.ms_t:.6g}  MS(TR) {c.ms_tr:.6g}")
    for method, tests in (("OR", result.or_tests), ("DBM", result.dbm_tests)):
        for name, test in tests.items():
            lines.append(f"{method} {name.upper()}: F = {test.f:.4f}, ndf = {test.ndf}, ddf = {test.ddf:.4f}, "
                         f"p = {test.p:.4g}")
            lines += [f"    {d.first} - {d.second}: {d.estimate:+.4f} "
                      f"[{d.ci_low:+.4f}, {d.ci_high:+.4f}], p = {d.p:.4g}" for d in test.differences]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        dataset = load_ratings(args.ratings, args.truth)
        result = analyze(dataset, args.fom, args.threshold, args.alpha)
    except (FormatError, ValueError) as error:
        print(f"cxr-reader analyze: {error}", file=sys.stderr)
        return 2
    if args.json:
        output = result.to_dict()
        output["per_reader"] = [asdict(row) for row in per_reader_summary(dataset, args.threshold, args.alpha)]
        print(json.dumps(output, indent=2))
    else:
        print(_report(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cxr-reader")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["analyze", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
