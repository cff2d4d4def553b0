"""CTranslate2 engines: the default seq2seq models converted (`summarise models convert --to ct2`),
int8 on CPU. Same protocols as the PyTorch engines; models load on first use and stay loaded.

A converted folder holds CTranslate2's model.bin, the source model's tokenizer files and
`summarise-ct2.json` (source model, quantization, versions), written by `summarise.convert`.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarise.errors import ConfigError, ModelUnavailable
from summarise.sentences import pack_sentences, split_sentences

METADATA_FILE = "summarise-ct2.json"
# Preferred first: int8 is the fastest and smallest on CPU.
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "float16", "bfloat16", "float32")
# The published generation settings of the defaults (mT5 XLSum: 4 beams, max_length 84).
DEFAULT_NUM_BEAMS = 4
DEFAULT_MAX_NEW_TOKENS = {"summariser": 84, "translator": 256}
MAX_INPUT_TOKENS = 512  # mT5 and Marian were trained on at most 512 positions


def converted_name(model_dir: str | Path, quantization: str) -> Path:
    """Where `summarise models convert` puts the CTranslate2 copy of a local model folder."""
    path = Path(model_dir)
    return path.parent / f"{path.name}-ct2-{quantization}"


def models_dir() -> Path:
    """The folder that holds pulled and converted registry models (SUMMARISE_MODELS_DIR or ./models)."""
    return Path(os.environ.get("SUMMARISE_MODELS_DIR") or "models")


def registry_default(role: str) -> str | None:
    """The hub id of the registry's default model for `role`, if the registry names one."""
    try:
        from summarise import registry
    except ImportError:
        return None
    default = getattr(registry, "default_model", None)
    if default is None:
        return None
    try:
        entry = default(role)
    except Exception:  # noqa: BLE001 - an unknown role or a broken registry means "no default"
        return None
    for attribute in ("id", "hub_id", "repo_id"):
        if isinstance(getattr(entry, attribute, None), str):
            return str(getattr(entry, attribute))
    return entry if isinstance(entry, str) else None


def find_converted(model: str | None, role: str) -> str | None:
    """The converted CTranslate2 folder for `model` (a local folder, a hub id, or None for the
    registry default of `role`), or None when there is none."""
    if model is None:
        model = registry_default(role)
        if model is None:
            return None
    candidates: list[Path] = []
    local = Path(model).expanduser()
    if is_converted(local):
        return str(local)  # already a CTranslate2 folder
    if local.is_dir():
        candidates += [converted_name(local, q) for q in QUANTIZATIONS]
    safe = model.replace("/", "--")
    candidates += [models_dir() / f"{safe}-ct2-{q}" for q in QUANTIZATIONS]
    candidates += [converted_name(models_dir() / safe, q) for q in QUANTIZATIONS]
    for candidate in candidates:
        if is_converted(candidate):
            return str(candidate)
    return None


def is_converted(path: Path) -> bool:
    """Whether `path` is a CTranslate2 model folder."""
    return (path / "model.bin").is_file()


def read_metadata(path: str | Path) -> dict[str, Any]:
    """What `summarise models convert` recorded about a converted folder ({} if nothing)."""
    file = Path(path) / METADATA_FILE
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def resolve_ct2_device(device: str | None) -> str:
    """'auto' becomes cuda when CTranslate2 sees a GPU, else cpu."""
    import ctranslate2

    if device in (None, "auto"):
        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
        raise ConfigError("--device cuda: CTranslate2 sees no CUDA device (or was built without CUDA)")
    if device not in ("cpu", "cuda"):
        raise ConfigError(f"unknown device {device!r} for the ct2 engine; choose cpu or cuda")
    return device


