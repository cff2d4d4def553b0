"""The benchmark code path, on the tiny models: exact vocabulary padding, forced output lengths,
the JSON shape other tools read, the table and the plot. Timings are never asserted here."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

from benchmarks import run
from benchmarks.drivers import DRIVERS, bucket_length, buckets
from benchmarks.models import pad_sentencepiece, train_sentencepiece

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "qinghai-page-2024-12-24.txt"
ENGINE_KEYS = {"end_to_end_articles_per_min", "summarise_tokens_per_s", "translate_tokens_per_s",
               "cold_start_s", "peak_rss_mb"}


def _lines() -> list[str]:
    return [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("size", [3000, 4001])
def test_padded_sentencepiece_has_the_exact_size_and_encodes_as_before(size: int) -> None:
    import sentencepiece as spm

    trained = train_sentencepiece(_lines(), 2000, pad_id=0, eos_id=1, unk_id=2)
    padded = pad_sentencepiece(trained, size)
    before = spm.SentencePieceProcessor(model_proto=trained)
    after = spm.SentencePieceProcessor(model_proto=padded)
    assert after.get_piece_size() == size
    # The padding pieces are never chosen: real text encodes exactly as with the trained model.
    for line in _lines()[:10]:
        assert after.encode(line) == before.encode(line)


def test_padding_refuses_to_shrink() -> None:
    trained = train_sentencepiece(_lines(), 2000)
    with pytest.raises(ValueError, match="more than"):
        pad_sentencepiece(trained, 10)


@pytest.mark.parametrize(
    ("sizes", "batch", "expected"),
    [
        ([5, 9, 1, 7], 2, [[1, 3], [0, 2]]),
        ([5, 9, 1, 7], 8, [[1, 3, 0, 2]]),
        ([3], 4, [[0]]),
    ],
)
def test_buckets_are_length_sorted(sizes: list[int], batch: int, expected: list[list[int]]) -> None:
    assert buckets(sizes, batch) == expected


@pytest.mark.parametrize(("lengths", "members", "expected"), [([4, 6, 9], [0, 1], 5), ([4, 6, 9], [2], 9),
                                                               ([1, 2], [0, 1], 2)])
def test_bucket_length_is_the_rounded_up_mean(lengths: list[int], members: list[int], expected: int) -> None:
    assert bucket_length(lengths, members) == expected


@pytest.fixture(scope="module")
def bench_paths(tiny_models, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The tiny models as the benchmark sees them: PyTorch folders and their int8 conversions."""
    from summarise.models.convert import convert_to_ct2

    root = tmp_path_factory.mktemp("bench")
    torch_paths, ct2_paths = {}, {}
    for role in ("summariser", "translator"):
        folder = Path(shutil.copytree(getattr(tiny_models, role), root / role))
        torch_paths[role] = str(folder)
        ct2_paths[role] = str(convert_to_ct2(str(folder), quantization="int8").output)
    return {"torch": torch_paths, "ct2": ct2_paths}


@pytest.mark.parametrize("engine", ["naive", "torch", "ct2"])
@pytest.mark.parametrize("beams", [1, 2])
def test_drivers_generate_exactly_the_forced_lengths(bench_paths, engine: str, beams: int) -> None:  # type: ignore[no-untyped-def]
    driver = DRIVERS[engine](bench_paths["ct2" if engine == "ct2" else "torch"], "cpu", threads=1)
    driver.load()
    texts = ["久美家园居住着4000多名生态移民。", "短句。", "前11个月全省空气质量优良天数比例达95%以上。"]
    lengths = [7, 3, 11]
    produced = driver.generate("translator", texts, lengths, beams, 2)
    if engine == "naive":
        assert produced == sum(lengths)
    else:  # one forced length per length-sorted bucket, the mean of its members' targets
        sizes = driver.count_tokens("translator", texts)
        assert produced == sum(bucket_length(lengths, b) * len(b) for b in buckets(sizes, 2))
    assert driver.generate("summariser", texts[:2], [5, 5], beams, 2) == 10


