"""cxr-ai: nodule detection, lung masks and bone suppression from the command line (research use only).

Exit codes: 0 success; 1 some inputs could not be read (the others are processed and the reasons reported), or
the cache command could not read the cache file; 2 no models installed (the manifest path is named) or a usage
error (an output folder that cannot be written included); 3 models refused (hash, preprocessing) or device
unavailable; 4 detect's results file could not be written (a full disk: the batch stops, the file keeps its last
whole version); 130 stopped by Ctrl+C or SIGTERM (detect writes the results of the images finished, lungs and
bones keep the maps written; while the models load, nothing is written).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from collections.abc import Callable

from cxr_viewer.closed_pipe import quiet_when_reader_closes
from model_training.interrupts import RunInterrupted, sigterm_as_interrupt

from cxr_ai.cache_command import add_cache_command, run_cache_command
from cxr_ai.cli_checks import cache_limit_mb, check_outputs, pixel_spacing
from cxr_ai.commands import run_detect
from cxr_ai.engine.cache import DEFAULT_LIMIT_MB, ResultCache
from cxr_ai.engine.engine import Engine
from cxr_ai.engine.errors import AiError, DetectorNotInstalledError, ManifestError, ModelsNotInstalledError
from cxr_ai.engine.maps import MapPipeline
from cxr_ai.engine.model_set import MODELS_DIR_ENV, default_models_dir
from cxr_ai.engine.providers import DEVICES
from cxr_ai.engine.standalone import StandaloneModel
from cxr_ai.maps_command import write_maps
from cxr_ai.readable import Errors
from cxr_ai.results_file import ResultsNotWritten

EXIT_OK, EXIT_INPUT, EXIT_NO_MODELS, EXIT_REFUSED, EXIT_NO_RESULTS, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def _warn(text: str) -> None:
    print(f"cxr-ai: warning: {text}", file=sys.stderr)


# lungs/bones take from the spacing only the pixels' aspect (EngineInput.pixel_aspect); detect also its mm
SPACING_HELP = {
    "detect": "override pixel spacing (0.02 to 5 mm)",
    "maps": "take the pixels as square, ignoring a non-square spacing or Pixel Aspect Ratio in the file (otherwise "
            "the model sees the film resampled to square pixels); the value (0.02 to 5 mm) changes nothing, as the "
            "map is at the input size",
}


def _common(parser: argparse.ArgumentParser, spacing_help: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="DICOM, PNG or JPEG files, or folders of them")
    parser.add_argument("--device", choices=DEVICES, default="auto", help="ONNX Runtime device (default: auto)")
    parser.add_argument("--models", type=Path, default=None, metavar="DIR",
                        help=f"model folder with manifest.json (default: ${MODELS_DIR_ENV} or resources/models)")
    parser.add_argument("--pixel-spacing", type=pixel_spacing, default=None, metavar="MM", help=spacing_help)


def build_parser() -> argparse.ArgumentParser:
    summary, _, exit_codes = __doc__.partition("\n\n")
    parser = argparse.ArgumentParser(prog="cxr-ai", description=summary, epilog=exit_codes.strip())
    commands = parser.add_subparsers(dest="command", required=True)
    detect = commands.add_parser("detect", help="find lung nodules; write a JSON report")
    _common(detect, SPACING_HELP["detect"])
    detect.add_argument("--out", type=Path, required=True, metavar="FILE", help="results JSON file")
    detect.add_argument("--operating-point", choices=("sens", "spec", "all"), default="sens",
                        help="sens / spec thresholds from the manifest, or all candidates above the floor (FROC)")
    detect.add_argument("--save-overlays", type=Path, default=None, metavar="DIR", help="write heat-map PNGs here")
    detect.add_argument("--dicom-out", type=Path, default=None, metavar="DIR",
                        help="for DICOM inputs, write an SR (TID 1500), a fractional SEG and, with findings, a "
                             "binary SEG per image here (none for PNG or JPEG inputs: their warnings say so)")
    detect.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    detect.add_argument("--cache-limit-mb", type=cache_limit_mb, default=DEFAULT_LIMIT_MB, metavar="MB",
                        help=f"evict the least recently used results past this size (default: {DEFAULT_LIMIT_MB:g})")
    for name, text in (("lungs", "lung masks (PNG 0/255)"), ("bones", "bone-suppressed images (8-bit PNG)")):
        command = commands.add_parser(name, help=f"write {text} at the input size")
        _common(command, SPACING_HELP["maps"])
        command.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    add_cache_command(commands)
    return parser


def _build(arguments: argparse.Namespace) -> tuple[Callable[[], Errors], str | None]:
    """The work to run and the device warning to print. lungs/bones load and run only the stages their map needs
    (never the detector ensemble), and fall back to the single model when the folder has no detector pipeline yet
    (the shipped lung and bone models can be checked on their own), bones also when the pipeline has no bone
    stage."""
    cache = None if getattr(arguments, "no_cache", True) else ResultCache(limit_mb=arguments.cache_limit_mb)
    if arguments.command == "detect":
        engine = Engine(arguments.models, device=arguments.device, cache=cache)
        return lambda: run_detect(engine, arguments), engine.choice.warning
    try:
        maps: MapPipeline | None = MapPipeline(arguments.models, arguments.command, arguments.device)
    except DetectorNotInstalledError:
        maps = None
    if maps is not None and maps.has_stage:
        make_map, warning = maps.image, maps.choice.warning
    else:  # no detector pipeline yet, or one without a bone stage: the model on its own
        single = StandaloneModel(arguments.models or default_models_dir(), arguments.command, arguments.device)
        make_map, warning = single.image, single.choice.warning
    return lambda: write_maps(make_map, arguments, _warn), warning


@quiet_when_reader_closes
def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "cache":
        return run_cache_command(arguments)
    check_outputs(parser, arguments)
    start = time.perf_counter()
    with sigterm_as_interrupt():  # from the start: loading a model set takes seconds, and was killed mid-way
        try:
            work, warning = _build(arguments)
        except KeyboardInterrupt:  # before any output exists
            print("cxr-ai: interrupted while the models were loading; nothing was written", file=sys.stderr)
            return EXIT_INTERRUPTED
        except ModelsNotInstalledError as error:
            print(f"cxr-ai: {error}", file=sys.stderr)
            return EXIT_NO_MODELS
        except (AiError, ManifestError) as error:
            print(f"cxr-ai: {error}", file=sys.stderr)
            return EXIT_REFUSED
        try:
            if warning:
                _warn(warning)
            errors = work()
        except ResultsNotWritten as error:
            print(f"cxr-ai: {error}", file=sys.stderr)
            return EXIT_NO_RESULTS
        except RunInterrupted as stop:
            print(f"cxr-ai: interrupted; the results of the images finished are in {stop.record_file}",
                  file=sys.stderr)
            return EXIT_INTERRUPTED
        except KeyboardInterrupt:  # detect: while its results file was written, which keeps its last whole version
            detect = arguments.command == "detect"
            kept = (f"; {arguments.out} holds the images finished by its last checkpoint" if detect
                    else f"; the maps written so far are in {arguments.out}")
            print(f"cxr-ai: interrupted{kept}", file=sys.stderr)
            return EXIT_INTERRUPTED
    for error in errors:
        print(f"cxr-ai: {error['path']}: {error['error']}", file=sys.stderr)
    print(f"cxr-ai: done in {time.perf_counter() - start:.1f} s ({len(errors)} input(s) failed)", file=sys.stderr)
    return EXIT_INPUT if errors else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
