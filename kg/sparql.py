"""SPARQL as kg accepts it: read-only queries, checked before they run, with values bound safely.

Every query a store runs goes through :func:`prepare` first, which refuses, with a
:class:`~kg.errors.QueryError`, anything that is not a read-only query over the store: updates
(``LOAD``, ``INSERT``, ``DROP`` …), ``SERVICE`` (a query must not reach the network: Oxigraph would
send it there) and ``FROM`` / ``FROM NAMED`` (rdflib would fetch those IRIs; use ``GRAPH
<article>``). The keywords are found among the query's tokens — strings, IRIs and comments set
aside first, so ``"SERVICE"`` inside a string literal is fine — and the query is then parsed by
pyoxigraph's SPARQL parser (against an empty dataset: nothing is evaluated), which also gives its
form and its result variables. Both take about a millisecond, where a parse with rdflib's parser
took 25–170 ms and its import a tenth of a second of every ``kg query``.

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
>>> prepare('SELECT ?s WHERE { ?s rdfs:label "SERVICE <http://x> { }" } # FROM').form
'SELECT'
>>> binding("target", "<https://w3id.org/kg-news/id/country/cn>")
rdflib.term.URIRef('https://w3id.org/kg-news/id/country/cn')
>>> binding("name", 'x" } ; DROP ALL ; #')
rdflib.term.Literal('x" } ; DROP ALL ; #')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.graph.iri import checked, safe_text
from kg.graph.rdf import PREFIXES as _GRAPH_PREFIXES

__all__ = ["PREFIXES", "Prepared", "prepare", "keywords", "binding", "parse_binding"]

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


#: What a query's text is cut into before its keywords are read: strings, IRIs and comments
#: (set aside whole), then words — a word is a keyword when it is letters only.
_TOKENS = re.compile("|".join((
    "'''" r"(?:[^'\\]|\\.|'(?!''))*" "'''",                  # long strings
    '"""' r'(?:[^"\\]|\\.|"(?!""))*' '"""',
    r"'(?:[^'\\\n\r]|\\.)*'", r'"(?:[^"\\\n\r]|\\.)*"',      # strings
    r'<[^<>"{}|^`\\\x00-\x20]*>',                           # IRIs
    r"#[^\n\r]*",                                            # comments
    r"(?P<word>[^\s{}()\[\];,<>=!|&*/+^" "\"'#]+)",            # names, variables, keywords
)))
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_EMPTY = ox.Store()  # parses queries: nothing is ever evaluated against data


def keywords(sparql: str) -> list[str]:
    """The keywords of ``sparql`` in order, upper-cased: its words outside strings, IRIs and comments.

    >>> keywords('PREFIX ex: <http://x/> SELECT ?s WHERE { ?s ex:from "SERVICE" } # DROP')
    ['PREFIX', 'SELECT', 'WHERE']
    """
    words = (m.group("word").strip(".") for m in _TOKENS.finditer(sparql) if m.group("word"))
    return [w.upper() for w in words if w.isalpha()]


@lru_cache(maxsize=256)
def prepare(sparql: str) -> Prepared:
    """Check ``sparql``; :class:`~kg.errors.QueryError` when it is malformed or refused."""
    found = keywords(sparql)
    first = next((w for w in found if w not in ("PREFIX", "BASE")), "")
    if first in _UPDATES:
        raise QueryError("updates (LOAD, INSERT, DELETE, DROP, CLEAR …) are refused: kg queries only read the store",
                         hint="the store is written by kg build")
    if "SERVICE" in found:
        raise QueryError("SERVICE is refused: kg queries only read the local store")
    if "FROM" in found:
        raise QueryError("FROM and FROM NAMED are refused: kg queries only read the local store",
                         hint="to query one article, use GRAPH <its article IRI> { … }")
    try:
        result = _EMPTY.query(sparql, prefixes=PREFIXES)
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"malformed SPARQL query: {_one_line(error)}",
                         hint="check the query's syntax (https://www.w3.org/TR/sparql11-query/); kg predeclares "
                              + ", ".join(f"{p}:" for p in PREFIXES)) from None
    if isinstance(result, ox.QuerySolutions):
        return Prepared(sparql, "SELECT", tuple(v.value for v in result.variables))
    if isinstance(result, ox.QueryBoolean):
        return Prepared(sparql, "ASK", ())
    return Prepared(sparql, "DESCRIBE" if first == "DESCRIBE" else "CONSTRUCT", ())


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


