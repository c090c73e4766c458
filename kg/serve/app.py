"""The SPARQL 1.1 Protocol endpoint as a WSGI application over the store contract.

Routes::

    GET  /                      the query page (one HTML file, offline)
    GET  /sparql?query=…        a query (also POST: form-encoded query=…, or application/sparql-query)
    GET  /sparql                the SPARQL 1.1 Service Description (Turtle, or as negotiated)
    GET  /queries               the named queries (JSON: name, title, description, binds, url)
    GET  /queries/NAME?BIND=…   a named query, its values as parameters
    *    /update, update=…      refused: 403, the store is read-only
    OPTIONS *                   CORS preflight

Answers are negotiated from ``Accept`` or chosen with ``format=`` (a short name or a media type):
SPARQL results JSON, XML, CSV, TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML for
CONSTRUCT and DESCRIBE. Errors are plain text, one line and a hint: 400 for a malformed or refused
query (updates, SERVICE, LOAD, FROM and the dataset parameters), 403 for an update, 404, 405,
503 for a query stopped at its time limit (``timeout`` seconds), 500 when the store cannot be read.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from importlib import resources
from urllib.parse import parse_qsl, quote

from kg.errors import KGError, QueryError, QueryTimeoutError
from kg.queries import named_queries, resolve
from kg.sparql import prepare
from kg.store.base import BaseStore

__all__ = ["make_app", "RESULTS_TYPES", "GRAPH_TYPES"]

#: Media types of the answers to SELECT and ASK, by format; the first is the default.
RESULTS_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Media types of the answers to CONSTRUCT and DESCRIBE, by format; the first is the default.
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: Other names clients use, in Accept or format= (SPARQLWrapper sends format=json, xml, turtle …).
_ALIASES = {
    "results": {"application/json": "json", "application/xml": "xml", "text/xml": "xml", "srj": "json",
                "srx": "xml", "text/plain": "tsv"},
    "graph": {"application/x-turtle": "turtle", "ttl": "turtle", "n3": "turtle", "text/n3": "turtle",
              "nt": "ntriples", "n-triples": "ntriples", "text/plain": "ntriples", "json-ld": "jsonld",
              "json": "jsonld", "application/json": "jsonld", "xml": "rdfxml", "rdf+xml": "rdfxml",
              "rdf": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml"},
}
#: Parameters that choose the answer's format, not values to bind (SPARQLWrapper sends all three).
_FORMAT_PARAMETERS = ("format", "output", "results")

_CORS = [("Access-Control-Allow-Origin", "*"),
         ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
         ("Access-Control-Allow-Headers", "Accept, Content-Type"),
         ("Access-Control-Max-Age", "86400")]
_PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'")
_MAX_BODY = 1 << 20


class _Refusal(Exception):
    def __init__(self, status: HTTPStatus, message: str, hint: str | None = None, allow: str | None = None):
        super().__init__(message)
        self.status, self.message, self.hint, self.allow = status, message, hint, allow


def make_app(store: BaseStore, *, timeout: float | None = 60):
    """The WSGI application serving ``store`` read-only; each query stops after ``timeout`` seconds.

    Works under any WSGI server (``kg serve`` uses waitress); for example with the standard library::

        from wsgiref.simple_server import make_server
        make_server("127.0.0.1", 8000, make_app(open_store(".kg"))).serve_forever()
    """

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        try:
            if method == "OPTIONS":
                return _send(start_response, HTTPStatus.NO_CONTENT, "text/plain", b"")
            if path == "/update" or path.startswith("/update/"):
                raise _Refusal(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint only reads the store",
                               "the store is written by kg build")
            if path == "/":
                _allow(method, "GET", "HEAD")
                return _send(start_response, HTTPStatus.OK, "text/html; charset=utf-8", _page(),
                             [("Content-Security-Policy", _PAGE_POLICY)])
            if path == "/sparql":
                return _sparql(environ, start_response, method)
            if path in ("/queries", "/queries/"):
                _allow(method, "GET", "HEAD")
                return _send(start_response, HTTPStatus.OK, "application/json", _listing())
            if path.startswith("/queries/"):
                _allow(method, "GET", "HEAD")
                return _named(environ, start_response, path[len("/queries/"):])
            raise _Refusal(HTTPStatus.NOT_FOUND, f"no such page: {path}",
                           "the endpoint is /sparql, the named queries are at /queries, the query page at /")
        except _Refusal as refusal:
            extra = [("Allow", refusal.allow)] if refusal.allow else []
            return _error(start_response, refusal.status, refusal.message, refusal.hint, extra)
        except QueryTimeoutError as error:
            return _error(start_response, HTTPStatus.SERVICE_UNAVAILABLE, str(error), error.hint)
        except QueryError as error:
            return _error(start_response, HTTPStatus.BAD_REQUEST, str(error), error.hint)
        except KGError as error:
            return _error(start_response, HTTPStatus.INTERNAL_SERVER_ERROR, str(error), error.hint)

    def _sparql(environ, start_response, method):
        _allow(method, "GET", "HEAD", "POST")
        params, body_query = _parameters(environ, method)
        if "update" in params:
            raise _Refusal(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint only reads the store",
                           "the store is written by kg build")
        for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
            if name in params:
                raise _Refusal(HTTPStatus.BAD_REQUEST, f"{name} is refused: kg queries only read the local store",
                               "to query one article, use GRAPH <its article IRI> { … }")
        queries = params.get("query", [])
        if body_query is not None:
            queries.append(body_query)
        if not queries:
            if method == "POST":
                raise _Refusal(HTTPStatus.BAD_REQUEST, "no query given",
                               "POST query=… (form-encoded) or the query itself as application/sparql-query")
            fmt, media = _choose(environ, params, "graph")
            return _send(start_response, HTTPStatus.OK, media, _description(environ, fmt))
        if len(queries) > 1:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "more than one query given", "send exactly one query")
        return _answer(environ, start_response, params, queries[0], {})

    def _named(environ, start_response, name):
        named = named_queries().get(name)
        if named is None:
            raise _Refusal(HTTPStatus.NOT_FOUND, f"no named query {name!r}", "GET /queries lists them")
        params = _query_string(environ)
        values = {key: found[-1] for key, found in params.items() if key not in _FORMAT_PARAMETERS}
        text, bindings = resolve(named.name, values)
        return _answer(environ, start_response, params, text, bindings)

    def _answer(environ, start_response, params, text, bindings):
        prepared = prepare(text)  # refused (400) before the store is touched
        kind = "graph" if prepared.form in ("CONSTRUCT", "DESCRIBE") else "results"
        fmt, media = _choose(environ, params, kind)
        store.refresh()
        data = store.serialize_query(text, fmt, bindings, timeout=timeout)
        return _send(start_response, HTTPStatus.OK, media, data)

    return app


# ---------------------------------------------------------------------- requests


def _allow(method: str, *allowed: str) -> None:
    if method not in allowed:
        raise _Refusal(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} is not allowed here", allow=", ".join(allowed))


def _query_string(environ) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True):
        params.setdefault(key, []).append(value)
    return params


def _parameters(environ, method: str) -> tuple[dict[str, list[str]], str | None]:
    """The request's parameters (query string and form body), and a query sent as the body itself."""
    params = _query_string(environ)
    if method != "POST":
        return params, None
    media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > _MAX_BODY:
        raise _Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over {_MAX_BODY:,} bytes")
    body = environ["wsgi.input"].read(length).decode("utf-8", errors="replace") if length else ""
    if media == "application/sparql-update":
        raise _Refusal(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint only reads the store",
                       "the store is written by kg build")
    if media == "application/sparql-query":
        return params, body
    if media in ("application/x-www-form-urlencoded", ""):
        for key, value in parse_qsl(body, keep_blank_values=True):
            params.setdefault(key, []).append(value)
        return params, None
    raise _Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"cannot read a {media} body",
                   "POST application/x-www-form-urlencoded (query=…) or application/sparql-query")


