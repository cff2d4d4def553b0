"""Digest renderers: what the Markdown and HTML pages show, and that article text is always escaped."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.errors import EmptyInput, InputError, PathNotFound
from summarise.output.digest import build_digest, read_briefs, render_digest
from summarise.types import Brief, Figure, SourceRef

ATTACK = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'


def make_brief(n: int, *, headline: str | None = None, warnings: tuple[str, ...] = ()) -> Brief:
    return Brief(
        id=f"page.txt#{n}-{n:010x}",
        headline=headline or f"Park beats investment target {n}",
        summary=f"The park attracted 2.27 billion yuan of investment. Summary {n}.",
        figures=(
            Figure("22.7亿元", 10, 16, Decimal(2270000000), "yuan", None, "money", "2.27 billion yuan"),
            Figure("4000多名", 30, 36, Decimal(4000), "people", "more than", "count", "more than 4,000"),
        ),
        source=SourceRef(headline=f"生物园区超额完成{n}", byline="本报讯(记者 张国静)", start=0, end=99,
                         path="page.txt", sha256="0" * 64),
        warnings=warnings,
        models={"engine": "torch", "summariser": {"id": "tiny-mt5", "revision": "abcdef1234567890"},
                "translator": {"id": "tiny-marian"}},
    )


class _Collector(HTMLParser):
    """Every tag and the text outside <style>, to check the page's structure without a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_html_digest_shows_every_part() -> None:
    briefs = [make_brief(1), make_brief(2, warnings=("figure 22.7亿元 repaired: was '22.7 billion'",))]
    page = render_digest(briefs, "html", date="2024-12-24")
    parsed = parse(page)
    text = " ".join(parsed.text)
    links = [attrs["href"] or "" for tag, attrs in parsed.tags if tag == "a"]
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    # The contents has one link per article, in order, and each lands on an element of the page.
    assert len(links) == 2 and all(link.startswith("#") and link[1:] in ids for link in links)
    assert text.index(briefs[0].headline) < text.index(briefs[1].headline)
    for brief in briefs:
        assert brief.headline in text and brief.summary in text and brief.source.headline in text
        for figure in brief.figures:
            assert figure.english in text and figure.text in text
    titles = {attrs.get("title") for _, attrs in parsed.tags}
    assert "22.7亿元 (characters 10–16)" in titles  # the Chinese span of a figure, on hover
    assert {"生物园区超额完成1", "生物园区超额完成2"} <= titles  # the Chinese headline, on hover
    assert text.count("repaired: was '22.7 billion'") == 1  # the second brief's warning, shown once
    assert "2024-12-24" in text and "tiny-mt5 @ abcdef123456" in text and "tiny-marian" in text


def test_html_digest_is_self_contained_and_responsive() -> None:
    page = render_digest([make_brief(1)], "html", date="2024-12-24")
    parsed = parse(page)
    assert not [t for t, a in parsed.tags if t in ("script", "link", "img", "iframe")]
    assert not any("http" in (a.get("src") or "") + (a.get("href") or "") for _, a in parsed.tags)
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in parsed.tags
    assert "@media (max-width" in page


@pytest.mark.parametrize("field", ["headline", "summary", "warning", "figure", "source"])
def test_html_digest_escapes_article_text(field: str) -> None:
    brief = make_brief(1)
    if field == "headline":
        brief = make_brief(1, headline=ATTACK)
    elif field == "warning":
        brief = make_brief(1, warnings=(ATTACK,))
    else:
        data = brief.to_dict()
        if field == "summary":
            data["summary"] = ATTACK
        elif field == "figure":
            data["figures"][0]["english"] = ATTACK
            data["figures"][0]["text"] = ATTACK
        else:
            data["source"]["headline"] = ATTACK
            data["source"]["path"] = ATTACK
        brief = Brief.from_dict(data)
    page = render_digest([brief], "html", date="2024-12-24")
    parsed = parse(page)
    assert not [t for t, _ in parsed.tags if t in ("script", "img")]  # nothing became markup
    assert ATTACK in html.unescape(page)  # but the text itself is shown


def test_markdown_digest() -> None:
    briefs = [make_brief(1), make_brief(2, headline="Growth *up* 3.5% [sic]", warnings=("doubtful figure",))]
    page = render_digest(briefs, "markdown", date="2024-12-24")
    assert page.splitlines()[0] == "# News digest" and "2024-12-24" in page
    # The contents lists both headlines in order, Markdown's special characters escaped.
    first, second = page.index("Park beats investment target 1"), page.index("Growth \\*up\\* 3.5% \\[sic\\]")
    assert first < second
    assert "- 2.27 billion yuan (22.7亿元)" in page
    assert "> **Warning:** doubtful figure" in page
    assert "Models: torch: summariser tiny-mt5 @ abcdef123456, translator tiny-marian" in page


def test_digest_defaults_to_today_and_lists_distinct_models() -> None:
    other = replace(make_brief(3), models={"engine": "llm", "model": {"id": "qwen"}})
    before = datetime.now(UTC).date()
    digest = build_digest([make_brief(1), make_brief(2), other])
    after = datetime.now(UTC).date()
    assert before <= date.fromisoformat(digest.date) <= after  # today (UTC), as an ISO date
    # Three briefs, two model signatures, in first-seen order.
    assert len(digest.models) == 2
    assert digest.models[0] == "torch: summariser tiny-mt5 @ abcdef123456, translator tiny-marian"


def test_read_briefs_round_trips_and_names_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "briefs.jsonl"
    path.write_text("".join(make_brief(n).to_json() + "\n" for n in range(3)), encoding="utf-8")
    assert read_briefs(path) == [make_brief(n) for n in range(3)]
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "x"}\n')
    with pytest.raises(InputError, match="line 4 is not a brief"):
        read_briefs(path)


@pytest.mark.parametrize(("content", "error"), [(None, PathNotFound), ("", EmptyInput), ("\n\n", EmptyInput)])
def test_read_briefs_errors(tmp_path: Path, content: str | None, error: type[Exception]) -> None:
    path = tmp_path / "b.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error):
        read_briefs(path)


@pytest.mark.parametrize(("fmt", "marker"), [("html", "<!DOCTYPE html>"), ("markdown", "# Qinghai")])
def test_digest_command(tmp_path: Path, fmt: str, marker: str) -> None:
    path = tmp_path / "briefs.jsonl"
    path.write_text(make_brief(1).to_json() + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["digest", str(path), "--format", fmt, "--title", "Qinghai",
                                       "--date", "2024-12-24"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(marker) and "Park beats investment target 1" in result.output


@pytest.mark.parametrize(("content", "code", "message"), [
    (None, 2, "no such file"), ("not json\n", 2, "line 1 is not a brief"), ("", 2, "holds no briefs"),
])
def test_digest_command_errors_are_one_line(tmp_path: Path, content: str | None, code: int, message: str) -> None:
    path = tmp_path / "briefs.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["digest", str(path)])
    assert result.exit_code == code
    assert result.output.count("\n") == 1 and message in result.output and "Traceback" not in result.output

