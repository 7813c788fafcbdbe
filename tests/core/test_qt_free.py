"""cxr_viewer.core must import with Qt made unimportable: it is the part CLIs and workers use without a GUI."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_every_core_module_imports_without_pyside6_or_pyqtgraph():
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6"):
                    raise ImportError(f"{name} is blocked in this test")
                return None

        sys.meta_path.insert(0, BlockQt())
        import cxr_viewer.core as core
        names = [m.name for m in pkgutil.iter_modules(core.__path__, "cxr_viewer.core.")]
        for name in names:
            importlib.import_module(name)
        assert not any(m.split(".")[0] in ("PySide6", "pyqtgraph") for m in sys.modules)
        print(len(names))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 12
