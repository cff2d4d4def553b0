"""LLMEngine with a scripted chat model: prompts, retry, fallbacks, context fitting, protocols."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from summarise.engines.base import Summariser, Translator
from summarise.engines.llm import DirectAnswer, LLMEngine
from summarise.engines.llm_transformers import locate_model
from summarise.errors import ConfigError, ModelUnavailable, ProcessingError
from summarise.types import Article, Paragraph

TEMPLATES = {
    "brief_direct": "[brief_direct] $headline | $article | $figures | $sentences",
    "brief_direct_retry": "[brief_direct_retry] $headline | $article",
    "summarise_zh": "[summarise_zh] $article | $figures | $sentences",
    "translate_zh_en": "[translate_zh_en] $text | $figures",
    "headline_en": "[headline_en] $headline | $article",
}


@dataclass
class ScriptedChat:
    """A ChatGenerator whose reply is `script(task, prompt)`; counts tokens as characters."""

    script: Callable[[str, str], str]
    limit: int | None = None
    calls: list[tuple[str, list[str]]] = field(default_factory=list)

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]:
        tasks = {re.match(r"\[(\w+)\]", p).group(1) for p in prompts}  # type: ignore[union-attr]
        assert len(tasks) == 1, "one template per batched call"
        self.calls.append((tasks.pop(), list(prompts)))
        return [self.script(self.calls[-1][0], p) for p in prompts]

    def count_tokens(self, prompt: str) -> int:
        return len(prompt)

    def context_limit(self) -> int | None:
        return self.limit

    def describe(self) -> dict[str, Any]:
        return {"id": "scripted", "gguf_file": None, "revision": None}

    @property
    def tasks(self) -> list[str]:
        return [task for task, _ in self.calls]


@pytest.fixture()
def prompts_dir(tmp_path: Path) -> Path:
    for name, text in TEMPLATES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def make_article(body: str, headline: str | None = "青海投资", index: int = 0) -> Article:
    return Article(index, headline, None, None, (Paragraph(body, 0, len(body)),), 0, len(body))


def engine(prompts_dir: Path, chat: ScriptedChat, **options: Any) -> LLMEngine:
    return LLMEngine("scripted", prompts_dir=prompts_dir, chat=chat, hints=lambda text: "HINTS", **options)


GOOD = '{"headline": "Qinghai invests 2.27 billion yuan", "summary": "Work began on Monday."}'
BODY = "青海省投资22.7亿元建设新项目。项目于周一开工。"


def test_a_good_answer_needs_one_call_and_no_warning(prompts_dir: Path) -> None:
    chat = ScriptedChat(lambda task, prompt: GOOD)
    answers = engine(prompts_dir, chat, summary_sentences=2).brief_direct([make_article(BODY)])
    assert answers == [DirectAnswer("Qinghai invests 2.27 billion yuan", "Work began on Monday.", (), ())]
    assert chat.calls == [("brief_direct", [f"[brief_direct] 青海投资 | {BODY} | HINTS | 2"])]


@pytest.mark.parametrize(
    ("first", "retry", "headline_reply", "expected", "warnings"),
    [
        pytest.param(
            "Qinghai invested a lot.", GOOD, None,
            ("Qinghai invests 2.27 billion yuan", "Work began on Monday."),
            ["malformed LLM answer (the answer was not JSON); retried with a stricter prompt"],
            id="non-json-then-good",
        ),
        pytest.param(
            "", GOOD, None, ("Qinghai invests 2.27 billion yuan", "Work began on Monday."),
            ["malformed LLM answer (the answer was empty); retried with a stricter prompt"],
            id="empty-then-good",
        ),
        pytest.param(
            '{"headline": "H only"}', '{"headline": "H again"}', None, ("H again", ""),
            ["malformed LLM answer (the answer had no summary); retried with a stricter prompt",
             "the retry failed too (the answer had no summary); used what could be read",
             "the LLM gave no summary; the brief is empty"],
            id="missing-summary-twice",
        ),
        pytest.param(
            "Qinghai invested.", "Still prose about 2.27 billion yuan.", "Qinghai invests",
            ("Qinghai invests", "Still prose about 2.27 billion yuan."),
            ["malformed LLM answer (the answer was not JSON); retried with a stricter prompt",
             "the retry failed too (the answer was not JSON); used what could be read",
             "headline written by the separate headline prompt",
             "the LLM answer was not a brief; its raw text is used as the summary"],
            id="non-json-twice-raw-text-fallback",
        ),
        pytest.param(
            '{"summary": "S1."}', "nonsense", "Written headline", ("Written headline", "S1."),
            ["malformed LLM answer (the answer had no headline); retried with a stricter prompt",
             "the retry failed too (the answer was not JSON); used what could be read",
             "headline written by the separate headline prompt"],
            id="keeps-the-better-first-answer",
        ),
        pytest.param(
            '{"headline": "H", "summary": "Work began. Cut off mid', None, None, ("H", "Work began."),
            ["the LLM answer was cut off at 256 tokens; its unfinished sentence was dropped"],
            id="cut-off-json-keeps-its-complete-sentences-without-retry",
        ),
        pytest.param(
            '{"headline": "H", "summary": "Cut off mid', GOOD, None,
            ("Qinghai invests 2.27 billion yuan", "Work began on Monday."),
            ["the LLM answer was cut off at 256 tokens; no sentence of it was complete",
             "malformed LLM answer (the answer had no summary); retried with a stricter prompt"],
            id="cut-off-before-a-sentence-ended-is-retried",
        ),
        pytest.param(
            "Headline: H\nSummary: S.", '{"headline": "H2", "summary": "S2."}', None, ("H2", "S2."),
            ["malformed LLM answer (the answer was not JSON); retried with a stricter prompt"],
            id="labelled-lines-are-retried-for-json",
        ),
    ],
)
def test_malformed_answers_are_retried_then_fall_back(
    prompts_dir: Path, first: str, retry: str | None, headline_reply: str | None,
    expected: tuple[str, str], warnings: list[str],
) -> None:
    replies = {"brief_direct": first, "brief_direct_retry": retry, "headline_en": headline_reply}
    chat = ScriptedChat(lambda task, prompt: replies[task] or "")
    [answer] = engine(prompts_dir, chat).brief_direct([make_article(BODY)])
    assert (answer.headline, answer.summary) == expected
    assert list(answer.warnings) == warnings
    expected_tasks = ["brief_direct"] + (["brief_direct_retry"] if retry is not None else [])
    assert chat.tasks == expected_tasks + (["headline_en"] if headline_reply is not None else [])


def test_an_answer_with_neither_headline_nor_summary_is_a_failure_not_an_empty_brief(prompts_dir: Path) -> None:
    # Issue 19: an empty brief would count as done in a batch and never be retried.
    chat = ScriptedChat(lambda task, prompt: {"brief_direct": "", "brief_direct_retry": "   "}.get(task, ""))
    with pytest.raises(ProcessingError, match="neither a headline nor a summary for article 1"):
        engine(prompts_dir, chat).brief_direct([make_article(BODY)])
    assert chat.tasks == ["brief_direct", "brief_direct_retry", "headline_en"]


def test_replies_are_screened_before_they_are_read(prompts_dir: Path) -> None:
    reply = '{"headline": "Park\u202e grows\ud800", "summary": "' + "Long. " * 400 + '"}'
    chat = ScriptedChat(lambda task, prompt: reply)
    [answer] = engine(prompts_dir, chat, max_new_tokens=16).brief_direct([make_article(BODY)])
    assert "\u202e" not in answer.headline and "\ud800" not in answer.headline
    answer.headline.encode("utf-8")
    assert len(answer.summary) <= 16 * 8
    assert any("more than 16 tokens make; cut to its first 128" in w for w in answer.warnings)
    assert any("replaced 2 lone surrogate(s) or control character(s)" in w for w in answer.warnings)


def test_only_the_malformed_articles_are_retried_and_order_is_kept(prompts_dir: Path) -> None:
    bodies = ["第一篇。", "第二篇。", "第三篇。"]

    def script(task: str, prompt: str) -> str:
        number = next(i for i, body in enumerate(bodies) if body in prompt)
        if task == "brief_direct" and number == 1:
            return "not json"
        return f'{{"headline": "H{number}-{task}", "summary": "S{number}."}}'

    chat = ScriptedChat(script)
    answers = engine(prompts_dir, chat).brief_direct([make_article(b, index=i) for i, b in enumerate(bodies)])
    assert [a.headline for a in answers] == ["H0-brief_direct", "H1-brief_direct_retry", "H2-brief_direct"]
    assert [len(prompts) for _, prompts in chat.calls] == [3, 1]
    assert [bool(a.warnings) for a in answers] == [False, True, False]


def test_headline_placeholder_says_none_when_the_article_has_no_headline(prompts_dir: Path) -> None:
    chat = ScriptedChat(lambda task, prompt: GOOD)
    engine(prompts_dir, chat).brief_direct([make_article(BODY, headline=None)])
    assert chat.calls[0][1][0].startswith("[brief_direct] (none) | ")


def test_an_article_too_long_for_the_context_is_cut_at_a_sentence_end(prompts_dir: Path) -> None:
    sentences = [f"第{n}句话说了一些事情。" for n in range(40)]
    body = "".join(sentences)
    chat = ScriptedChat(lambda task, prompt: GOOD, limit=200)
    llm = engine(prompts_dir, chat, max_new_tokens=50)
    [answer] = llm.brief_direct([make_article(body)])
    prompt = chat.calls[0][1][0]
    assert len(prompt) + 50 <= 200
    kept = prompt.split(" | ")[1]
    assert body.startswith(kept) and kept.endswith("。")
    count = kept.count("。")
    # The longest whole-sentence prefix that fits: one more sentence would overflow.
    longer = TEMPLATES["brief_direct"].replace("$headline", "青海投资").replace("$figures", "HINTS")
    longer = longer.replace("$sentences", "3").replace("$article", "".join(sentences[: count + 1]))
    assert len(longer) + 50 > 200
    assert answer.warnings == (
        f"article shortened to its first {count} of 40 sentences to fit the model's context of 200 tokens",
    )


def test_a_single_sentence_too_long_for_the_context_is_cut_mid_sentence_with_a_warning(prompts_dir: Path) -> None:
    body = "没有句号的很长的一句话" * 30
    chat = ScriptedChat(lambda task, prompt: GOOD, limit=150)
    [answer] = engine(prompts_dir, chat, max_new_tokens=50).brief_direct([make_article(body)])
    prompt = chat.calls[0][1][0]
    kept = prompt.split(" | ")[1]
    assert len(prompt) + 50 == 150  # the longest prefix that fits, to the character
    assert body.startswith(kept) and 0 < len(kept) < len(body)
    assert answer.warnings == (
        f"article cut to its first {len(kept)} characters, mid-sentence, to fit the model's context of 150 tokens",
    )


def test_summarise_and_translate_use_their_templates_and_keep_order(prompts_dir: Path) -> None:
    chat = ScriptedChat(lambda task, prompt: f"```\n{task}:{prompt.split(' | ')[0][-4:]}\n```")
    llm = engine(prompts_dir, chat)
    assert isinstance(llm, Summariser) and isinstance(llm, Translator)
    assert llm.summarise(["甲甲甲甲。", "乙乙乙乙。"]) == ["summarise_zh:甲甲甲。", "summarise_zh:乙乙乙。"]
    assert llm.translate(["丙丙丙丙", "丁丁丁丁"]) == ["translate_zh_en:丙丙丙丙", "translate_zh_en:丁丁丁丁"]
    assert chat.calls[1][1][0] == "[translate_zh_en] 丙丙丙丙 | HINTS"


def test_describe_records_model_settings_and_each_template_hash(prompts_dir: Path) -> None:
    llm = engine(prompts_dir, ScriptedChat(lambda task, prompt: GOOD), max_new_tokens=99)
    described = llm.describe()
    assert described["engine"] == "llm" and described["decoding"] == "greedy"
    assert described["max_new_tokens"] == 99 and described["id"] == "scripted"
    assert set(described["prompts"]) == set(TEMPLATES)
    assert described["prompts"]["headline_en"]["origin"] == str(prompts_dir / "headline_en.txt")
    builtin = LLMEngine("scripted", chat=ScriptedChat(lambda t, p: "")).describe()["prompts"]
    assert builtin["headline_en"]["origin"] == "built-in"
    assert builtin["headline_en"]["sha256"] != described["prompts"]["headline_en"]["sha256"]


def test_engine_needs_a_model_and_checks_prompts_before_loading_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs a model"):
        LLMEngine("")
    with pytest.raises(ConfigError, match="unknown prompt 'summary'"):
        LLMEngine("never/loaded", prompt_overrides={"summary": str(tmp_path / "x.txt")})


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("Qwen/Qwen2.5-1.5B-Instruct", ("Qwen/Qwen2.5-1.5B-Instruct", None)),
        ("Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf",
         ("Qwen/Qwen2.5-1.5B-Instruct-GGUF", "qwen2.5-1.5b-instruct-q4_k_m.gguf")),
    ],
)
def test_locate_model(argument: str, expected: tuple[str, str | None]) -> None:
    assert locate_model(argument) == expected


def test_locate_model_finds_a_local_gguf_file_and_rejects_a_missing_one(tmp_path: Path) -> None:
    gguf = tmp_path / "model.Q4_K_M.gguf"
    gguf.write_bytes(b"GGUF")
    assert locate_model(str(gguf)) == (str(tmp_path.resolve()), "model.Q4_K_M.gguf")
    for missing in (str(tmp_path / "absent.gguf"), "./models/absent.gguf", "absent.gguf"):
        with pytest.raises(ModelUnavailable, match="no such GGUF file"):
            locate_model(missing)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("empty-folder", "is a folder but holds no model"),
        ("missing-folder", "no such model folder"),
        ("offline-hub-id", "llm 'no-such-owner/no-such-model' is not available offline: looked in .*--model DIR"),
        ("bad-gguf", "cannot load (LLM )?.*broken.gguf"),  # transformers' words, or llama.cpp's
    ],
)
def test_a_model_that_cannot_load_is_model_unavailable(tmp_path: Path, kind: str, message: str) -> None:
    model = {"empty-folder": str(tmp_path), "missing-folder": str(tmp_path / "absent"),
             "offline-hub-id": "no-such-owner/no-such-model", "bad-gguf": str(tmp_path / "broken.gguf")}[kind]
    (tmp_path / "broken.gguf").write_bytes(b"not a gguf file at all")
    llm = LLMEngine(model, max_new_tokens=4, hints=lambda text: "(none)")
    with pytest.raises(ModelUnavailable, match=message) as error:
        llm.summarise(["正文。"])
    assert "\n" not in str(error.value)


class _Tokenizer:
    def __init__(self, chat_template: str | None) -> None:
        self.chat_template = chat_template
        self.seen: dict[str, Any] = {}

    def apply_chat_template(self, messages: list[dict[str, str]], **options: Any) -> str:
        self.seen = options
        return f"<user>{messages[0]['content']}</user><assistant>"


@pytest.mark.parametrize(
    ("template", "expected"),
    [("{{ messages }}", "<user>正文</user><assistant>"), (None, "正文")],
)
def test_prompts_go_through_the_chat_template_when_the_tokenizer_has_one(
    template: str | None, expected: str
) -> None:
    from summarise.engines.llm_transformers import ChatModel

    tokenizer = _Tokenizer(template)
    assert ChatModel("unused")._chat_text(tokenizer, "正文") == expected
    if template:
        assert tokenizer.seen["add_generation_prompt"] is True and tokenizer.seen["tokenize"] is False


@dataclass
class _EchoingChat:
    """Answers each translation, then repeats the prompt's last instruction (what Qwen2.5-Coder-1.5B did)."""

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]:
        return ["The park beat its target. Reply with the English translation only." for _ in prompts]

    def count_tokens(self, prompt: str) -> int:
        return len(prompt)

    def context_limit(self) -> int | None:
        return None


def test_translations_lose_sentences_echoed_from_the_prompt() -> None:
    engine = LLMEngine("scripted", chat=_EchoingChat(), hints=lambda text: "(none)")
    assert engine.translate(["生物园区超额完成目标任务。"]) == ["The park beat its target."]
