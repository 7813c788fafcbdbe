"""``cxr-ai``: nodule detection, lung masks and bone suppression from the command line (research use only).

Exit codes: 0 success; 1 some inputs could not be read (the others are processed and the reasons reported);
2 no models installed (the manifest path is named); 3 models refused (hash, preprocessing) or device unavailable.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from collections.abc import Callable

from cxr_ai.commands import Errors, engine_map, run_detect, write_maps
from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.engine import Engine
from cxr_ai.engine.errors import AiError, DetectorNotInstalledError, ManifestError, ModelsNotInstalledError
from cxr_ai.engine.model_set import default_models_dir
from cxr_ai.engine.providers import DEVICES
from cxr_ai.engine.standalone import StandaloneModel

EXIT_OK, EXIT_INPUT, EXIT_NO_MODELS, EXIT_REFUSED = 0, 1, 2, 3


def _spacing(text: str) -> float:
    """A chest film's pixels are 0.1–0.2 mm; outside 0.02–5 mm a value is a typo, and 0, inf or nan broke every
    input or the JSON instead of being refused."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of mm") from None
    if not 0.02 <= value <= 5.0:
        raise argparse.ArgumentTypeError(f"{text} mm is not a plausible pixel spacing (0.02 to 5 mm)")
    return value


def _check_outputs(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    """Before any model runs: a results file that is a folder, or an output folder that is a file, used to end a
    whole batch with a traceback after every image had been processed."""
    if arguments.command == "detect" and arguments.out.is_dir():
        parser.error(f"--out {arguments.out} is a folder; give the results JSON file's path")
    folders = [("--out", arguments.out)] if arguments.command != "detect" else [
        ("--save-overlays", arguments.save_overlays), ("--dicom-out", arguments.dicom_out)]
    for option, folder in folders:
        if folder is not None and folder.exists() and not folder.is_dir():
            parser.error(f"{option} {folder} is a file; give a folder")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="DICOM, PNG or JPEG files, or folders of them")
    parser.add_argument("--device", choices=DEVICES, default="auto", help="ONNX Runtime device (default: auto)")
    parser.add_argument("--models", type=Path, default=None, metavar="DIR", help="model folder with manifest.json")
    parser.add_argument("--pixel-spacing", type=_spacing, default=None, metavar="MM",
                        help="override pixel spacing (0.02 to 5 mm)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxr-ai", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    detect = commands.add_parser("detect", help="find lung nodules; write a JSON report")
    _common(detect)
    detect.add_argument("--out", type=Path, required=True, help="results JSON file")
    detect.add_argument("--operating-point", choices=("sens", "spec", "all"), default="sens",
                        help="sens / spec thresholds from the manifest, or all candidates above the floor (FROC)")
    detect.add_argument("--save-overlays", type=Path, default=None, metavar="DIR", help="write heat-map PNGs here")
    detect.add_argument("--dicom-out", type=Path, default=None, metavar="DIR",
                        help="for DICOM inputs, write a TID 1500 SR and a SEG per image here")
    detect.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    for name, text in (("lungs", "lung masks (PNG 0/255)"), ("bones", "bone-suppressed images (8-bit PNG)")):
        command = commands.add_parser(name, help=f"write {text} at the input size")
        _common(command)
        command.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    return parser


def _build(arguments: argparse.Namespace) -> tuple[Callable[[], Errors], str | None]:
    """The work to run and the device warning to print. lungs/bones fall back to the single model when the
    folder has no detector yet (the shipped lung and bone models can be checked on their own), and bones also
    when the detector's pipeline has no bone stage."""
    cache = None if getattr(arguments, "no_cache", True) else ResultCache()
    if arguments.command == "detect":
        engine = Engine(arguments.models, device=arguments.device, cache=cache)
        return lambda: run_detect(engine, arguments), engine.choice.warning
    try:
        engine: Engine | None = Engine(arguments.models, device=arguments.device)
    except DetectorNotInstalledError:
        engine = None
    if engine is not None and (arguments.command == "lungs" or engine.spec.bone_model):
        make_map, warning = engine_map(engine, arguments.command), engine.choice.warning
    else:  # no detector yet, or a detector without a bone stage: the model on its own
        single = StandaloneModel(arguments.models or default_models_dir(), arguments.command, arguments.device)
        make_map, warning = single.image, single.choice.warning
    return lambda: write_maps(make_map, arguments), warning


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    _check_outputs(parser, arguments)
    start = time.perf_counter()
    try:
        work, warning = _build(arguments)
    except ModelsNotInstalledError as error:
        print(f"cxr-ai: {error}", file=sys.stderr)
        return EXIT_NO_MODELS
    except (AiError, ManifestError) as error:
        print(f"cxr-ai: {error}", file=sys.stderr)
        return EXIT_REFUSED
    if warning:
        print(f"cxr-ai: warning: {warning}", file=sys.stderr)
    errors = work()
    for error in errors:
        print(f"cxr-ai: {error['path']}: {error['error']}", file=sys.stderr)
    print(f"cxr-ai: done in {time.perf_counter() - start:.1f} s ({len(errors)} input(s) failed)", file=sys.stderr)
    return EXIT_INPUT if errors else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
