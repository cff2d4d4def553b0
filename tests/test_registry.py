"""The model registry and model resolution: local folders, pulled copies, the HF cache, and the one-line
ModelUnavailable errors (offline, unreachable hub, bad folders)."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from summarise.errors import ConfigError, ModelUnavailable
from summarise.models.registry import (
    PULL_MARKER,
    default_model,
    hub_cache_dir,
    load_registry,
    pull,
    resolve_model,
)

ROLES = ["summariser", "translator"]


@pytest.fixture
def models_dir(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """An empty pull folder, so a checkout's real pulled models never leak into these tests."""
    folder = tmp_path / "pulled"
    folder.mkdir()
    monkeypatch.setenv("SUMMARISE_MODELS_DIR", str(folder))
    return folder


@pytest.mark.parametrize(
    ("role", "hub_id", "licence"),
    [
        ("summariser", "csebuetnlp/mT5_multilingual_XLSum", "CC-BY-NC-SA-4.0"),
        ("translator", "Helsinki-NLP/opus-mt-zh-en", "CC-BY-4.0"),
    ],
)
def test_registry_names_each_default_with_a_pinned_revision(role, hub_id, licence):  # type: ignore[no-untyped-def]
    entry = default_model(role)
    assert (entry.role, entry.hub_id, entry.licence) == (role, hub_id, licence)
    assert re.fullmatch(r"[0-9a-f]{40}", entry.revision), "revisions are pinned commits, not branches"
    assert re.fullmatch(r"\d+(\.\d+)? (MB|GB)", entry.size)
    assert entry.window == 512
    # Pulls fetch one weights format and never the TF/Rust/Flax copies.
    assert not any(p.endswith((".h5", ".ot", ".msgpack")) for p in entry.allow_patterns)
    assert sum(p in ("model.safetensors", "pytorch_model.bin") for p in entry.allow_patterns) == 1


def test_summariser_generation_defaults_follow_the_model_card():  # type: ignore[no-untyped-def]
    generation = default_model("summariser").generation
    assert (generation["num_beams"], generation["no_repeat_ngram_size"], generation["max_new_tokens"]) == (
        4,
        2,
        84,
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[summariser\nhub_id=", "cannot read model registry"),
        ('[summariser]\nhub_id = "a/b"\n', "lacks revision, licence, size"),
        ('summariser = "a/b"\n', "must be a table"),
    ],
)
def test_a_broken_registry_is_a_config_error(tmp_path, content, message):  # type: ignore[no-untyped-def]
    path = tmp_path / "registry.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_registry(path)


def test_unknown_role_is_a_config_error():  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="unknown model role"):
        resolve_model(None, "painter")


@pytest.mark.parametrize("role", ROLES)
def test_a_local_folder_is_used_as_is(tiny_models, role):  # type: ignore[no-untyped-def]
    folder = getattr(tiny_models, role)
    resolved = resolve_model(str(folder), role)
    assert (resolved.path, resolved.source, resolved.entry) == (folder, "folder", None)
    assert resolved.generation_defaults == {}


@pytest.mark.parametrize("role", ROLES)
def test_the_default_offline_names_model_places_and_remedy(role, models_dir):  # type: ignore[no-untyped-def]
    hub_id = default_model(role).hub_id
    with pytest.raises(ModelUnavailable) as caught:
        resolve_model(None, role)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{role} '{hub_id}' is not available offline: looked in ")
    assert str(models_dir / hub_id.replace("/", "--")) in message
    # The test's private HF_HOME (tests/conftest.py), not ~/.cache: HF_HOME is honoured.
    assert hub_cache_dir() == Path(os.environ["HF_HOME"]) / "hub"
    assert str(hub_cache_dir()) in message
    assert f"run 'summarise models pull' on a connected machine or pass --{role} DIR" in message


