"""What the viewer shows, as plain JSON-able data: the entities and facts to draw and how.

Pure: a projection (:func:`kg.analyze.project`) in, a dict out, ready to embed in the page.
pyvis's :class:`~pyvis.network.Network` assembles the vis-network nodes, edges and physics
options; kg adds what the page needs beside them: each entity's names, type, Wikidata id and facts,
each fact's evidence, the legend, and the filters applied.

Keys of the result:

* ``nodes`` / ``edges`` — vis-network items. Node ``id`` = index into ``entities``, edge ``id`` =
  index into ``facts``; ``kind`` is the entity or relation type (the page filters on it); ``title``
  (the tooltip) is plain text.
* ``entities`` — ``{"iri", "type", "label", "names", "wikidata", "degree", "facts"}`` per node.
* ``facts`` — every fact about a drawn entity: ``{"type", "status", "role", "date", "confidence",
  "subject", "object", "substance"`` (node ids, ``None`` when that entity is not drawn),
  ``"subjectLabel", "objectLabel", "substanceLabel", "evidence"`` (``[sentence, article title]``
  pairs), ``"drawn"`` (whether it is an edge)``}``.
* ``legend`` — entity types and relation styles present; ``options`` — vis-network options;
  ``meta`` — counts, whether the graph is large, and the filters.

A large graph (more than :data:`LARGE_GRAPH` entities drawn) opens on its story rather than its
heap, and ``meta["story"]`` says how: only the entities linked to another one (at least
``minLinks`` links, chosen so that no more than :data:`CORE_LIMIT` open) are shown, the others are
``hidden`` nodes the page can reveal (``isolated`` of them take part in no drawn fact); the
``labelled`` best-linked entities keep a readable label at any zoom; and the entities are coloured
by Louvain community when the graph has at most :data:`COMMUNITY_LIMIT` facts drawn.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("urn:us", type="Country", label="United States", names=["United States", "US"], wikidata="Q30")
>>> g.add_node("urn:cn", type="Country", label="China", names=["China"], wikidata="Q148")
>>> _ = g.add_edge("urn:us", "urn:cn", key="urn:r", type="Sanction", status="lifted", object="urn:cn",
...                substance=None, evidence=[("The US lifted tariffs on China.", "Tariffs")])
>>> data = view_data(g)
>>> [n["label"] for n in data["nodes"]], data["edges"][0]["dashes"], data["facts"][0]["evidence"]
(['China', 'United States'], [8, 6], [['The US lifted tariffs on China.', 'Tariffs']])
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache

import networkx as nx
from pyvis.network import Network
from rdflib import RDFS

from kg.analyze.measures import MEASURES, community_of, degrees, linked, scores
from kg.analyze.paths import resolve
from kg.errors import KGError
from kg.view.layout import layout
from kg.view.style import COMMUNITY_COLOURS, STATUS_STYLES, entity_style, fact_style
from kg.vocab import ENTITY_TYPES, KG, RELATION_TYPES, SYMMETRIC_RELATIONS, ontology

__all__ = ["view_data", "select", "LARGE_GRAPH", "CORE_LIMIT", "COMMUNITY_LIMIT", "LABELLED", "SIZE_BY", "COLOR_BY"]

#: Above this many entities the page opens on the story: positions computed here, physics off,
#: the linked core shown first, the best-linked entities labelled.
LARGE_GRAPH = 400
#: At most this many entities open in a large graph (the best-linked); the page grows the view.
CORE_LIMIT = 1500
#: A large graph is coloured by community (Louvain) when it draws at most this many facts.
COMMUNITY_LIMIT = 5000
#: How many of the best-linked entities of a large graph keep a readable label.
LABELLED = 30
SIZE_BY = MEASURES
COLOR_BY = ("type", "community")
MIN_SIZE, MAX_SIZE = 8, 28
LABEL_LENGTH = 40


@cache
def _relation_label(type_: str) -> str:
    """The ontology's English label of a relation type ("supply flow")."""
    return str(ontology().value(KG[type_], RDFS.label) or type_)


def _choices(given, valid: tuple[str, ...], what: str) -> set[str] | None:
    if not given:
        return None
    by_folded = {v.casefold(): v for v in valid}
    unknown = [item for item in given if item.strip().casefold() not in by_folded]
    if unknown:
        raise KGError(f"unknown {what}: {', '.join(unknown)}", hint=f"choose among {', '.join(valid)}")
    return {by_folded[item.strip().casefold()] for item in given}


