"""``kg analyze``: who matters, who clusters together, how two entities are linked."""

from __future__ import annotations

import csv
import io
import json

import click

from kg.cli import main
from kg.cli.graph_source import graph_source_options, load_projection
from kg.cli.options import LazyChoice
from kg.errors import KGError

FORMATS = ("table", "json", "csv")


@main.command()
@click.argument("what", type=click.Choice(["top", "communities", "path"]), default="top")
@click.argument("names", nargs=-1, metavar="[A B]")
@graph_source_options
@click.option("--format", "format_", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How to print the answer.")
@click.option("--top", "top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many entities (top) or communities to list; 0 lists all.")
@click.option("--by", type=LazyChoice("kg.analyze", "MEASURES"), default="degree", show_default=True,
              help="What ranks the entities (top).")
@click.option("-k", "--paths", "k", type=click.IntRange(min=1), default=3, show_default=True,
              help="How many chains to find (path).")
def analyze(what, names, store, graph, format_, top, by, k):
    """Analyse the graph: top actors, communities, or the chains of facts linking A and B.

    \b
    top          entities ranked by the facts they take part in (or --by betweenness|pagerank)
    communities  groups of entities more linked among themselves than to others (Louvain)
    path A B     the shortest chains of facts linking A to B, each step with its evidence;
                 A and B are any of an entity's names, case-insensitive

    \b
    Example:
        kg analyze top --top 5
        kg analyze communities --format json
        kg analyze path "Antony Blinken" China --graph out/graph.ttl
    """
    if what == "path" and len(names) != 2:
        raise KGError(f"kg analyze path needs two entities, got {len(names)}",
                      hint='kg analyze path "Antony Blinken" China')
    if what != "path" and names:
        raise KGError(f"kg analyze {what} takes no names (got {' '.join(names)})")
    from kg.analyze import centrality, communities, paths

    projection = load_projection(store, graph)
    limit = top or None
    if what == "top":
        rows = centrality(projection, top=limit, by=by)
        click.echo(_format_top(rows, format_), nl=False)
    elif what == "communities":
        found = communities(projection)[:limit] if limit else communities(projection)
        click.echo(_format_communities(found, format_), nl=False)
    else:
        chains = paths(projection, names[0], names[1], k=k)
        if not chains and format_ == "table":
            click.echo(f"no chain of facts links {names[0]} and {names[1]}")
            return
        click.echo(_format_paths(chains, format_), nl=False)


def _table(header: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _format_top(rows: list[dict], format_: str) -> str:
    if format_ == "json":
        return _json(rows)
    header = ["rank", "entity", "type", "facts", "betweenness", "pagerank"]
    body = [[i, r["label"], r["type"], r["degree"], f"{r['betweenness']:.4f}", f"{r['pagerank']:.4f}"]
            for i, r in enumerate(rows, start=1)]
    if format_ == "csv":
        header.append("iri")
        body = [b + [r["entity"]] for b, r in zip(body, rows)]
        return _csv(header, body)
    return _table(header, body)


def _format_communities(found: list[dict], format_: str) -> str:
    if format_ == "json":
        return _json(found)
    if format_ == "csv":
        return _csv(["community", "entity", "type", "iri"],
                    [[c["community"], m["label"], m["type"], m["entity"]] for c in found for m in c["members"]])
    shown = 8
    body = []
    for c in found:
        labels = [m["label"] for m in c["members"]]
        more = f" … +{len(labels) - shown} more" if len(labels) > shown else ""
        body.append([c["community"], c["size"], ", ".join(labels[:shown]) + more])
    return _table(["community", "size", "members (most linked first)"], body)


def _format_paths(chains: list[list[dict]], format_: str) -> str:
    if format_ == "json":
        return _json(chains)
    if format_ == "csv":
        return _csv(["chain", "step", "subject", "relation", "status", "object", "substance", "evidence", "title"],
                    [[i, j, s["subject"], s["relation"], s["status"] or "", s["object"], s["substance"] or "",
                      s["evidence"], s["title"]]
                     for i, chain in enumerate(chains, start=1) for j, s in enumerate(chain, start=1)])
    lines = []
    for i, chain in enumerate(chains, start=1):
        lines.append(f"chain {i} ({len(chain)} step{'s' if len(chain) != 1 else ''})")
        for s in chain:
            status = f" ({s['status']})" if s["status"] else ""
            substance = f" [{s['substance']}]" if s["substance"] and s["substance"] != s["object"] else ""
            lines.append(f"  {s['subject']} —{s['relation']}{status}{substance}→ {s['object']}")
            if s["evidence"]:
                more = f" (+{len(s['sources']) - 1} more)" if len(s["sources"]) > 1 else ""
                lines.append(f"      “{s['evidence']}” — {s['title'] or 'untitled article'}{more}")
    return "\n".join(lines) + "\n"
