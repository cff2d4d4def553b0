"""The torch engine's speed-ups give the same tokens as stock generate(), on the tiny real models."""

from __future__ import annotations

import pytest
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

from summarise.engines import torch_speedups
from summarise.engines.seq2seq import Seq2SeqSummariser, Seq2SeqTranslator

TEXTS = [
    "久美家园是全州规模最大的搬迁安置点,居住着4000多名生态移民。",
    "投资22.7亿元。",
    "陈刚先后走进社区党群服务中心、藏毯手工编织坊、惠民积分超市,详细了解基层党建、社区治理、产业发展。",
    "严冬的阿尼玛卿雪山巍峨壮美,寒风凛冽。",
]


def load(folder: str):  # type: ignore[no-untyped-def]
    return AutoTokenizer.from_pretrained(folder), AutoModelForSeq2SeqLM.from_pretrained(folder).eval()


def spy_generate(model) -> list[dict]:  # type: ignore[no-untyped-def]
    """Record the keyword arguments of every model.generate() call."""
    calls: list[dict] = []
    real = model.generate

    def spy(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs)
        return real(**kwargs)

    model.generate = spy
    return calls


def generate_calls(folder: str, **settings) -> list[dict]:  # type: ignore[no-untyped-def]
    """The model.generate() calls torch_speedups.generate makes for TEXTS on a prepared model."""
    tokenizer, model = load(folder)
    torch_speedups.prepare_model(model, "cpu")
    calls = spy_generate(model)
    batch = dict(tokenizer(TEXTS, return_tensors="pt", padding=True))
    with torch.inference_mode():
        torch_speedups.generate(model, batch, **settings)
    return calls


@pytest.mark.parametrize("role", ["summariser", "translator"])
@pytest.mark.parametrize("beams", [2, 4])
def test_shared_cross_attention_beam_search_equals_stock_generate(tiny_models, role, beams, monkeypatch):  # type: ignore[no-untyped-def]
    folder = str(getattr(tiny_models, role))
    tokenizer, stock = load(folder)
    _, fast = load(folder)
    # The tiny vocabularies are under the size where the transposed projection starts: force it on too.
    monkeypatch.setattr(torch_speedups, "_MIN_VOCAB_FOR_TRANSPOSED_HEAD", 1)
    assert torch_speedups.prepare_model(fast, "cpu") == ["shared-beam-cross-attention",
                                                           "transposed-output-projection"]
    # Inputs of different lengths, so padding and the encoder mask matter; forced lengths so that
    # every beam runs the whole way and reordering happens at every step.
    batch = dict(tokenizer(TEXTS, return_tensors="pt", padding=True))
    settings = {"num_beams": beams, "min_new_tokens": 12, "max_new_tokens": 12, "do_sample": False}
    with torch.inference_mode():
        expected = stock.generate(**batch, **settings)
        got = torch_speedups.generate(fast, batch, **settings)
    assert got.shape == expected.shape == (len(TEXTS), 13)
    assert torch.equal(got, expected)
    assert len({tuple(row.tolist()) for row in got}) > 1, "outputs should depend on the input"


def test_the_cross_attention_cache_holds_one_row_per_input(tiny_models):  # type: ignore[no-untyped-def]
    calls = generate_calls(str(tiny_models.summariser), num_beams=4, min_new_tokens=5, max_new_tokens=5)
    assert len(calls) == 1
    cache = calls[0]["cache"]
    cross = cache.cross_attention_cache.layers[0].keys  # type: ignore[attr-defined]
    own = cache.self_attention_cache.layers[0].keys  # type: ignore[attr-defined]
    assert cross.shape[0] == len(TEXTS)  # stock beam search keeps len(TEXTS) * 4 copies
    assert own.shape[0] == len(TEXTS) * 4


