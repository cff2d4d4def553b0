"""`summarise models convert --to ct2`: the command, its output folder and its errors, and the
automatic engine choice once converted models exist."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("ctranslate2")

from summarise.cli import main
from summarise.engines.ctranslate2 import METADATA_FILE, converted_name, find_converted

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "qinghai-page-2024-12-24.txt"


@pytest.fixture()
def own_models(tiny_models, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Private copies of the tiny models, so conversions next to them change no other test."""
    copies = {}
    for role in ("summariser", "translator"):
        source = getattr(tiny_models, role)
        copies[role] = Path(shutil.copytree(source, tmp_path / source.name))
    return copies


def _convert(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["models", "convert", *args])


def test_convert_writes_a_self_contained_ct2_folder(own_models) -> None:  # type: ignore[no-untyped-def]
    result = _convert("--to", "ct2", "--quantize", "int8", str(own_models["translator"]))
    assert result.exit_code == 0, result.output
    out = converted_name(own_models["translator"], "int8")
    assert f"-> {out} (int8" in result.output
    assert (out / "model.bin").is_file()
    # The tokenizer travels with the model, and the metadata says where it came from.
    assert (out / "vocab.json").is_file() and (out / "source.spm").is_file()
    metadata = json.loads((out / METADATA_FILE).read_text())
    assert metadata["quantization"] == "int8"
    assert metadata["source"] == str(own_models["translator"].resolve())
    assert "generation" in metadata
    # No staging folder is left behind.
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []
    assert find_converted(str(own_models["translator"]), "translator") == str(out)


def test_convert_both_models_then_auto_engine_is_ct2(own_models) -> None:  # type: ignore[no-untyped-def]
    flags = ["--summariser", str(own_models["summariser"]), "--translator", str(own_models["translator"]),
             "--max-new-tokens", "4", "--device", "cpu", "--format", "json"]
    before = CliRunner().invoke(main, ["brief", str(SAMPLE), *flags])
    assert before.exit_code == 0, before.output
    assert {b["models"]["engine"] for b in json.loads(before.stdout)} == {"torch"}

    result = _convert("--to", "ct2", str(own_models["summariser"]), str(own_models["translator"]))
    assert result.exit_code == 0, result.output
    assert result.output.count(" -> ") == 2

    after = CliRunner().invoke(main, ["brief", str(SAMPLE), "-v", *flags])
    assert after.exit_code == 0, after.output
    briefs = json.loads(after.stdout)
    assert len(briefs) == len(json.loads(before.stdout))
    models = briefs[0]["models"]
    assert models["engine"] == "ct2"
    assert models["translator"]["engine"] == "ct2"
    assert models["translator"]["quantization"] == "int8"
    assert models["translator"]["load_s"] >= 0
    assert "engine ct2" in after.stderr

    forced = CliRunner().invoke(main, ["brief", str(SAMPLE), "--engine", "torch", *flags])
    assert {b["models"]["engine"] for b in json.loads(forced.stdout)} == {"torch"}


def test_existing_output_needs_force(own_models) -> None:  # type: ignore[no-untyped-def]
    folder = str(own_models["translator"])
    assert _convert("--quantize", "float32", folder).exit_code == 0
    again = _convert("--quantize", "float32", folder)
    assert again.exit_code == 2
    assert "already exists; pass --force" in again.stderr
    assert "Traceback" not in again.output
    assert _convert("--quantize", "float32", "--force", folder).exit_code == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["/nonexistent/model"], 3, "no model folder"),
        (["--out", "x", "a-model", "b-model"], 2, "--out takes exactly one MODEL"),
        (["--quantize", "int3", "m"], 2, "Invalid value for '--quantize'"),
        (["--to", "onnx", "m"], 2, "Invalid value for '--to'"),
        (["not/pulled-model"], 3, "is not on this machine"),
    ],
)
def test_convert_errors_are_one_line(args: list[str], code: int, message: str) -> None:
    result = _convert(*args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_folder_without_weights_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    result = _convert(str(tmp_path))
    assert result.exit_code == 3
    assert "not a model folder" in result.stderr
