"""What every kg store does, written once over a few engine primitives.

An engine (:mod:`kg.store.oxigraph`, :mod:`kg.store.memory`, :mod:`kg.store.sparql`) provides:

* ``_run(prepared, bindings) -> Answer`` — a checked query over the union of all graphs (a set:
  a triple in many article graphs matches once);
* ``_quads()`` — every quad of the article graphs, ``_triples()`` — their union, as pyoxigraph terms;
* ``_has_graph(name)``, ``_write_new(graphs, step)``, ``_replace(graphs, step)`` (``step(n)`` after
  each transaction of ``n`` articles), ``_add(quads)``,
  ``_remove(quads)``, ``_drop(name)``, ``_flush()``, ``_close()``.

Everything else — the reading contract (:class:`kg.store.Store`), the bookkeeping of articles and
their sources, the entities already known — is here, in SPARQL, so both engines answer alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib.term import Node

from kg.errors import StoreError
from kg.graph.iri import article_id_from_iri, article_iri, key_from_iri, safe_text
from kg.graph.terms import quad_to_rdflib, to_rdflib
from kg.model import Entity
from kg.sparql import Prepared, prepare
from kg.vocab import ENTITY_TYPES, KG

__all__ = ["Answer", "StoredArticle", "BaseStore", "answer_of"]


@dataclass
class Answer:
    """The answer to a query: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)


@dataclass(frozen=True)
class StoredArticle:
    """What the store knows of an article without reading its graph in full."""

    id: str
    text_hash: str
    sources: frozenset[str]
    extracted_by: frozenset[str]
    title: str = ""


