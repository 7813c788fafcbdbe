"""``cxr-pacs`` as a real process for the Ctrl+C tests: its own config folder, signals, and its TCP state.

The command runs as ``python -m cxr_viewer.net.cli`` with the interpreter running the tests, so a worktree's
``PYTHONPATH`` decides which code it runs. Whether it is inside a TCP connect or holds an open connection is read
from the kernel (``/proc/net/tcp``) rather than guessed from a sleep.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cxr_viewer.net.nodes import DicomNode
from tests.pacs.conftest import OUR_AE

SYN_SENT, ESTABLISHED = "02", "01"
SIGNAL_BOUND_S = 10.0  # generous: the connect timeout is 300 s, the network timeout 30 s
CANCELLED = "cxr-pacs: cancelled"


def write_config(folder: Path, node: DicomNode, scp_port: int = 11112) -> dict[str, str]:
    """A config folder naming ``node`` as "pacs" (with a 300 s connect timeout); the environment that uses it."""
    config = folder / "config"
    config.mkdir(parents=True, exist_ok=True)
    settings = {"ae_title": OUR_AE, "scp_port": scp_port, "scp_bind_address": "127.0.0.1",
                "nodes": {"pacs": {"ae_title": node.ae_title, "host": node.host, "port": node.port,
                                   "dicomweb_url": "", "connect_timeout_s": 300.0}}}
    (config / "pacs.json").write_text(json.dumps(settings))
    return {**os.environ, "CXR_VIEWER_CONFIG_DIR": str(config), "CXR_VIEWER_DATA_DIR": str(folder / "data")}


def start(env: dict[str, str], *argv: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cxr_viewer.net.cli", *argv], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def tcp_states(port: int) -> set[str]:
    """States of this namespace's IPv4 sockets whose remote end is ``port`` (the client side of a connection)."""
    states = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[2].rsplit(":", 1)[1], 16) == port:
            states.add(fields[3])
    return states


def wait_until(condition, process: subprocess.Popen, what: str, limit_s: float = 30.0) -> None:
    """Poll ``condition()`` while the process is still running; fail if it ended or the limit passed."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"cxr-pacs ended before {what}: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"cxr-pacs never reached {what}: {process.communicate()}")
        time.sleep(0.05)


def interrupt(process: subprocess.Popen, signum: int = signal.SIGINT) -> tuple[int, str, str]:
    """Send ``signum`` to the running process; its exit status, stdout and stderr once it has ended."""
    assert process.poll() is None, "cxr-pacs had already ended"
    process.send_signal(signum)
    try:
        out, err = process.communicate(timeout=SIGNAL_BOUND_S)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"cxr-pacs still running {SIGNAL_BOUND_S:g} s after signal {signum}: {err[-2000:]}")
    return process.returncode, out, err


def assert_cancelled(outcome: tuple[int, str, str], status: int = 130) -> None:
    code, _out, err = outcome
    assert "Traceback" not in err, err
    assert err.strip().splitlines()[-1:] == [CANCELLED], err
    assert code == status, (code, err)
