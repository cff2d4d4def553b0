"""The `summarise` command line: a thin click layer over the public API.

Each command group lives in its own module. Errors a user can cause are `SummariseError`s, printed as
one line on stderr with their exit code: 1 processing error, 2 usage or input error, 3 model unavailable.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from summarise.errors import SummariseError, first_line, os_error


class SummariseGroup(click.Group):
    """A click group that turns typed errors into one line and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk under `> out.txt` shows here, not as a crash at exit
            return result
        except SummariseError as error:
            _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # `summarise ... | head`: the reader left; that is not an error of ours.
            sys.stderr.close()
            os._exit(0)
        except OSError as error:
            # A read-only folder, a full disk, a closed terminal: say what happened, in one line.
            if os.environ.get("SUMMARISE_DEBUG"):
                raise
            _discard_stdout()
            failure = os_error(error, "cannot read or write")
            _fail(str(failure), failure.exit_code)
        except Exception as error:
            if os.environ.get("SUMMARISE_DEBUG"):
                raise
            _fail(f"internal error: {type(error).__name__}: {error} (set SUMMARISE_DEBUG=1 for details)", 1)


def _discard_stdout() -> None:
    """Drop unwritable buffered output, so the interpreter does not fail again flushing it at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner's capture): nothing to flush there
        pass


def _fail(message: str, code: int) -> None:
    from summarise.engines.redaction import redact_known_secrets

    # The last guard: whatever raised, no API key or URL password reaches the terminal.
    click.echo(f"summarise: error: {redact_known_secrets(first_line(message)) or 'failed'}", err=True)
    sys.exit(code)


@click.group(cls=SummariseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="summarise", prog_name="summarise")
def main() -> None:
    """Chinese news to short, faithful English briefs that keep the figures right.

    \b
    Examples:
      summarise brief corpus/qinghai-page-2024-12-24.txt
      summarise brief page.txt --format json > briefs.json
      cat page.txt | summarise brief - --format markdown
      summarise articles page.html --format table
      summarise names page.html --format table
      summarise models list
    """


def _register() -> None:
    from summarise.cli.articles import articles_command
    from summarise.cli.batch import batch_command
    from summarise.cli.brief import brief_command
    from summarise.cli.convert import convert_command
    from summarise.cli.digest import digest_command
    from summarise.cli.evaluate import eval_briefs_command, eval_summaries_command, eval_translate_command
    from summarise.cli.figures import eval_group, figures_command
    from summarise.cli.models import models_group
    from summarise.cli.names import eval_names_command, names_command
    from summarise.cli.serve import serve_command

    models_group.add_command(convert_command)
    for command in (eval_translate_command, eval_summaries_command, eval_briefs_command, eval_names_command):
        eval_group.add_command(command)
    for command in (brief_command, articles_command, batch_command, digest_command, figures_command, names_command,
                    eval_group, models_group, serve_command):
        main.add_command(command)


_register()