def answer_of(result, form: str) -> Answer:
    """The :class:`Answer` for a pyoxigraph query result (solutions, a boolean, or triples)."""
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [{n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in result]
        return Answer("SELECT", names, rows)
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    return Answer(form, triples=[(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result])


_ENTITY_TYPES_VALUES = " ".join(f"kg:{t}" for t in ENTITY_TYPES)


class BaseStore:
    """The shared half of a store; see the module docstring for what an engine adds."""

    location: str
    writable: bool

    # ------------------------------------------------------------------ reading contract

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """Run a SPARQL SELECT over the union of all article graphs; ``bindings`` are bound safely.

        Each row maps variable names to rdflib terms; unbound variables are absent.
        """
        answer = self.ask_query(sparql, bindings)
        if answer.form != "SELECT":
            raise StoreError(f"select() needs a SELECT query, not {answer.form}")
        return answer.rows

    def ask_query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Answer:
        """Run any read-only query (SELECT, ASK, CONSTRUCT, DESCRIBE) and return its :class:`Answer`."""
        prepared = prepare(sparql)
        bindings = dict(bindings or {})
        prepared.check_bindings(bindings)
        return self._run(prepared, bindings)

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple of the union graph, each once."""
        for triple in self._triples():
            yield to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)

    def ox_triples(self) -> Iterator[ox.Triple]:
        """Every triple of the union graph, each once, as pyoxigraph terms."""
        return self._triples()

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every quad, with its article's named graph."""
        for quad in self._quads():
            yield quad_to_rdflib(quad)

    def ox_quads(self) -> Iterator[ox.Quad]:
        """Every quad as pyoxigraph terms (for serialisers that take them directly)."""
        return self._quads()

    def close(self) -> None:
        """Flush to disk and release the lock. Closing twice is harmless."""
        self._close()

    def __enter__(self) -> "BaseStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ what the store holds

    def articles(self) -> dict[str, StoredArticle]:
        """Every article in the store by id, with its text hash, sources and extractors."""
        rows = self.select(
            """SELECT ?a ?hash ?title ?source ?by WHERE { GRAPH ?a {
                 ?a a kg:Article ; kg:textHash ?hash .
                 OPTIONAL { ?a kg:title ?title } OPTIONAL { ?a kg:sourceFile ?source } OPTIONAL { ?a kg:extractedBy ?by } } }"""
        )
        found: dict[str, dict] = {}
        for row in rows:
            aid = article_id_from_iri(str(row["a"]))
            entry = found.setdefault(aid, {"hash": str(row["hash"]), "title": str(row.get("title", "")),
                                           "sources": set(), "by": set()})
            if "source" in row:
                entry["sources"].add(str(row["source"]))
            if "by" in row:
                entry["by"].add(str(row["by"]))
        return {aid: StoredArticle(aid, e["hash"], frozenset(e["sources"]), frozenset(e["by"]), e["title"])
                for aid, e in found.items()}

    def entities(self) -> list[Entity]:
        """Every entity in the store: key (from its IRI), type, label, every name, Wikidata id."""
        rows = self.select(
            f"""SELECT ?e ?type ?label ?same WHERE {{ VALUES ?type {{ {_ENTITY_TYPES_VALUES} }}
                 ?e a ?type . OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ ?e owl:sameAs ?same }} }}"""
        )
        entities: dict[str, Entity] = {}
        for row in rows:
            try:
                key = key_from_iri(str(row["e"]))
            except ValueError:
                continue
            entity = entities.get(key)
            if entity is None:
                label = str(row.get("label", key))
                same = str(row["same"]).rsplit("/", 1)[-1] if "same" in row else None
                entity = entities[key] = Entity(key, str(row["type"]).rsplit("#", 1)[-1], label, {label}, same)
            elif "label" in row:
                entity.names.add(str(row["label"]))
        for row in self.select("SELECT ?e ?name WHERE { ?e skos:altLabel ?name }"):
            try:
                key = key_from_iri(str(row["e"]))
            except ValueError:
                continue
            if key in entities:
                entities[key].names.add(str(row["name"]))
        return sorted(entities.values(), key=lambda e: e.key)

    def has_article(self, article_id: str) -> bool:
        return self._has_graph(article_iri(article_id))

    # ------------------------------------------------------------------ writing

    def _check_writable(self) -> None:
        if not self.writable:
            raise StoreError("the store was opened read-only", path=self.location)

    def put_articles(self, graphs: Mapping[str, list[ox.Quad]], progress=None) -> None:
        """Write article graphs (article id → its quads), each as a unit.

        A new article's graph is added in one transaction (several new articles may share one);
        an article already stored has its graph replaced in one transaction. A kill at any point
        leaves each article fully present (old or new version) or fully absent.
        ``progress(done, total)`` is called with the number of articles written so far.
        """
        self._check_writable()
        new, existing = {}, {}
        for aid, quads in graphs.items():
            name = article_iri(aid)
            (existing if self._has_graph(name) else new)[name] = quads
        total, done = len(graphs), 0

        def step(count: int) -> None:
            nonlocal done
            done += count
            if progress:
                progress(done, total)

        if new:
            self._write_new(new, step)
        if existing:
            self._replace(existing, step)

    def add_sources(self, article_id: str, sources: Iterable[str]) -> None:
        """Record more files an article was read from (one quad each, in its graph)."""
        self._check_writable()
        self._add([_source_quad(article_id, s) for s in sources])

    def remove_sources(self, article_id: str, sources: Iterable[str]) -> None:
        """Forget files an article was read from (the article itself stays)."""
        self._check_writable()
        self._remove([_source_quad(article_id, s) for s in sources])

    def drop_article(self, article_id: str) -> None:
        """Remove an article's graph as a unit."""
        self._check_writable()
        self._drop(article_iri(article_id))

    def flush(self) -> None:
        """Make everything written so far durable."""
        if self.writable:
            self._flush()

    # ------------------------------------------------------------------ engine primitives

    def _run(self, prepared: Prepared, bindings: dict[str, Node]) -> Answer:  # pragma: no cover
        raise NotImplementedError

    def _quads(self) -> Iterator[ox.Quad]:  # pragma: no cover
        raise NotImplementedError

    def _triples(self) -> Iterator[ox.Triple]:  # pragma: no cover
        raise NotImplementedError

    def _has_graph(self, name: str) -> bool:  # pragma: no cover
        raise NotImplementedError

    def _write_new(self, graphs: dict[str, list[ox.Quad]], step) -> None:  # pragma: no cover
        raise NotImplementedError

    def _replace(self, graphs: dict[str, list[ox.Quad]], step) -> None:  # pragma: no cover
        raise NotImplementedError

    def _add(self, quads: list[ox.Quad]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _remove(self, quads: list[ox.Quad]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _drop(self, name: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def _flush(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def _close(self) -> None:  # pragma: no cover
        raise NotImplementedError


def _source_quad(article_id: str, source: str) -> ox.Quad:
    node = ox.NamedNode(article_iri(article_id))
    return ox.Quad(node, ox.NamedNode(str(KG.sourceFile)), ox.Literal(safe_text(source)), node)