def test_measure_reports_every_figure_in_the_shared_json_shape(bench_paths, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    articles, _ = run.load_articles(SAMPLE)
    plan = {
        "paths": bench_paths, "articles": articles[:1], "wmt": ["声明补充说。", "软件也要跟上。"],
        "device": "cpu", "repeats": 1, "batch_size": 4, "batch_sizes": [1], "threads": 1,
        "summary_tokens": 3,
    }
    engines = {name: run.measure(plan, name) for name in ("naive", "torch", "ct2")}
    result = run.report({"cpu": "test", "cores": 1, "device": "cpu"}, engines, {"quick": True})
    document = json.loads(json.dumps(result))  # JSON-serialisable as written
    assert set(document) == {"machine", "engines", "ratios", "settings"}
    assert set(document["engines"]) == {"naive", "torch", "ct2"}
    for name, figures in document["engines"].items():
        assert ENGINE_KEYS <= set(figures), name
        assert all(figures[key] > 0 for key in ENGINE_KEYS), name
        summarise = figures["stages"]["summarise"]
        assert summarise["tokens"] == summarise["expected_tokens"] == 3  # forced, not arbitrary
        assert figures["greedy"]["summarise"]["tokens"] == 3
        assert figures["stages"]["translate"]["sentences"] == 2
    # The naive engine forces each sentence's own length: 1.3 x its source tokens.
    naive = document["engines"]["naive"]["stages"]["translate"]
    assert naive["tokens"] == naive["expected_tokens"]
    assert document["engines"]["torch"]["articles_per_min_by_batch_size"].keys() == {"1", "4"}
    assert set(document["ratios"]) == {"torch_vs_naive_end_to_end", "ct2_vs_torch_translate",
                                       "torch_peak_rss_mb_max", "ct2_peak_rss_mb_max",
                                       "torch_vs_naive_end_to_end_cpu", "ct2_vs_torch_translate_cpu"}
    assert all(isinstance(r["met"], bool) for r in document["ratios"].values() if "target" in r)
    assert all(document["engines"][e]["stages"]["end_to_end"]["cpu_seconds"] > 0 for e in document["engines"])

    # The quick run's shape: the same figures, without the greedy row.
    quick = run.measure({**plan, "greedy": False, "batch_sizes": []}, "ct2")
    assert ENGINE_KEYS <= set(quick) and quick["greedy"] is None
    assert document["engines"]["torch"]["speedups"]["summariser"] == ["shared-beam-cross-attention"]

    text = run.table(document)
    assert text.splitlines()[0].split()[0] == "engine"
    assert {line.split()[0] for line in text.splitlines()[2:5]} == {"naive", "torch", "ct2"}
    png = run.plot(document, tmp_path / "plot.png")
    if png is not None:  # matplotlib is optional (the bench extra)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("engines", "expected"),
    [
        ({"naive": 10.0, "torch": 35.0}, {"torch_vs_naive_end_to_end": (3.5, True)}),
        ({"naive": 10.0, "torch": 20.0}, {"torch_vs_naive_end_to_end": (2.0, False)}),
    ],
)
def test_ratios_against_targets(engines: dict[str, float], expected: dict[str, tuple[float, bool]]) -> None:
    figures = {name: {"end_to_end_articles_per_min": value, "translate_tokens_per_s": 1.0, "peak_rss_mb": 100.0}
               for name, value in engines.items()}
    got = run.ratios(figures)
    for name, (value, met) in expected.items():
        assert math.isclose(got[name]["value"], value)
        assert got[name]["met"] is met
    assert got["torch_peak_rss_mb_max"]["met"] is True


def test_forced_translation_length_is_one_point_three_times_the_source() -> None:
    class Counter:
        def count_tokens(self, role: str, texts: list[str]) -> list[int]:
            return [11, 2, 1]  # source tokens including </s>

    assert run.forced_lengths(Counter(), ["a", "b", "c"]) == [13, 2, 1]


def test_summary_sized_lead() -> None:
    assert run.summary_sized_lead(["a" * 60, "b" * 30, "c" * 30]) == ["a" * 60, "b" * 30]
    assert run.summary_sized_lead(["a" * 300, "b"]) == ["a" * 300]
    assert run.summary_sized_lead([]) == []


def test_cli_rejects_unknown_engines() -> None:
    with pytest.raises(SystemExit, match="unknown engine"):
        run.main(["--engines", "naive,tensorrt"])


def test_peak_rss_is_the_workers_own_not_its_parents() -> None:
    import subprocess
    import sys

    ballast = bytearray(400 * 2**20)  # the parent's peak is now at least 400 MiB
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])  # touch every page so it is resident
    code = "from benchmarks import run; print(run.peak_rss_mb())"
    child = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert 5 < float(child.stdout) < 200  # a bare interpreter, not the parent's 400 MiB
    assert run.peak_rss_mb() >= 400
    del ballast


def test_the_llm_comparison_runs_both_backends_on_the_same_prompt(tiny_llm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("llama_cpp")
    pytest.importorskip("gguf")
    out = tmp_path / "llm.json"
    code = run.main(["--llm", str(tiny_llm.gguf), "--llm-prompt-tokens", "60", "--llm-new-tokens", "8",
                     "--threads", "1", "--json", str(out), "--cache", str(tmp_path / "cache")])
    assert code == 0
    document = json.loads(out.read_text())
    engines = document["engines"]
    assert set(engines) == {"llm-transformers", "llm-llamacpp", "llm-llamacpp-json"}
    for name, figures in engines.items():
        assert figures["prompt_tokens"] == figures["prefill"]["tokens"]
        if name != "llm-llamacpp-json":  # that one reads a whole prompt and stops where its reply ends
            assert figures["prompt_tokens"] == 60
            assert figures["decode"]["tokens"] == 7  # forced: end-of-sequence is ignored
        assert figures["prefill"]["tokens_per_s"] > 0 and figures["decode"]["tokens_per_s"] > 0
        assert figures["peak_rss_mb"] > 0
    # Grammar mode: the constrained reply is JSON text (the grammar allows nothing else to start it).
    grammar = engines["llm-llamacpp-json"]
    # llama-cpp-python checks max_tokens only once the text decodes: a reply ending inside a multi-byte
    # UTF-8 character (a tiny model's byte tokens) runs up to 3 tokens past the limit.
    assert 1 <= grammar["json_grammar"]["tokens"] <= 8 + 3 and 1 <= grammar["free"]["tokens"] <= 8 + 3
    assert grammar["json_grammar"]["sample"].lstrip()[:1] in ("{", "[")
    # The same weights and greedy decoding: the two backends start their answers with the same text.
    transformers_text, llama_text = engines["llm-transformers"]["sample"], engines["llm-llamacpp"]["sample"]
    assert transformers_text[:6] == llama_text[:6]
    assert set(document["ratios"]) == {"llamacpp_vs_transformers_decode", "llamacpp_vs_transformers_decode_cpu",
                                       "llamacpp_vs_transformers_prefill", "llamacpp_peak_rss_fraction_max",
                                       "llamacpp_json_grammar_decode_slowdown"}
    assert isinstance(document["ratios"]["llamacpp_vs_transformers_decode"]["met"], bool)
    assert document["settings"]["new_tokens"] == 8 and document["machine"]["load_average_at_end"]
