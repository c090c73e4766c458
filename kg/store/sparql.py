"""``--store http(s)://…``: a SPARQL 1.1 server as the store (Oxigraph server, Virtuoso, Fuseki …).

kg talks to the server through the SPARQL 1.1 Protocol (queries) and SPARQL 1.1 Update, over
HTTP (httpx). The graph is laid out as in the embedded store: one named graph per article (its
article IRI), and the union of all article graphs kept **as a set** in one more graph, the *union
graph*, which every query reads as its default graph. Each write changes an article graph and the
union graph in the same update request.

Where the union lives depends on the server (see :func:`endpoints`):

* Oxigraph server and Fuseki have a real default graph that is not the union of the named graphs:
  the union is kept there and queries go as they are (``GRAPH ?a { … }`` sees the article graphs
  and nothing else), exactly as in the embedded store.
* Virtuoso's default graph is the union of *every* graph on the server, each quad counted (a triple
  in 600 article graphs matches 600 times, and Virtuoso's own system graphs are in it too). There
  the union is a named graph, :data:`UNION_GRAPH`, given to each query with the protocol's
  ``default-graph-uri`` (Virtuoso still lets ``GRAPH ?g`` range over all graphs; Oxigraph, following
  the standard, would then hide the named graphs, which is why it keeps the union in its default graph).

Atomicity: an update request goes in one transaction on servers that run it in one (Oxigraph
server does). New articles are written with one ``INSERT DATA`` per batch of whole articles; a
stored article is replaced, or dropped, with one request that also takes out of the union graph
the triples no other article graph still holds (worked out by the server, in the same request).
A ``kg build`` killed at any point has sent each request in full or not at all: a cut-off request
is refused by the server. Virtuoso applies the operations of one request one after the other
(a failure part-way keeps the earlier ones), so a *server* failure in the middle of replacing an
article can leave it absent; new articles are one operation and stay all-or-nothing.

There is no lock: nothing stops a second writer, or a reader from seeing the store between two
requests. Prepared bindings are substituted into the query text (the protocol has no parameters);
see :func:`substitute`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterator, Mapping
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode
from rdflib.term import Node

from kg.errors import QueryError, QueryTimeoutError, StoreError
from kg.graph.terms import to_oxigraph
from kg.sparql import PREFIXES, Prepared
from kg.store import is_remote  # noqa: F401  (part of this module's interface)
from kg.store.base import Answer, BaseStore, Limits, answer_of
from kg.vocab import BASE

__all__ = ["SparqlStore", "Endpoints", "endpoints", "redact", "substitute", "UNION_GRAPH", "is_remote"]

#: The named graph that holds the union of the article graphs on servers whose default graph is
#: the union of everything (Virtuoso).
UNION_GRAPH = f"{BASE}graph/union"
#: Every article graph's name starts so; other graphs on the server are not kg's.
ARTICLE_PREFIX = f"{BASE}article/"
#: Quads (article and union together) per ``INSERT DATA`` request of new articles (whole articles only).
CHUNK_QUADS = 20_000
#: Article graphs read per request when the server limits the rows of an answer (halved when still too many).
GRAPHS_PER_REQUEST = 200
#: Seconds to wait for an answer unless ``$KG_STORE_TIMEOUT`` says otherwise.
TIMEOUT = 300.0
_SELECT_JSON = "application/sparql-results+json"
_RDF = "application/n-triples, text/turtle;q=0.8"


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (what kg prints and puts in errors).

    >>> redact("https://kg:s3cret@db.example.org:8890/sparql")
    'https://kg:***@db.example.org:8890/sparql'
    >>> redact("http://127.0.0.1:7878")
    'http://127.0.0.1:7878'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes queries and updates, and which graph holds kg's union."""

    query: str
    update: str
    #: The named graph holding the union, or ``None`` for the server's default graph.
    union: str | None
    user: str | None = None
    password: str | None = None


_VIRTUOSO = re.compile(r"/sparql(-auth)?/?$")