def test_hf_home_is_honoured_at_call_time(monkeypatch, tmp_path, models_dir):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HF_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    with pytest.raises(ModelUnavailable, match=re.escape(str(tmp_path / "elsewhere" / "hub"))):
        resolve_model("Helsinki-NLP/opus-mt-zh-en", "translator")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda root: root / "missing", "does not exist"),
        (lambda root: _touch(root / "weights.bin"), "is a file"),
        (lambda root: _mkdir(root / "empty"), "holds no model"),
        (lambda root: _write(root / "config-only" / "config.json", "{}").parent, "holds no model"),
    ],
)
def test_bad_local_folders_get_one_line_each(tmp_path, make, expected):  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(ModelUnavailable, match=expected) as caught:
        resolve_model(str(path), "summariser")
    assert "\n" not in str(caught.value) and caught.value.exit_code == 3


def test_a_pulled_copy_is_found_with_its_revision(tiny_models, models_dir):  # type: ignore[no-untyped-def]
    entry = default_model("translator")
    folder = models_dir / entry.folder_name
    shutil.copytree(tiny_models.translator, folder)
    (folder / PULL_MARKER).write_text(json.dumps({"hub_id": entry.hub_id, "revision": entry.revision}))
    resolved = resolve_model(None, "translator")
    assert (resolved.path, resolved.source, resolved.revision) == (folder, "pulled", entry.revision)
    assert resolved.entry == entry and resolved.generation_defaults["num_beams"] == 4


def test_an_interrupted_pull_is_not_used(tiny_models, models_dir):  # type: ignore[no-untyped-def]
    # Weights and config on disk but no marker: the pull did not finish, so the folder is not trusted.
    shutil.copytree(tiny_models.translator, models_dir / default_model("translator").folder_name)
    with pytest.raises(ModelUnavailable, match="is not available offline"):
        resolve_model(None, "translator")


@pytest.mark.parametrize("revision_kind", ["pinned", "main"])
def test_a_copy_in_the_hf_cache_is_found(tiny_models, models_dir, revision_kind):  # type: ignore[no-untyped-def]
    entry = default_model("summariser")
    commit = entry.revision if revision_kind == "pinned" else "f" * 40
    repo = hub_cache_dir() / ("models--" + entry.hub_id.replace("/", "--"))
    if repo.exists():
        shutil.rmtree(repo)
    shutil.copytree(tiny_models.summariser, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    try:
        resolved = resolve_model(entry.hub_id, "summariser")
    finally:
        shutil.rmtree(repo)
    assert (resolved.source, resolved.revision) == ("hf-cache", commit)
    assert resolved.path == repo / "snapshots" / commit


@pytest.mark.parametrize("role", ROLES)
def test_unreachable_hub_fails_fast_with_one_line(role, monkeypatch, models_dir):  # type: ignore[no-untyped-def]
    # Online mode, but nothing listens at the endpoint: no minute of retries, one line, exit 3.
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    started = time.monotonic()
    with pytest.raises(ModelUnavailable) as caught:
        resolve_model(None, role)
    assert time.monotonic() - started < 5
    message = str(caught.value)
    assert "http://127.0.0.1:9 cannot be reached" in message and "\n" not in message
    assert f"--{role} DIR" in message


@pytest.mark.parametrize(
    ("offline", "expected"), [("1", "HF_HUB_OFFLINE is set"), (None, "cannot be reached")]
)
def test_pull_without_network_is_one_line(monkeypatch, tmp_path, offline, expected):  # type: ignore[no-untyped-def]
    if offline is None:
        monkeypatch.delenv("HF_HUB_OFFLINE")
        monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    with pytest.raises(ModelUnavailable, match=expected) as caught:
        pull(default_model("translator"), tmp_path)
    assert "\n" not in str(caught.value)
    assert not any(tmp_path.iterdir()), "a failed pull leaves nothing behind"


def _touch(path: Path) -> Path:
    path.write_bytes(b"\0")
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_offline_means_no_network_attempt_at_all(monkeypatch, models_dir):  # type: ignore[no-untyped-def]
    def no_network(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a network connection was attempted with HF_HUB_OFFLINE=1")

    monkeypatch.setattr("socket.create_connection", no_network)
    monkeypatch.setattr("socket.socket.connect", no_network)
    for role in ROLES:
        with pytest.raises(ModelUnavailable, match="is not available offline"):
            resolve_model(None, role)
    with pytest.raises(ModelUnavailable, match="HF_HUB_OFFLINE is set"):
        pull(default_model("summariser"), models_dir)
