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

A SPARQL 1.1 server is a store too (``open_store("http://127.0.0.1:7878")``, :mod:`kg.store.sparql`).
Query limits (``timeout``, ``limit``, ``offset`` on ``select`` and ``ask_query``), answers serialised
in SPARQL results or RDF formats (``serialize_query``, what ``kg serve`` sends) and ``refresh()`` (see
what writers committed since opening) are documented in :mod:`kg.store.base`.

Writers (``kg build``) replace an article's named graph as a unit: see :class:`~kg.store.base.BaseStore`
for the writing side (``put_articles``, ``add_sources``, ``remove_sources``, ``drop_article``,
``articles``, ``entities``) and :mod:`kg.store.oxigraph` for locking and atomicity.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterator, Mapping, Protocol

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.store.base import Answer, BaseStore, StoredArticle

__all__ = ["Store", "open_store", "is_remote", "DEFAULT_LOCATION", "MEMORY", "BaseStore", "StoredArticle", "Answer"]

#: Where ``kg`` keeps its store unless told otherwise (relative to the working directory).
DEFAULT_LOCATION = ".kg"
#: Articles a build writes per transaction (``kg build --batch``): what a kill can cost at most.
BATCH = 200
#: The ``--store`` value for an in-memory store.
MEMORY = "memory"


class Store(Protocol):
    #: The store's location: a directory, ``"memory"``, or a server's URL (its password redacted).
    location: str

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, timeout: float | None = None,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Node]]:
        """Run a SPARQL SELECT over the union of all graphs; ``bindings`` are bound safely; stopped
        with QueryTimeoutError after ``timeout`` seconds; ``offset`` rows skipped, at most ``limit``."""
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


def __getattr__(name: str):
    """``BaseStore``, ``StoredArticle`` and ``Answer`` are imported when first asked for: a
    command that only needs :data:`DEFAULT_LOCATION` does not load the store's engine."""
    if name in {"Answer", "BaseStore", "StoredArticle"}:
        from kg.store import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_remote(location) -> bool:
    """Whether a ``--store`` value names a SPARQL server (its engine and HTTP client are loaded
    only then)."""
    return str(location).lower().startswith(("http://", "https://"))


def open_store(location: "str | os.PathLike | BaseStore" = DEFAULT_LOCATION, *, write: bool = False) -> BaseStore:
    """Open the store at ``location``: a directory (Oxigraph on disk), ``"memory"``, or the
    ``http(s)://`` URL of a SPARQL 1.1 server (:mod:`kg.store.sparql`).

    ``write=True`` creates the store if needed and takes the lock exclusively (for ``kg build``);
    otherwise the store must exist and is opened read-only, shared with other readers. An open
    store passed in is returned as it is.

    >>> with open_store("memory") as store:
    ...     store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].toPython()
    0
    """
    from kg.store.base import BaseStore

    if isinstance(location, BaseStore):
        return location
    if is_remote(location):
        from kg.store.sparql import SparqlStore

        return SparqlStore(str(location), write=write)
    if str(location) == MEMORY:
        from kg.store.memory import MemoryStore

        return MemoryStore()
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(location, write=write)
