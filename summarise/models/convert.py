"""Convert a local (or cached hub) seq2seq model to CTranslate2, for the ct2 engine.

ctranslate2's own `TransformersConverter` handles Marian and mT5 under transformers 5 as long as the
model folder carries its tokenizer (the converter reads the vocabulary from it). We add what the
engine needs next to model.bin: the tokenizer files and `summarise-ct2.json`. The conversion is
written to a temporary folder and renamed into place, so an interrupted run leaves nothing behind
that `find_converted` would mistake for a model.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summarise.engines.ctranslate2 import METADATA_FILE, QUANTIZATIONS, converted_name
from summarise.errors import ConfigError, ModelUnavailable, first_line
from summarise.files import read_json_dict


@dataclass(frozen=True)
class Conversion:
    """One finished conversion."""

    source: str
    output: Path
    quantization: str
    seconds: float


# generate() settings copied from the source's generation_config, so the ct2 engine decodes as the
# torch engine does (forced_eos_token_id: Marian ends every capped output with </s>).
_GENERATION_FIELDS = ("num_beams", "max_length", "max_new_tokens", "min_new_tokens", "no_repeat_ngram_size",
                      "length_penalty", "forced_eos_token_id", "suppress_tokens", "bad_words_ids")


@dataclass(frozen=True)
class Source:
    """The model to convert: its folder, and its hub identity when it has one."""

    folder: Path
    hub_id: str | None
    revision: str | None


def default_output(model: str, quantization: str) -> Path:
    """`<folder>-ct2-<q>` next to a local folder; `<models dir>/<org>--<name>-ct2-<q>` for a hub id."""
    from summarise.models import registry

    local = Path(model).expanduser()
    if local.is_dir():
        return converted_name(local, quantization)
    return converted_name(registry.models_dir() / model.replace("/", "--"), quantization)


def find_source(model: str) -> Source:
    """The local folder for `model` (a folder, or a hub id already pulled or cached); never downloads."""
    from summarise.models import registry

    local = Path(model).expanduser()
    if local.exists():
        if not registry.is_model_folder(local):
            raise ModelUnavailable(f"{model} is not a model folder (needs config.json and model weights)")
        # A folder written by `models pull` names its hub id and revision; the conversion keeps them.
        marker = read_json_dict(local / registry.PULL_MARKER)
        return Source(local, marker.get("hub_id"), marker.get("revision"))
    if not registry.is_hub_id(model):
        raise ModelUnavailable(f"no model folder {model!r}")
    found = registry.find_local(model, "summariser")
    if found is None:
        raise ModelUnavailable(
            f"{model} is not on this machine (looked in {', '.join(registry.places_looked(model))}); "
            "run `summarise models pull` first, or pass a model folder"
        )
    return Source(found.path, model, found.revision)


def convert_to_ct2(
    model: str,
    output: str | Path | None = None,
    *,
    quantization: str = "int8",
    force: bool = False,
) -> Conversion:
    """Convert `model` (local folder or cached hub id) to a CTranslate2 folder; returns where."""
    import time

    if quantization not in QUANTIZATIONS:
        raise ConfigError(f"unknown quantization {quantization!r}; choose one of {', '.join(QUANTIZATIONS)}")
    if output is not None:
        check_replaceable(Path(output), force=force)  # before anything else: --out . --force deletes nothing
    try:
        import ctranslate2
        from ctranslate2.converters import TransformersConverter
        from transformers import AutoTokenizer, GenerationConfig
    except ImportError as error:
        raise ModelUnavailable(f"conversion needs ctranslate2 ({error}): pip install 'summarise[ct2]'") from None
    source = find_source(model)
    target = Path(output) if output is not None else default_output(model, quantization)
    check_replaceable(target, force=force)
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        try:
            tokenizer = AutoTokenizer.from_pretrained(source.folder)
            generation = _generation_fields(GenerationConfig, source.folder)
            converter = TransformersConverter(str(source.folder))
            with _mt5_output_scaling_as_in_transformers():
                converter.convert(str(staging), quantization=quantization, force=True)
        except (OSError, ValueError, NotImplementedError, KeyError) as error:
            raise ModelUnavailable(f"cannot convert {model}: {first_line(error)}") from None
        # The engine tokenises with the source model's own tokenizer, so it travels with the model.
        tokenizer.save_pretrained(str(staging))
        metadata = {
            "source": str(source.folder.resolve()),
            "source_id": source.hub_id or str(source.folder.resolve()),
            "revision": source.revision,
            "quantization": quantization,
            "generation": generation,
            "ctranslate2": ctranslate2.__version__,
            "converted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (staging / METADATA_FILE).write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return Conversion(model, target, quantization, time.perf_counter() - started)


def check_replaceable(target: Path, *, force: bool) -> None:
    """Refuse (ConfigError, exit 2) to write over `target` unless it is absent, or `force` is given and it
    is a folder this command made: one holding the METADATA_FILE every conversion writes. `--force` on
    any other folder (`--out .`, a home directory, a model someone else converted) deletes nothing."""
    if not (target.exists() or target.is_symlink()):
        return
    if not force:
        raise ConfigError(f"{target} already exists; pass --force to replace it")
    if target.is_symlink() or not target.is_dir():
        why = "is a symbolic link" if target.is_symlink() else "is not a folder"
    elif not (target / METADATA_FILE).is_file():
        why = f"was not made by `summarise models convert` (it holds no {METADATA_FILE})"
    else:
        return
    raise ConfigError(f"{target} {why}; --force replaces only a folder this command made, so choose another "
                      f"--out or remove it yourself")


def _generation_fields(generation_config: Any, folder: Path) -> dict[str, Any]:
    try:
        config = generation_config.from_pretrained(folder)
    except OSError:  # no generation_config.json: transformers' defaults apply
        config = generation_config()
    return {name: getattr(config, name) for name in _GENERATION_FIELDS if getattr(config, name, None) is not None}


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



