"""The engine, CLI and DICOM export never load Qt (the CLI must run on a server without a display stack)."""

from __future__ import annotations

import subprocess
import sys


def test_headless_modules_do_not_import_qt() -> None:
    code = (
        "import sys, cxr_ai.engine, cxr_ai.cli, cxr_ai.dicom.export, cxr_ai.layers;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'cxr_viewer.gui'))))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert completed.stdout.strip() == "[]"
