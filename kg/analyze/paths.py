"""How two entities are linked: the shortest chains of facts between them, each step with evidence.

A chain may walk a fact against its direction (China → Mexico is a step from Mexico to China
too), and through a fact's substance (a supply flow of fentanyl links its origin to fentanyl):
the question is how the two are linked, not who acts on whom. Each step says who did what to
whom as the fact states it, so it still reads right.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n, label in [("cn", "China"), ("mx", "Mexico"), ("us", "United States")]:
...     g.add_node(n, type="Country", label=label, names=[label], wikidata=None)
>>> ev = lambda s: {"status": None, "evidence": [(s, "An article")]}
>>> _ = g.add_edge("cn", "mx", key="r1", type="SupplyFlow", **ev("China ships precursors to Mexico."))
>>> _ = g.add_edge("us", "mx", key="r2", type="Cooperation", **ev("The US and Mexico work together."))
>>> [(s["subject"], s["relation"], s["object"]) for s in paths(g, "china", "United States")[0]]
[('China', 'SupplyFlow', 'Mexico'), ('United States', 'Cooperation', 'Mexico')]
>>> resolve(g, "Chna")
Traceback (most recent call last):
...
kg.errors.KGError: no entity is named 'Chna'
"""

from __future__ import annotations

import difflib
from itertools import islice

import networkx as nx

from kg.analyze.measures import linked
from kg.errors import KGError
from kg.model import normalize_name

__all__ = ["resolve", "paths"]


def resolve(graph: nx.MultiDiGraph, name: str) -> str:
    """The entity called ``name`` (any of its names, case-insensitive) or with that IRI.

    An unknown name raises :class:`~kg.errors.KGError` with the closest names as a hint; a name
    shared by several entities raises one listing them (give the IRI instead).
    """
    if name in graph:
        return name
    wanted = normalize_name(name)
    by_label = [n for n in graph if normalize_name(graph.nodes[n]["label"]) == wanted]
    found = by_label or [n for n in graph if any(normalize_name(x) == wanted for x in graph.nodes[n]["names"])]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{graph.nodes[n]['label']} ({graph.nodes[n]['type']}) {n}" for n in sorted(found))
        raise KGError(f"{len(found)} entities are named {name!r}: {listed}", hint="give the entity's IRI instead")
    names = {normalize_name(x): x for n in graph for x in reversed(graph.nodes[n]["names"])}  # labels win
    close = [names[x] for x in difflib.get_close_matches(wanted, names, n=5, cutoff=0.6)]
    close += [x for k, x in sorted(names.items()) if wanted and wanted in k and x not in close][: 5 - len(close)]
    hint = f"did you mean: {', '.join(close)}?" if close else "list the entities with: kg analyze top --top 50"
    raise KGError(f"no entity is named {name!r}", hint=hint)


def _best_fact(graph: nx.MultiDiGraph, links: nx.Graph, u: str, v: str) -> tuple[str, str, dict]:
    """The best-attested fact involving both ``u`` and ``v``, as (subject, object, data)."""
    facts = [(s, o, graph.edges[s, o, key]) for s, o, key in links[u][v]["facts"]]
    return min(facts, key=lambda f: (-len(f[2].get("evidence") or ()), f[2]["type"], f[2].get("iri", ""), f[0], f[1]))


def paths(graph: nx.MultiDiGraph, a: str, b: str, k: int = 3) -> list[list[dict]]:
    """Up to ``k`` shortest chains of facts linking entity ``a`` to entity ``b`` (names or IRIs).

    Each chain is a different route through the graph, shortest first; each step is a dict:
    ``from``/``to`` (the entities in chain order, IRIs), ``subject``, ``relation``, ``status``,
    ``object``, ``substance`` (the fact as stated, labels; a fact with no object has its substance
    as object), ``evidence`` (its first sentence), ``title`` (that
    sentence's article) and ``sources`` (every ``(sentence, title)`` pair). No link: ``[]``.
    """
    source, target = resolve(graph, a), resolve(graph, b)
    if source == target:
        raise KGError(f"{a!r} and {b!r} are the same entity", hint="name two different entities")
    links = linked(graph)
    try:
        routes = list(islice(nx.shortest_simple_paths(links, source, target), k))
    except nx.NetworkXNoPath:
        return []
    chains = []
    for route in routes:
        chain = []
        for u, v in zip(route, route[1:]):
            subject, object_, data = _best_fact(graph, links, u, v)
            sources = list(data.get("evidence") or [])
            sentence, title = sources[0] if sources else ("", "")
            chain.append({
                "from": u, "to": v,
                "subject": graph.nodes[subject]["label"], "relation": data["type"], "status": data.get("status"),
                "object": graph.nodes[object_]["label"],
                "substance": graph.nodes[data["substance"]]["label"] if data.get("substance") else None,
                "evidence": sentence, "title": title, "sources": sources,
            })
        chains.append(chain)
    return chains