def _choose(environ, params, kind: str) -> tuple[str, str]:
    """The answer's format and media type: ``format=`` when given, else the best match of Accept."""
    types = RESULTS_TYPES if kind == "results" else GRAPH_TYPES
    by_media = {media: fmt for fmt, media in types.items()} | _ALIASES[kind]
    for name in _FORMAT_PARAMETERS:
        for asked in params.get(name, []):
            asked = asked.strip().lower()
            fmt = asked if asked in types else by_media.get(asked.split(";")[0].strip())
            if fmt:
                return fmt, types[fmt]
        if name == "format" and params.get(name):
            raise _Refusal(HTTPStatus.BAD_REQUEST, f"unknown format {params[name][-1]!r} for this query",
                           f"format= one of {', '.join(types)}")
    best, best_q = None, 0.0
    for position, part in enumerate(environ.get("HTTP_ACCEPT", "").split(",")):
        media, *options = [p.strip() for p in part.split(";")]
        q = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    q = float(option[2:])
                except ValueError:
                    q = 0.0
        fmt = by_media.get(media.lower())
        if fmt and q > best_q:
            best, best_q = fmt, q
    fmt = best or next(iter(types))
    return fmt, types[fmt]


# ---------------------------------------------------------------------- responses


def _send(start_response, status: HTTPStatus, media: str, data: bytes, extra=()):
    if media.startswith(("text/", "application/sparql-results+", "application/json", "application/ld+json",
                         "application/n-triples", "application/rdf+xml")) and "charset" not in media:
        media += "; charset=utf-8"
    headers = [("Content-Type", media), ("Content-Length", str(len(data))), *_CORS, *extra]
    if status is not HTTPStatus.NO_CONTENT:
        headers.append(("Vary", "Accept"))
    start_response(f"{status.value} {status.phrase}", headers)
    return [data]


