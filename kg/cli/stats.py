"""``kg stats``."""

from __future__ import annotations

import json

import click

from kg.cli import main
from kg.cli.options import json_option, store_option


@main.command()
@store_option
@json_option
def stats(store, as_json):
    """Count what the store holds: articles, entities by type, relations by type.

    \b
    Example:
        kg stats
        kg stats --json
    """
    from kg.stats import stats as run_stats
    from kg.store import open_store

    with open_store(store) as opened:
        counts = run_stats(opened)
    if as_json:
        click.echo(json.dumps(counts, indent=1))
        return
    rows = [("articles", counts["articles"])]
    rows += [("entities", sum(counts["entities"].values()))] + [(f"  {k}", v) for k, v in counts["entities"].items()]
    rows += [("relations", sum(counts["relations"].values()))] + [(f"  {k}", v) for k, v in counts["relations"].items()]
    rows += [("evidence", counts["evidence"]), ("triples", counts["triples"])]
    width = max(len(k) for k, _ in rows)
    number = max(len(f"{v:,}") for _, v in rows)
    click.echo("\n".join(f"{k.ljust(width)}  {v:>{number},}" for k, v in rows))
