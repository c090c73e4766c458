"""``kg articles``: list the articles ingest finds, to see what kg reads before building a graph."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import click

from kg.cli import main
from kg.cli.options import LazyDefault

if TYPE_CHECKING:
    from kg.ingest import IngestResult
    from kg.model import Article

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class Size(click.ParamType):
    """A size in bytes written for people: ``20MB``, ``500k``, ``1.5 MiB``, ``4096``."""

    name = "SIZE"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if not match:
            self.fail(f"{value!r} is not a size; write e.g. 20MB, 500kB or 4096", param, ctx)
        size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
        if size < 1:
            self.fail("the size limit must be at least 1 byte", param, ctx)
        return size


@main.command("articles")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list: file, index, title, words, id, date, sections.")
@click.option("--text", "as_text", is_flag=True, help="Print each article's cleaned text, every section marked with its kind.")
@click.option(
    "--max-size",
    type=Size(),
    default=LazyDefault("kg.ingest", "DEFAULT_MAX_BYTES", lambda size: _format_size(size).replace(" ", "")),
    show_default=True,
    help="Skip files larger than this (e.g. 500kB, 20MB).",
)
def articles(paths: tuple[str, ...], as_json: bool, as_text: bool, max_size: int) -> None:
    """List the articles found in PATH... (files, directories, - for standard input).

    One row per article: the file it came from, its position in that file, its title, its
    length in words and its id (a hash of its cleaned text). Files kg cannot use are reported on
    standard error, one line each; the command fails (exit 2) only when no article was found.

    \b
    Example:
        kg articles seeds/
        kg articles --text page.html
        curl -s https://example.org/story | kg articles -
    """
    from kg.ingest import describe, read_paths

    if as_json and as_text:
        raise click.UsageError("choose one of --json and --text")
    result = read_paths(list(paths), max_bytes=max_size)
    if as_json:
        click.echo(json.dumps([describe(a) for a in result.articles], ensure_ascii=False, indent=2))
    elif as_text:
        click.echo("\n\n".join(marked_text(a) for a in result.articles))
    else:
        click.echo(table(result.articles))
    report_problems(result)


def _format_size(size: int) -> str:
    from kg.ingest.sources import format_size

    return format_size(size)


def table(articles: list[Article]) -> str:
    """An aligned table: FILE, #, TITLE, WORDS, ID."""
    header = ("FILE", "#", "TITLE", "WORDS", "ID")
    rows = [(a.source, str(a.index), a.title or "(untitled)", str(a.words), a.id) for a in articles]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {1, 3}
    lines = []
    for row in [header, *rows]:
        cells = [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def marked_text(article: Article) -> str:
    """The article's cleaned text, each section on its own line(s) behind its kind."""
    head = f"== {article.source} #{article.index}  id {article.id}  date {article.date or '-'}  {article.words} words"
    body = [f"[{s.kind}] {article.text[s.start:s.end]}" for s in article.sections]
    return "\n".join([head, *body])


def report_problems(result: IngestResult) -> None:
    """One line on standard error for each file skipped or not usable."""
    for skipped in result.skipped:
        click.echo(f"kg: skipped: {skipped}", err=True)
    for problem in result.problems:
        click.secho(f"kg: error: {problem}", fg="red", err=True)
