"""The CTranslate2 backend of the seq2seq runner: the default seq2seq models converted (`summarise models
convert --to ct2`), int8 on CPU. It supplies loading and generation; validation, chunking, map-reduce
and describe() live in summarise.engines.seq2seq_runner.

A converted folder holds CTranslate2's model.bin, the source model's tokenizer files and
`summarise-ct2.json` (source model, quantization, versions), written by `summarise.models.convert`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarise.engines.chunking import length_sorted_batches, model_window, special_token_count
from summarise.engines.seq2seq_runner import LoadedSeq2Seq, Seq2SeqRunner, SummariserRole, TranslatorRole
from summarise.errors import ConfigError, ModelUnavailable, first_line
from summarise.files import read_json_dict

if TYPE_CHECKING:
    from summarise.config import BriefConfig
    from summarise.engines.base import Engines

METADATA_FILE = "summarise-ct2.json"
# Preferred first: int8 is the fastest and smallest on CPU.
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "float16", "bfloat16", "float32")
# Used only for folders converted elsewhere, which carry no generation settings of their own.
DEFAULT_NUM_BEAMS = 4
DEFAULT_MAX_NEW_TOKENS = {"summariser": 84, "translator": 256}
DEFAULT_MAX_LENGTH = 20  # transformers' GenerationConfig default
MAX_INPUT_TOKENS = 512  # mT5 and Marian were trained on at most 512 positions


def converted_name(model_dir: str | Path, quantization: str) -> Path:
    """Where `summarise models convert` puts the CTranslate2 copy of a local model folder."""
    path = Path(model_dir)
    return path.parent / f"{path.name}-ct2-{quantization}"


def find_converted(model: str | None, role: str) -> str | None:
    """The converted CTranslate2 folder for `model` (a local folder, a hub id, or None for the
    registry default of `role`), or None when there is none."""
    from summarise.models import registry

    if model is None:
        try:
            model = registry.default_model(role).hub_id
        except ConfigError:
            return None
    local = Path(model).expanduser()
    if is_converted(local):
        return str(local)  # already a CTranslate2 folder
    candidates: list[Path] = []
    if local.is_dir():
        candidates += [converted_name(local, q) for q in QUANTIZATIONS]
    # A hub id's conversion sits beside its pulled folder: models/org--name-ct2-int8.
    candidates += [converted_name(registry.models_dir() / model.replace("/", "--"), q) for q in QUANTIZATIONS]
    for candidate in candidates:
        if is_converted(candidate):
            return str(candidate)
    return None


def is_converted(path: Path) -> bool:
    """Whether `path` is a CTranslate2 model folder."""
    return (path / "model.bin").is_file()


def read_metadata(path: str | Path) -> dict[str, Any]:
    """What `summarise models convert` recorded about a converted folder ({} if nothing)."""
    return read_json_dict(Path(path) / METADATA_FILE)


def resolve_ct2_device(device: str | None) -> tuple[str, int]:
    """CTranslate2's (device, index): 'auto' becomes cuda when CTranslate2 sees a GPU, else cpu."""
    import ctranslate2

    from summarise.engines.device import DEVICE_CHOICES

    choice = (device or "auto").strip().lower()
    base, _, index = choice.partition(":")
    if base not in DEVICE_CHOICES or (index and not index.isdigit()) or (index and base != "cuda"):
        raise ConfigError(f"unknown device {device!r}; choose one of {', '.join(DEVICE_CHOICES)} or cuda:N")
    gpus = ctranslate2.get_cuda_device_count()
    if base == "auto":
        return ("cuda", 0) if gpus > 0 else ("cpu", 0)
    if base == "cuda" and gpus == 0:
        raise ConfigError("device 'cuda' was asked for but CTranslate2 sees no CUDA device; "
                          "use --device cpu or auto")
    return base, int(index or 0)


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


