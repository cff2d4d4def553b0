"""Convert a local (or cached hub) seq2seq model to CTranslate2, for the ct2 engine.

ctranslate2's own `TransformersConverter` handles Marian and mT5 under transformers 5 as long as the
model folder carries its tokenizer (the converter reads the vocabulary from it). We add what the
engine needs next to model.bin: the tokenizer files and `summarise-ct2.json`. The conversion is
written to a temporary folder and renamed into place, so an interrupted run leaves nothing behind
that `find_converted` would mistake for a model.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from summarise.engines.ctranslate2 import (
    METADATA_FILE,
    QUANTIZATIONS,
    converted_name,
    is_converted,
    models_dir,
)
from summarise.errors import ConfigError, ModelUnavailable

_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(/[\w.-]+)?")


@dataclass(frozen=True)
class Conversion:
    """One finished conversion."""

    source: str
    output: Path
    quantization: str
    seconds: float


def default_output(model: str, quantization: str) -> Path:
    """`<folder>-ct2-<q>` next to a local folder; `models/<org>--<name>-ct2-<q>` for a hub id."""
    local = Path(model).expanduser()
    if local.is_dir():
        return converted_name(local, quantization)
    return models_dir() / f"{model.replace('/', '--')}-ct2-{quantization}"


def convert_to_ct2(
    model: str,
    output: str | Path | None = None,
    *,
    quantization: str = "int8",
    force: bool = False,
    revision: str | None = None,
) -> Conversion:
    """Convert `model` (local folder or cached hub id) to a CTranslate2 folder; returns where."""
    import time

    if quantization not in QUANTIZATIONS:
        raise ConfigError(f"unknown quantization {quantization!r}; choose one of {', '.join(QUANTIZATIONS)}")
    try:
        import ctranslate2
        from ctranslate2.converters import TransformersConverter
        from transformers import AutoTokenizer
    except ImportError as error:
        raise ModelUnavailable(f"conversion needs ctranslate2 ({error}): pip install 'summarise[ct2]'") from None
    local = Path(model).expanduser()
    if not local.exists() and not _HUB_ID.fullmatch(model):
        raise ModelUnavailable(f"no model folder {model!r}")
    if local.exists() and not (local / "config.json").is_file():
        raise ModelUnavailable(f"{model} is not a model folder (no config.json)")
    target = Path(output) if output is not None else default_output(model, quantization)
    if target.exists() and not force:
        raise ConfigError(f"{target} already exists; pass --force to replace it")
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        try:
            tokenizer = AutoTokenizer.from_pretrained(model, revision=revision)
            converter = TransformersConverter(model, revision=revision)
            with _mt5_output_scaling_as_in_transformers():
                converter.convert(str(staging), quantization=quantization, force=True)
        except (OSError, ValueError, NotImplementedError, KeyError) as error:
            raise ModelUnavailable(f"cannot convert {model}: {_one_line(error)}") from None
        # The engine tokenises with the source model's own tokenizer, so it travels with the model.
        tokenizer.save_pretrained(str(staging))
        metadata = {
            "source": str(local.resolve()) if local.is_dir() else model,
            "source_id": _source_id(local) if local.is_dir() else model,
            "revision": revision,
            "quantization": quantization,
            "ctranslate2": ctranslate2.__version__,
            "converted_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        (staging / METADATA_FILE).write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    if not is_converted(target):
        raise ModelUnavailable(f"conversion of {model} produced no model.bin in {target}")
    return Conversion(model, target, quantization, time.perf_counter() - started)


@contextmanager
def _mt5_output_scaling_as_in_transformers() -> Iterator[None]:
    """Convert mT5 without the logit scaling transformers 5 does not apply.

    ctranslate2 4.8.5 scales the decoder output by d_model**-0.5 whenever
    `config.tie_word_embeddings` is set (T5's old rule). transformers 5 forces that flag to True for
    every MT5Config, yet MT5's forward never scales (T5 now scales only under
    `config.scale_decoder_outputs`), and the published mT5 checkpoints have untied heads. Left alone,
    the converted model's logits are 1/sqrt(768) of PyTorch's: greedy argmax survives that, beam
    search scores do not. We swap in, for the duration of one conversion, a loader that scales only
    when the model itself does."""
    from ctranslate2.converters import transformers as ct2_transformers
    from ctranslate2.specs import model_spec

    loaders = ct2_transformers._MODEL_LOADERS
    original = loaders.get("MT5Config")
    if original is None:
        yield
        return

    class MT5Loader(type(original)):  # type: ignore[misc]
        def get_model_spec(self, model: Any) -> Any:
            spec = super().get_model_spec(model)
            if not getattr(model.config, "scale_decoder_outputs", False):
                spec.decoder.scale_outputs = model_spec.OPTIONAL
            return spec

    loaders["MT5Config"] = MT5Loader()
    try:
        yield
    finally:
        loaders["MT5Config"] = original


def _source_id(folder: Path) -> str:
    # A pulled model records its hub id in config.json's _name_or_path; a local build has its path.
    try:
        name = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("_name_or_path")
    except (OSError, ValueError):
        name = None
    return name if isinstance(name, str) and name and not Path(name).is_absolute() else str(folder.resolve())


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
