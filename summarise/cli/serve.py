"""`summarise serve`: the REST API and the web page over HTTP, with the models loaded once."""

from __future__ import annotations

from typing import Any

import click

from summarise.cli.options import config_from_options, engine_options, hide_model_loading_bars


@click.command("serve")
@click.option("--host", default=None, metavar="ADDRESS",
              help="Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port (default 8000; 0 picks a free one, named in the first line on stderr).")
@click.option("--batch-window", "batch_window_ms", type=click.FloatRange(min=0), default=None, metavar="MS",
              help="Milliseconds a model batch waits for more requests after the first (default 5).")
@click.option("--queue-size", type=click.IntRange(min=1), default=None,
              help="Articles that may wait for the model; beyond it requests get 503 (default 64).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Seconds one request may take before it gets 503 (default 300).")
@click.option("--client-limit", type=click.IntRange(min=0), default=None,
              help="Requests one client address may have in flight; beyond it 429 (default 0: no limit).")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Allow browsers on ORIGIN (e.g. https://example.org) to call the API; repeatable. Off by default.")
@click.option("-v", "--verbose", is_flag=True, help="Log each request with its timings on stderr.")
@engine_options
def serve_command(host: str | None, port: int | None, batch_window_ms: float | None, queue_size: int | None,
                  timeout: float | None, client_limit: int | None, cors: tuple[str, ...], verbose: bool,
                  **options: Any) -> None:
    """Serve briefs over HTTP: a JSON API under /v1, a web page at /, docs at /docs.

    Concurrent requests share model batches (--batch-size articles, gathered for --batch-window ms).
    Set SUMMARISE_SERVE_KEY to require `Authorization: Bearer KEY`. Request bodies are capped at
    SUMMARISE_MAX_BYTES.

    \b
    Examples:
      summarise serve
      summarise serve --port 8080 --engine llm --model ./qwen.gguf -v
      SUMMARISE_SERVE_KEY=secret summarise serve --host 0.0.0.0
      curl -s localhost:8000/v1/briefs -H 'Content-Type: application/json' -d '{"text": "..."}'
    """
    from summarise.service.settings import resolve_serve_settings

    config = config_from_options(**options)  # usage errors first, before anything heavy loads
    settings = resolve_serve_settings(host=host, port=port, batch_window_ms=batch_window_ms, queue_size=queue_size,
                                      timeout=timeout, client_limit=client_limit, cors=cors or None,
                                      verbose=verbose or None)
    hide_model_loading_bars()

    from summarise.service.server import serve

    serve(config, settings)