def generation_settings(path: str | Path, num_beams: int | None, max_new_tokens: int | None,
                        role: str) -> dict[str, Any]:
    """generate() settings resolved as the torch engine resolves them: the source model's
    generation_config (recorded at conversion), then the registry's defaults for a registry model,
    then the engine's arguments."""
    from summarise.models import registry

    metadata = read_metadata(path)
    settings: dict[str, Any] = dict(metadata.get("generation") or {})
    source_id = metadata.get("source_id")
    try:
        entry = registry.load_registry().by_hub_id(source_id) if source_id else None
    except ConfigError:
        entry = None
    if entry is not None:
        settings.update(entry.generation)
    if num_beams is not None:
        settings["num_beams"] = num_beams
    if max_new_tokens is not None:
        settings["max_new_tokens"] = max_new_tokens
    if not settings.get("max_new_tokens"):
        # transformers' max_length counts the decoder start token; with neither, its default of 20.
        max_length = settings.get("max_length") or DEFAULT_MAX_LENGTH
        settings["max_new_tokens"] = max(1, int(max_length) - 1) if metadata else DEFAULT_MAX_NEW_TOKENS[role]
    settings.setdefault("num_beams", 1 if metadata.get("generation") is not None else DEFAULT_NUM_BEAMS)
    return settings


# Padded source tokens per translate_batch call. CTranslate2 keeps encoder states for every beam, so
# memory grows with batch x beams x source length; on the default-size mT5 (int8, 4 beams) six
# articles of about 600 tokens in one call peaked at 1.65 GB, three at a time at 1.39 GB, in the
# same time (20.1 s against 19.7 s). Short inputs such as sentences never reach this budget.
DEFAULT_MAX_BATCH_TOKENS = 2048


@dataclass(frozen=True)
class _Loaded(LoadedSeq2Seq):
    translator: Any
    compute_type: str
    suppressed: list[list[str]] | None  # token sequences never to generate
    load_s: float


