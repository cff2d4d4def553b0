"""Prompt templates: built-ins, loading order, placeholders and the errors a bad template gives."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from summarise.errors import ConfigError
from summarise.models.prompts import (
    PLACEHOLDERS,
    PROMPT_NAMES,
    PromptTemplate,
    builtin_prompts_dir,
    load_prompt,
    load_prompts,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("name", "required"),
    [
        ("brief_direct", {"article", "headline", "figures", "sentences"}),
        ("brief_direct_retry", {"article", "headline", "figures", "sentences"}),
        ("summarise_zh", {"article", "figures", "sentences"}),
        ("translate_zh_en", {"text", "figures"}),
        ("headline_en", {"article", "headline", "figures"}),
    ],
)
def test_builtin_template_uses_its_task_placeholders(name: str, required: set[str]) -> None:
    template = load_prompt(name)
    assert required <= set(template.placeholders) <= set(PLACEHOLDERS[name])
    assert template.origin == str(builtin_prompts_dir() / f"{name}.txt")


@pytest.mark.parametrize("name", ["brief_direct", "brief_direct_retry"])
def test_direct_prompts_ask_for_the_json_keys_the_parser_reads(name: str) -> None:
    text = load_prompt(name).text
    for key in ('"headline"', '"summary"'):
        assert key in text
    # No figure list: nothing reads it, and it cost about a fifth of each reply's tokens.
    assert '"figures"' not in text


def test_builtin_folder_is_the_repository_prompts_folder_and_ships_in_the_wheel() -> None:
    assert builtin_prompts_dir().resolve() == (ROOT / "prompts").resolve()
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "*.txt" in package_data["summarise.models.builtin_prompts"]
    documented = (ROOT / "prompts" / "README.md").read_text(encoding="utf-8")
    for name in PROMPT_NAMES:
        assert f"`{name}`" in documented
        assert (ROOT / "prompts" / f"{name}.txt").is_file()


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("in_dir", "as_override", "expected"),
    [
        (False, False, "built-in"),
        (True, False, "folder"),
        (False, True, "override"),
        (True, True, "override"),  # --prompt NAME=FILE beats --prompts DIR
    ],
)
def test_loading_order(tmp_path: Path, in_dir: bool, as_override: bool, expected: str) -> None:
    folder = tmp_path / "prompts"
    folder.mkdir()
    if in_dir:
        _write(folder, "headline_en.txt", "folder $article")
    overrides = {"headline_en": str(_write(tmp_path, "mine.txt", "override $article"))} if as_override else {}
    template = load_prompt("headline_en", prompts_dir=folder, overrides=overrides)
    if expected == "built-in":
        assert template.text == (ROOT / "prompts" / "headline_en.txt").read_text(encoding="utf-8")
    else:
        assert template.text.startswith(expected)


def test_folder_with_some_templates_falls_back_to_builtins_for_the_rest(tmp_path: Path) -> None:
    _write(tmp_path, "translate_zh_en.txt", "Translate: $text")
    prompts = load_prompts(prompts_dir=tmp_path)
    assert set(prompts) == set(PROMPT_NAMES)
    assert prompts["translate_zh_en"].text == "Translate: $text"
    assert prompts["brief_direct"].origin == str(builtin_prompts_dir() / "brief_direct.txt")


def test_render_fills_placeholders_and_keeps_literal_dollars() -> None:
    template = PromptTemplate("translate_zh_en", "Price in $$: $text ($figures)", "<test>")
    assert template.render({"text": "22.7亿元", "figures": "- 22.7亿元 = 2.27 billion yuan"}) == (
        "Price in $: 22.7亿元 (- 22.7亿元 = 2.27 billion yuan)"
    )


def test_render_names_every_missing_value() -> None:
    template = load_prompt("brief_direct")
    with pytest.raises(ConfigError) as error:
        template.render({"article": "正文"})
    message = str(error.value)
    for name in ("$headline", "$figures", "$sentences"):
        assert name in message
    assert "$article" not in message


def test_unknown_prompt_name_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_prompts(overrides={"brief": str(_write(tmp_path, "x.txt", "hi"))})
    assert "unknown prompt 'brief'" in str(error.value)
    for name in PROMPT_NAMES:
        assert name in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Headline of $artcle", "unknown placeholder(s) $artcle"),
        ("Costs 5$ each: $article", "stray '$'"),
        ("  \n", "is empty"),
    ],
)
def test_bad_override_is_rejected_when_loaded(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, "bad.txt", text)
    with pytest.raises(ConfigError, match="prompt 'headline_en'") as error:
        load_prompt("headline_en", overrides={"headline_en": str(path)})
    assert message in str(error.value)


def test_unreadable_override_files_are_config_errors(tmp_path: Path) -> None:
    binary = tmp_path / "gbk.txt"
    binary.write_bytes("标题 $article".encode("gbk"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_prompt("headline_en", overrides={"headline_en": str(binary)})
    with pytest.raises(ConfigError, match="no such file"):
        load_prompt("headline_en", overrides={"headline_en": str(tmp_path / "missing.txt")})


def test_missing_prompts_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such folder"):
        load_prompts(prompts_dir=tmp_path / "nope")


def test_hash_changes_with_the_text() -> None:
    one = PromptTemplate("headline_en", "A $article", "<a>")
    two = PromptTemplate("headline_en", "B $article", "<b>")
    assert one.sha256 != two.sha256
    assert one.describe() == {"origin": "<a>", "sha256": one.sha256[:16]}
    # The package's own templates say "built-in" instead of a path that differs per install.
    assert {t.describe()["origin"] for t in load_prompts().values()} == {"built-in"}