def _error(start_response, status: HTTPStatus, message: str, hint: str | None, extra=()):
    text = message + (f"\nhint: {hint}" if hint else "") + "\n"
    return _send(start_response, status, "text/plain", text.encode("utf-8"), extra)


def _listing() -> bytes:
    found = []
    for name, named in named_queries().items():
        found.append({"name": name, "title": named.title, "description": named.description,
                      "url": f"/queries/{quote(name)}", "sparql": named.text,
                      "binds": [{"name": b.name, "description": b.description, "default": b.default,
                                 "required": b.required} for b in named.binds]})
    return json.dumps(found, ensure_ascii=False, indent=1).encode("utf-8")


def _description(environ, fmt: str) -> bytes:
    """The SPARQL 1.1 Service Description of this endpoint."""
    from rdflib import BNode, Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = Namespace("http://www.w3.org/ns/formats/")
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '80')}"
    endpoint = URIRef(f"{environ.get('wsgi.url_scheme', 'http')}://{host}/sparql")
    graph = Graph()
    graph.bind("sd", sd)
    graph.bind("formats", formats)
    service, dataset, default = BNode(), BNode(), BNode()
    graph.add((service, RDF.type, sd.Service))
    graph.add((service, sd.endpoint, endpoint))
    graph.add((service, sd.supportedLanguage, sd.SPARQL11Query))
    graph.add((service, sd.feature, sd.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        graph.add((service, sd.resultFormat, formats[name]))
    graph.add((service, sd.defaultDataset, dataset))
    graph.add((dataset, RDF.type, sd.Dataset))
    graph.add((dataset, sd.defaultGraph, default))
    graph.add((default, RDF.type, sd.Graph))
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    return graph.serialize(format=rdflib_format, encoding="utf-8")


def _page() -> bytes:
    return resources.files("kg.serve").joinpath("page.html").read_bytes()
