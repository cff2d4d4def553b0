"""The HTML digest in a real headless Chromium (Playwright): visible content, expanding, no script runs.

Needs /usr/bin/chromium (Debian `chromium`) and the `playwright` Python package; it never downloads a
browser. Skips with a message when either is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.types import Brief
from tests.test_batch import write_variant_corpus

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # Without these Chromium keeps calling home, and on a closed network those connections are refused.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
ATTACK = ('攻击<script>window.pwned = 1; document.title = "pwned"</script>'
          '<img src="x" onerror="window.pwned = 2">标题')


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module (a fresh temporary profile, as Playwright launches it)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def digest(tmp_path_factory: pytest.TempPathFactory, tiny_models: Any) -> tuple[Path, list[Brief]]:
    """A batch of the variant corpus plus a record carrying a script, run with the tiny models."""
    folder = tmp_path_factory.mktemp("digest")
    write_variant_corpus(folder / "in", copies=2)
    record = {"id": "attack", "title": ATTACK, "text": f"{ATTACK}。青海省投资22.7亿元,增长了95%以上。"}
    (folder / "in" / "records.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "batch", str(folder / "in"), "--out", str(folder / "night"), "--format", "html", "-q",
        "--summariser", str(tiny_models.summariser), "--translator", str(tiny_models.translator),
        "--device", "cpu", "--engine", "torch",
    ])
    assert result.exit_code == 0, result.output
    lines = (folder / "night.jsonl").read_text(encoding="utf-8").splitlines()
    return folder / "night.html", [Brief.from_json(line) for line in lines]


def test_digest_in_chromium_on_a_phone(browser: Any, digest: tuple[Path, list[Brief]], tmp_path: Path) -> None:
    page_path, briefs = digest
    assert len(briefs) >= 13 and any(b.figures for b in briefs)
    page = browser.new_page(viewport=PHONE)
    page.goto(page_path.as_uri())

    for number, brief in enumerate(briefs, 1):
        article = page.locator(f"#a{number}")
        headline = article.locator("h2.headline")
        assert headline.is_visible() and headline.inner_text() == " ".join(brief.headline.split())
        chips = article.locator("li.chip")
        assert chips.count() == len(brief.figures)
        for chip, figure in zip(chips.all(), brief.figures):
            assert chip.is_visible() and chip.inner_text() == figure.english
            assert chip.get_attribute("title").startswith(figure.text)  # the Chinese span on hover
        source_rows = article.locator("tr.figure-source")
        chinese = article.locator(".zh-headline")
        assert not chinese.is_visible()  # folded until the reader asks for it
        article.locator("details > summary").click()
        assert chinese.is_visible() and chinese.inner_text() == brief.source.headline
        for row, figure in zip(source_rows.all(), brief.figures):
            assert row.is_visible() and figure.text in row.inner_text()
        assert page.locator(f'nav a[href="#a{number}"]').inner_text() == " ".join(brief.headline.split())

    # The script in the record's headline is shown as text and never runs.
    attacked = page.locator('article[data-brief-id="attack"] .zh-headline')
    assert attacked.inner_text() == ATTACK
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title().startswith("News digest")
    # Readable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot = tmp_path / "digest-phone.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
