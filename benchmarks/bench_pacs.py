"""Throughput of our storage SCP against DCMTK's storescp, the baseline, measured in the same run.

1. Receive: ``storescu`` sends N CR instances in one association to our SCP, then to ``storescp``.
2. C-MOVE: Orthanc (private instance) moves the same study to our SCP, then to ``storescp``.
Orthanc listens on every interface, so the whole benchmark re-executes itself inside a loopback-only network
namespace (``unshare -n``, root). Index writing is off, as storescp does no indexing either.
DCMTK leaves Nagle's algorithm on unless ``TCP_NODELAY=1`` is in its environment, which costs it about 40 ms
per instance (delayed ACKs); the baseline therefore runs every DCMTK program (storescu, storescp, and
Orthanc, which uses DCMTK's network layer) with ``TCP_NODELAY=1``, its fastest setting, and reports
storescp with DCMTK's default setting separately for reference.
The last line of output is JSON; ``receive_ratio_vs_storescp`` > 1 means we are faster than storescp.

    sudo .venv/bin/python benchmarks/bench_pacs.py --count 200 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pydicom  # noqa: E402
from pydicom.uid import generate_uid  # noqa: E402

from cxr_viewer.net.retrieve import move  # noqa: E402
from cxr_viewer.net.scp import StorageSCP  # noqa: E402
from cxr_viewer.net.send import send_files  # noqa: E402
from tests.pacs.conftest import ORTHANC_AE, OUR_AE, Orthanc, free_port, in_private_netns, write_cr  # noqa: E402

BASELINE_AE = "STORESCP"
SENDER_AE = "BENCHSCU"


def _wait_listening(port: int, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


class Storescp:
    """DCMTK's storescp writing into a folder; the baseline receiver."""

    def __init__(self, folder: Path, port: int, nodelay: bool = True) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "TCP_NODELAY": "1" if nodelay else "0"}
        self.process = subprocess.Popen(["storescp", "-aet", BASELINE_AE, "-od", str(folder), str(port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _wait_listening(port)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _storescu(files: list[Path], called_ae: str, port: int) -> float:
    start = time.perf_counter()
    subprocess.run(["storescu", "-aet", SENDER_AE, "-aec", called_ae, "127.0.0.1", str(port), *map(str, files)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _count(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def bench_receive(files: list[Path], root: Path, repeats: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"ours": [], "storescp": [], "storescp_default": []}
    for run in range(repeats):
        port = free_port()
        with StorageSCP(root / f"ours{run}", OUR_AE, port, [SENDER_AE, ORTHANC_AE]) as scp:
            times["ours"].append(_storescu(files, OUR_AE, port))
        assert len(scp.received.stored) == len(files), "our SCP lost instances"
        for name, nodelay in (("storescp", True), ("storescp_default", False)):
            port, folder = free_port(), root / f"{name}{run}"
            storescp = Storescp(folder, port, nodelay)
            try:
                times[name].append(_storescu(files, BASELINE_AE, port))
            finally:
                storescp.stop()
            assert _count(folder) == len(files), f"{name} lost instances"
    return times


def bench_move(files: list[Path], root: Path, repeats: int) -> tuple[list[float], list[float]]:
    our_port, base_port = free_port(), free_port()
    orthanc = Orthanc(root / "orthanc", our_port, {"base": [BASELINE_AE, "127.0.0.1", base_port]})
    (root / "orthanc").mkdir()
    orthanc.start()
    ours, baseline = [], []
    try:
        assert send_files(OUR_AE, orthanc.node, files).ok
        study_uid = str(pydicom.dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
        for run in range(repeats):
            with StorageSCP(root / f"moved{run}", OUR_AE, our_port, [ORTHANC_AE]) as scp:
                start = time.perf_counter()
                assert move(OUR_AE, orthanc.node, study_uid, OUR_AE, timeout_s=120).completed == len(files)
                ours.append(time.perf_counter() - start)
            assert len(scp.received.stored) == len(files)
            storescp = Storescp(root / f"basemoved{run}", base_port)
            try:
                start = time.perf_counter()
                assert move(OUR_AE, orthanc.node, study_uid, BASELINE_AE, timeout_s=120).completed == len(files)
                baseline.append(time.perf_counter() - start)
            finally:
                storescp.stop()
    finally:
        orthanc.stop()
    return ours, baseline


def run(count: int, size: int, repeats: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-pacs-") as tmp:
        root = Path(tmp)
        (root / "src").mkdir()
        study, series = generate_uid(), generate_uid()
        files = [write_cr(root / "src", study, series, i, {"name": "Bench^Mark", "id": "BENCH"}, size)
                 for i in range(count)]
        received = bench_receive(files, root, repeats)
        move_ours, move_base = bench_move(files, root, repeats)
    rate = lambda seconds: count / statistics.median(seconds)  # noqa: E731
    return {
        "instances": count, "image_size": f"{size}x{size}x16bit", "repeats": repeats, "dcmtk_tcp_nodelay": 1,
        "our_scp_receive_per_s": round(rate(received["ours"]), 1),
        "storescp_receive_per_s": round(rate(received["storescp"]), 1),
        "storescp_default_nagle_receive_per_s": round(rate(received["storescp_default"]), 1),
        "receive_ratio_vs_storescp": round(rate(received["ours"]) / rate(received["storescp"]), 3),
        "our_scp_move_per_s": round(rate(move_ours), 1), "storescp_move_per_s": round(rate(move_base), 1),
        "move_ratio_vs_storescp": round(rate(move_ours) / rate(move_base), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--size", type=int, default=512, help="image side in pixels")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for tool in ("storescu", "storescp", "Orthanc"):
        if shutil.which(tool) is None:
            sys.exit(f"bench_pacs: {tool} is not installed (apt-get install dcmtk orthanc orthanc-dicomweb)")
    os.environ["TCP_NODELAY"] = "1"  # for storescu, Orthanc and the baseline storescp (see module docstring)
    if not in_private_netns():
        if os.geteuid() != 0 or shutil.which("unshare") is None:
            sys.exit("bench_pacs: needs root and unshare to run Orthanc in a loopback-only network namespace")
        inner = 'ip link set lo up && exec "$0" "$@"'
        return subprocess.call(["unshare", "-n", "sh", "-c", inner, sys.executable, *sys.argv])
    print(json.dumps(run(args.count, args.size, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
