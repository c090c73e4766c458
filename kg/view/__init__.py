"""The interactive viewer: one self-contained HTML page to explore the graph in a browser.

::

    from kg.analyze import open_source, project
    from kg.view import write_view

    with open_source(graph="out/graph.ttl") as source:
        graph = project(source)
    meta = write_view(graph, "out/graph.html", around="China", hops=2)
    meta["drawnEntities"], meta["drawnFacts"]

The steps are separate and pure up to the last: :func:`view_data` (what to draw),
:func:`render` (the page as a string; :func:`render_utf8` as bytes), :func:`write_page` (the atomic
UTF-8 write).
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from kg.view.data import COLOR_BY, LARGE_GRAPH, SIZE_BY, select, view_data
from kg.view.layout import layout
from kg.view.render import render, render_utf8, write_page

__all__ = ["write_view", "view_data", "select", "render", "render_utf8", "write_page", "layout", "LARGE_GRAPH",
           "SIZE_BY", "COLOR_BY"]


def write_view(graph: nx.MultiDiGraph, path: str | os.PathLike, *, title: str = "kg — knowledge graph",
               **options) -> dict:
    """Write the viewer page for ``graph`` to ``path``; ``options`` are :func:`view_data`'s.

    Returns the page's ``meta``: how many entities and facts the graph has and how many are drawn,
    whether it is large, and the filters applied (plus ``"path"``, where it was written).
    """
    with _no_cyclic_gc():
        data = view_data(graph, **options)
        meta, html = data["meta"], render_utf8(data, title=title)
        del data
    written = write_page(html, path)
    return {**meta, "path": str(Path(written))}


@contextmanager
def _no_cyclic_gc():
    """The page's data is a few hundred thousand small dicts and lists, none in a cycle: without
    pausing the cyclic garbage collector, its full passes over them take a third of the time.
    Free the data before leaving: the first collection after the pause would go over all of it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
