"""Study index import speed: ``cxr-index import`` of a synthetic tree against a bare pydicom header read of it.

Not a test (no pass/fail). A tree of small CR files (patient/study/series folders, a few patients) plus some
non-DICOM files (text notes, binary blobs, as found on shares) is written into a temporary folder; then, on the
same warm page cache and in the same run:

* baseline: list the tree (``os.walk``) and ``pydicom.dcmread(path, stop_before_pixels=True)`` every file, the
  least any indexer must do (a non-DICOM file costs it one failed read); pydicom converts values lazily, so a
  second baseline also looks at the values of the tags the index stores;
* ``cxr-index import`` of the tree into a fresh SQLite index (the command's code in this process, so without the
  interpreter's start-up): files/s and the ratio of its time to each baseline's (1.0 = no overhead);
* a re-import of the unchanged tree (the skip path: one stat and one indexed SELECT a file);
* ``cxr-index verify`` (a stat a file) and ``verify --thorough`` (re-reads every header);
* the header read split into its parts (``headers.read_record``: pydicom's read of the indexed tags, then
  ``truncation.truncation_problem``), to give the truncation check's share.

The best of ``--repeats`` runs (other work on the machine only adds time), baselines and import alternating,
in wall-clock and in CPU seconds (which other work barely moves). The last line printed is a JSON object.

    nice -n 19 .venv/bin/python benchmarks/bench_index.py [--files 2000] [--side 64] [--repeats 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pydicom
from pydicom.errors import InvalidDicomError
from pydicom.uid import generate_uid

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root, for the tests' DICOM writer
from cxr_viewer.index import cli  # noqa: E402
from cxr_viewer.index.header_read import INDEXED_TAGS  # noqa: E402
from cxr_viewer.index.headers import read_record  # noqa: E402
from cxr_viewer.index.truncation import truncation_problem  # noqa: E402
from tests.dicom_factory import make_cr  # noqa: E402

FILES_PER_SERIES = 10
SERIES_PER_STUDY = 2
STUDIES_PER_PATIENT = 5


def write_tree(root: Path, files: int, side: int) -> tuple[int, int]:
    """``files`` CRs as patient/study/series folders, a note per study and a blob per patient; (DICOM, other)."""
    per_patient = FILES_PER_SERIES * SERIES_PER_STUDY * STUDIES_PER_PATIENT
    written = others = 0
    for patient in range((files + per_patient - 1) // per_patient):
        patient_dir = root / f"P{patient:04d}"
        for study in range(STUDIES_PER_PATIENT):
            study_uid = generate_uid()
            study_dir = patient_dir / f"S{study:02d}"
            for series in range(SERIES_PER_STUDY):
                series_uid = generate_uid()
                for number in range(FILES_PER_SERIES):
                    if written == files:
                        break
                    make_cr(study_dir / f"SE{series}" / f"IM{number:04d}.dcm", rows=side, cols=side, seed=written,
                            PatientID=f"BENCH{patient:04d}", PatientName=f"Bench^{patient}",
                            StudyInstanceUID=study_uid, SeriesInstanceUID=series_uid,
                            SeriesNumber=series + 1, InstanceNumber=number + 1)
                    written += 1
            if study_dir.is_dir():
                (study_dir / "notes.txt").write_text(f"study {study} of patient {patient}\n" * 20)
                others += 1
        (patient_dir / "Thumbs.db").write_bytes(os.urandom(4096))
        others += 1
    return written, others


def baseline_read(root: Path, values: bool = False) -> int:
    """Walk the tree and read every file's header with plain pydicom; returns the number of DICOM files read.

    pydicom converts a value only when it is first looked at, so ``values`` also looks at the tags the index
    stores (``INDEXED_TAGS``): the least an indexer that keeps those fields must do.
    """
    read = 0
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            try:
                ds = pydicom.dcmread(os.path.join(folder, name), stop_before_pixels=True)
            except InvalidDicomError:
                continue
            read += 1
            for keyword in INDEXED_TAGS if values else ():
                str(ds.get(keyword, ""))
    return read


def run_cli(*argv: str) -> int:
    """``cxr-index ARGV`` in this process, its report swallowed (the non-DICOM files are each listed)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli.main(list(argv))


