"""`summarise models list|pull` through the real click group, offline."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.models.registry import PULL_MARKER, default_model


@pytest.fixture
def pulled(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("SUMMARISE_MODELS_DIR", str(folder))
    return folder


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_list_shows_each_role_with_revision_licence_size_and_missing_copy(pulled):  # type: ignore[no-untyped-def]
    result = invoke("models", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["ROLE", "MODEL", "REVISION", "LICENCE", "SIZE"]
    for role in ("summariser", "translator"):
        entry = default_model(role)
        [row] = [line for line in lines if line.startswith(role)]
        assert (
            entry.hub_id in row and entry.revision[:12] in row and entry.licence in row and entry.size in row
        )
        assert "missing (looked in " + str(pulled / entry.folder_name) in row
    assert "summarise models pull" in result.output


def test_list_shows_a_pulled_copy(tiny_models, pulled):  # type: ignore[no-untyped-def]
    entry = default_model("translator")
    shutil.copytree(tiny_models.translator, pulled / entry.folder_name)
    (pulled / entry.folder_name / PULL_MARKER).write_text(json.dumps({"hub_id": entry.hub_id}))
    result = invoke("models", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["role"]: row for row in map(json.loads, result.output.splitlines())}
    assert rows["translator"]["source"] == "pulled"
    assert rows["translator"]["local"] == f"pulled: {pulled / entry.folder_name}"
    assert rows["summariser"]["source"] == "missing"
    assert rows["summariser"]["revision"] == default_model("summariser").revision


@pytest.mark.parametrize(
    ("args", "offline", "expected"),
    [
        ([], True, "cannot pull summariser 'csebuetnlp/mT5_multilingual_XLSum': HF_HUB_OFFLINE is set"),
        (["--role", "translator"], True, "cannot pull translator 'Helsinki-NLP/opus-mt-zh-en'"),
        (["--role", "translator"], False, "https://127.0.0.1:9 cannot be reached"),
    ],
)
def test_pull_without_network_exits_3_with_one_line(tmp_path, monkeypatch, args, offline, expected):  # type: ignore[no-untyped-def]
    if not offline:
        monkeypatch.delenv("HF_HUB_OFFLINE")
        monkeypatch.setenv("HF_ENDPOINT", "https://127.0.0.1:9")
    result = CliRunner().invoke(main, ["models", "pull", "--to", str(tmp_path / "out"), *args])
    assert result.exit_code == 3
    errors = [line for line in result.output.splitlines() if line.startswith("summarise: error:")]
    assert len(errors) == 1 and expected in errors[0]
    assert "Traceback" not in result.output


def test_pull_rejects_an_unknown_role():  # type: ignore[no-untyped-def]
    result = invoke("models", "pull", "--role", "painter")
    assert result.exit_code == 2 and "painter" in result.output
