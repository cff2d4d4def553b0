"""`summarise models list|pull`: show the registry's models and what is on disk; download the defaults.

Other modules add subcommands (e.g. `convert`) to `models_group`, so it holds only list and pull.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from summarise.models.registry import (
    ROLES,
    ModelEntry,
    find_local,
    load_registry,
    models_dir,
    places_looked,
    pull,
    resolve_model,
)


@click.group("models")
def models_group() -> None:
    """Show and download the models summarise uses.

    \b
    Examples:
      summarise models list
      summarise models pull                 # on a connected machine
      summarise models pull --to /data/models --role translator
    """


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per model instead of a table.")
def list_command(as_json: bool) -> None:
    """The default model for each role, its pinned revision, licence, size and local copy."""
    registry = load_registry()
    rows = [_row(entry) for entry in registry.entries.values()]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    header = {
        "role": "ROLE",
        "hub_id": "MODEL",
        "revision": "REVISION",
        "licence": "LICENCE",
        "size": "SIZE",
        "local": "LOCAL COPY",
    }
    table = [header] + [{**row, "revision": str(row["revision"])[:12]} for row in rows]
    widths = {key: max(len(str(line[key])) for line in table) for key in header if key != "local"}
    for line in table:
        cells = [str(line[key]).ljust(width) for key, width in widths.items()]
        click.echo("  ".join(cells + [str(line["local"])]).rstrip())
    missing = [row for row in rows if row["source"] == "missing"]
    if missing:
        click.echo(
            f"\nNot on disk: run 'summarise models pull' on a connected machine (pulls go to {models_dir()}),"
            " or pass --summariser DIR / --translator DIR."
        )


@models_group.command("pull")
@click.option(
    "--to",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to download into (default: the models/ folder summarise looks in).",
)
@click.option(
    "--role",
    "roles",
    type=click.Choice(ROLES),
    multiple=True,
    help="Only this role's model; repeatable (default: all).",
)
def pull_command(target: Path | None, roles: tuple[str, ...]) -> None:
    """Download the default models at their pinned revisions (needs network; honours HF_HUB_OFFLINE)."""
    registry = load_registry()
    for role in roles or tuple(registry.entries):
        entry = registry.entry(role)
        click.echo(f"{role}: pulling {entry.hub_id} at {entry.revision[:12]} ({entry.size}) ...", err=True)
        folder = pull(entry, target)
        click.echo(f"{role}: {folder}")
    if target is not None and target.resolve() != models_dir().resolve():
        click.echo(
            f"Use them with --summariser/--translator FOLDER, or set SUMMARISE_MODELS_DIR={target}.", err=True
        )


def _row(entry: ModelEntry) -> dict[str, str]:
    found = find_local(entry.hub_id, entry.role, entry)
    return {
        "role": entry.role,
        "hub_id": entry.hub_id,
        "revision": entry.revision,
        "licence": entry.licence,
        "size": entry.size,
        "source": found.source if found else "missing",
        "local": f"{found.source}: {found.path}"
        if found
        else f"missing (looked in {', '.join(places_looked(entry.hub_id))})",
    }


@models_group.command("check")
def check_command() -> None:
    """Make sure the summariser and translator that `brief` would use are here, fetching them if allowed.

    Honours --summariser/--translator's variables (SUMMARISE_SUMMARISER, SUMMARISE_TRANSLATOR) and
    HF_HUB_OFFLINE. Exit 0 with one line per role, or exit 3 with the one-line reason: what
    scripts/brief.sh asks before it falls back to the package-shipped GGUF.
    """
    from summarise.config import resolve_config

    config = resolve_config()
    for role, name in (("summariser", config.summariser), ("translator", config.translator)):
        resolved = resolve_model(name, role)
        click.echo(f"{role}: {resolved.path}")
