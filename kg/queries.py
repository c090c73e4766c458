"""``kg query``: SPARQL over the store, and the named queries users need on day one.

Named queries are data, ``ontology/queries/NAME.rq`` (see :mod:`kg.named`).

>>> from kg.store import open_store
>>> query(open_store("memory"), "sanctions").rows
[]
"""

from __future__ import annotations

import csv
import io
import json
from typing import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.named import Bind, NamedQuery, named_queries
from kg.sparql import PREFIXES, binding, prepare
from kg.store.base import Answer, BaseStore
from kg.vocab import BASE

__all__ = ["Bind", "NamedQuery", "named_queries", "query", "resolve", "standing", "FORMATS", "format_answer", "term_text"]

#: Output formats of ``kg query``.
FORMATS = ("table", "csv", "tsv", "json")


def query(store: BaseStore, sparql: str, bindings: Mapping[str, str | Node] | None = None, *,
          timeout: float | None = None, limit: int | None = None, offset: int = 0) -> Answer:
    """Run a named query (by name) or a SPARQL query (by text) over ``store``.

    ``bindings`` map variable names to values: rdflib terms, or strings read like ``--bind`` values
    (``<…>`` or ``http(s)://…`` an IRI, anything else a literal). They are bound by the engine,
    never written into the query.

    ``timeout`` (seconds; ``None``: no limit) stops a runaway query with
    :class:`~kg.errors.QueryTimeoutError`, the store still usable; ``offset`` rows are skipped and
    at most ``limit`` returned, the rest not computed when the query allows it (see
    :meth:`~kg.store.base.BaseStore.ask_query`).

    >>> from kg.store import open_store
    >>> query(open_store("memory"), "entities", timeout=10, limit=100).rows
    []
    """
    sparql, values = resolve(sparql, bindings)
    return store.ask_query(sparql, values, timeout=timeout, limit=limit, offset=offset)


def standing() -> list[tuple[str, dict[str, Node]]]:
    """The named queries that take no value or only values with defaults, as they run when asked
    by name alone (their text and default bindings): the answers a build works out in advance
    (:meth:`~kg.store.base.BaseStore.precompute`).

    >>> sorted(text.splitlines()[0] for text, _ in standing())[:1]
    ['# title: Articles']
    """
    return [resolve(name) for name, named in named_queries().items() if not any(b.required for b in named.binds)]


def resolve(sparql: str, bindings: Mapping[str, str | Node] | None = None) -> tuple[str, dict[str, Node]]:
    """The query text and the bound values :func:`query` runs: a named query's text with its
    defaults filled in, or the SPARQL given; checked (and refused) before any store is touched."""
    values = {name: binding(name, value) for name, value in (bindings or {}).items()}
    named = named_queries().get(sparql.strip())
    if named is not None:
        known = {b.name for b in named.binds}
        for name in values:
            if name not in known:
                raise QueryError(f"query {named.name!r} takes no value {name!r}",
                                 hint=f"it takes: {', '.join(sorted(known)) or 'none'}")
        for b in named.binds:
            if b.name not in values:
                if b.required:
                    raise QueryError(f"query {named.name!r} needs a value for {b.name}",
                                     hint=f"--bind {b.name}=… ({b.description})")
                values[b.name] = binding(b.name, b.default)
        sparql = named.text
    prepare(sparql)  # refuse before touching the store
    return sparql, values


# ---------------------------------------------------------------------- output

_SHORT = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def term_text(term: Node | None, *, short: bool = False) -> str:
    """A term as a person reads it: a literal's text, an IRI (shortened with prefixes when ``short``)."""
    if term is None:
        return ""
    if isinstance(term, URIRef) and short:
        text = str(term)
        if text.startswith(BASE):
            return "id:" + text[len(BASE):]
        for namespace, prefix in _SHORT:
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _nt(term: Node | None) -> str:
    """A term in N-Triples syntax (SPARQL TSV results)."""
    if term is None:
        return ""
    from kg.graph.terms import to_oxigraph

    return str(to_oxigraph(term))


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = str(term.datatype)
    return out


def format_answer(answer: Answer, fmt: str = "table", *, width: int = 60) -> str:
    """Render an answer: ``table`` (aligned, for people), ``csv`` / ``tsv`` (SPARQL 1.1 CSV/TSV
    results), ``json`` (SPARQL 1.1 Query Results JSON). CONSTRUCT/DESCRIBE answers are N-Triples."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in answer.triples)
    if answer.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer.boolean}) + "\n"
        return ("true" if answer.boolean else "false") + "\n"
    names, rows = answer.variables, answer.rows
    if fmt == "json":
        bindings = [{n: _json_term(row[n]) for n in names if n in row} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([term_text(row.get(n)) for n in names])
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join(_nt(row.get(n)) for n in names) for row in rows]
        return "\n".join(lines) + "\n"
    return _table(names, rows, width)


def _cell(term: Node | None, width: int) -> str:
    text = " ".join(term_text(term, short=True).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(names: list[str], rows: list[dict], width: int) -> str:
    cells = [[_cell(row.get(n), width) for n in names] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    numeric = [all(isinstance(row.get(n), Literal) and isinstance(row[n].toPython(), int) for row in rows if n in row)
               and any(n in row for row in rows) for n in names]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
