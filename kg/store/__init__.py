"""Stores: where the graph lives. One named graph per article; readers see their union.

The contract every store follows (the embedded on-disk default and ``--store memory``).
Readers — queries, exports, the viewer, analysis, evaluation — only use :class:`Store`'s reading
methods, and always get rdflib terms (``URIRef``, ``Literal``, ``BNode``) back::

    with open_store(".kg") as store:                       # or open_store("memory")
        rows = store.select("SELECT ?e ?l WHERE { ?e rdfs:label ?l }")
        for row in rows:                                   # list[dict[str, Node]]; unbound vars absent
            print(row["e"], row["l"])
        for s, p, o in store.triples():                    # the union of all article graphs
            ...

Writers (``kg build``) replace an article's named graph as a unit.
"""

from __future__ import annotations

from typing import Iterator, Mapping, Protocol

from rdflib.term import Node

__all__ = ["Store"]


class Store(Protocol):
    #: The store's location: a directory, or ``"memory"``.
    location: str

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """Run a SPARQL SELECT over the union of all graphs; ``bindings`` are bound safely."""
        ...

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple of the union graph."""
        ...

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every quad, with its article's named graph."""
        ...

    def close(self) -> None:
        """Flush to disk and release the lock."""
        ...

    def __enter__(self) -> "Store": ...

    def __exit__(self, *exc) -> None: ...
