"""``kg query``."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import LazyChoice, is_terminal, store_option
from kg.errors import InputError, QueryError


@main.command()
@click.argument("query", required=False, metavar="[QUERY]")
@store_option
@click.option("--bind", "-b", "binds", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE: <…> or http(s)://… is an IRI, anything else a literal. "
                   "Bound by the engine, never pasted into the query.")
@click.option("--format", "-f", "fmt", type=LazyChoice("kg.queries", "FORMATS"), default=None,
              help="Output format. Default: table on a terminal, csv otherwise.")
@click.option("--timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Stop the query after SECONDS (0: no limit).")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="At most N rows (on top of the query's own LIMIT); the rest are not computed when the query allows.")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N", help="Skip the first N rows.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
def query(query, store, binds, fmt, timeout, limit, offset, list_queries):
    """Ask the graph a question in SPARQL, or by the name of a ready-made query.

    QUERY is the name of a named query (see --list), a .rq file, - for standard input, or the
    SPARQL text itself; with no QUERY, it is read from standard input. Only reading is allowed:
    updates, SERVICE, LOAD and FROM are refused. The usual prefixes (kg:, rdfs:, skos:, owl:,
    nif:, xsd:, wd: …) need no declaration.

    \b
    Example:
        kg query --list
        kg query sanctions
        kg query entity --bind entity=Blinken
        kg query 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }' --format csv
        kg query evidence --limit 100 --offset 100 --timeout 10
    """
    if list_queries:
        click.echo(_listing())
        return
    from kg.queries import format_answer
    from kg.queries import query as run_query
    from kg.sparql import parse_binding
    from kg.store import open_store

    text = _read_query(query)
    bindings = dict(parse_binding(b) for b in binds)
    fmt = fmt or ("table" if is_terminal() else "csv")
    with open_store(store) as opened:
        answer = run_query(opened, text, bindings, timeout=timeout or None, limit=limit, offset=offset)
    click.echo(format_answer(answer, fmt), nl=False)


def _read_query(query: str | None) -> str:
    from kg.named import named_queries

    if query is None:
        if is_terminal(sys.stdin):
            raise QueryError("no query given", hint="kg query NAME (see kg query --list), a .rq file, or SPARQL text")
        return sys.stdin.read()
    if query == "-":
        return sys.stdin.read()
    if query in named_queries():
        return query
    if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and Path(query).is_file()):
        path = Path(query)
        if not path.is_file():
            raise InputError("no such query file", path=query, hint="kg query --list shows the named queries")
        return path.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w.-]+", query):
        raise QueryError(f"no named query {query!r}", hint="kg query --list shows them; or give SPARQL text or a .rq file")
    return query


def _listing() -> str:
    from kg.named import named_queries

    rows = []
    for name, q in named_queries().items():
        binds = " ".join(f"--bind {b.name}=…" if b.required else f"[--bind {b.name}=…]" for b in q.binds)
        rows.append((name, q.title, binds))
    width = max(len(r[0]) for r in rows)
    lines = []
    for name, title, binds in rows:
        lines.append(f"{name.ljust(width)}  {title}" + (f"  {binds}" if binds else ""))
    return "\n".join(lines)