def select(graph: nx.MultiDiGraph, *, min_degree: int = 0, types=None, relations=None,
           around: str | None = None, hops: int = 1) -> nx.MultiDiGraph:
    """The part of the projection to draw, filters applied in this order:

    ``relations`` keeps only facts of those types; ``types`` only entities of those types;
    ``around`` (any name of an entity) with ``hops`` only what lies within that many links of it;
    ``min_degree`` only entities that take part in at least that many of the remaining facts.
    """
    relations = _choices(relations, RELATION_TYPES, "relation type")
    types = _choices(types, ENTITY_TYPES, "entity type")
    if hops < 0 or min_degree < 0:
        raise KGError("--hops and --min-degree cannot be negative")
    chosen = graph.copy() if relations is not None or types is not None else graph
    if relations is not None:
        dropped = [(u, v, k) for u, v, k, t in graph.edges(keys=True, data="type") if t not in relations]
        chosen.remove_edges_from(dropped)
        chosen.graph["unlinked"] = [f for f in graph.graph.get("unlinked", ()) if f["type"] in relations]
    if types is not None:
        chosen.remove_nodes_from([n for n, t in graph.nodes(data="type") if t not in types])
    if around is not None:
        centre = resolve(graph, around)
        if centre not in chosen:
            raise KGError(f"{around!r} is filtered out by --types", hint="add its type to --types")
        within = nx.single_source_shortest_path_length(linked(chosen, facts=False), centre, cutoff=hops)
        chosen = chosen.subgraph(within).copy()
    if min_degree:
        degree = degrees(chosen)
        chosen = chosen.subgraph([n for n in chosen if degree[n] >= min_degree]).copy()
    if chosen is not graph:
        chosen.graph["unlinked"] = [f for f in chosen.graph.get("unlinked", ()) if f["subject"] in chosen]
    return chosen