class CT2Seq2Seq(Seq2SeqRunner):
    """One converted encoder-decoder model: tokenise once, generate with CTranslate2, detokenise."""

    engine = "ct2"

    def __init__(
        self,
        path: str,
        *,
        device: str | None = "auto",
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        batch_size: int = 8,
        threads: int = 0,
        max_batch_tokens: int | None = DEFAULT_MAX_BATCH_TOKENS,
    ) -> None:
        if not path:
            raise ModelUnavailable(
                f"no CTranslate2 {self.role} found: convert one with "
                "`summarise models convert --to ct2 MODEL`, or use --engine torch"
            )
        super().__init__(path, device=device, num_beams=num_beams, max_new_tokens=max_new_tokens,
                         batch_size=batch_size)
        self.path = path
        self.max_batch_tokens = max_batch_tokens
        self.threads = threads  # 0: CTranslate2's default (OMP_NUM_THREADS, else the core count)

    def _load(self) -> _Loaded:
        path = Path(self.path)
        if not is_converted(path):
            raise ModelUnavailable(
                f"{self.path} is not a CTranslate2 model folder (no model.bin): convert a model with "
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
        device, index = resolve_ct2_device(self.device_name)
        compute_type = pick_compute_type(
            device, read_metadata(path).get("quantization"),
            set(ctranslate2.get_supported_compute_types(device)),
        )
        try:
            translator = ctranslate2.Translator(
                str(path), device=device, device_index=index, compute_type=compute_type,
                inter_threads=1, intra_threads=self.threads,
            )
        except (RuntimeError, ValueError) as error:
            raise ModelUnavailable(f"{self.role} at {path} cannot be loaded: {first_line(error)}") from None
        tokenizer = _load_tokenizer(AutoTokenizer, path)
        window = model_window(tokenizer, MAX_INPUT_TOKENS) - special_token_count(tokenizer)
        generation = generation_settings(path, self.num_beams, self.max_new_tokens, self.role)
        return _Loaded(tokenizer=tokenizer, device=device, window=window, generation=generation,
                       translator=translator, compute_type=compute_type,
                       suppressed=suppressed_sequences(tokenizer, generation),
                       load_s=time.perf_counter() - started)

    def encode(self, texts: list[str]) -> list[list[str]]:
        """Source token strings, as CTranslate2 takes them (one tokenizer call for the batch)."""
        if not texts:
            return []
        tokenizer = self.loaded.tokenizer
        return [tokenizer.convert_ids_to_tokens(ids) for ids in tokenizer(texts, verbose=False)["input_ids"]]

    def generate_tokens(self, sources: list[list[str]], *, new_tokens: int | None = None,
                        min_new_tokens: int | None = None, num_beams: int | None = None) -> list[list[str]]:
        """Target token strings for tokenised sources, `batch_size` at a time in length-sorted
        batches. Keyword arguments override the resolved settings (benchmarks force lengths)."""
        if not sources:
            return []
        loaded = self.loaded
        settings = loaded.generation
        longest = new_tokens or int(settings["max_new_tokens"])
        shortest = int(settings.get("min_new_tokens") or 0) if min_new_tokens is None else min_new_tokens
        # transformers forces </s> as the last token when a model sets forced_eos_token_id (Marian
        # does): a hypothesis that reaches the cap ends one token early there. Match it.
        forced_eos = settings.get("forced_eos_token_id") is not None and new_tokens is None
        outputs: list[list[str]] = [[] for _ in sources]
        for batch in length_sorted_batches([len(s) for s in sources], self.batch_size, self.max_batch_tokens):
            results = loaded.translator.translate_batch(
                [sources[i] for i in batch],
                beam_size=num_beams or int(settings.get("num_beams") or 1),
                max_decoding_length=longest,
                min_decoding_length=max(1, min(shortest, longest)),
                length_penalty=float(settings.get("length_penalty", 1.0)),
                no_repeat_ngram_size=int(settings.get("no_repeat_ngram_size") or 0),
                suppress_sequences=loaded.suppressed,
                max_input_length=0,  # inputs are chunked to the window already; never truncate
            )
            for index, result in zip(batch, results):
                tokens = list(result.hypotheses[0])
                if forced_eos and len(tokens) >= longest:
                    tokens = tokens[: longest - 1]
                outputs[index] = tokens
        return outputs

    def decode(self, tokens: list[list[str]]) -> list[str]:
        """Text for each target token sequence."""
        tokenizer = self.loaded.tokenizer
        return [
            tokenizer.decode(tokenizer.convert_tokens_to_ids(row), skip_special_tokens=True).strip()
            for row in tokens
        ]

    def _generate(self, encoded: Sequence[list[int]]) -> list[str]:
        tokenizer = self.loaded.tokenizer
        return self.decode(self.generate_tokens([tokenizer.convert_ids_to_tokens(ids) for ids in encoded]))

    def _describe(self, info: dict[str, Any]) -> dict[str, Any]:
        metadata = read_metadata(self.path)
        info.update(model=metadata.get("source_id") or self.path, path=self.path,
                    revision=metadata.get("revision"), quantization=metadata.get("quantization"),
                    max_batch_tokens=self.max_batch_tokens)
        if self._loaded is not None:
            info.update(device=self._loaded.device, compute_type=self._loaded.compute_type,
                        load_s=round(self._loaded.load_s, 3))
        return info


def suppressed_sequences(tokenizer: Any, generation: dict[str, Any]) -> list[list[str]] | None:
    """generation_config's suppress_tokens and bad_words_ids as CTranslate2 token sequences.

    The padding token is left out: Marian's converted vocabulary no longer has it (CTranslate2
    starts the decoder from a zero embedding instead), so it cannot be generated anyway."""
    sequences = [[int(i)] for i in generation.get("suppress_tokens") or []]
    sequences += [[int(i) for i in words] for words in generation.get("bad_words_ids") or []]
    pad = tokenizer.pad_token_id
    tokens = [tokenizer.convert_ids_to_tokens(ids) for ids in sequences if pad not in ids and ids]
    return tokens or None


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


class CT2Summariser(SummariserRole, CT2Seq2Seq):
    """Chinese summaries from a converted mT5 summariser."""


class CT2Translator(TranslatorRole, CT2Seq2Seq):
    """English from a converted Marian zh->en translator."""


def build(config: BriefConfig) -> Engines:
    """The CTranslate2 engines for `config` (the registry's builder for engine "ct2")."""
    from summarise.engines.base import Engines, seq2seq_settings

    return Engines(
        summariser=CT2Summariser(find_converted(config.summariser, "summariser") or "", **seq2seq_settings(config)),
        translator=CT2Translator(find_converted(config.translator, "translator") or "", **seq2seq_settings(config)),
        name="ct2",
    )
