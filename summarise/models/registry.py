"""The model registry (models/registry.toml) and model resolution: a name becomes a local folder or a
one-line ModelUnavailable that says what was looked for, where, and how to get it.

A name is either a local folder of save_pretrained files or a hub id. A hub id is looked up, in order,
in the pull folder (`summarise models pull`), then in the Hugging Face cache (HF_HUB_CACHE / HF_HOME),
and only then downloaded, unless HF_HUB_OFFLINE is set. Environment variables are read at call time,
never at import time, so a changed HF_HOME is honoured.
"""

from __future__ import annotations

import json
import os
import re
import socket
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlparse

from summarise.errors import ConfigError, ModelUnavailable, error_line
from summarise.files import read_json_dict

ROLES = ("summariser", "translator")
CHECKOUT_REGISTRY = Path(__file__).resolve().parents[2] / "models" / "registry.toml"
PULL_MARKER = "summarise-model.json"  # written into each pulled folder: hub id, revision, role
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
# A hub id names its owner: "org/name", ASCII, each part opening with a letter or digit. Bare legacy names
# ("gpt2") now live under an organisation on the hub, and a bare word is far more often a mistyped folder.
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}", re.ASCII)
_PROBE_TIMEOUT_S = 3.0


def is_hub_id(name: str) -> bool:
    """True when `name` has the shape of a Hugging Face hub id ("org/name"), not of a folder path."""
    return _HUB_ID.fullmatch(name) is not None and ".." not in name and "--" not in name


@dataclass(frozen=True)
class ModelEntry:
    """One role's default model as the registry names it."""

    role: str
    hub_id: str
    revision: str
    licence: str
    size: str
    architecture: str = ""
    allow_patterns: tuple[str, ...] = ()
    window: int = 512
    generation: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def folder_name(self) -> str:
        """The folder `models pull` writes this model to: 'org--name', as in the HF cache."""
        return self.hub_id.replace("/", "--")


@dataclass(frozen=True)
class Registry:
    """All registry entries, by role, and the file they came from."""

    entries: Mapping[str, ModelEntry]
    path: str

    def entry(self, role: str) -> ModelEntry:
        """The entry for `role`; ConfigError if the registry has none."""
        if role not in self.entries:
            raise ConfigError(f"model registry {self.path} has no {role!r}; roles: {', '.join(self.entries)}")
        return self.entries[role]

    def by_hub_id(self, hub_id: str) -> ModelEntry | None:
        """The entry whose hub id is `hub_id`, if any."""
        return next((e for e in self.entries.values() if e.hub_id == hub_id), None)


@dataclass(frozen=True)
class ResolvedModel:
    """A model found on disk, ready for from_pretrained(path)."""

    role: str
    name: str  # what was asked for: a folder or a hub id
    path: Path
    source: str  # "folder" | "pulled" | "hf-cache" | "downloaded"
    hub_id: str | None = None
    revision: str | None = None
    entry: ModelEntry | None = None

    @property
    def generation_defaults(self) -> dict[str, Any]:
        """Registry generate() defaults when this is a registry model, else none (use the model's own)."""
        return dict(self.entry.generation) if self.entry else {}

    @property
    def window(self) -> int | None:
        """The registry's input window in tokens, when known."""
        return self.entry.window if self.entry else None


def registry_path() -> Path:
    """The registry file shipped in the package.

    There is one registry: in a checkout summarise/data/registry.toml is a link to models/registry.toml
    (as summarise/builtin_prompts is to prompts/), and a wheel carries the file itself.
    """
    packaged = Path(str(resources.files("summarise.models").joinpath("data", "registry.toml")))
    if packaged.is_symlink() or not CHECKOUT_REGISTRY.is_file():
        return packaged
    return CHECKOUT_REGISTRY  # a checkout where the link did not survive (git on Windows without symlinks)


def load_registry(path: str | Path | None = None) -> Registry:
    """Read and validate the registry (the default file when `path` is None)."""
    return _load_registry(str(path or registry_path()))


@lru_cache(maxsize=8)
def _load_registry(path: str) -> Registry:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read model registry {path}: {error}") from None
    entries: dict[str, ModelEntry] = {}
    for role, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"model registry {path}: [{role}] must be a table")
        missing = [k for k in ("hub_id", "revision", "licence", "size") if k not in table]
        if missing:
            raise ConfigError(f"model registry {path}: [{role}] lacks {', '.join(missing)}")
        entries[role] = ModelEntry(
            role=role,
            hub_id=str(table["hub_id"]),
            revision=str(table["revision"]),
            licence=str(table["licence"]),
            size=str(table["size"]),
            architecture=str(table.get("architecture", "")),
            allow_patterns=tuple(table.get("allow_patterns", ())),
            window=int(table.get("window", 512)),
            generation=MappingProxyType(dict(table.get("generation", {}))),
        )
    return Registry(entries=MappingProxyType(entries), path=path)