def _sizes(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values(), default=0) or 1
    return {n: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(max(v, 0) / top), 1) for n, v in values.items()}


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def view_data(graph: nx.MultiDiGraph, *, min_degree: int = 0, types=None, relations=None,
              around: str | None = None, hops: int = 1, size_by: str = "degree", color_by: str | None = None,
              large: int = LARGE_GRAPH, seed: int = 0) -> dict:
    """Everything the page needs to draw ``graph`` (after :func:`select` with the same filters).

    ``size_by`` one of :data:`SIZE_BY` sizes the entities; ``color_by="community"`` colours them
    by Louvain community instead of type (the shape still tells the type); by default a large
    graph is coloured by community (up to :data:`COMMUNITY_LIMIT` facts), a small one by type.
    Above ``large`` drawn entities, positions are computed here (:func:`kg.view.layout.layout`),
    physics is off and the page opens on the story (see the module's docstring).
    """
    if size_by not in SIZE_BY:
        raise KGError(f"cannot size by {size_by!r}", hint=f"size by one of {', '.join(SIZE_BY)}")
    if color_by is not None and color_by not in COLOR_BY:
        raise KGError(f"cannot colour by {color_by!r}", hint=f"colour by one of {', '.join(COLOR_BY)}")
    shown = select(graph, min_degree=min_degree, types=types, relations=relations, around=around, hops=hops)
    is_large = shown.number_of_nodes() > large
    in_view = set(shown.edges(keys=True))  # the facts drawn as edges
    if color_by is None:
        color_by = "community" if is_large and len(in_view) <= COMMUNITY_LIMIT else "type"
    degree = degrees(shown)
    measure = degree if size_by == "degree" else {n: s[size_by] for n, s in scores(shown, seed=seed).items()}
    size = _sizes(measure)
    community = community_of(shown, seed=seed) if color_by == "community" else {}
    order = sorted(shown, key=lambda n: (-degree[n], shown.nodes[n]["label"].casefold(), n))
    ids = {n: i for i, n in enumerate(order)}
    links = linked(shown, facts=False)
    positions = layout(links, seed=seed) if shown.number_of_nodes() else {}
    link_count = dict(links.degree())
    story = _story(order, links, link_count) if is_large else None
    core = story.pop("core") if story is not None else set()

    nodes, entities = [], []
    for n in order:
        node = shown.nodes[n]
        style = entity_style(node["type"])
        colour = COMMUNITY_COLOURS[(community[n] - 1) % len(COMMUNITY_COLOURS)] if community else style["color"]
        x, y = positions[n]
        item = {"color": colour, "size": size[n], "x": x, "y": y, "kind": node["type"],
                "title": f"{node['label']} — {node['type']}\n{degree[n]} fact{'s' if degree[n] != 1 else ''}",
                "id": ids[n], "label": _short(node["label"]), "shape": style["shape"]}
        if story is not None:
            item["links"] = link_count[n]
            if n in core:
                item["core"] = True
            if item["links"] < story["minLinks"]:
                item["hidden"] = True
        nodes.append(item)
        entities.append({"iri": n, "type": node["type"], "label": node["label"], "names": list(node["names"]),
                         "wikidata": node.get("wikidata"), "degree": degree[n], "facts": [],
                         **({"community": community[n]} if community else {})})

    facts, edges = [], []
    kept = _choices(relations, RELATION_TYPES, "relation type")
    label = dict(graph.nodes(data="label"))
    unlinked = graph.graph.get("unlinked", ())
    every = list(iter(graph.edges(keys=True, data=True)))  # iter: list() would have networkx count the edges first
    fact_count = len({key for _, _, key, _ in every} | {f["iri"] for f in unlinked})
    every += [(f["subject"], None, None, f) for f in unlinked]
    rank = {t: i for i, t in enumerate(RELATION_TYPES)}
    every.sort(key=lambda f: (rank.get(f[3]["type"], len(rank)), label[f[0]].casefold(), f[3].get("iri") or ""))
    parallel = Counter()
    for u, v, key, data in every:
        object_, substance = data.get("object"), data.get("substance")
        drawn_involved = [ids[e] for e in dict.fromkeys([u, object_, substance]) if e in ids]
        if (kept is not None and data["type"] not in kept) or not drawn_involved:
            continue
        fact = {
            "type": data["type"], "status": data.get("status"), "role": data.get("role"), "date": data.get("date"),
            "confidence": data.get("confidence"),
            "subject": ids.get(u), "subjectLabel": label[u],
            "object": ids.get(object_), "objectLabel": label.get(object_),
            "substance": ids.get(substance), "substanceLabel": label.get(substance),
            "evidence": [[sentence, title] for sentence, title in data.get("evidence") or ()],
            "drawn": (u, v, key) in in_view,
        }
        index = len(facts)
        facts.append(fact)
        for entity in drawn_involved:
            entities[entity]["facts"].append(index)
        if fact["drawn"]:
            edges.append(_edge(index, fact, parallel, ids[u], ids[v], is_large))

    net = Network(directed=True)
    _options(net, is_large, shown.number_of_nodes())
    return {
        "meta": {
            "entities": graph.number_of_nodes(),
            "facts": fact_count,
            "drawnEntities": len(nodes), "drawnFacts": len(edges), "large": is_large,
            "sizeBy": size_by, "colorBy": color_by,
            "filters": {"minDegree": min_degree, "types": sorted(_choices(types, ENTITY_TYPES, "") or ()),
                        "relations": sorted(_choices(relations, RELATION_TYPES, "") or ()),
                        "around": around, "hops": hops if around else None},
            **({"story": story} if story is not None else {}),
        },
        "nodes": nodes,
        "edges": edges,
        "entities": entities,
        "facts": facts,
        "legend": _legend(shown, edges, community, is_large),
        "relationLabels": {t: _relation_label(t) for t in RELATION_TYPES},
        "options": net.options,
    }


def _story(order: list[str], links: nx.Graph, link_count: dict) -> dict:
    """How a large graph opens: the fewest links an entity needs to be shown (at least one, and
    few enough entities for :data:`CORE_LIMIT`), how many entities are linked to none, how many
    of the best-linked keep their label."""
    counts = sorted(link_count.values(), reverse=True)
    min_links = max(1, counts[CORE_LIMIT] + 1 if len(counts) > CORE_LIMIT else 1)
    opened = sum(1 for c in counts if c >= min_links)
    groups = [g for g in nx.connected_components(links) if len(g) > 1]
    return {"minLinks": min_links, "opened": opened, "isolated": sum(1 for c in counts if c == 0),
            "labelled": min(LABELLED, opened), "groups": len(groups),
            "core": max(groups, key=len, default=set())}


