"""The CTranslate2 engine: parity with the PyTorch engine on the tiny real models, model discovery,
device and compute-type choice, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

from summarise.engines.ctranslate2 import (
    CT2Summariser,
    CT2Translator,
    converted_name,
    find_converted,
    generation_settings,
    pick_compute_type,
    resolve_ct2_device,
)
from summarise.errors import ConfigError, ModelUnavailable

TEXTS = [
    "久美家园居住着4000多名生态移民,投资22.7亿元。",
    "陈刚先后走进社区党群服务中心。",
    "前11个月全省空气质量优良天数比例达95%以上。",
    "短句。",
]


def _torch_engine(role: str, folder: Path, **settings):  # type: ignore[no-untyped-def]
    from summarise.engines.seq2seq import Seq2SeqSummariser, Seq2SeqTranslator

    kind = Seq2SeqSummariser if role == "summariser" else Seq2SeqTranslator
    return kind(str(folder), device="cpu", **settings)


def _ct2_engine(role: str, folder: Path, **settings):  # type: ignore[no-untyped-def]
    kind = CT2Summariser if role == "summariser" else CT2Translator
    return kind(str(folder), device="cpu", **settings)


def _call(engine, role: str, texts: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    return engine.summarise(texts) if role == "summariser" else engine.translate(texts)


@pytest.mark.parametrize("role", ["summariser", "translator"])
@pytest.mark.parametrize("max_new_tokens", [3, 12])
def test_ct2_greedy_token_ids_equal_torch(tiny_models, converted, role, max_new_tokens):  # type: ignore[no-untyped-def]
    torch_engine = _torch_engine(role, getattr(tiny_models, role), num_beams=1, max_new_tokens=max_new_tokens)
    ct2_engine = _ct2_engine(role, converted[role], num_beams=1, max_new_tokens=max_new_tokens)
    loaded = torch_engine.loaded
    tokenizer = loaded.tokenizer
    specials = set(tokenizer.all_special_ids)

    import torch

    expected = []
    for text in TEXTS:  # one at a time: no padding, so nothing but the decoding can differ
        with torch.inference_mode():
            ids = loaded.model.generate(**tokenizer([text], return_tensors="pt"), **loaded.generation)[0]
        expected.append([i for i in ids.tolist() if i not in specials])
    got = [
        [i for i in tokenizer.convert_tokens_to_ids(tokens) if i not in specials]
        for tokens in ct2_engine.generate_tokens(ct2_engine.encode(TEXTS))
    ]
    assert got == expected
    assert all(len(ids) > 0 for ids in got)


@pytest.mark.parametrize("role", ["summariser", "translator"])
def test_ct2_engine_output_equals_torch_engine_output(tiny_models, converted, role):  # type: ignore[no-untyped-def]
    torch_out = _call(_torch_engine(role, getattr(tiny_models, role), num_beams=1, max_new_tokens=10), role, TEXTS)
    ct2_out = _call(_ct2_engine(role, converted[role], num_beams=1, max_new_tokens=10), role, TEXTS)
    assert ct2_out == torch_out
    assert len(ct2_out) == len(TEXTS)


def test_mt5_conversion_drops_the_output_scaling_transformers_5_does_not_apply(tiny_models):  # type: ignore[no-untyped-def]
    # ctranslate2 4.8.5 scales mT5 logits by d_model**-0.5 because transformers 5 reports every
    # MT5Config as tied; MT5's forward never scales. Greedy argmax hides this, beam scores do not.
    from ctranslate2.converters import transformers as ct2_transformers
    from ctranslate2.specs import model_spec
    from transformers import AutoModelForSeq2SeqLM

    from summarise.models.convert import _mt5_output_scaling_as_in_transformers

    model = AutoModelForSeq2SeqLM.from_pretrained(tiny_models.summariser)
    assert model.config.tie_word_embeddings is True  # what transformers 5 forces
    upstream = ct2_transformers._MODEL_LOADERS["MT5Config"].get_model_spec(model)
    assert upstream.decoder.scale_outputs is not model_spec.OPTIONAL  # the upstream behaviour
    with _mt5_output_scaling_as_in_transformers():
        ours = ct2_transformers._MODEL_LOADERS["MT5Config"].get_model_spec(model)
    assert ours.decoder.scale_outputs is model_spec.OPTIONAL
    # The swap is scoped to one conversion: the library's own loader is back afterwards.
    again = ct2_transformers._MODEL_LOADERS["MT5Config"].get_model_spec(model)
    assert again.decoder.scale_outputs is not model_spec.OPTIONAL


def test_long_input_is_chunked_not_truncated(converted):  # type: ignore[no-untyped-def]
    engine = _ct2_engine("translator", converted["translator"], num_beams=1, max_new_tokens=2)
    sentence = "陈刚先后走进社区党群服务中心,详细了解基层党建、社区治理和产业发展情况。"
    long_text = sentence * 60  # far over the 512-token window
    window = engine.loaded.window
    parts = engine.run([long_text, "短句。"])
    tokens = engine.loaded.tokenizer(long_text, add_special_tokens=False)["input_ids"]
    assert len(tokens) > window
    assert len(parts[0]) >= len(tokens) // window  # one output per chunk, every chunk translated
    assert len(parts[1]) == 1


def test_describe_records_engine_and_settings(converted):  # type: ignore[no-untyped-def]
    engine = _ct2_engine("translator", converted["translator"], num_beams=2, max_new_tokens=5, batch_size=3)
    before = engine.describe()
    assert before["engine"] == "ct2" and before["loaded"] is False
    engine.translate(["短句。"])
    after = engine.describe()
    assert after["engine"] == "ct2"
    assert after["quantization"] == "float32"
    assert after["device"] == "cpu"
    assert after["compute_type"] == "default"
    assert after["num_beams"] == 2 and after["max_new_tokens"] == 5 and after["batch_size"] == 3
    assert after["model"].endswith("tiny-marian")


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({}, {"num_beams": 2}),  # the tiny Marian's own generation_config
        ({"num_beams": 1}, {"num_beams": 1}),
        ({"max_new_tokens": 7}, {"max_new_tokens": 7}),
    ],
)
def test_generation_settings_follow_the_source_model(tiny_models, converted, flags, expected):  # type: ignore[no-untyped-def]
    from transformers import GenerationConfig

    settings = generation_settings(converted["translator"], flags.get("num_beams"), flags.get("max_new_tokens"),
                                   "translator")
    for key, value in expected.items():
        assert settings[key] == value
    # What transformers' generate() would apply to the source model, the ct2 engine applies too.
    source = GenerationConfig.from_pretrained(tiny_models.translator)
    assert settings.get("forced_eos_token_id") == source.forced_eos_token_id
    assert settings["suppress_tokens"] == source.suppress_tokens


def test_find_converted_next_to_a_local_folder(tmp_path: Path) -> None:
    model = tmp_path / "opus"
    model.mkdir()
    assert find_converted(str(model), "translator") is None
    float_copy = converted_name(model, "float32")
    float_copy.mkdir()
    (float_copy / "model.bin").write_bytes(b"")
    assert find_converted(str(model), "translator") == str(float_copy)
    int8_copy = converted_name(model, "int8")
    int8_copy.mkdir()
    (int8_copy / "model.bin").write_bytes(b"")
    assert find_converted(str(model), "translator") == str(int8_copy)  # int8 preferred
    assert find_converted(str(int8_copy), "translator") == str(int8_copy)  # a ct2 folder itself


def test_find_converted_for_registry_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarise.models import registry

    monkeypatch.setenv("SUMMARISE_MODELS_DIR", str(tmp_path))
    hub_id = registry.default_model("translator").hub_id
    assert find_converted(None, "translator") is None
    folder = tmp_path / f"{hub_id.replace('/', '--')}-ct2-int8"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"")
    assert find_converted(None, "translator") == str(folder)
    assert find_converted(hub_id, "translator") == str(folder)
    assert find_converted(None, "summariser") is None


@pytest.mark.parametrize(
    ("device", "quantization", "supported", "expected"),
    [
        ("cpu", "int8", {"int8", "float32"}, "default"),
        ("cuda", "int8", {"int8_float16", "float16", "int8"}, "int8_float16"),
        ("cuda", "int8", {"int8_bfloat16", "bfloat16", "int8"}, "int8_bfloat16"),
        ("cuda", "float32", {"float16", "bfloat16", "float32"}, "float16"),
        ("cuda", "float16", {"bfloat16", "float32"}, "bfloat16"),
        ("cuda", None, {"float32"}, "default"),
    ],
)
def test_compute_type_choice(device, quantization, supported, expected):  # type: ignore[no-untyped-def]
    assert pick_compute_type(device, quantization, supported) == expected


def test_device_selection_without_a_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert resolve_ct2_device("auto") == ("cpu", 0)
    assert resolve_ct2_device("cpu") == ("cpu", 0)
    with pytest.raises(ConfigError, match="no CUDA device"):
        resolve_ct2_device("cuda")
    with pytest.raises(ConfigError, match="unknown device"):
        resolve_ct2_device("tpu")


def test_device_selection_with_a_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 2)
    assert resolve_ct2_device("auto") == ("cuda", 0)
    assert resolve_ct2_device("cuda:1") == ("cuda", 1)
    assert resolve_ct2_device("cpu") == ("cpu", 0)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "no CTranslate2 translator found"),
        ("/nonexistent/ct2-folder", "not a CTranslate2 model folder"),
    ],
)
def test_missing_model_is_one_actionable_error(path: str, message: str) -> None:
    with pytest.raises(ModelUnavailable, match=message) as raised:
        CT2Translator(path).translate(["短句。"])
    assert "summarise models convert" in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(("flag", "value"), [("num_beams", 0), ("max_new_tokens", 0), ("batch_size", 0)])
def test_bad_settings_are_config_errors(flag: str, value: int) -> None:
    with pytest.raises(ConfigError):
        CT2Translator("somewhere", **{flag: value})


def test_long_article_is_reduced_like_the_torch_engine(converted):  # type: ignore[no-untyped-def]
    engine = _ct2_engine("summariser", converted["summariser"], num_beams=1, max_new_tokens=8)
    sentence = "陈刚先后走进社区党群服务中心,详细了解基层党建、社区治理和产业发展情况。"
    long_text = sentence * 80
    rounds: list[int] = []
    outputs: list[list[list[str]]] = []
    run = engine.run

    def counting_run(texts: list[str]) -> list[list[str]]:
        rounds.append(len(texts))
        outputs.append(run(texts))
        return outputs[-1]

    engine.run = counting_run  # type: ignore[method-assign]
    [summary] = engine.summarise([long_text])
    first = run([long_text])[0]
    assert len(first) > 1  # the body needed several chunks
    # Joined, the chunk summaries are longer than one summary may be, so they were summarised again.
    assert engine._too_long("".join(first))
    assert len(rounds) > 1
    # The summary is the last round's chunk summaries joined, shorter than the first round's were.
    assert summary == "".join(outputs[-1][0]) and 0 < len(summary) < len("".join(first))


def test_batches_keep_within_the_token_budget(converted):  # type: ignore[no-untyped-def]
    import dataclasses

    texts = ["陈刚先后走进社区党群服务中心,详细了解基层党建、社区治理和产业发展情况。" * k for k in (1, 2, 3, 4)]
    unbounded = _ct2_engine("translator", converted["translator"], num_beams=2, max_new_tokens=4,
                            max_batch_tokens=None)
    bounded = _ct2_engine("translator", converted["translator"], num_beams=2, max_new_tokens=4,
                          max_batch_tokens=200)
    sizes: list[list[int]] = []
    real = bounded.loaded.translator

    class Spy:
        def translate_batch(self, sources, **kwargs):  # type: ignore[no-untyped-def]
            sizes.append([len(s) for s in sources])
            return real.translate_batch(sources, **kwargs)

    bounded._loaded = dataclasses.replace(bounded.loaded, translator=Spy())
    assert bounded.run(texts) == unbounded.run(texts)
    assert len(sizes) > 1
    assert all(len(batch) * max(batch) <= 200 or len(batch) == 1 for batch in sizes)
    assert sorted(n for batch in sizes for n in batch) == sorted(len(s) for s in bounded.encode(texts))
    assert bounded.describe()["max_batch_tokens"] == 200
