"""The ``kg`` command: a thin shell over the library.

Each command module parses options, calls one library function and prints. Library errors
(:class:`kg.errors.KGError`) become one clear line on standard error and a documented exit code;
never a traceback. So does a fault writing standard output (a full disk under ``kg export >
file``: exit 2); a closed pipe (``kg query | head``) ends the command quietly.
"""

from __future__ import annotations

import sys

import click

from kg import __version__
from kg.errors import KGError, output_error


class KGGroup(click.Group):
    """A click group that turns kg's errors into clear messages and exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as error:
            report(error)
            ctx.exit(error.exit_code)
        except BrokenPipeError:  # kg query | head: the reader has all it wanted
            _quiet_stdout()
            ctx.exit(0)
        except OSError as error:  # what the commands print could not be written (a full disk under >)
            failed = output_error(error, error.filename or "standard output")
            report(failed)
            _quiet_stdout()
            ctx.exit(failed.exit_code)


def _quiet_stdout() -> None:
    """Let Python's final flush of standard output fail silently (it failed once already)."""
    import os

    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass


def report(error: KGError) -> None:
    """Print ``kg: error: PATH: PROBLEM`` and, when there is one, the hint on the next line."""
    click.secho(f"kg: error: {error}", fg="red", err=True)
    if error.hint:
        click.echo(f"  hint: {error.hint}", err=True)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg — build a knowledge graph from news articles.

    Read raw articles (scraped pages, saved HTML, plain text), find the people, agencies,
    countries and substances they name and the sanctions, pledges and supply flows between them,
    and keep it all as RDF with the sentence each fact came from.

    \b
    Example:
        kg build seeds/
        kg query sanctions
        kg export --format turtle -o out/graph.ttl
    """


def _register() -> None:
    from kg.cli import commands  # noqa: F401  (each module adds its commands to ``main``)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
