"""What every kg store does, written once over a few engine primitives.

An engine (:mod:`kg.store.oxigraph`, :mod:`kg.store.memory`, :mod:`kg.store.sparql`) provides:

* ``_run(prepared, bindings, limits) -> Answer`` — a checked query over the union of all graphs (a
  set: a triple in many article graphs matches once), within :class:`Limits`: stopped with
  :class:`~kg.errors.QueryTimeoutError` after ``limits.timeout`` seconds (the work really stops),
  ``limits.offset`` rows skipped and at most ``limits.limit`` rows (or triples) returned, computed
  lazily where the query allows (no ``ORDER BY``, aggregate or ``DISTINCT`` over everything);
* ``_serialize(prepared, bindings, fmt, timeout) -> bytes`` — the answer in a SPARQL results
  format (:data:`RESULTS_FORMATS`, for SELECT and ASK) or an RDF format (:data:`GRAPH_FORMATS`,
  for CONSTRUCT and DESCRIBE). Optional: the default here runs ``_run`` and serialises with kg's
  and rdflib's writers; an engine that serialises natively (Oxigraph) or receives serialised
  answers (a SPARQL server) overrides it;
* ``_refresh() -> bool`` — optional: a read-only engine that holds a snapshot reopens it when a
  writer has committed since, and says whether it did (the default: nothing to do, ``False``);
* ``_quads()`` — every quad of the article graphs, ``_triples()`` — their union, as pyoxigraph terms;
* ``_has_graph(name)``, ``_write_new(graphs)`` (graphs none of which is stored yet) and
  ``_replace(graphs)`` (graphs some of which are stored: theirs replaced, the others added), each
  one transaction, ``_add(quads)``,
  ``_remove(quads)``, ``_drop(name)``, ``_flush()``, ``_close()``.

Everything else — the reading contract (:class:`kg.store.Store`), the bookkeeping of articles and
their sources, the entities already known — is here, in SPARQL, so both engines answer alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.graph.iri import article_id_from_iri, article_iri, key_from_iri, safe_text
from kg.graph.terms import quad_to_rdflib, to_rdflib
from kg.model import Entity
from kg.sparql import Prepared, prepare
from kg.vocab import ENTITY_TYPES, KG

__all__ = ["Answer", "Limits", "StoredArticle", "BaseStore", "RESULTS_FORMATS", "GRAPH_FORMATS", "answer_of"]

#: Formats of :meth:`BaseStore.serialize_query` for SELECT and ASK: SPARQL 1.1 Query Results
#: JSON, XML, CSV and TSV.
RESULTS_FORMATS = ("json", "xml", "csv", "tsv")
#: Formats of :meth:`BaseStore.serialize_query` for CONSTRUCT and DESCRIBE.
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


@dataclass
class Answer:
    """The answer to a query: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)


