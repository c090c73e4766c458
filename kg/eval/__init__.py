"""Evaluation: score a graph against gold annotations (``kg-gold/1``).

One entry point, :func:`evaluate`, used by ``kg eval``::

    report = evaluate("seeds/gold.json", graph="out/graph.ttl")
    report["entities"].precision, report["core relations"].recall, report["all relations"].f1
    for item in report.wrong + report.missed:
        print(item.verdict, item.text, "—", item.reason)

The graph is an RDF file (Turtle ``.ttl``, N-Triples ``.nt``, N-Quads ``.nq`` or TriG ``.trig``;
named graphs are merged into one union), or a kg store directory. With no graph, the gold's own
articles are built into a temporary in-memory store first, so ``kg eval seeds/gold.json`` scores
what kg finds in the seeds today.

The pieces: :mod:`kg.eval.gold` (load and validate), :mod:`kg.eval.graph` (triples → entities and
relation keys), :mod:`kg.eval.score` (the rules of FORMAT.md, pure).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg.errors import InputError, KGError, StoreError
from kg.graph.terms import to_rdflib
from kg.eval.gold import Gold, load_gold
from kg.eval.graph import GraphView, graph_view, read_predicate
from kg.eval.score import Report, score

__all__ = ["evaluate", "read_graph", "read_rdf_file", "gold_article_paths", "GRAPH_FORMATS", "Report", "Gold", "load_gold"]

#: File extensions ``kg eval --graph`` reads, and their RDF formats.
GRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}


def evaluate(gold_path: str | Path, graph: str | Path | None = None, articles_dir: str | Path | None = None) -> Report:
    """Score ``graph`` (an RDF file or a store directory) against the gold file ``gold_path``.

    Without ``graph``, the gold's articles — found beside the gold file, in ``../seeds/`` next to
    its folder, or in ``articles_dir`` when given — are built into an in-memory store and scored.
    """
    gold = load_gold(gold_path)
    if graph is not None:
        from kg.store.sparql import redact

        return score(gold, read_graph(graph), graph_name=redact(str(graph)))
    paths = gold_article_paths(gold, articles_dir)
    return score(gold, _build_in_memory(paths), graph_name=f"the gold's {len(paths)} article file(s), built in memory")


def read_graph(source: str | Path) -> GraphView:
    """The :class:`GraphView` of an RDF file, a kg store directory or a SPARQL server's URL."""
    path = Path(source)
    from kg.store.sparql import is_remote

    if is_remote(source) or path.is_dir():
        try:
            from kg.store import open_store
        except ImportError:
            raise StoreError(
                "this kg cannot open stores (kg.store.open_store is missing)",
                path=str(path),
                hint="export the graph to Turtle and pass the .ttl file",
            ) from None
        with open_store(str(source) if is_remote(source) else str(path)) as store:
            return graph_view(store.triples())
    return graph_view(read_rdf_file(path))


def read_rdf_file(path: str | Path) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of an RDF file (every named graph merged) that the scorer reads, as rdflib terms.

    Parsed with pyoxigraph, streaming: fast and strict, so a malformed file is an error, not half
    a graph. Triples whose predicate the scorer ignores (:func:`~kg.eval.graph.read_predicate`)
    are dropped before they become rdflib terms.
    """
    path = Path(path)
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot tell the RDF format from the extension {path.suffix or '(none)'!r}",
            path=str(path),
            hint=f"use one of {', '.join(GRAPH_FORMATS)}, or pass a kg store directory",
        )
    if not path.is_file():
        raise InputError("no such graph file or store directory", path=str(path))
    return _parse(path, fmt)


def _parse(path: Path, fmt: ox.RdfFormat) -> Iterator[tuple[Node, Node, Node]]:
    try:
        for q in ox.parse(path=path, format=fmt, base_iri=path.resolve().as_uri()):
            if read_predicate(q.predicate.value):
                yield _term(q.subject), URIRef(q.predicate.value), _term(q.object)
    except SyntaxError as error:
        raise InputError(f"not valid {path.suffix[1:]}: {error}", path=str(path)) from None
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read the graph: {error}", path=str(path)) from None


def _term(term) -> Node:
    try:
        return to_rdflib(term)
    except TypeError:
        raise InputError(f"RDF-star triple terms are not supported: {term}") from None


def gold_article_paths(gold: Gold, articles_dir: str | Path | None = None) -> list[Path]:
    """The files of the gold's articles: in ``articles_dir`` if given, else beside the gold file,
    else in ``seeds/`` beside the gold file's folder."""
    gold_dir = Path(gold.path).parent
    folders = [Path(articles_dir)] if articles_dir is not None else [gold_dir, gold_dir.parent / "seeds"]
    paths, missing = [], []
    for name in dict.fromkeys(a.file for a in gold.articles):
        found = next((f / name for f in folders if (f / name).is_file()), None)
        (paths if found else missing).append(found or name)
    if missing:
        raise InputError(
            f"the gold's article file(s) {', '.join(map(str, missing))} are not in {' or '.join(map(str, folders))}",
            path=gold.path,
            hint="pass --articles DIR, or --graph STORE_OR_FILE to score a graph already built",
        )
    if not paths:
        raise InputError("the gold file lists no articles to build", path=gold.path, hint="pass --graph STORE_OR_FILE")
    return paths


def _build_in_memory(paths: list[Path]) -> GraphView:
    try:
        from kg.build import build
        from kg.store import open_store
    except ImportError:
        raise KGError(
            "scoring without --graph builds the gold's articles first, but this kg has no build yet",
            hint="pass --graph STORE_OR_FILE",
        ) from None
    with open_store("memory") as store:
        build([str(p) for p in paths], store=store)
        return graph_view(store.triples())