def pick_compute_type(device: str, quantization: str | None, supported: set[str]) -> str:
    """The fastest compute type `device` supports for a model saved as `quantization`.

    On CPU that is the saved type (int8 stays int8). On CUDA int8 weights run as int8_float16 and
    float weights as float16, or bfloat16 where float16 is missing."""
    if device == "cpu":
        return "default"
    if quantization and quantization.startswith("int8"):
        preferences = ["int8_float16", "int8_bfloat16", "int8"]
    else:
        preferences = ["float16", "bfloat16"]
    for compute_type in preferences:
        if compute_type in supported:
            return compute_type
    return "default"


@dataclass
class _Loaded:
    translator: Any
    tokenizer: Any
    device: str
    compute_type: str
    load_s: float


@dataclass
class CT2Seq2Seq:
    """One converted encoder-decoder model: tokenise, generate with CTranslate2, detokenise."""

    path: str
    role: str
    device: str | None = "auto"
    num_beams: int | None = None
    max_new_tokens: int | None = None
    batch_size: int = 8
    min_new_tokens: int = 0  # benchmarks force output lengths with min == max
    threads: int = 0  # 0: CTranslate2's default (OMP_NUM_THREADS, else the core count)
    _loaded: _Loaded | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.path:
            raise ModelUnavailable(
                f"no CTranslate2 {self.role} found: convert one with "
                "`summarise models convert --to ct2 MODEL`, or use --engine torch"
            )

    @property
    def beams(self) -> int:
        return self.num_beams or DEFAULT_NUM_BEAMS

    @property
    def new_tokens(self) -> int:
        return self.max_new_tokens or DEFAULT_MAX_NEW_TOKENS[self.role]

    def load(self) -> _Loaded:
        """Load the model and tokenizer once (the first call pays the cold start)."""
        if self._loaded is not None:
            return self._loaded
        path = Path(self.path)
        if not is_converted(path):
            raise ModelUnavailable(
                f"{self.path} is not a CTranslate2 model folder (no model.bin): convert it with "
                "`summarise models convert --to ct2 MODEL`"
            )
        try:
            import ctranslate2
            from transformers import AutoTokenizer
        except ImportError as error:
            raise ModelUnavailable(
                f"the ct2 engine needs ctranslate2 ({error}): pip install 'summarise[ct2]'"
            ) from None
        started = time.perf_counter()
        device = resolve_ct2_device(self.device)
        compute_type = pick_compute_type(
            device, read_metadata(path).get("quantization"),
            set(ctranslate2.get_supported_compute_types(device)),
        )
        translator = ctranslate2.Translator(
            str(path), device=device, compute_type=compute_type, inter_threads=1,
            intra_threads=self.threads,
        )
        tokenizer = _load_tokenizer(AutoTokenizer, path)
        self._loaded = _Loaded(translator, tokenizer, device, compute_type, time.perf_counter() - started)
        return self._loaded

    def token_count(self, text: str) -> int:
        """Source tokens of `text`, end-of-sequence included."""
        return len(self.load().tokenizer(text).input_ids)

    def encode(self, texts: list[str]) -> list[list[str]]:
        """Source token strings, as CTranslate2 takes them (one tokenizer call for the batch)."""
        tokenizer = self.load().tokenizer
        ids = tokenizer(texts).input_ids
        return [tokenizer.convert_ids_to_tokens(row) for row in ids]

    def generate_tokens(self, sources: list[list[str]], *, new_tokens: int | None = None,
                        min_new_tokens: int | None = None, num_beams: int | None = None) -> list[list[str]]:
        """Target token strings for already tokenised sources; CTranslate2 sorts by length and
        batches `batch_size` at a time itself. Keyword arguments override the engine's settings."""
        if not sources:
            return []
        loaded = self.load()
        longest = new_tokens or self.new_tokens
        shortest = self.min_new_tokens if min_new_tokens is None else min_new_tokens
        results = loaded.translator.translate_batch(
            sources,
            max_batch_size=self.batch_size,
            beam_size=num_beams or self.beams,
            max_decoding_length=longest,
            min_decoding_length=max(1, min(shortest, longest)),
            max_input_length=MAX_INPUT_TOKENS,
        )
        return [result.hypotheses[0] for result in results]

    def decode(self, tokens: list[list[str]]) -> list[str]:
        """Text for each target token sequence."""
        tokenizer = self.load().tokenizer
        return [
            tokenizer.decode(tokenizer.convert_tokens_to_ids(row), skip_special_tokens=True).strip()
            for row in tokens
        ]

    def run(self, texts: list[str]) -> list[str]:
        """One output per text; texts longer than the model's input limit are cut at sentence
        boundaries into chunks whose outputs are joined, never silently truncated."""
        if not texts:
            return []
        chunks: list[str] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            for chunk in self.chunks(text):
                chunks.append(chunk)
                owners.append(index)
        outputs = self.decode(self.generate_tokens(self.encode(chunks)))
        joined: list[list[str]] = [[] for _ in texts]
        for owner, output in zip(owners, outputs, strict=True):
            if output:
                joined[owner].append(output)
        separator = "" if self.role == "summariser" else " "
        return [separator.join(parts) for parts in joined]

    def chunks(self, text: str) -> list[str]:
        """`text` itself when it fits the model's input, else sentence-packed pieces that do."""
        def fits(piece: str) -> bool:
            return self.token_count(piece) <= MAX_INPUT_TOKENS

        if fits(text):
            return [text]
        pieces: list[str] = []
        for chunk in pack_sentences(split_sentences(text), fits):
            pieces.extend([chunk] if fits(chunk) else _split_clauses(chunk, fits))
        return pieces

    def describe(self) -> dict[str, Any]:
        """Model id, engine and settings, for each brief's "models" field."""
        metadata = read_metadata(self.path)
        info: dict[str, Any] = {
            "id": metadata.get("source_id") or metadata.get("source") or self.path,
            "revision": metadata.get("revision"),
            "path": self.path,
            "engine": "ct2",
            "quantization": metadata.get("quantization"),
            "num_beams": self.beams,
            "max_new_tokens": self.new_tokens,
            "batch_size": self.batch_size,
        }
        if self._loaded is not None:
            info.update(device=self._loaded.device, compute_type=self._loaded.compute_type,
                        load_s=round(self._loaded.load_s, 3))
        else:
            info.update(device=self.device)
        return info


