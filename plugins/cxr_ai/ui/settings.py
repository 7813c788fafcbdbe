"""The plugin's persisted settings (``host.settings("cxr_ai")``), read fresh each time so edits apply at once (Qt-free).

``models_dir`` and ``device`` choose the models; ``operating_point`` (sens or spec) is what the findings dock
shows; ``auto_run`` runs detection when an opened image has no cached result (off by default: it costs seconds
per image on a CPU); ``dicom_folder`` is where "Save findings as DICOM SR/SEG…" last wrote; ``cache_limit_mb`` caps
the result cache (read when the models are first loaded: a change applies at the next start).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cxr_ai.engine.cache import DEFAULT_LIMIT_MB
from cxr_ai.engine.model_set import default_models_dir
from cxr_ai.ui.worker_data import ModelChoice
from cxr_viewer.plugin_api import ViewerHost

OPERATING_POINTS = {"sens": "High sensitivity (sens)", "spec": "High specificity (spec)"}  # what the dock offers


class AiSettings:
    def __init__(self, host: ViewerHost, plugin_id: str) -> None:
        self._host = host
        self._plugin_id = plugin_id

    def _values(self) -> dict[str, Any]:
        return self._host.settings(self._plugin_id)

    def save(self, key: str, value: Any) -> None:
        self._host.save_settings(self._plugin_id, self._values() | {key: value})

    @property
    def manifest(self) -> Path:
        configured = self._values().get("models_dir")
        return (Path(configured) if configured else default_models_dir()) / "manifest.json"

    @property
    def choice(self) -> ModelChoice:
        return ModelChoice(self.manifest.parent, self._values().get("device", "auto"), self.cache_limit_mb)

    @property
    def cache_limit_mb(self) -> float:
        """The configured cap, or the default when it is missing or no positive number (a hand-edited file)."""
        configured = self._values().get("cache_limit_mb", DEFAULT_LIMIT_MB)
        valid = isinstance(configured, int | float) and not isinstance(configured, bool) and 0 < configured < 1e9
        return float(configured) if valid else DEFAULT_LIMIT_MB

    @property
    def operating_point(self) -> str:
        chosen = self._values().get("operating_point", "sens")
        return chosen if chosen in OPERATING_POINTS else "sens"

    @property
    def dicom_folder(self) -> str:
        """The folder the findings were last saved to as DICOM (the folder dialog opens there), "" before."""
        return str(self._values().get("dicom_folder", ""))

    @property
    def auto_run(self) -> bool:
        return bool(self._values().get("auto_run", False))
