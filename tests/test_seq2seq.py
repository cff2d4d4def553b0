"""The seq2seq engines, run through the real loading code on the tiny mT5 and Marian models."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from summarise.engines.chunking import chunk_by_tokens, length_sorted_batches, token_counts
from summarise.engines.device import resolve_device
from summarise.engines.seq2seq import Seq2SeqSummariser, Seq2SeqTranslator
from summarise.errors import ConfigError, ModelUnavailable

ENGINES = {"summariser": Seq2SeqSummariser, "translator": Seq2SeqTranslator}
TEXTS = [
    "久美家园是全州规模最大的搬迁安置点,居住着4000多名生态移民。",
    "投资22.7亿元。",
    "陈刚先后走进社区党群服务中心、藏毯手工编织坊、惠民积分超市,详细了解基层党建、社区治理、产业发展。",
    "生态",
    "严冬的阿尼玛卿雪山巍峨壮美,寒风凛冽。",
]


def run(engine, texts):  # type: ignore[no-untyped-def]
    return engine.summarise(texts) if isinstance(engine, Seq2SeqSummariser) else engine.translate(texts)


def spy_generate(engine):  # type: ignore[no-untyped-def]
    """Record the shape of every generate() input and output on the engine's loaded model."""
    calls: list[dict] = []
    model = engine.loaded.model
    real = model.generate

    def generate(**inputs):  # type: ignore[no-untyped-def]
        # Under beam search the engine runs the encoder itself and passes its output (torch_speedups);
        # generate() expands that output in place, so its shape is read before the call.
        ids = inputs.get("input_ids")
        shape = ids.shape if ids is not None else inputs["encoder_outputs"].last_hidden_state.shape[:2]
        out = real(**inputs)
        calls.append(
            {
                "input": tuple(shape),
                "output": tuple(out.shape),
                "mask": inputs["attention_mask"].sum(dim=1).tolist(),
                "ids": out.tolist(),
            }
        )
        return out

    model.generate = generate
    return calls


