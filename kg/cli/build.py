"""``kg build``."""

from __future__ import annotations

import json
import sys

import click

from typing import TYPE_CHECKING

from kg.cli import main
from kg.cli.options import LazyDefault, is_terminal, json_option, store_option
from kg.executors import default_jobs
from kg.store import BATCH

if TYPE_CHECKING:
    from kg.build import BuildReport


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_option
@click.option("--extractor", "-e", "extractors", multiple=True, metavar="NAME",
              help="Run this extractor (a registered name or module:attr); repeat for several, in order. "
                   "Default: the built-in extractors.")
@click.option("--no-extractors", is_flag=True, help="Run no extractor: store the articles only.")
@click.option("--model", metavar="NAME",
              help="Also use the NER of this installed, trained spaCy pipeline (a package name or a folder) "
                   "in the entity extractor. kg never downloads a model.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=LazyDefault("kg.ingest", "DEFAULT_MAX_BYTES"), show_default=True,
              help="Skip input files larger than this.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Read and extract on N processes (default: every core, here %d); 1 for this process only. "
                   "The graph is the same whatever N." % default_jobs())
@click.option("--scheduler", metavar="ADDRESS",
              help="Read and extract on a Dask cluster instead: a scheduler's address (tcp://HOST:8786) "
                   "or local:N for a local cluster of N workers. Resolution and writing stay here.")
@click.option("--batch", type=click.IntRange(min=1), default=BATCH, show_default=True, metavar="N",
              help="Commit articles N at a time: a killed or failed build keeps every batch committed, "
                   "and running it again resumes after them.")
@click.option("--shacl", is_flag=True, help="Also validate with pySHACL before writing (slow on big builds; "
                                           "the built-in check compiles the same shapes to SPARQL).")
@json_option
def build(paths, store, extractors, no_extractors, max_bytes, shacl, model, jobs, scheduler, batch, as_json):
    """Read articles and bring the store up to date with them.

    PATH is a file, a directory (read recursively) or - for standard input. Articles already in
    the store and unchanged are left alone; a changed file replaces its article; everything
    written is validated first and written all-or-nothing per article.

    \b
    Example:
        kg build seeds/
        kg build page.html --store /tmp/graph --json
        kg build articles/ --model en_core_web_sm    # with an installed spaCy model's NER
        kg build archive/ --jobs 2                   # two processes
        kg build archive/ --scheduler local:4        # a local Dask cluster of 4 workers
    """
    from kg.build import build as run_build
    from kg.extract import DEFAULT_EXTRACTORS

    chosen = [] if no_extractors else (list(extractors) or None)
    if model:
        chosen = [("entities", {"model": model}) if name == "entities" else name
                  for name in (chosen if chosen is not None else DEFAULT_EXTRACTORS)]
    bar = None

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal bar
        if stage == "stored":
            click.echo(f"{done} articles already in the store; extracting the other {total - done}", err=True)
            return
        if not show_bar or stage != "write":
            return
        if bar is None:
            bar = click.progressbar(length=total, label="articles", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    show_bar = not as_json and is_terminal(sys.stderr)
    try:
        report = run_build(list(paths), store=store, extractors=chosen, max_bytes=max_bytes,
                           stdin=sys.stdin.buffer, progress=None if as_json else progress,
                           shacl=shacl, jobs=jobs, scheduler=scheduler, batch=batch)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for problem in report.problems:
        click.echo(f"kg: warning: {problem}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=1, ensure_ascii=False))
    else:
        click.echo(summary(report))


def _counts(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    return f"{total}" + (": " + ", ".join(f"{k} {v}" for k, v in counts.items()) if counts else "")


def summary(report: BuildReport) -> str:
    """The few aligned lines ``kg build`` prints for people."""
    lines = [
        ("store", report.store),
        ("articles", f"{report.read} read: {report.new} new, {report.replaced} replaced, {report.unchanged} unchanged; "
                     f"{report.removed} removed; {report.articles} in the store"),
        ("entities", _counts(report.entities)),
        ("relations", _counts(report.relations)),
        ("extractors", ", ".join(report.extractors) or "none"),
        ("workers", f"{report.executor}; {report.batches} batch{'es' if report.batches != 1 else ''} written"),
    ]
    if report.problems:
        lines.append(("problems", f"{len(report.problems)} file(s) could not be read (see warnings above)"))
    if report.skipped:
        names = ", ".join(s.split(": ", 1)[0] for s in report.skipped[:3])
        more = f" and {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
        lines.append(("skipped", f"{len(report.skipped)} unsupported file(s): {names}{more}"))
    lines.append(("time", f"{report.seconds:.2f} s"))
    width = max(len(k) for k, _ in lines)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in lines)