@dataclass(frozen=True)
class Limits:
    """How far a query may go: ``timeout`` seconds (``None``: no limit), ``offset`` rows skipped,
    at most ``limit`` rows (``None``: all)."""

    timeout: float | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self):
        if self.timeout is not None and not self.timeout > 0:
            raise QueryError(f"a query's time limit must be more than 0 seconds, not {self.timeout!r}",
                             hint="give --timeout SECONDS, or 0 for no limit on the command line")
        for name in ("limit", "offset"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise QueryError(f"{name} must be a whole number of rows, 0 or more, not {value!r}")


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

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, timeout: float | None = None,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Node]]:
        """Run a SPARQL SELECT over the union of all article graphs; ``bindings`` are bound safely.

        Each row maps variable names to rdflib terms; unbound variables are absent. ``timeout``,
        ``limit`` and ``offset`` as for :meth:`ask_query`.
        """
        answer = self.ask_query(sparql, bindings, timeout=timeout, limit=limit, offset=offset)
        if answer.form != "SELECT":
            raise StoreError(f"select() needs a SELECT query, not {answer.form}")
        return answer.rows

    def ask_query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, timeout: float | None = None,
                  limit: int | None = None, offset: int = 0) -> Answer:
        """Run any read-only query (SELECT, ASK, CONSTRUCT, DESCRIBE) and return its :class:`Answer`.

        ``timeout``: stop the query after that many seconds with :class:`~kg.errors.QueryTimeoutError`
        (the store stays usable); ``None``, the default, lets it run. ``offset`` rows (or triples)
        are skipped and at most ``limit`` returned — on top of the query's own ``OFFSET``/``LIMIT`` —
        without computing the rest where the query allows it.
        """
        limits = Limits(timeout, limit, offset)
        prepared = prepare(sparql)
        bindings = dict(bindings or {})
        prepared.check_bindings(bindings)
        return self._run(prepared, bindings, limits)

    def serialize_query(self, sparql: str, fmt: str, bindings: Mapping[str, Node] | None = None, *,
                        timeout: float | None = None) -> bytes:
        """Run a read-only query and return its answer serialised: ``fmt`` one of
        :data:`RESULTS_FORMATS` for SELECT and ASK, of :data:`GRAPH_FORMATS` for CONSTRUCT and
        DESCRIBE (what ``kg serve`` sends). ``timeout`` as for :meth:`ask_query`.
        """
        limits = Limits(timeout)
        prepared = prepare(sparql)
        allowed = GRAPH_FORMATS if prepared.form in ("CONSTRUCT", "DESCRIBE") else RESULTS_FORMATS
        if fmt not in allowed:
            raise QueryError(f"a {prepared.form} answer cannot be written as {fmt!r}",
                             hint=f"choose one of {', '.join(allowed)}")
        bindings = dict(bindings or {})
        prepared.check_bindings(bindings)
        return self._serialize(prepared, bindings, fmt, limits.timeout)

    def refresh(self) -> bool:
        """See what writers committed since the store was opened (a read-only store on disk reopens
        its snapshot when the store changed); ``True`` when it did. Between two refreshes a reader
        sees one consistent snapshot. ``kg serve`` refreshes before each request."""
        return self._refresh()

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
        self._changing()

    def record_build(self, record: dict) -> None:
        """Keep ``record`` — what a build that ended well read, and what the store then holds —
        until the store next changes (see :mod:`kg.store.record`; a store on disk keeps it beside
        its files, other stores keep nothing)."""

    def precompute(self, queries) -> None:
        """Work out the answers of ``queries`` (``(SPARQL, bindings)`` pairs) now and keep them until
        the store changes, so that readers asking them get their rows at once (a store on disk
        does; other stores compute every answer when asked)."""

    def last_build(self) -> dict | None:
        """The record of the last build, if the store has not changed since (see :meth:`record_build`)."""
        return None

    def put_articles(self, graphs: Mapping[str, list[ox.Quad]], progress=None) -> None:
        """Write article graphs (article id → its quads) in one transaction.

        New articles' graphs are added and stored articles' graphs replaced together, so a kill
        at any point leaves the whole call's articles written or none of them (``kg build``
        writes one batch of articles per call). ``progress(done, total)`` is called once they
        are.
        """
        self._check_writable()
        named = {article_iri(aid): quads for aid, quads in graphs.items()}
        if not named:
            return
        replacing = any(self._has_graph(name) for name in named)
        (self._replace if replacing else self._write_new)(named)
        if progress:
            progress(len(named), len(named))

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
        """Make everything written so far durable (and quick for readers to open)."""
        if self.writable:
            self._flush()

    # ------------------------------------------------------------------ engine primitives

    def _run(self, prepared: Prepared, bindings: dict[str, Node], limits: Limits) -> Answer:  # pragma: no cover
        raise NotImplementedError

    def _serialize(self, prepared: Prepared, bindings: dict[str, Node], fmt: str, timeout: float | None) -> bytes:
        return serialize_answer(self._run(prepared, bindings, Limits(timeout)), fmt)

    def _refresh(self) -> bool:
        return False

    def _changing(self) -> None:
        """Called before each write: the store is about to change."""

    def _quads(self) -> Iterator[ox.Quad]:  # pragma: no cover
        raise NotImplementedError

    def _triples(self) -> Iterator[ox.Triple]:  # pragma: no cover
        raise NotImplementedError

    def _has_graph(self, name: str) -> bool:  # pragma: no cover
        raise NotImplementedError

    def _write_new(self, graphs: dict[str, list[ox.Quad]]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _replace(self, graphs: dict[str, list[ox.Quad]]) -> None:  # pragma: no cover
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


def serialize_answer(answer: Answer, fmt: str) -> bytes:
    """An :class:`Answer` in one of :data:`RESULTS_FORMATS` or :data:`GRAPH_FORMATS`, written by
    kg's own SPARQL results writers (JSON, CSV, TSV) and rdflib's (results XML, RDF formats)."""
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        from rdflib import Graph

        from kg.sparql import PREFIXES

        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        for triple in answer.triples:
            graph.add(triple)
        rdflib_format = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
        return graph.serialize(format=rdflib_format, encoding="utf-8")
    if fmt == "xml":
        from rdflib import Variable
        from rdflib.query import Result

        result = Result(answer.form)
        if answer.form == "ASK":
            result.askAnswer = bool(answer.boolean)
        else:
            result.vars = [Variable(v) for v in answer.variables]
            result.bindings = [{Variable(k): v for k, v in row.items()} for row in answer.rows]
        return result.serialize(format="xml", encoding="utf-8")
    from kg.queries import format_answer

    return format_answer(answer, fmt).encode("utf-8")


def _source_quad(article_id: str, source: str) -> ox.Quad:
    node = ox.NamedNode(article_iri(article_id))
    return ox.Quad(node, ox.NamedNode(str(KG.sourceFile)), ox.Literal(safe_text(source)), node)
