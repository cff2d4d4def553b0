"""`summarise models convert`: make CTranslate2 copies of seq2seq models for the ct2 engine."""

from __future__ import annotations

import click

from summarise.engines.ctranslate2 import QUANTIZATIONS
from summarise.errors import ConfigError


@click.command("convert")
@click.argument("models", nargs=-1, metavar="[MODEL]...")
@click.option("--to", "target", type=click.Choice(["ct2"]), default="ct2", show_default=True,
              help="Target format.")
@click.option("--quantize", "quantization", type=click.Choice(QUANTIZATIONS), default="int8",
              show_default=True, help="Weight type of the converted model (int8 is fastest on CPU).")
@click.option("--out", "output", type=click.Path(file_okay=False), default=None,
              help="Output folder (one MODEL only). Default: <MODEL>-ct2-<quantize> next to a local "
                   "folder, models/<org>--<name>-ct2-<quantize> for a hub id.")
@click.option("--force", is_flag=True,
              help="Replace an existing folder that this command made (it holds summarise-ct2.json); any "
                   "other folder is never replaced.")
def convert_command(models: tuple[str, ...], target: str, quantization: str, output: str | None,
                    force: bool) -> None:
    """Convert seq2seq models (local folders, or pulled hub ids) to CTranslate2.

    With no MODEL, converts the registry's default summariser and translator.
    `summarise brief` then uses the ct2 engine automatically.

    \b
    Examples:
      summarise models convert --to ct2 ./models/opus-mt-zh-en ./models/mt5-xlsum
      summarise models convert --to ct2 --quantize float32 ./my-model --out ./my-model-ct2
    """
    from summarise.models import registry
    from summarise.models.convert import convert_to_ct2

    if not models:
        models = tuple(registry.default_model(role).hub_id for role in registry.ROLES)
    if output is not None and len(models) != 1:
        raise ConfigError("--out takes exactly one MODEL")
    for model in models:
        done = convert_to_ct2(model, output, quantization=quantization, force=force)
        click.echo(f"{done.source} -> {done.output} ({done.quantization}, {done.seconds:.1f}s)")