def test_a_failing_fast_path_falls_back_to_stock_generate(tiny_models, monkeypatch, caplog):  # type: ignore[no-untyped-def]
    tokenizer, stock = load(str(tiny_models.summariser))
    _, model = load(str(tiny_models.summariser))
    torch_speedups.prepare_model(model, "cpu")

    def unsupported(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("The size of tensor a (16) must match the size of tensor b (4)")

    monkeypatch.setattr(torch_speedups, "_generate_shared", unsupported)
    batch = dict(tokenizer(TEXTS, return_tensors="pt", padding=True))
    settings = {"num_beams": 2, "min_new_tokens": 6, "max_new_tokens": 6}
    with torch.inference_mode(), caplog.at_level("WARNING", logger="summarise.engines.torch_speedups"):
        got = torch_speedups.generate(model, batch, **settings)
        expected = stock.generate(**batch, **settings)
    assert torch.equal(got, expected)
    assert "using stock generate()" in caplog.text and "must match" in caplog.text
    assert model.config._attn_implementation == "sdpa"  # not retried on every batch


def test_greedy_decoding_is_stock_generate(tiny_models):  # type: ignore[no-untyped-def]
    calls = generate_calls(str(tiny_models.translator), num_beams=1, max_new_tokens=4)
    assert len(calls) == 1 and "input_ids" in calls[0] and "cache" not in calls[0]


def test_transposed_output_projection_keeps_weights_values_and_tying(tiny_models, monkeypatch):  # type: ignore[no-untyped-def]
    _, model = load(str(tiny_models.translator))  # Marian ties its head to the embeddings
    head = model.get_output_embeddings()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    rows = torch.randn(3, 5, head.weight.shape[1])
    expected = head(rows)
    monkeypatch.setattr(torch_speedups, "_MIN_VOCAB_FOR_TRANSPOSED_HEAD", 1)
    assert "transposed-output-projection" in torch_speedups.prepare_model(model, "cpu")
    assert model.get_output_embeddings() is head
    assert head.weight is model.get_input_embeddings().weight
    assert torch.allclose(head(rows), expected, atol=1e-5)
    assert head(rows).shape == expected.shape
    after = model.state_dict()
    assert after.keys() == before.keys() and all(torch.equal(after[k], before[k]) for k in before)


def test_the_transposed_projection_is_cpu_only(tiny_models, monkeypatch):  # type: ignore[no-untyped-def]
    _, model = load(str(tiny_models.translator))
    monkeypatch.setattr(torch_speedups, "_MIN_VOCAB_FOR_TRANSPOSED_HEAD", 1)
    assert "transposed-output-projection" not in torch_speedups.prepare_model(model, "cuda")
    assert type(model.get_output_embeddings()) is torch.nn.Linear


@pytest.mark.parametrize("engine", [Seq2SeqSummariser, Seq2SeqTranslator])
def test_the_engine_records_its_speedups(tiny_models, engine):  # type: ignore[no-untyped-def]
    role = "summariser" if engine is Seq2SeqSummariser else "translator"
    loaded = engine(str(getattr(tiny_models, role)), device="cpu")
    loaded.loaded  # noqa: B018 - load
    assert "shared-beam-cross-attention" in loaded.describe()["speedups"]


def test_importing_the_speedups_registers_nothing_until_an_engine_prepares_a_model(tiny_models) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    # A fresh interpreter: this test session has loaded engines already.
    code = (
        "import summarise.engines.torch_speedups as t\n"
        "from transformers import AttentionInterface, AutoModelForSeq2SeqLM\n"
        "print(t.SHARED_KV_ATTENTION in AttentionInterface._global_mapping)\n"
        f"model = AutoModelForSeq2SeqLM.from_pretrained({str(tiny_models.summariser)!r})\n"
        "print(t.prepare_model(model, 'cpu'), t.SHARED_KV_ATTENTION in AttentionInterface._global_mapping)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = done.stdout.strip().splitlines()
    assert before == "False"
    assert after.endswith("True") and "shared-beam-cross-attention" in after