def timed(action: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of ``action()``, and its result.

    CPU time is the figure that other work on a shared machine barely moves (it only delays this process); wall
    time also holds what the CPU does not see (SQLite's fsync at each commit).
    """
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def header_split(paths: list[Path]) -> dict[str, float]:
    """CPU seconds in ``read_record`` for all ``paths``, and in its two parts timed apart
    (``header_read.read_indexed_tags``)."""
    record_s = dcmread_s = truncation_s = 0.0
    for path in paths:
        record_s += timed(lambda: read_record(path))[1]
        with path.open("rb") as fp:
            size = os.fstat(fp.fileno()).st_size
            _, seconds, ds = timed(lambda: pydicom.dcmread(fp, stop_before_pixels=True, specific_tags=INDEXED_TAGS))
            dcmread_s += seconds
            _, seconds, problem = timed(lambda: truncation_problem(fp, ds, size))
            truncation_s += seconds
        if problem is not None:
            raise SystemExit(f"bench_index: the truncation check refused a whole file: {path}: {problem}")
    return {"read_record_cpu_s": record_s, "dcmread_indexed_tags_cpu_s": dcmread_s, "truncation_check_cpu_s": truncation_s}


def machine() -> dict[str, object]:
    """Where the figures come from; the load average says how busy the machine was when the run started."""
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "pydicom": pydicom.__version__, "load_average_1min": round(os.getloadavg()[0], 2),
            "niceness": os.nice(0)}


def measure(root: Path, tree: Path, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of every run of each measurement; baselines and import alternate, each import into a
    fresh index, and the re-import and both verifies use the last one."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in (
        "baseline", "baseline_with_values", "import", "reimport", "verify", "verify_thorough")}
    dicom = sum(1 for _ in tree.rglob("*.dcm"))
    db = str(root / "index.sqlite")
    for attempt in range(repeats):
        wall, cpu, read = timed(lambda: baseline_read(tree))
        runs["baseline"].append((wall, cpu))
        runs["baseline_with_values"].append(timed(lambda: baseline_read(tree, values=True))[:2])
        db = str(root / f"index{attempt}.sqlite")
        runs["import"].append(timed(lambda: run_cli("--index", db, "import", "-q", str(tree)))[:2])
        if read != dicom or run_cli("--index", db, "verify") != cli.EXIT_OK:
            raise SystemExit(f"bench_index: the baseline read {read} of {dicom} DICOM files, or the index lost some")
    for _ in range(repeats):
        runs["reimport"].append(timed(lambda: run_cli("--index", db, "import", "-q", str(tree)))[:2])
        runs["verify"].append(timed(lambda: run_cli("--index", db, "verify"))[:2])
        runs["verify_thorough"].append(timed(lambda: run_cli("--index", db, "verify", "--thorough"))[:2])
    return runs


def run(root: Path, files: int, side: int, repeats: int) -> dict[str, object]:
    """Write the tree, measure, and sum up: the best run of each (other work only ever adds time)."""
    tree = root / "tree"
    write_s, _, (dicom, others) = timed(lambda: write_tree(tree, files, side))
    print(f"wrote {dicom} DICOM ({side}x{side}) and {others} other files in {write_s:.1f} s")
    baseline_read(tree)  # warm the page cache and pydicom's imports outside the timings
    runs = measure(root, tree, repeats)
    split = header_split(sorted(tree.rglob("*.dcm")))
    base_wall, base_cpu = (min(run[k] for run in runs["baseline"]) for k in (0, 1))
    result: dict[str, object] = {"dicom_files": dicom, "other_files": others, "image_side": side, "repeats": repeats}
    for name, times in runs.items():
        wall, cpu = (min(run[k] for run in times) for k in (0, 1))
        checked = dicom if name.startswith("verify") else dicom + others  # verify checks the indexed files only
        result[name] = {"s": round(wall, 3), "cpu_s": round(cpu, 3), "files_per_s": round(checked / wall),
                        "ratio_vs_baseline": round(wall / base_wall, 3), "cpu_ratio_vs_baseline": round(cpu / base_cpu, 3),
                        "all_runs_s": [round(run[0], 3) for run in times]}  # fmt: skip
    import_cpu = result["import"]["cpu_s"]
    values_cpu = result["baseline_with_values"]["cpu_s"]
    result.update({
        "import_files_per_s": result["import"]["files_per_s"],
        "import_ratio_vs_baseline": result["import"]["ratio_vs_baseline"],
        "import_cpu_ratio_vs_baseline": result["import"]["cpu_ratio_vs_baseline"],
        "import_cpu_ratio_vs_baseline_with_values": round(import_cpu / values_cpu, 3),
        **{name: round(value, 3) for name, value in split.items()},
        "truncation_share_of_read_record": round(split["truncation_check_cpu_s"] / split["read_record_cpu_s"], 3),
        "truncation_share_of_import": round(split["truncation_check_cpu_s"] / import_cpu, 3),
    })  # fmt: skip
    return result


def report(result: dict) -> None:
    labels = {"baseline": "baseline: walk + dcmread(stop_before_pixels)", "baseline_with_values":
              "baseline + the indexed tags' values", "import": "cxr-index import, fresh index", "reimport":
              "re-import, unchanged tree", "verify": "cxr-index verify", "verify_thorough": "verify --thorough"}
    print(f"{'':46s} {'wall s':>7s} {'files/s':>8s} {'ratio':>6s} {'CPU s':>7s} {'CPU ratio':>9s}")
    for name, label in labels.items():
        row = result[name]
        print(f"{label:46s} {row['s']:7.3f} {row['files_per_s']:8d} {row['ratio_vs_baseline']:6.2f} "
              f"{row['cpu_s']:7.3f} {row['cpu_ratio_vs_baseline']:9.2f}")
    print(f"import against the baseline with values (CPU): {result['import_cpu_ratio_vs_baseline_with_values']:.2f}")
    print(f"read_record over the DICOM files: {result['read_record_cpu_s']:.2f} CPU s, of which pydicom's read of the "
          f"indexed tags {result['dcmread_indexed_tags_cpu_s']:.2f} s and the truncation check "
          f"{result['truncation_check_cpu_s']:.3f} s ({100 * result['truncation_share_of_read_record']:.1f} % of "
          f"read_record, {100 * result['truncation_share_of_import']:.1f} % of the import)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="DICOM files in the tree (default 2000)")
    parser.add_argument("--side", type=int, default=64, help="image side in pixels (default 64)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each measurement, the best kept (default 3)")
    args = parser.parse_args(argv)
    where = machine()
    with tempfile.TemporaryDirectory(prefix="cxr-bench-index-") as tmp:
        result = run(Path(tmp), args.files, args.side, args.repeats)
    report(result)
    print(json.dumps({**result, "machine": where}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
