"""Install test plugins the way a user's plugins are installed: a distribution whose entry points name them.

A dist-info folder on ``sys.path`` is what ``importlib.metadata`` reads for an installed package, so the viewer
finds these plugins through the same ``cxr_viewer.plugins`` entry-point group as the shipped ones, with no mocks.
"""

from __future__ import annotations

from pathlib import Path


def write_plugin_dist(site: Path, dist: str, entry_points: str) -> Path:
    """Write ``site/<dist>-0.1.dist-info`` declaring ``entry_points`` (``name = module:Class`` lines) in the
    viewer's plugin group; returns ``site``, the folder to put on ``sys.path`` (or ``PYTHONPATH`` for a child)."""
    info = site / f"{dist}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist.replace('_', '-')}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[cxr_viewer.plugins]\n" + entry_points)
    return site


def install_plugins(tmp_path: Path, monkeypatch, dist: str, entry_points: str) -> None:
    """Install the plugins for this test only (``monkeypatch`` takes the folder off ``sys.path`` afterwards)."""
    monkeypatch.syspath_prepend(str(write_plugin_dist(tmp_path / "site", dist, entry_points)))
