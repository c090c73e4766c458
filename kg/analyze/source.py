"""Where a reader gets the graph from: the store (``--store DIR``) or an RDF file (``--graph FILE``).

Both give an object with the :class:`kg.store.Store` reading methods (``select``, ``triples``),
so the projection, the viewer and the analysis never care which. A file is read into an
in-memory pyoxigraph store, whose SPARQL engine is far faster than rdflib's on a large export.

>>> from pathlib import Path
>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = path.write_text('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .')
>>> with GraphFileStore(path) as store:
...     [str(row["l"]) for row in store.select("SELECT ?l WHERE { ?s ?p ?l }")]
['A']
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

import pyoxigraph as ox
from rdflib.term import Node

from kg.errors import InputError, QueryError
from kg.graph.terms import to_oxigraph, to_rdflib

__all__ = ["GraphFileStore", "open_source", "DEFAULT_STORE"]

#: Where ``kg build`` keeps the graph unless told otherwise.
DEFAULT_STORE = ".kg"

_FORMATS = {".ttl": "Turtle", ".trig": "TriG", ".nt": "N-Triples", ".nq": "N-Quads", ".jsonld": "JSON-LD",
            ".rdf": "RDF/XML", ".owl": "RDF/XML", ".n3": "N3"}


class GraphFileStore:
    """A read-only store over one RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML).

    Named graphs of a TriG or N-Quads file are read as their union, like the store's article
    graphs: the union is put, as a set, in the default graph that queries read (Oxigraph's own
    union default graph is a bag, in which joins multiply).
    """

    def __init__(self, path: str | os.PathLike):
        self.location = str(path)
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
        if fmt is None:
            raise InputError("cannot tell the RDF format from the file name", path=self.location,
                             hint=f"name it with one of {', '.join(sorted(_FORMATS))}")
        if not path.is_file():
            raise InputError("no such file", path=self.location,
                             hint="export the graph first: kg export --format turtle -o out/graph.ttl")
        self._path, self._format = path, fmt
        self._store = ox.Store()
        try:
            self._store.load(path=str(path), format=fmt)
        except SyntaxError as error:
            raise InputError(f"not valid {fmt.name}: {error}", path=self.location) from None
        except OSError as error:
            raise InputError(f"cannot read: {error}", path=self.location) from None
        self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """Run a SPARQL SELECT over the union of the file's graphs; unbound variables are absent."""
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            solutions = self._store.query(sparql, substitutions=substitutions)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {error}", path=self.location) from None
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = to_rdflib(term)
            rows.append(row)
        return rows

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple of the union of the file's graphs."""
        for quad in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every quad of the file as written; the graph is ``None`` for the default graph."""
        for quad in ox.parse(path=str(self._path), format=self._format):
            g = None if isinstance(quad.graph_name, ox.DefaultGraph) else to_rdflib(quad.graph_name)
            yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), g

    def close(self) -> None:
        """Nothing to release: the file was read into memory."""

    def __enter__(self) -> "GraphFileStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextmanager
def open_source(store: str | None = None, graph: str | os.PathLike | None = None):
    """Open the graph to read: an RDF file when ``graph`` is given, else the store (read-only).

    ``store`` defaults to :data:`DEFAULT_STORE`. Giving both is an error: which one was meant?
    """
    if graph is not None and store is not None:
        raise InputError("give either --store or --graph, not both")
    if graph is not None:
        with GraphFileStore(graph) as source:
            yield source
        return
    from kg.store import open_store

    with open_store(store or DEFAULT_STORE) as source:
        yield source