@pytest.fixture(scope="module")
def long_text(sample_page) -> str:  # type: ignore[no-untyped-def]
    """About 50,000 characters of real Chinese news: the sample page, repeated."""
    page = sample_page.read_text(encoding="utf-8")
    return (page * (50_000 // len(page) + 1))[:50_000]


@pytest.mark.parametrize("role", ["summariser", "translator"])
def test_batching_preserves_order_and_matches_one_at_a_time(tiny_models, role):  # type: ignore[no-untyped-def]
    folder = str(getattr(tiny_models, role))
    batched = ENGINES[role](folder, batch_size=2)
    single = ENGINES[role](folder, batch_size=1)
    calls = spy_generate(batched)
    together = run(batched, TEXTS)
    alone = [run(single, [text])[0] for text in TEXTS]
    assert together == alone
    assert len(set(together)) > 1, "tiny model outputs should depend on the input"
    # 5 texts in batches of 2, longest first, so padding stays small.
    assert [c["input"][0] for c in calls] == [2, 2, 1]
    widths = [c["input"][1] for c in calls]
    assert widths == sorted(widths, reverse=True)


@pytest.mark.parametrize("role", ["summariser", "translator"])
def test_blank_inputs_give_blank_outputs_without_a_model_call(tiny_models, role):  # type: ignore[no-untyped-def]
    engine = ENGINES[role](str(getattr(tiny_models, role)))
    assert run(engine, []) == []
    calls = spy_generate(engine)
    assert run(engine, ["", "   ", "\n"]) == ["", "", ""]
    assert calls == []
    out = run(engine, ["", TEXTS[0]])
    assert out[0] == "" and out[1]
    assert len(calls) == 1 and calls[0]["input"][0] == 1


@pytest.mark.parametrize("role", ["summariser", "translator"])
def test_model_loads_lazily_and_once(tiny_models, role, monkeypatch):  # type: ignore[no-untyped-def]
    import transformers

    loads = []
    real = transformers.AutoModelForSeq2SeqLM.from_pretrained

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        loads.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(transformers.AutoModelForSeq2SeqLM, "from_pretrained", counting)
    engine = ENGINES[role](str(getattr(tiny_models, role)))
    assert loads == [] and engine.describe()["loaded"] is False
    run(engine, TEXTS[:2])
    run(engine, TEXTS[2:])
    assert loads == [getattr(tiny_models, role)]


def test_long_article_is_chunked_by_sentence_and_reduced_never_truncated(tiny_models, long_text):  # type: ignore[no-untyped-def]
    engine = Seq2SeqSummariser(str(tiny_models.summariser), batch_size=8)
    calls = spy_generate(engine)
    window = engine.loaded.window
    chunks = chunk_by_tokens(engine.loaded.tokenizer, long_text, window)
    rounds: list[list[list[str]]] = []
    run = engine.run
    engine.run = lambda texts: rounds.append(run(texts)) or rounds[-1]  # type: ignore[method-assign]
    [summary] = engine.summarise([long_text])
    # The summary is the last round's chunk summaries joined, each one the decode of ids the model made.
    decoded = {engine.loaded.tokenizer.decode(row, skip_special_tokens=True).strip()
               for c in calls for row in c["ids"]}
    [last] = rounds[-1]
    assert summary == "".join(last) and last and set(last) <= decoded
    # Every chunk went to the model, each within the 512-token window (511 content + </s>).
    assert len(chunks) > 50
    first_round = calls[: -(-len(chunks) // 8)]
    assert sum(c["input"][0] for c in first_round) == len(chunks)
    assert all(c["input"][0] == 8 for c in first_round[:-1])
    assert max(max(c["mask"]) for c in calls) <= 512
    # The chunk summaries were reduced again until one summary's length: a later, smaller round ran.
    assert len(calls) > len(first_round)
    assert token_counts(engine.loaded.tokenizer, [summary])[0] <= 2 * engine.loaded.generation.get(
        "max_new_tokens", engine.loaded.model.generation_config.max_new_tokens
    )


def test_translator_splits_an_over_long_sentence_at_clauses(tiny_models):  # type: ignore[no-untyped-def]
    engine = Seq2SeqTranslator(str(tiny_models.translator), batch_size=4)
    calls = spy_generate(engine)
    clause = "陈刚先后走进社区党群服务中心,详细了解基层党建和社区治理情况"
    sentence = ",".join([clause] * 40) + "。"  # one sentence, far over the window, no 。 inside
    assert token_counts(engine.loaded.tokenizer, [sentence])[0] > engine.loaded.window
    short, long = engine.translate([TEXTS[1], sentence])
    pieces = chunk_by_tokens(engine.loaded.tokenizer, sentence, engine.loaded.window)
    assert len(pieces) >= 2
    assert sum(c["input"][0] for c in calls) == 1 + len(pieces)
    assert max(max(c["mask"]) for c in calls) <= 512
    assert short and long.count(" ") >= len(pieces) - 1


@pytest.mark.parametrize(
    "text",
    [
        "今年全省投资达到12.6万亿元。增长3.5%。" * 30,
        "该县投资22.7亿元用于道路建设,覆盖95%以上的村庄,惠及4000多名群众" * 12,
        "投资1,200万元,于10:30开放,覆盖1 200户" * 15,  # commas, colons and spaces inside figures
        "1234567890" * 200,  # one long number and nothing else: must still be cut, never dropped
    ],
)
@pytest.mark.parametrize("limit", [16, 64])
def test_chunks_fit_cover_the_text_and_keep_figures_whole(tiny_models, text, limit):  # type: ignore[no-untyped-def]
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_models.summariser)
    chunks = chunk_by_tokens(tokenizer, text, limit)
    assert "".join(re.sub(r"\s", "", c) for c in chunks) == re.sub(r"\s", "", text)
    counts = token_counts(tokenizer, chunks)
    if not text.startswith("1234"):
        assert max(counts) <= limit
        for figure in ("12.6万亿元", "3.5%", "22.7亿元", "95%", "4000", "1,200万元", "10:30", "1 200户"):
            # A figure cut across two chunks would vanish from both: the count must survive chunking.
            assert sum(c.count(figure) for c in chunks) == text.count(figure), f"{figure} was cut"
    assert len(chunks) >= 2


def test_length_sorted_batches_cover_every_index_once():  # type: ignore[no-untyped-def]
    lengths = [3, 9, 1, 9, 4, 7, 2]
    batches = length_sorted_batches(lengths, 3)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert [lengths[i] for b in batches for i in b] == sorted(lengths, reverse=True)


def test_length_sorted_batches_keep_within_a_token_budget():  # type: ignore[no-untyped-def]
    lengths = [625, 618, 502, 339, 311, 283]  # the sample page's articles in mT5 tokens
    batches = length_sorted_batches(lengths, 8, max_tokens=2048)
    assert batches == [[0, 1, 2], [3, 4, 5]]
    assert all(len(b) * lengths[b[0]] <= 2048 for b in batches)
    assert length_sorted_batches(lengths, 8) == [[0, 1, 2, 3, 4, 5]]
    # An input over the budget is not dropped or cut: it goes alone.
    assert length_sorted_batches([5000, 10, 10], 8, max_tokens=2048) == [[0], [1, 2]]


def test_describe_reports_the_loaded_model_and_settings(tiny_models):  # type: ignore[no-untyped-def]
    engine = Seq2SeqTranslator(str(tiny_models.translator), num_beams=1, max_new_tokens=5, device="cpu")
    before = engine.describe()
    assert before["loaded"] is False and before["model"] == str(tiny_models.translator)
    calls = spy_generate(engine)
    engine.translate(TEXTS)
    after = engine.describe()
    assert after["engine"] == "torch" and after["role"] == "translator"
    assert after["path"] == str(tiny_models.translator) and after["source"] == "folder"
    assert (after["device"], after["dtype"], after["window"]) == ("cpu", "float32", 511)
    assert (after["num_beams"], after["max_new_tokens"]) == (1, 5)
    json.dumps(after)  # goes into each brief's JSON
    # The max_new_tokens override really bounds generation (decoder start token + 5).
    assert max(c["output"][1] for c in calls) <= 6


@pytest.mark.parametrize(
    ("role", "hub_id"),
    [("summariser", "csebuetnlp/mT5_multilingual_XLSum"), ("translator", "Helsinki-NLP/opus-mt-zh-en")],
)
def test_describe_names_the_registry_default_without_loading_it(role, hub_id):  # type: ignore[no-untyped-def]
    # Offline with an empty cache: describing must not try to find, let alone load, the model.
    info = ENGINES[role](None, num_beams=3).describe()
    assert (info["model"], info["loaded"], info["num_beams"]) == (hub_id, False, 3)


def test_a_pulled_registry_model_gets_the_registry_generation_defaults(tiny_models, tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "pulled-xlsum"
    shutil.copytree(tiny_models.summariser, folder)
    (folder / "summarise-model.json").write_text(
        json.dumps(
            {"hub_id": "csebuetnlp/mT5_multilingual_XLSum", "revision": "abc123", "role": "summariser"}
        ),
        encoding="utf-8",
    )
    engine = Seq2SeqSummariser(str(folder), max_new_tokens=8)
    engine.summarise(TEXTS[:1])
    info = engine.describe()
    assert info["model"] == "csebuetnlp/mT5_multilingual_XLSum" and info["revision"] == "abc123"
    assert (info["num_beams"], info["no_repeat_ngram_size"], info["max_new_tokens"]) == (4, 2, 8)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"batch_size": 0}, "batch size"),
        ({"num_beams": 0}, "num_beams"),
        ({"max_new_tokens": 0}, "max_new_tokens"),
        ({"device": "tpu"}, "unknown device"),
    ],
)
def test_bad_settings_are_config_errors(tiny_models, settings, message):  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=message):
        Seq2SeqSummariser(str(tiny_models.summariser), **settings).summarise(TEXTS[:1])