def default_model(role: str) -> ModelEntry:
    """The registry's default model for `role` ("summariser" or "translator")."""
    return load_registry().entry(role)


def hub_offline() -> bool:
    """True when HF_HUB_OFFLINE asks for no network at all."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache, resolved as huggingface_hub does, but at call time."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser()
    return cache / "huggingface" / "hub"


def hub_endpoint() -> str:
    """The hub URL (HF_ENDPOINT, else huggingface.co)."""
    return os.environ.get("HF_ENDPOINT", "").rstrip("/") or "https://huggingface.co"


def models_dir() -> Path:
    """Where `models pull` puts models: SUMMARISE_MODELS_DIR, else the checkout's models/, else a user cache."""
    if os.environ.get("SUMMARISE_MODELS_DIR"):
        return Path(os.environ["SUMMARISE_MODELS_DIR"]).expanduser()
    if CHECKOUT_REGISTRY.is_file():
        return CHECKOUT_REGISTRY.parent
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser()
    return cache / "summarise" / "models"


def is_model_folder(path: Path) -> bool:
    """True when `path` holds save_pretrained files (a config and weights)."""
    return (path / "config.json").is_file() and any((path / name).is_file() for name in WEIGHT_FILES)


def resolve_model(name: str | None, role: str) -> ResolvedModel:
    """Find the model `name` (None: the registry default for `role`) on disk, downloading it if allowed."""
    if role not in ROLES:
        raise ConfigError(f"unknown model role {role!r}; choose one of {', '.join(ROLES)}")
    registry = load_registry()
    name = name or registry.entry(role).hub_id
    local = Path(name).expanduser()
    if local.exists():
        return _resolve_folder(local, name, role, registry)
    if not is_hub_id(name):
        raise ModelUnavailable(
            f"{role} folder '{name}' does not exist; pass --{role} DIR holding save_pretrained files, "
            f"or a hub id such as '{registry.entry(role).hub_id}'"
        )
    entry = registry.by_hub_id(name)
    found = find_local(name, role, entry)
    if found is not None:
        return found
    return _download(name, role, entry)


def find_local(hub_id: str, role: str, entry: ModelEntry | None = None) -> ResolvedModel | None:
    """The hub model `hub_id` if a copy is already on disk (pull folder or HF cache); never downloads."""
    pulled = models_dir() / hub_id.replace("/", "--")
    marker = read_json_dict(pulled / PULL_MARKER)
    # The marker is written after the download finishes, so an interrupted pull is not mistaken for one.
    if marker and is_model_folder(pulled):
        return ResolvedModel(role, hub_id, pulled, "pulled", hub_id, marker.get("revision"), entry)
    for revision in _revisions_to_try(entry):
        snapshot = _cached_snapshot(hub_id, revision)
        if snapshot is not None:
            return ResolvedModel(role, hub_id, snapshot, "hf-cache", hub_id, snapshot.name, entry)
    return None


def places_looked(hub_id: str) -> list[str]:
    """The folders a hub id is looked for in, for messages."""
    return [str(models_dir() / hub_id.replace("/", "--")), str(hub_cache_dir())]


def pull(entry: ModelEntry, to: Path | None = None) -> Path:
    """Download `entry` at its pinned revision into `to`/org--name (default: models_dir()); return the folder."""
    target = (to or models_dir()) / entry.folder_name
    if hub_offline():
        raise ModelUnavailable(
            f"cannot pull {entry.role} '{entry.hub_id}': HF_HUB_OFFLINE is set; "
            "unset it on a connected machine and run 'summarise models pull' again"
        )
    reason = _unreachable_reason(hub_endpoint())
    if reason:
        raise ModelUnavailable(
            f"cannot pull {entry.role} '{entry.hub_id}': the hub {hub_endpoint()} cannot be reached ({reason}); "
            "run 'summarise models pull' on a connected machine and copy the folder here"
        )
    # Until the new download completes, the folder is not a finished pull (see find_local).
    (target / PULL_MARKER).unlink(missing_ok=True)
    _snapshot(entry.hub_id, entry.revision, entry,
              lambda reason: f"cannot pull {entry.role} '{entry.hub_id}' at {entry.revision[:12]} into {target}: "
                             f"{reason}",
              local_dir=target)
    (target / PULL_MARKER).write_text(
        json.dumps({"hub_id": entry.hub_id, "revision": entry.revision, "role": entry.role}, indent=2),
        encoding="utf-8",
    )
    return target