def endpoints(location: str, environ: Mapping[str, str] | None = None) -> Endpoints:
    """The query and update endpoints, the union graph and the credentials for ``location``.

    * ``…/sparql`` or ``…/sparql-auth`` is Virtuoso: queries to ``/sparql``; updates to
      ``/sparql-auth`` (Virtuoso's authenticated endpoint) when credentials are given, else to
      ``/sparql``; the union in :data:`UNION_GRAPH`.
    * ``…/query`` is the query endpoint of Oxigraph server or Fuseki (``/ds/query``): updates to
      the ``/update`` beside it; the union in the default graph.
    * anything else is a server's (or a Fuseki dataset's) base: ``BASE/query`` and ``BASE/update``.

    ``$KG_STORE_UPDATE`` names the update endpoint outright, ``$KG_STORE_UNION`` the union graph
    (an IRI, or ``default``). Credentials come from the URL (``http://user:password@host/…``) or
    from ``$KG_STORE_USER`` and ``$KG_STORE_PASSWORD``; the endpoints never carry them.

    >>> e = endpoints("http://127.0.0.1:7878")
    >>> e.query, e.update, e.union
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', None)
    >>> e = endpoints("http://dba:dba@localhost:8890/sparql", {})
    >>> e.query, e.update, e.union == UNION_GRAPH, e.user
    ('http://localhost:8890/sparql', 'http://localhost:8890/sparql-auth', True, 'dba')
    >>> endpoints("http://localhost:3030/ds/query", {}).update
    'http://localhost:3030/ds/update'
    """
    env = os.environ if environ is None else environ
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError("not an http(s) URL of a SPARQL server", path=redact(location),
                         hint="give --store http://HOST:PORT (Oxigraph, Fuseki dataset) or http://HOST:PORT/sparql (Virtuoso)")
    user = unquote(parts.username) if parts.username else env.get("KG_STORE_USER") or None
    password = unquote(parts.password) if parts.password is not None else env.get("KG_STORE_PASSWORD")
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    path = parts.path.rstrip("/")

    def url(p: str) -> str:
        return urlunsplit((parts.scheme, netloc, p, parts.query, ""))

    if _VIRTUOSO.search(parts.path):
        base = path.rsplit("/", 1)[0]
        query, update = url(base + "/sparql"), url(base + ("/sparql-auth" if user else "/sparql"))
        union: str | None = UNION_GRAPH
    else:
        base = path[: -len("/query")] if path.endswith("/query") else path
        query, update, union = url(base + "/query"), url(base + "/update"), None
    update = env.get("KG_STORE_UPDATE") or update
    chosen = env.get("KG_STORE_UNION")
    if chosen:
        union = None if chosen == "default" else chosen
    return Endpoints(query, update, union, user, password)


class _AnyAuth(httpx.Auth):
    """HTTP Basic or Digest, whichever the server asks for (Virtuoso's ``/sparql-auth`` wants Digest)."""

    def __init__(self, user: str, password: str):
        self._schemes = {"basic": httpx.BasicAuth(user, password), "digest": httpx.DigestAuth(user, password)}
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request):
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        self._chosen = self._schemes.get(scheme, self._schemes["basic"])
        yield from self._chosen.auth_flow(request)


