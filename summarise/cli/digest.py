"""`summarise digest`: render an existing JSONL of briefs as a Markdown or HTML digest page."""

from __future__ import annotations

import click

from summarise.output.digest import DIGEST_FORMATS, read_briefs, render_digest


@click.command("digest")
@click.argument("briefs_file", metavar="BRIEFS.jsonl", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(DIGEST_FORMATS), default="html", show_default=True,
              help="Digest format.")
@click.option("--title", default="News digest", show_default=True, help="The page title.")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD", help="Date shown (default today, UTC).")
def digest_command(briefs_file: str, fmt: str, title: str, date: str | None) -> None:
    """Render the briefs in BRIEFS.jsonl (as written by `summarise batch`) to standard output.

    \b
    Examples:
      summarise digest briefs.jsonl --format html > digest.html
      summarise digest briefs.jsonl --format markdown --title "Qinghai Daily, 24 Dec"
      summarise digest briefs.jsonl --format atom --title "China news in English" > briefs.atom
    """
    click.echo(render_digest(read_briefs(briefs_file), fmt, date=date, title=title), nl=False)
