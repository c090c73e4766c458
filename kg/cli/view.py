"""``kg view``: write the graph as one interactive HTML page."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from kg.cli import main
from kg.cli.graph_source import graph_source_options, load_projection
from kg.cli.options import LazyChoice


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _names(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


@main.command()
@graph_source_options
@click.option("-o", "--output", default="out/graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the page.")
@click.option("--open", "open_", is_flag=True, help="Open the page in the web browser.")
@click.option("--min-degree", type=click.IntRange(min=0), default=0, show_default=True,
              help="Draw only entities that take part in at least this many facts.")
@click.option("--types", metavar="TYPES", help="Draw only these entity types, e.g. Person,Agency.")
@click.option("--relations", metavar="TYPES", help="Draw only these relation types, e.g. Sanction,SupplyFlow.")
@click.option("--around", metavar="NAME", help="Draw only what lies around this entity (any of its names).")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many links away from --around to draw.")
@click.option("--size-by", type=LazyChoice("kg.view", "SIZE_BY"), default="degree", show_default=True,
              help="What sizes the entities: facts taken part in, betweenness or PageRank.")
@click.option("--color-by", type=LazyChoice("kg.view", "COLOR_BY"), default=None,
              help="Colour the entities by type, or by community (the shape still shows the type). "
                   "Default: by community for a large graph, else by type.")
def view(store, graph, output, open_, min_degree, types, relations, around, hops, size_by, color_by):
    """Write the graph as one interactive HTML page that works offline, from any folder.

    Entities are coloured and shaped by type and sized by importance; facts are drawn by type
    (a lifted sanction dashed green, an imposed one solid red). Search any name, filter by type,
    click an entity or a fact for its evidence sentences and articles. A large graph opens laid out,
    physics off, on its linked core: the best-linked entities labelled, coloured by community,
    the rest a click away; --min-degree, --types, --relations and --around narrow what is drawn.

    \b
    Example:
        kg view -o out/graph.html --open
        kg view --graph out/graph.ttl --around China --hops 2 --relations Sanction,SupplyFlow
    """
    from kg.view import write_view

    projection = load_projection(store, graph)
    meta = write_view(projection, output, min_degree=min_degree, types=_names(types), relations=_names(relations),
                      around=around, hops=hops, size_by=size_by, color_by=color_by)
    of = ""
    if (meta["drawnEntities"], meta["drawnFacts"]) != (meta["entities"], meta["facts"]):
        of = f" (of {meta['entities']} entities and {meta['facts']} facts)"
    if meta["large"]:
        story = meta["story"]
        layout = (f"laid out beforehand, physics off; opens on the {story['opened']} best-linked entities, "
                  f"{story['isolated']} linked to no other hidden")
    else:
        layout = "physics settles, then stops"
    click.echo(f"wrote {meta['path']}: {_count(meta['drawnEntities'], 'entity', 'entities')}, "
               f"{_count(meta['drawnFacts'], 'fact', 'facts')}{of}; {layout}")
    if meta["entities"] == 0:
        click.echo("  note: the graph has no entities yet; build it first: kg build seeds/", err=True)
    if open_:
        webbrowser.open(Path(meta["path"]).resolve().as_uri())