class SparqlStore(BaseStore):
    """A kg store on a SPARQL 1.1 server at ``url``; ``write=True`` to build, else read-only."""

    def __init__(self, url: str, *, write: bool = False, environ: Mapping[str, str] | None = None):
        env = os.environ if environ is None else environ
        self.location = redact(url)
        self.writable = write
        self._endpoints = endpoints(url, env)
        try:
            timeout = float(env.get("KG_STORE_TIMEOUT") or TIMEOUT)
        except ValueError:
            raise StoreError(f"$KG_STORE_TIMEOUT is not a number of seconds: {env['KG_STORE_TIMEOUT']!r}") from None
        self._timeout = timeout
        e = self._endpoints
        auth = _AnyAuth(e.user, e.password or "") if e.user else None
        self._http = httpx.Client(auth=auth, timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                  headers={"User-Agent": "kg"})
        try:
            self._post(e.query, {"query": "ASK {}"}, _SELECT_JSON, "query")
            if write:  # an empty update: are we allowed to write? (before a build spends time extracting)
                self._post(e.update, {"update": ""}, None, "update")
        except BaseException:
            self._http.close()
            raise

    # ------------------------------------------------------------------ HTTP

    def _post(self, endpoint: str, form: dict, accept: str | None, what: str,
              timeout: float | None = None) -> httpx.Response:
        if self._endpoints.union and "query" in form:
            form = {**form, "default-graph-uri": self._endpoints.union}
        where = redact(endpoint)
        try:
            response = self._http.post(endpoint, data=form, headers={"Accept": accept} if accept else {},
                                       **({"timeout": timeout} if timeout else {}))
        except httpx.TimeoutException:
            if timeout:
                raise QueryTimeoutError(f"the query ran past its time limit of {timeout:g} s and was stopped",
                                        hint="narrow the query, or give a longer --timeout") from None
            raise StoreError(f"the SPARQL server did not answer the {what} within {self._timeout:g} s", path=where,
                             hint="a slow or overloaded server? raise $KG_STORE_TIMEOUT (seconds)") from None
        except httpx.HTTPError as error:
            raise StoreError(f"cannot reach the SPARQL server: {_reason(error)}", path=where,
                             hint="is the server running, and is the URL right? (--store / $KG_STORE)") from None
        status = response.status_code
        if status in (401, 403):
            who = f"as {self._endpoints.user!r}" if self._endpoints.user else "without credentials"
            raise StoreError(f"the server refused the {what} {who} (HTTP {status})", path=where,
                             hint="set $KG_STORE_USER and $KG_STORE_PASSWORD (or user:password@ in the URL) "
                                  "to an account allowed to " + ("write" if what == "update" else "read"))
        if status == 404:
            raise StoreError(f"no SPARQL {what} endpoint here (HTTP 404)", path=where,
                             hint="give the server's base URL, its query endpoint (…/query), or Virtuoso's …/sparql; "
                                  "$KG_STORE_UPDATE names the update endpoint")
        if status >= 400:
            detail = _first_line(response.text)
            if status == 400 and what == "query":
                raise QueryError(f"the SPARQL server refused the query: {detail}")
            raise StoreError(f"the SPARQL server failed the {what} (HTTP {status}{': ' + detail if detail else ''})",
                             path=where)
        if "x-sparql-maxrows" in response.headers:
            raise _Truncated(f"the server cut the answer short at {response.headers['x-sparql-maxrows']} rows",
                             path=where, hint="kg never reads a truncated answer: raise the server's row limit "
                                              "(Virtuoso: ResultSetMaxRows in virtuoso.ini)")
        if "x-sql-state" in response.headers:  # Virtuoso's "anytime" partial answers
            raise StoreError(f"the server gave a partial answer ({response.headers['x-sql-state']}: "
                             f"{_first_line(response.headers.get('x-sql-message', ''))})", path=where,
                             hint="raise the server's time limit (Virtuoso: MaxQueryExecutionTime)")
        return response

    def _query(self, text: str, form: str, timeout: float | None = None) -> Answer:
        """Run a query over the union graph and return its answer (``timeout``: the client stops
        waiting then; the server's own time limit is what stops its work)."""
        text = _PROLOGUE + text
        if form in ("SELECT", "ASK"):
            response = self._post(self._endpoints.query, {"query": text}, _SELECT_JSON, "query", timeout)
            try:
                result = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
            except (SyntaxError, ValueError) as error:
                raise StoreError(f"the server's answer is not SPARQL JSON results: {_first_line(str(error))}",
                                 path=redact(self._endpoints.query)) from None
            return answer_of(result, form)
        response = self._post(self._endpoints.query, {"query": text}, _RDF, "query", timeout)
        media = response.headers.get("content-type", "application/n-triples").split(";")[0].strip()
        rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        try:
            return answer_of(ox.parse(response.content, format=rdf_format), form)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"the server's answer is not {rdf_format.name}: {_first_line(str(error))}",
                             path=redact(self._endpoints.query)) from None

    def _update(self, text: str) -> None:
        self._post(self._endpoints.update, {"update": text}, None, "update")

    # ------------------------------------------------------------------ engine primitives

    def _run(self, prepared: Prepared, bindings: dict[str, Node], limits: Limits) -> Answer:
        answer = self._query(substitute(prepared.text, bindings), prepared.form, limits.timeout)
        if limits.offset or limits.limit is not None:
            stop = None if limits.limit is None else limits.offset + limits.limit
            answer.rows, answer.triples = answer.rows[limits.offset:stop], answer.triples[limits.offset:stop]
        return answer

    def _solutions(self, text: str) -> Iterator[ox.QuerySolution]:
        response = self._post(self._endpoints.query, {"query": _PROLOGUE + text}, _SELECT_JSON, "query")
        return iter(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))

    def _quads(self) -> Iterator[ox.Quad]:
        try:
            rows = self._solutions(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_IS_ARTICLE_GRAPH} }}")
            return iter([ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows])
        except _Truncated:  # a server with a row limit (Virtuoso's ResultSetMaxRows): a few articles at a time
            return self._quads_in_parts()

    def _quads_in_parts(self) -> Iterator[ox.Quad]:
        names, page = [], GRAPHS_PER_REQUEST
        while True:
            found = [r["g"] for r in self._solutions(
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a kg:Article }} {_IS_ARTICLE_GRAPH} }} "
                f"ORDER BY ?g LIMIT {page} OFFSET {len(names)}")]
            names += found
            if len(found) < page:
                break
        quads: list[ox.Quad] = []
        todo = [names[i:i + page] for i in range(0, len(names), page)]
        while todo:
            part = todo.pop()
            values = " ".join(str(g) for g in part)
            try:
                rows = self._solutions(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
            except _Truncated:
                if len(part) == 1:
                    raise
                todo += [part[: len(part) // 2], part[len(part) // 2:]]
                continue
            quads += [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        return iter(quads)

    def _triples(self) -> Iterator[ox.Triple]:
        try:
            rows = self._solutions("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
            return iter([ox.Triple(r["s"], r["p"], r["o"]) for r in rows])
        except _Truncated:  # the union is the set of the article graphs' triples
            return iter({q.triple for q in self._quads_in_parts()})

    def _has_graph(self, name: str) -> bool:
        return bool(self._query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}", "ASK").boolean)

    def _union(self, body: str) -> str:
        """``body`` (triples or a pattern) placed in the union graph."""
        return f"GRAPH <{self._endpoints.union}> {{ {body} }}" if self._endpoints.union else body

    def _orphans_leave(self, graph: str, candidates: str = "") -> str:
        """An update taking out of the union the triples of ``graph`` (or of ``candidates``, a VALUES
        block) that no other article graph holds."""
        source = candidates or f"GRAPH <{graph}> {{ ?s ?p ?o }}"
        return (f"DELETE {{ {self._union('?s ?p ?o')} }} WHERE {{ {source} FILTER NOT EXISTS {{ "
                f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{graph}> && STRSTARTS(STR(?g), \"{ARTICLE_PREFIX}\")) }} }}")

    def _write_new(self, graphs: dict[str, list[ox.Quad]]) -> None:
        # one update request per CHUNK_QUADS of whole articles: a server may refuse a larger request
        parts: list[str] = []
        union: set[ox.Triple] = set()
        size = 0
        for name, quads in graphs.items():
            if parts and size + 2 * len(quads) > CHUNK_QUADS:
                self._update(f"INSERT DATA {{ {' '.join(parts)} {self._union(_ntriples(union))} }}")
                parts, union, size = [], set(), 0
            triples = [q.triple for q in quads]
            parts.append(f"GRAPH <{name}> {{ {_ntriples(triples)} }}")
            union.update(triples)
            size += 2 * len(quads)
        if parts:
            self._update(f"INSERT DATA {{ {' '.join(parts)} {self._union(_ntriples(union))} }}")

    def _replace(self, graphs: dict[str, list[ox.Quad]]) -> None:
        for name, quads in graphs.items():  # one update request per article
            new = _ntriples({q.triple for q in quads})
            self._update(f"{self._orphans_leave(name)} ;\nDROP SILENT GRAPH <{name}> ;\n"
                         f"INSERT DATA {{ GRAPH <{name}> {{ {new} }} {self._union(new)} }}")

    def _add(self, quads: list[ox.Quad]) -> None:
        if quads:
            parts = " ".join(f"GRAPH {q.graph_name} {{ {_ntriples([q.triple])} }}" for q in quads)
            self._update(f"INSERT DATA {{ {parts} {self._union(_ntriples({q.triple for q in quads}))} }}")

    def _remove(self, quads: list[ox.Quad]) -> None:
        by_graph: dict[str, list[ox.Triple]] = {}
        for quad in quads:
            by_graph.setdefault(quad.graph_name.value, []).append(quad.triple)
        for name, triples in by_graph.items():
            values = "VALUES (?s ?p ?o) { " + " ".join(f"({t.subject} {t.predicate} {t.object})" for t in triples) + " }"
            self._update(f"DELETE DATA {{ GRAPH <{name}> {{ {_ntriples(triples)} }} }} ;\n"
                         f"{self._orphans_leave(name, values + ' ' + self._union('?s ?p ?o'))}")

    def _drop(self, name: str) -> None:
        self._update(f"{self._orphans_leave(name)} ;\nDROP SILENT GRAPH <{name}>")

    def _flush(self) -> None:
        pass  # the server commits each update request

    def _close(self) -> None:
        self._http.close()


class _Truncated(StoreError):
    """The server cut an answer short at its row limit."""


_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_IS_ARTICLE_GRAPH = f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}"))'


def _ntriples(triples) -> str:
    return " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[:2])[:300] if lines else ""


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "refused" in text.lower():
        return "connection refused"
    return _first_line(text)


# ---------------------------------------------------------------- bindings in the query text

_TOKEN = re.compile(
    r'''(?P<skip>\#[^\n]*|\s+|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>)'''
    r"|(?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_\-]*)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_BY_ENDS = {"LIMIT", "OFFSET", "HAVING", "ORDER", "GROUP", "VALUES"}


def substitute(text: str, bindings: Mapping[str, Node]) -> str:
    """``text`` with each bound variable replaced by its value, as pyoxigraph's substitutions do.

    A bound variable in a ``SELECT`` list becomes ``(VALUE AS ?var)``, in ``GROUP BY`` / ``ORDER BY``
    ``(VALUE)``, anywhere else the value itself. Strings, IRIs and comments are left alone.

    >>> from rdflib import Literal, URIRef
    >>> substitute('SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(?l = "?e") } ORDER BY ?e',
    ...            {"e": URIRef("http://x.org/a")})
    'SELECT (<http://x.org/a> AS ?e) ?l WHERE { <http://x.org/a> rdfs:label ?l FILTER(?l = "?e") } ORDER BY (<http://x.org/a>)'
    >>> substitute("SELECT ?n WHERE { ?e ?p ?n }", {"n": Literal('x" } ; DROP ALL ; #')})
    'SELECT ("x\\\\" } ; DROP ALL ; #" AS ?n) WHERE { ?e ?p "x\\\\" } ; DROP ALL ; #" }'
    """
    if not bindings:
        return text
    values = {}
    for name, term in bindings.items():
        if isinstance(term, BNode):
            raise QueryError(f"cannot bind ?{name} to a blank node on a SPARQL server", hint="bind an IRI or a literal")
        values[name] = str(to_oxigraph(term))
    out: list[str] = []
    clause = None  # "select", "by", "values" or None
    depth = 0  # parentheses within the clause
    previous = ""
    for match in _TOKEN.finditer(text):
        token, kind = match.group(), match.lastgroup
        if kind == "word" and previous != ":":  # (a local name such as ex:select is no keyword)
            word = token.upper()
            if word == "SELECT":
                clause, depth = "select", 0
            elif word == "BY" and previous in ("GROUP", "ORDER"):
                clause, depth = "by", 0
            elif word == "VALUES":
                clause = "values"
            elif word in ("WHERE", "FROM") or (clause == "by" and word in _BY_ENDS):
                clause = None
            previous = word
        elif kind == "other":
            if token == "(":
                depth += 1
            elif token == ")":
                depth -= 1
            elif token in "{}":
                if clause != "by" or token == "}":
                    clause = None
            previous = token
        elif kind == "var" and token[1:] in values:
            name, value = token[1:], values[token[1:]]
            if previous == "AS" or clause == "values":
                raise QueryError(f"cannot bind ?{name}: the query assigns it itself (AS ?{name} or VALUES)",
                                 hint=f"remove the binding of ?{name}, or rename the query's variable")
            if clause == "select" and depth == 0:
                token = f"({value} AS ?{name})"
            elif clause == "by" and depth == 0:
                token = f"({value})"
            else:
                token = value
            previous = "var"
        elif kind == "var":
            previous = "var"
        out.append(token)
    return "".join(out)