@cache
def _edge_style(type_: str, status: str | None, is_large: bool) -> tuple:
    """What every edge of one relation type and status shares: its label, legend key, arrows,
    colours, dashes and width."""
    style = fact_style(type_, status, large=is_large)
    label = _relation_label(type_) + (f" ({status})" if status else "")
    colour = {"color": style["color"], "highlight": style["color"], "hover": style["color"]}
    return label, _legend_key(type_, status), style["arrows"], colour, style["dashes"], style["width"]


def _edge(index: int, fact: dict, parallel: Counter, a: int, b: int, is_large: bool) -> dict:
    label, legend_key, arrows, colour, dashes, width = _edge_style(fact["type"], fact["status"], is_large)
    if fact["substanceLabel"] and fact["objectLabel"]:
        label += f" · {fact['substanceLabel']}"
    target = fact["objectLabel"] or fact["substanceLabel"]
    sentences = len(fact["evidence"])
    title = f"{fact['subjectLabel']} → {target}: {label}"
    if fact["date"]:
        title += f", {fact['date']}"
    title += f"\n{sentences} sentence{'s' if sentences != 1 else ''}"
    edge = {"from": a, "to": b, "id": index, "kind": fact["type"], "legendKey": legend_key, "title": title,
            "arrows": arrows, "color": colour, "dashes": dashes, "width": width}
    if not is_large:
        edge["label"] = label
    pair = (min(a, b), max(a, b))
    count = parallel[pair]
    parallel[pair] += 1
    if count:  # several facts between the same two entities: bend them apart
        clockwise = (count % 2 == 1) == (a == pair[0])
        edge["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                          "roundness": 0.2 * ((count + 1) // 2)}
    return edge


def _options(net: Network, is_large: bool, n: int) -> None:
    """vis-network options: physics that settles then stops, or none at all for a large graph."""
    if is_large:
        net.toggle_physics(False)
        net.toggle_hide_edges_on_drag(True)
    else:
        net.force_atlas_2based(gravity=-60, central_gravity=0.01, spring_length=120, spring_strength=0.08,
                               damping=0.5, overlap=0.3)
    options = json.loads(net.options.to_json())
    options["physics"]["stabilization"] = {"enabled": not is_large, "iterations": 400 if n <= 300 else 200,
                                           "updateInterval": 50, "fit": True}
    options["physics"]["minVelocity"] = 1.0
    options["layout"] = {"improvedLayout": False}
    options["edges"] = {
        "smooth": False if is_large else {"enabled": True, "type": "continuous", "roundness": 0.3},
        "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "align": "middle"},
        "arrows": {"to": {"scaleFactor": 0.6}},
        "selectionWidth": 2,
    }
    options["nodes"] = {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1}
    options["interaction"] = {"hover": not is_large, "tooltipDelay": 150, "hideEdgesOnDrag": is_large,
                              "hideEdgesOnZoom": is_large}
    net.options = options


def _legend_key(type_: str, status: str | None) -> str:
    """The legend row (and filter) a fact falls under: its type, and for sanctions its status."""
    return f"{type_}|{status}" if type_ == "Sanction" and status in STATUS_STYLES else f"{type_}|"


def _legend(shown: nx.MultiDiGraph, edges: list[dict], community: dict, is_large: bool) -> dict:
    entity_counts = Counter(t for _, t in shown.nodes(data="type"))
    fact_counts = Counter(edge["legendKey"] for edge in edges)
    relations = []
    for type_ in RELATION_TYPES:
        for status in (None, *STATUS_STYLES):
            label, key, arrows, colour, dashes, width = _edge_style(type_, status, is_large)
            if key in fact_counts and (status is None) == key.endswith("|"):
                relations.append({"key": key, "type": type_, "status": status,
                                  "label": label, "color": colour["color"], "width": width,
                                  "dashes": dashes, "arrows": arrows,
                                  "symmetric": type_ in SYMMETRIC_RELATIONS, "count": fact_counts[key]})
    entity_types = [*ENTITY_TYPES, "Entity"]
    return {
        "entities": [{"type": t, **entity_style(t), "count": entity_counts[t]}
                     for t in entity_types if entity_counts[t]],
        "relations": relations,
        "communities": sum(1 for size in Counter(community.values()).values() if size > 1),
    }