@pytest.mark.parametrize("role", ["summariser", "translator"])
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("./no/such/folder", "does not exist"),
        (None, "is not available offline"),  # the registry default, offline with an empty cache
        ("Helsinki-NLP/opus-mt-zh-de", "is not available offline"),
    ],
)
def test_a_missing_model_fails_on_first_use_with_one_actionable_line(role, name, expected):  # type: ignore[no-untyped-def]
    engine = ENGINES[role](name)  # constructing never touches the model
    with pytest.raises(ModelUnavailable) as early:
        engine.resolve()  # the cheap pre-flight check fails the same way, before any loading
    with pytest.raises(ModelUnavailable) as caught:
        run(engine, TEXTS[:1])
    assert str(early.value) == str(caught.value)
    message = str(caught.value)
    assert expected in message and "\n" not in message
    assert f"--{role}" in message
    assert caught.value.exit_code == 3


@pytest.mark.parametrize(
    ("asked", "cuda", "expected"),
    [
        ("auto", False, "cpu"),
        ("auto", True, "cuda"),
        ("cpu", True, "cpu"),
        ("CPU", False, "cpu"),
        ("cuda", True, "cuda"),
        ("cuda:1", True, "cuda:1"),
    ],
)
def test_resolve_device(monkeypatch, asked, cuda, expected):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("summarise.engines.device.cuda_available", lambda: cuda)
    assert resolve_device(asked) == expected


