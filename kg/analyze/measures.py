"""Who matters in the graph: degree, betweenness and PageRank per entity; communities.

Pure functions on the projection (:func:`kg.analyze.project.project`) returning plain values.

* **degree** — the number of facts an entity takes part in, in any role (subject, object or
  substance; each fact counts once, however many sentences state it);
* **betweenness** — how often an entity lies on the shortest chains between others, on the
  undirected graph of who is linked to whom by a fact (:func:`linked`; estimated from 300 seeded
  sources above 1,000 entities, where the exact value would take minutes);
* **PageRank** — importance flowing along the facts' direction, subject → substance → object (a
  sanction's target, a supply flow's destination gain from their source); symmetric facts
  (cooperation, meeting) flow both ways.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n, label in [("a", "A"), ("b", "B"), ("c", "C")]:
...     g.add_node(n, type="Country", label=label, names=[label], wikidata=None)
>>> _ = g.add_edge("a", "b", key="r1", type="Sanction"); _ = g.add_edge("c", "b", key="r2", type="Sanction")
>>> [(row["label"], row["degree"]) for row in centrality(g, by="degree")]
[('B', 2), ('A', 1), ('C', 1)]
>>> [[m["label"] for m in c["members"]] for c in communities(g)]
[['B', 'A', 'C']]
"""

from __future__ import annotations

import networkx as nx

from kg.errors import KGError
from kg.vocab import SYMMETRIC_RELATIONS

__all__ = ["scores", "degrees", "centrality", "communities", "community_of", "MEASURES", "linked"]

#: The measures :func:`centrality` can rank by.
MEASURES = ("degree", "betweenness", "pagerank")

#: Above this many entities, betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLE = 300


def _participants(graph: nx.MultiDiGraph, u: str, v: str, data: dict) -> list[str]:
    """The entities of ``graph`` a fact involves: its subject, its object (or substance), its substance."""
    substance = data.get("substance")
    return [u, v] + ([substance] if substance and substance not in (u, v) and substance in graph else [])


def linked(graph: nx.MultiDiGraph, *, facts: bool = True) -> nx.Graph:
    """Who is linked to whom: the undirected simple graph of the entities facts involve together.

    Two entities are linked when one fact involves both, in any role: a supply flow of fentanyl
    from Mexico to the United States links all three. Each link keeps ``facts``, the
    ``(subject, object, key)`` of those facts, and ``weight``, their number; with ``facts=False``
    the links carry nothing, which is all a layout needs: a large graph's links build in half the
    time and leave the garbage collector nothing to go over.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    if not facts:
        simple.add_edges_from((a, b) for a, b, _ in _links(graph))
        return simple
    links: dict[tuple, dict] = {}  # (a, b) as first met → the link's attributes
    for a, b, fact in _links(graph):
        link = links.get((a, b)) or links.get((b, a))
        if link is None:
            link = links[(a, b)] = {"facts": [], "weight": 0}
        link["facts"].append(fact)
        link["weight"] += 1
    simple.add_edges_from((a, b, link) for (a, b), link in links.items())
    return simple


def _links(graph: nx.MultiDiGraph):
    """``(a, b, (subject, object, key))`` for every two entities a fact involves, facts in order."""
    for u, v, key, data in graph.edges(keys=True, data=True):
        involved = _participants(graph, u, v, data)
        for i, a in enumerate(involved):
            for b in involved[i + 1:]:
                if a != b:
                    yield a, b, (u, v, key)


def _flows(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Importance flows subject → (substance →) object; both ways for symmetric facts."""
    flows = nx.DiGraph()
    flows.add_nodes_from(graph)

    def flow(a, b):
        if a != b:
            flows.add_edge(a, b, weight=flows.get_edge_data(a, b, {"weight": 0})["weight"] + 1)

    for u, v, data in graph.edges(data=True):
        hops = _participants(graph, u, v, data)
        chain = [hops[0], hops[2], hops[1]] if len(hops) == 3 else hops
        for a, b in zip(chain, chain[1:]):
            flow(a, b)
            if data.get("type") in SYMMETRIC_RELATIONS:
                flow(b, a)
    return flows


def degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """``{entity: number of facts it takes part in}``, in any role (subject, object, substance)."""
    counts = dict.fromkeys(graph, 0)
    for u, v, data in graph.edges(data=True):
        for entity in set(_participants(graph, u, v, data)):
            counts[entity] += 1
    for fact in graph.graph.get("unlinked", ()):
        counts[fact["subject"]] += 1
    return counts


def scores(graph: nx.MultiDiGraph, *, seed: int = 0) -> dict[str, dict[str, float]]:
    """``{entity: {"degree": …, "betweenness": …, "pagerank": …}}`` for every entity."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = linked(graph)
    sample = BETWEENNESS_SAMPLE if len(simple) > EXACT_BETWEENNESS_LIMIT else None
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=seed)
    pagerank = nx.pagerank(_flows(graph), weight="weight")
    degree = degrees(graph)
    return {n: {"degree": degree[n], "betweenness": betweenness[n], "pagerank": pagerank[n]} for n in graph}


def centrality(graph: nx.MultiDiGraph, top: int | None = 10, *, by: str = "degree") -> list[dict]:
    """The ``top`` entities ranked by ``by`` (one of :data:`MEASURES`), with all three measures.

    Rows: ``{"entity", "label", "type", "degree", "betweenness", "pagerank"}``; ties by label.
    """
    if by not in MEASURES:
        raise KGError(f"cannot rank by {by!r}", hint=f"rank by one of {', '.join(MEASURES)}")
    rows = [
        {"entity": n, "label": graph.nodes[n]["label"], "type": graph.nodes[n]["type"], **measures}
        for n, measures in scores(graph).items()
    ]
    rows.sort(key=lambda row: (-row[by], -row["degree"], row["label"].casefold(), row["entity"]))
    return rows if top is None else rows[:top]


def communities(graph: nx.MultiDiGraph, *, seed: int = 0) -> list[dict]:
    """Groups of entities more linked among themselves than to others (Louvain, seeded).

    Largest first; members by degree then label. Every entity is in exactly one community (an
    entity with no facts is a community of one).
    """
    simple = linked(graph)
    groups = nx.community.louvain_communities(simple, weight="weight", seed=seed) if len(simple) else []

    def member(n):
        return {"entity": n, "label": graph.nodes[n]["label"], "type": graph.nodes[n]["type"]}

    degree = degrees(graph)
    ordered = [sorted(group, key=lambda n: (-degree[n], graph.nodes[n]["label"].casefold(), n)) for group in groups]
    ordered.sort(key=lambda members: (-len(members), graph.nodes[members[0]]["label"].casefold(), members[0]))
    return [
        {"community": i, "size": len(members), "members": [member(n) for n in members]}
        for i, members in enumerate(ordered, start=1)
    ]


def community_of(graph: nx.MultiDiGraph, *, seed: int = 0) -> dict[str, int]:
    """``{entity: community number}``, numbered as in :func:`communities`."""
    return {m["entity"]: c["community"] for c in communities(graph, seed=seed) for m in c["members"]}
