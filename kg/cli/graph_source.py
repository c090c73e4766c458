"""Options shared by the commands that read the graph: ``--store DIR`` or ``--graph FILE``."""

from __future__ import annotations

import functools

from typing import TYPE_CHECKING

import click

from kg.store import DEFAULT_LOCATION as DEFAULT_STORE

if TYPE_CHECKING:
    import networkx as nx


def graph_source_options(command):
    """Add ``--store DIR`` and ``--graph FILE`` to a command (passed on as ``store`` and ``graph``)."""

    @click.option("--store", "store", metavar="DIR", default=None,
                  help=f"Read the graph from this store (default: {DEFAULT_STORE}).")
    @click.option("--graph", "graph", metavar="FILE", type=click.Path(dir_okay=False), default=None,
                  help="Read the graph from an RDF file instead (Turtle, TriG, N-Triples, N-Quads, JSON-LD).")
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        return command(*args, **kwargs)

    return wrapper


def load_projection(store: str | None, graph: str | None) -> nx.MultiDiGraph:
    """The entities-and-facts projection of the graph in ``--store`` or ``--graph``."""
    from kg.analyze import open_source, project

    with open_source(store=store, graph=graph) as source:
        return project(source)
