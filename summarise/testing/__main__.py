"""`python -m summarise.testing tiny-models DIR`: build the tiny test models into DIR."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """Build tiny real models for tests and offline demos."""


@main.command("tiny-models")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--llm/--no-llm", default=False, help="Also build the tiny causal LM (and its GGUF file).")
def tiny_models(out_dir: str, llm: bool) -> None:
    """Build a tiny mT5 summariser and Marian translator (and optionally an LLM) into OUT_DIR."""
    from summarise.testing import build_tiny_llm, build_tiny_seq2seq

    built = build_tiny_seq2seq(out_dir)
    click.echo(f"summariser: {built.summariser}")
    click.echo(f"translator: {built.translator}")
    if llm:
        click.echo(f"llm: {build_tiny_llm(out_dir)}")


if __name__ == "__main__":
    main()
