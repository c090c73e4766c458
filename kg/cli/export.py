"""``kg export``."""

from __future__ import annotations

import sys

import click

from kg.cli import main
from kg.cli.options import LazyChoice, store_option


@main.command()
@store_option
@click.option("--format", "-f", "fmt", type=LazyChoice("kg.export", "FORMATS"), default=None,
              help="Output format. Default: from the output file's suffix, else turtle.")
@click.option("--output", "-o", default="-", metavar="FILE", show_default=True,
              help="Write here (atomically: a temporary file, then a rename); - for standard output.")
def export(store, fmt, output):
    """Write the whole graph out as Turtle, N-Triples, N-Quads, TriG, JSON-LD, GraphML or CSV.

    Turtle, N-Triples and JSON-LD hold the union of all article graphs; N-Quads and TriG keep
    each article's named graph. GraphML is a network of entities and relations; CSV has one row
    per relation.

    \b
    Example:
        kg export --format turtle -o out/graph.ttl
        kg export -o out/graph.graphml
        kg export --format nquads | gzip > graph.nq.gz
    """
    from kg.export import format_for, generate, write_atomic
    from kg.store import open_store

    fmt = format_for(output, fmt)
    with open_store(store) as opened:
        data = generate(opened, fmt)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomic(output, data)
    click.echo(f"wrote {output} ({fmt}, {len(data):,} bytes)", err=True)
