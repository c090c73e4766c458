"""SPARQL as kg accepts it: read-only queries, checked by parsing, with values bound safely.

Every query a store runs goes through :func:`prepare` first. It parses the text (rdflib's SPARQL
parser) and refuses, with a :class:`~kg.errors.QueryError`, anything that is not a read-only query
over the store: updates (``LOAD``, ``INSERT``, ``DROP`` …), ``SERVICE`` (a query must not reach the
network) and ``FROM`` / ``FROM NAMED`` (rdflib would fetch those IRIs; use ``GRAPH <article>``).
It is a parse, not a search for words: ``"SERVICE"`` inside a string literal is fine.

Values are bound with :func:`binding` — never formatted into the query text — and handed to the
engine as prepared bindings (pyoxigraph ``substitutions``, rdflib ``initBindings``). A bound
variable must appear in the query's ``SELECT`` list (pyoxigraph substitutes projected variables
only); :func:`prepare` says so when it does not.

The usual prefixes (``kg: rdf: rdfs: owl: xsd: skos: nif: wd: schema: prov:``) are predeclared.

>>> prepare("SELECT ?s WHERE { ?s a kg:Sanction }").variables
('s',)
>>> prepare("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryError: SERVICE is refused: kg queries only read the local store
>>> binding("target", "<https://w3id.org/kg-news/id/country/cn>")
rdflib.term.URIRef('https://w3id.org/kg-news/id/country/cn')
>>> binding("name", 'x" } ; DROP ALL ; #')
rdflib.term.Literal('x" } ; DROP ALL ; #')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseResults
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from kg.errors import QueryError
from kg.graph.iri import checked, safe_text
from kg.graph.rdf import PREFIXES as _GRAPH_PREFIXES

__all__ = ["PREFIXES", "Prepared", "prepare", "binding", "parse_binding"]

#: Prefixes every query may use without declaring them.
PREFIXES = {
    **_GRAPH_PREFIXES,
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}

_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Prepared:
    """A query that passed the checks: its text, its form, and its result variables in order."""

    text: str
    form: str
    #: The SELECT list (all in-scope variables for ``SELECT *``); empty for other forms.
    variables: tuple[str, ...]

    def check_bindings(self, names) -> None:
        """Refuse bindings of variables the query does not project."""
        for name in names:
            if self.form == "SELECT" and name not in self.variables:
                raise QueryError(
                    f"cannot bind ?{name}: it is not in the query's SELECT list",
                    hint=f"add ?{name} to the SELECT clause (variables: {', '.join('?' + v for v in self.variables) or 'none'})",
                )


def _walk(node):
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _walk(value)


@lru_cache(maxsize=256)
def prepare(sparql: str) -> Prepared:
    """Parse and check ``sparql``; :class:`~kg.errors.QueryError` when it is malformed or refused."""
    try:
        parsed = parseQuery(sparql)
    except Exception as error:  # pyparsing's ParseException and friends
        try:
            parseUpdate(sparql)
        except Exception:
            raise QueryError(f"malformed SPARQL query: {_one_line(error)}",
                             hint="check the query's syntax (https://www.w3.org/TR/sparql11-query/)") from None
        raise QueryError("updates (LOAD, INSERT, DELETE, DROP, CLEAR …) are refused: kg queries only read the store",
                         hint="the store is written by kg build") from None
    for node in _walk(parsed):
        if node.name == "ServiceGraphPattern":
            raise QueryError("SERVICE is refused: kg queries only read the local store")
        if node.name == "DatasetClause":
            raise QueryError("FROM and FROM NAMED are refused: kg queries only read the local store",
                             hint="to query one article, use GRAPH <its article IRI> { … }")
    try:
        algebra = translateQuery(parsed, initNs=PREFIXES)
    except Exception as error:
        raise QueryError(f"malformed SPARQL query: {_one_line(error)}",
                         hint="undeclared prefix? kg predeclares " + ", ".join(f"{p}:" for p in PREFIXES)) from None
    form = _FORMS.get(algebra.algebra.name, algebra.algebra.name)
    variables = tuple(str(v) for v in (algebra.algebra.get("PV") or ())) if form == "SELECT" else ()
    return Prepared(sparql, form, variables)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:300]


def binding(name: str, value: str | Node) -> Node:
    """The RDF term a ``--bind NAME=VALUE`` value stands for.

    ``<…>`` or a full ``http(s)://`` IRI is an IRI (checked like every IRI kg mints); anything
    else is a plain literal, whatever characters it holds. A value that is already an rdflib term
    is kept.
    """
    if not _VARIABLE_NAME.fullmatch(name):
        raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name", hint="use NAME=VALUE, e.g. entity=Blinken")
    if isinstance(value, Node):
        if isinstance(value, URIRef):
            _checked_iri(str(value))
        return value
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(_checked_iri(text[1:-1]))
    if re.match(r"https?://\S+$", text):
        return URIRef(_checked_iri(text))
    return Literal(safe_text(value))


def _checked_iri(iri: str) -> str:
    try:
        return checked(iri)
    except ValueError as error:
        raise QueryError(str(error), hint="bind an IRI as <https://…>, or a name as plain text") from None


def parse_binding(text: str) -> tuple[str, Node]:
    """``"NAME=VALUE"`` → ``(name, term)``.

    >>> parse_binding("entity=Antony Blinken")
    ('entity', rdflib.term.Literal('Antony Blinken'))
    """
    name, sep, value = text.partition("=")
    if not sep:
        raise QueryError(f"--bind {text!r} is not NAME=VALUE", hint="e.g. --bind entity=Blinken")
    name = name.strip().lstrip("?$")
    return name, binding(name, value)