def _snapshot(
    hub_id: str, revision: str | None, entry: ModelEntry | None, failure: Callable[[str], str], **where: Any
) -> Path:
    """huggingface_hub's snapshot_download at this project's endpoint and timeout, into `where`
    (local_dir= or cache_dir=); any hub or I/O failure becomes ModelUnavailable(failure(reason))."""
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(
            hub_id, revision=revision, allow_patterns=(list(entry.allow_patterns) or None) if entry else None,
            endpoint=hub_endpoint(), etag_timeout=_PROBE_TIMEOUT_S, **where,
        ))
    except Exception as error:  # noqa: BLE001 - any hub/IO failure becomes one actionable line
        raise ModelUnavailable(failure(error_line(error))) from None


def _resolve_folder(path: Path, name: str, role: str, registry: Registry) -> ResolvedModel:
    if not path.is_dir():
        raise ModelUnavailable(f"{role} '{name}' is a file, not a folder of save_pretrained files")
    if not is_model_folder(path):
        raise ModelUnavailable(
            f"{role} folder '{name}' holds no model (needs config.json and model weights); "
            f"pass a folder written by save_pretrained or 'summarise models pull'"
        )
    # A folder written by `models pull` keeps its registry identity, so it gets the registry's defaults.
    marker = read_json_dict(path / PULL_MARKER)
    hub_id = marker.get("hub_id")
    entry = registry.by_hub_id(hub_id) if hub_id else None
    return ResolvedModel(role, name, path, "folder", hub_id, marker.get("revision"), entry)




def _revisions_to_try(entry: ModelEntry | None) -> list[str]:
    # The pinned revision first; a copy of main that transformers cached itself is still usable.
    return [entry.revision, "main"] if entry else ["main"]


def _cached_snapshot(hub_id: str, revision: str) -> Path | None:
    cache = hub_cache_dir()
    if not cache.is_dir():
        return None
    from huggingface_hub import snapshot_download

    try:
        found = Path(snapshot_download(hub_id, revision=revision, cache_dir=cache, local_files_only=True))
    except Exception:  # noqa: BLE001 - "not cached" comes in several exception types
        return None
    return found if is_model_folder(found) else None


def locate_hub_model(hub_id: str, role: str, remedy: str) -> Path:
    """The local folder of any hub model (not only the registry's): on disk already, or downloaded when
    the hub is reachable; else one ModelUnavailable line ending in `remedy`, quickly (no minute of retries)."""
    found = find_local(hub_id, role)
    if found is not None:
        return found.path
    return _download(hub_id, role, None, remedy=remedy).path


def _download(hub_id: str, role: str, entry: ModelEntry | None, *, remedy: str | None = None) -> ResolvedModel:
    looked = places_looked(hub_id)
    remedy = remedy or f"run 'summarise models pull' on a connected machine or pass --{role} DIR"
    if hub_offline():
        raise ModelUnavailable(
            f"{role} '{hub_id}' is not available offline: looked in {', '.join(looked)}; {remedy}"
        )
    reason = _unreachable_reason(hub_endpoint())
    if reason:
        # Checked first: huggingface_hub would retry for most of a minute before giving up.
        raise ModelUnavailable(
            f"{role} '{hub_id}' is not available: no local copy in {', '.join(looked)} and the hub "
            f"{hub_endpoint()} cannot be reached ({reason}); {remedy}"
        )
    path = _snapshot(hub_id, entry.revision if entry else None, entry,
                     lambda reason: f"{role} '{hub_id}' could not be downloaded ({reason}); looked in "
                                    f"{', '.join(looked)}; {remedy}",
                     cache_dir=hub_cache_dir())
    if not is_model_folder(path):
        raise ModelUnavailable(f"{role} '{hub_id}' was downloaded to {path} but holds no model weights")
    return ResolvedModel(role, hub_id, path, "downloaded", hub_id, path.name, entry)


def _unreachable_reason(endpoint: str) -> str | None:
    """Why a TCP connection to the hub (or the HTTPS proxy) fails within seconds; None when it works."""
    proxy = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy")
    url = urlparse(proxy if proxy and endpoint.startswith("https") else endpoint)
    host = url.hostname or ""
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=_PROBE_TIMEOUT_S):
            return None
    except OSError as error:
        return error.strerror or type(error).__name__