@pytest.mark.parametrize(
    ("asked", "message"),
    [("cuda", "no CUDA device"), ("gpu", "unknown device"), ("cuda:x", "unknown device")],
)
def test_resolve_device_errors(monkeypatch, asked, message):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("summarise.engines.device.cuda_available", lambda: False)
    with pytest.raises(ConfigError, match=message):
        resolve_device(asked)


def test_brief_cli_runs_the_whole_pipeline_on_the_tiny_models(tiny_models, sample_page):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from summarise.cli import main

    result = CliRunner().invoke(
        main,
        [
            "brief",
            str(sample_page),
            "--summariser",
            str(tiny_models.summariser),
            "--translator",
            str(tiny_models.translator),
            "--format",
            "json",
            "--device",
            "cpu",
        ],
    )
    assert result.exit_code == 0, result.output
    briefs = json.loads(result.stdout)
    assert len(briefs) == 6  # the sample page holds six articles
    assert len({brief["id"] for brief in briefs}) == 6
    for brief in briefs:
        assert brief["headline"] and brief["summary"]
        models = brief["models"]
        assert models["summariser"]["path"] == str(tiny_models.summariser)
        assert models["translator"]["path"] == str(tiny_models.translator)
        assert models["summariser"]["engine"] == "torch" and models["summariser"]["device"] == "cpu"


def test_brief_cli_with_the_default_models_offline_exits_3_in_one_line(sample_page):  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from summarise.models.registry import CHECKOUT_REGISTRY

    root = CHECKOUT_REGISTRY.parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "SUMMARISE_MODELS_DIR": os.environ["HF_HOME"]}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarise",
            "brief",
            str(sample_page),
            "--summariser",
            "csebuetnlp/mT5_multilingual_XLSum",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert done.returncode == 3
    assert done.stdout == ""
    home = os.environ["HF_HOME"]
    expected = (
        "summarise: error: summariser 'csebuetnlp/mT5_multilingual_XLSum' is not available offline: looked in "
        f"{home}/csebuetnlp--mT5_multilingual_XLSum, {home}/hub; "
        "run 'summarise models pull' on a connected machine or pass --summariser DIR"
    )
    assert done.stderr.splitlines() == [expected]


def test_brief_cli_cuda_without_cuda_is_a_usage_error(tiny_models, sample_page, monkeypatch):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from summarise.cli import main

    monkeypatch.setattr("summarise.engines.device.cuda_available", lambda: False)
    args = [
        "brief",
        str(sample_page),
        "--summariser",
        str(tiny_models.summariser),
        "--translator",
        str(tiny_models.translator),
        "--device",
        "cuda",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "summarise: error: device 'cuda' was asked for but no CUDA device is available; use --device cpu or auto"
    ]


def test_summarise_chunked_reduces_until_short_and_always_ends() -> None:
    from summarise.engines.chunking import summarise_chunked

    rounds: list[list[str]] = []

    def run_chunked(batch: list[str]) -> list[list[str]]:
        rounds.append(batch)
        # A fake model: each 10-character chunk summarises to its first 3 characters.
        return [[text[i:i + 3] for i in range(0, len(text), 10)] for text in batch]

    texts = ["a" * 95, "short"]
    summaries = summarise_chunked(texts, run_chunked, too_long=lambda s: len(s) > 5)
    assert summaries[1] == "sho"
    # 95 characters -> 10 chunk summaries (30) -> 3 (9) -> one chunk (3): reduced while too long.
    assert summaries[0] == "aaa"
    assert [len(batch) for batch in rounds] == [2, 1, 1]
    # A summariser that never shortens its input stops after one round instead of looping.
    assert summarise_chunked(["x" * 40], lambda batch: [[t, t] for t in batch], lambda s: True) == ["x" * 80]