def _load_tokenizer(auto: Any, path: Path) -> Any:
    # Our conversions carry the tokenizer; folders converted elsewhere may only name their source.
    places = [str(path)]
    source = read_metadata(path).get("source")
    if isinstance(source, str) and source:
        places.append(source)
    for place in places:
        try:
            return auto.from_pretrained(place)
        except (OSError, ValueError):
            continue
    raise ModelUnavailable(
        f"{path} has no tokenizer files: reconvert it with `summarise models convert --to ct2 MODEL`"
    )


def _split_clauses(sentence: str, fits: Any) -> list[str]:
    # A single sentence longer than the model's input: cut at clause marks, then at a fixed width.
    import re

    clauses = [c for c in re.split(r"(?<=[，；、,;])", sentence) if c]
    packed = pack_sentences(clauses, fits)
    pieces: list[str] = []
    for piece in packed:
        while not fits(piece) and len(piece) > 1:
            cut = len(piece) // 2
            pieces.append(piece[:cut])
            piece = piece[cut:]
        pieces.append(piece)
    return pieces


class CT2Summariser(CT2Seq2Seq):
    """Chinese summaries from a converted mT5 summariser."""

    def __init__(self, path: str, **settings: Any) -> None:
        super().__init__(path, "summariser", **settings)

    def summarise(self, texts: list[str]) -> list[str]:
        """One Chinese summary per article body."""
        return self.run(texts)


class CT2Translator(CT2Seq2Seq):
    """English from a converted Marian zh->en translator."""

    def __init__(self, path: str, **settings: Any) -> None:
        super().__init__(path, "translator", **settings)

    def translate(self, texts: list[str]) -> list[str]:
        """One English translation per Chinese sentence."""
        return self.run(texts)
