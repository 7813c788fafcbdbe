"""The PACS settings file: our own AE, the remote nodes we talk to, and who may send to us.

Settings are user configuration (not data), so they live as JSON in the platform's user config folder;
``CXR_VIEWER_CONFIG_DIR`` overrides that folder so tests and portable installs never touch the real one.
Writes go through a temporary file and ``os.replace`` so a crash never leaves half a settings file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

from cxr_viewer.index.paths import APP_NAME, data_dir
from cxr_viewer.net.nodes import DicomNode, validate_ae_title

CONFIG_DIR_ENV = "CXR_VIEWER_CONFIG_DIR"
CONFIG_FILE_NAME = "pacs.json"
DEFAULT_AE_TITLE = "CXRVIEWER"
DEFAULT_SCP_PORT = 11112


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_store_dir() -> Path:
    """Received instances are user data, kept beside the study index."""
    return data_dir() / "received"


@dataclass
class PacsSettings:
    """Everything the networking code needs to know about this workstation and its peers."""

    ae_title: str = DEFAULT_AE_TITLE
    scp_port: int = DEFAULT_SCP_PORT
    scp_bind_address: str = "0.0.0.0"
    allowed_calling_aes: list[str] = field(default_factory=list)
    store_dir: str = ""
    nodes: dict[str, DicomNode] = field(default_factory=dict)

    def resolved_store_dir(self) -> Path:
        return Path(self.store_dir).expanduser() if self.store_dir else default_store_dir()

    def node(self, name: str) -> DicomNode:
        try:
            return self.nodes[name]
        except KeyError:
            known = (f"known: {', '.join(sorted(self.nodes))}" if self.nodes else "none is configured yet: add one with "
                     "`cxr-pacs nodes add NAME --ae-title AE --host HOST --port PORT`, or in the viewer's PACS window")
            raise KeyError(f"unknown PACS node {name!r} ({known})") from None

    def to_json(self) -> dict:
        data = asdict(self)
        data["nodes"] = {name: asdict(node) for name, node in self.nodes.items()}
        return data

    @classmethod
    def from_json(cls, data: dict, source: Path) -> "PacsSettings":
        try:
            nodes = {name: DicomNode(**fields) for name, fields in data.get("nodes", {}).items()}
            settings = cls(**{**data, "nodes": nodes})
            validate_ae_title(settings.ae_title)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{source}: invalid PACS settings: {exc}") from exc
        return settings


def settings_path() -> Path:
    return config_dir() / CONFIG_FILE_NAME


def load_settings(path: Path | None = None) -> PacsSettings:
    """Defaults when no file exists yet; a clear error naming the file when it is unreadable."""
    path = path or settings_path()
    if not path.exists():
        return PacsSettings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read PACS settings: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: PACS settings must be a JSON object")
    return PacsSettings.from_json(data, path)


def save_settings(settings: PacsSettings, path: Path | None = None) -> Path:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pacs-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings.to_json(), handle, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
