"""`python -m summarise.testing tiny-models DIR`: build the tiny test models into DIR."""

from __future__ import annotations

import sys
from importlib.util import find_spec

import click

# The packages each build needs beyond torch and transformers, and where they come from. protobuf and
# sentencepiece are core dependencies (transformers reads an mT5 tokenizer's spiece.model through
# protobuf); gguf writes the tiny LLM's GGUF copy and comes with the llm extra.
SEQ2SEQ_NEEDS = {"sentencepiece": "sentencepiece", "google.protobuf": "protobuf"}
LLM_NEEDS = {"gguf": "the llm extra"}


@click.group()
def main() -> None:
    """Build tiny real models for tests and offline demos."""


@main.command("tiny-models")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--llm/--no-llm", default=False, help="Also build the tiny causal LM (and its GGUF file).")
def tiny_models(out_dir: str, llm: bool) -> None:
    """Build a tiny mT5 summariser and Marian translator (and optionally an LLM) into OUT_DIR."""
    missing = missing_packages(llm=llm)
    if missing:
        _fail(missing)
    from summarise.testing import build_tiny_llm, build_tiny_seq2seq

    try:
        built = build_tiny_seq2seq(out_dir)
        click.echo(f"summariser: {built.summariser}")
        click.echo(f"translator: {built.translator}")
        if llm:
            click.echo(f"llm: {build_tiny_llm(out_dir)}")
    except ImportError as error:  # a package the checks above do not know of
        _fail(f"tiny-models needs the test extra: pip install 'summarise[test]' ({error})")


def missing_packages(*, llm: bool) -> str | None:
    """One line naming what the build lacks and how to install it, or None when nothing is missing."""
    for module, source in SEQ2SEQ_NEEDS.items():
        if find_spec(module.partition(".")[0]) is None or find_spec(module) is None:
            return (f"tiny-models needs {source}, a dependency of summarise that is not installed: "
                    f"pip install {source}")
    for module, source in LLM_NEEDS.items() if llm else ():
        if find_spec(module) is None:
            return f"tiny-models --llm needs {source}: pip install 'summarise[llm]' (no module named {module!r})"
    return None


def _fail(message: str) -> None:
    click.echo(f"summarise: error: {message}", err=True)
    sys.exit(2)


if __name__ == "__main__":
    main()
