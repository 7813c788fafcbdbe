"""``cxr-reader analyze``: MRMC analysis of a ratings file, as JSON or a short text report.

Also runs alone: ``python -m cxr_reader_study.stats.analyze_cli RATINGS.csv [--truth TRUTH.csv] ...``.
The ratings file may be the long CSV (ROC, or FROC marks with ``--truth``), an iMRMC input file
(``.imrmc``) or a JAFROC workbook (``.xlsx``). With ``--ai-ratings AI.csv`` (``case,rating``) the AI's
standalone AUC (DeLong CI) and the readers-minus-AI comparison per modality are added; with a single
modality only that comparison runs (the MRMC analysis needs two). With ``--times READS.csv`` (the ``export
--format reads`` file), or a ROC long CSV with ``reading_time``, the report's paired reading-time comparison of
every two arms is added. ``--arms REF,TEST`` names the reference arm (first) and the order of the arms; every
difference is reported as a later arm minus an earlier one (TEST − REF). Without it: the workstation's arms
unaided, aided, aided-second-read in that order, other names sorted (numbers by value), whatever the row order.
``--study STUDY.toml`` takes the order of that study's report and refuses a file whose readers, arms, cases or
truth are not the study's; ``--times`` is refused when it shares no reader, arm or case with the ratings file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import asdict
from pathlib import Path

from ..formats.ai_ratings import read_ai_ratings, scores_for_cases
from ..formats.ratings_file import load_ratings
from ..formats.table import FormatError
from .ai_summary import AiSummary, ai_rating_dataset, summarize_ai
from .analyze_text import ai_text, mrmc_text
from .analyze_timing import paired_reading_times, paired_time_text
from .arm_order import analyze_later_minus_earlier, arms_left_out_note
from .canonical_order import canonical
from .coverage import arms_note, missing_note, readers_with_every_arm
from .dataset import RatingDataset
from .fom import FOMS
from .study_check import pick_arms
from .summary import per_reader_summary


def _alpha(text: str) -> float:
    """A level outside (0, 1) gives infinite or inverted intervals (and JSON with -Infinity): refuse it."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"the significance level must lie strictly between 0 and 1, got {text}")
    return value


def _threshold(text: str) -> float:
    """NaN compares false with every rating, so it quietly gave sensitivity and specificity 0: refuse it."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if math.isnan(value):
        raise argparse.ArgumentTypeError("the positivity threshold must be a number, got nan")
    return value


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("analyze", help="MRMC analysis (OR and DBM) of a ratings file",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ratings", type=Path, help="ratings: long CSV, .imrmc or JAFROC .xlsx")
    parser.add_argument("--truth", type=Path, help="lesion truth CSV (case,truth,n_lesions,lesion_id,weight)")
    parser.add_argument("--fom", choices=FOMS, default="auc", help="figure of merit (default auc)")
    parser.add_argument("--threshold", type=_threshold, help="positivity threshold for sens/spec (rating >= T)")
    parser.add_argument("--alpha", type=_alpha, default=0.05, help="significance level (default 0.05)")
    parser.add_argument("--ai-ratings", type=Path, metavar="AI.csv",
                        help="per-case AI scores (case,rating): adds the AI's AUC and readers versus AI")
    parser.add_argument("--times", type=Path, metavar="READS.csv",
                        help="the reads export (export --format reads): adds the paired reading-time comparison "
                             "(default: the ROC long CSV's reading_time column, where it has one)")
    parser.add_argument("--arms", metavar="REF,TEST",
                        help="arms to compare, the reference first: differences are TEST - REF (default: unaided, "
                             "aided, aided-second-read; other names sorted)")
    parser.add_argument("--study", type=Path, metavar="STUDY.toml",
                        help="the study file: its report's arm order (reference first) and a check that the ratings "
                             "file's readers, arms, cases and truth are the study's (--arms wins over it)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    parser.set_defaults(func=run)
    return parser


def _ai_summary(args: argparse.Namespace, dataset: RatingDataset) -> AiSummary | None:
    if args.ai_ratings is None:
        return None
    scores = scores_for_cases(args.ai_ratings, read_ai_ratings(args.ai_ratings), dataset.cases)
    return summarize_ai(dataset, ai_rating_dataset(dataset, scores), ("auc",), args.alpha)


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_ratings(args.ratings, args.truth)
        arms, notes = pick_arms(args.arms, args.study, loaded, args.ratings)
        ordered = canonical(loaded, arms.order)  # the same output whatever the order of the file's rows
        times, time_notes = paired_reading_times(ordered, args.times, args.alpha, arms, args.ratings,
                                                 loaded.modalities)  # before readers missing an arm go
        dataset, excluded = readers_with_every_arm(ordered)
        notes += time_notes + arms_left_out_note(loaded.modalities, arms) + arms_note(excluded, dataset.is_froc)
        notes += missing_note(dataset)
        ai = _ai_summary(args, dataset)
        single = ai is not None and len(dataset.modalities) == 1
        result = None if single else analyze_later_minus_earlier(dataset, args.fom, args.threshold, args.alpha)
    except (FormatError, ValueError) as error:
        print(f"cxr-reader analyze: {error}", file=sys.stderr)
        return 2
    if args.json:
        output = result.to_dict() if result is not None else {"readers": list(dataset.readers),
                                                              "modalities": list(dataset.modalities)}
        output["per_reader"] = [asdict(row) for row in per_reader_summary(dataset, args.threshold, args.alpha)]
        if ai is not None:
            output["ai_vs_readers"] = ai.to_dict()
        if times is not None:
            output["paired_reading_time"] = [c.to_dict() for c in times]
        output["arms"] = arms.to_dict()
        output["excluded_readers"] = excluded
        output["notes"] = notes
        print(json.dumps(output, indent=2))
    else:
        notes = [f"note: {note}" for note in notes]
        timing = times and paired_time_text(times, args.alpha)
        contrast = len(arms.order) > 1 and arms.text()
        parts = (*notes, contrast, result and mrmc_text(result), ai and ai_text(ai, args.alpha), timing)
        print("\n".join(text for text in parts if text))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cxr-reader")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["analyze", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
