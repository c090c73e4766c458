"""The RDF graph projected onto a networkx multigraph: entities as nodes, facts as edges.

Analysis and the viewer work on this projection, not on triples. Four SPARQL SELECTs through any
object with the store's ``select`` method (:class:`kg.store.Store`, or
:class:`kg.analyze.source.GraphFileStore` over an exported file) build it:

* a node per entity (keyed by its IRI): ``type`` (``"Person"`` … ``"Substance"``), ``label``
  (the preferred name), ``names`` (every name, the label first), ``wikidata`` (a Q-id or ``None``);
* an edge per fact, keyed by the relation's IRI, from its subject to its object — or, when the
  relation has no object (a seizure, a supply flow with no destination), to its substance:
  ``iri``, ``type``, ``status``, ``role``, ``date``, ``confidence``, ``object`` and ``substance``
  (entity IRIs or ``None``) and ``evidence``, a list of ``(sentence, article title)`` pairs (a fact stated in
  several sentences or articles has several).

A fact with neither object nor substance has no edge to draw; it is kept in
``graph.graph["unlinked"]`` (a list of the same attributes plus ``subject``).

>>> from kg.analyze.source import GraphFileStore
>>> import tempfile, pathlib
>>> ttl = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = ttl.write_text('''
... @prefix kg: <https://w3id.org/kg-news/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
... <urn:us> a kg:Country ; rdfs:label "United States" . <urn:cn> a kg:Country ; rdfs:label "China" .
... <urn:r> a kg:Sanction ; kg:subject <urn:us> ; kg:object <urn:cn> ; kg:status "imposed" ; kg:evidence <urn:e> .
... <urn:e> nif:anchorOf "The US sanctioned China." ; nif:referenceContext <urn:a> . <urn:a> kg:title "Sanctions" .
... ''')
>>> graph = project(GraphFileStore(ttl))
>>> sorted(graph.nodes[n]["label"] for n in graph)
['China', 'United States']
>>> [(d["type"], d["status"], d["evidence"]) for _, _, d in graph.edges(data=True)]
[('Sanction', 'imposed', [('The US sanctioned China.', 'Sanctions')])]
"""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx
from rdflib import OWL, RDFS, SKOS

from kg.vocab import ENTITY_TYPES, NAMESPACE, NIF, RELATION_TYPES

__all__ = ["project", "PREFIXES"]

PREFIXES = (
    f"PREFIX kg: <{NAMESPACE}>\n"
    f"PREFIX nif: <{NIF}>\n"
    f"PREFIX rdfs: <{RDFS}>\n"
    f"PREFIX skos: <{SKOS}>\n"
    f"PREFIX owl: <{OWL}>\n"
)
_ENTITY_TYPES = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
_RELATION_TYPES = " ".join(f"kg:{t}" for t in RELATION_TYPES)

_ENTITIES = PREFIXES + f"""
SELECT ?entity ?type WHERE {{ VALUES ?type {{ {_ENTITY_TYPES} }} ?entity a ?type . }}"""

_ENTITY_NAMES = PREFIXES + f"""
SELECT ?entity ?p ?value WHERE {{
  VALUES ?type {{ {_ENTITY_TYPES} }}
  VALUES ?p {{ rdfs:label skos:altLabel owl:sameAs }}
  ?entity a ?type ; ?p ?value .
}}"""

_RELATIONS = PREFIXES + f"""
SELECT ?relation ?type ?p ?value WHERE {{
  VALUES ?type {{ {_RELATION_TYPES} }}
  VALUES ?p {{ kg:subject kg:object kg:substance kg:status kg:role kg:date kg:confidence }}
  ?relation a ?type ; ?p ?value .
}}"""

_EVIDENCE = PREFIXES + f"""
SELECT ?relation ?sentence ?title ?begin WHERE {{
  VALUES ?type {{ {_RELATION_TYPES} }}
  ?relation a ?type ; kg:evidence ?evidence .
  ?evidence nif:anchorOf ?sentence .
  OPTIONAL {{ ?evidence nif:referenceContext ?article . OPTIONAL {{ ?article kg:title ?title }} }}
  OPTIONAL {{ ?evidence nif:beginIndex ?begin }}
}}"""

_WIKIDATA = re.compile(r"https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)")
_LABEL, _ALT_LABEL, _SAME_AS = str(RDFS.label), str(SKOS.altLabel), str(OWL.sameAs)


def _local(term) -> str:
    return str(term)[len(NAMESPACE):]


def _tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _int(term) -> int:
    try:
        return int(str(term))
    except (TypeError, ValueError):
        return 0


def _float(term) -> float | None:
    try:
        return float(str(term))
    except (TypeError, ValueError):
        return None


def project(store) -> nx.MultiDiGraph:
    """Project the graph read through ``store.select`` onto a :class:`networkx.MultiDiGraph`.

    Values stated differently by several articles are merged deterministically: the label is the
    first in sort order (the others become names), a fact's roles and dates are joined with
    ``"; "``, its confidence is the highest stated.
    """
    graph = nx.MultiDiGraph()
    types: dict[str, str] = {}
    rank = {t: i for i, t in enumerate(ENTITY_TYPES)}
    for row in store.select(_ENTITIES):
        entity, type_ = str(row["entity"]), _local(row["type"])
        if entity not in types or rank[type_] < rank[types[entity]]:
            types[entity] = type_

    labels, alt_labels, wikidata = defaultdict(set), defaultdict(set), {}
    for row in store.select(_ENTITY_NAMES):
        entity, p, value = str(row["entity"]), str(row["p"]), row["value"]
        if p == _LABEL and str(value).strip():
            labels[entity].add(str(value).strip())
        elif p == _ALT_LABEL and str(value).strip():
            alt_labels[entity].add(str(value).strip())
        elif p == _SAME_AS and (match := _WIKIDATA.fullmatch(str(value))):
            wikidata[entity] = min(wikidata.get(entity, match.group(1)), match.group(1), key=lambda q: int(q[1:]))

    for entity in sorted(types):
        _add_entity(graph, entity, types[entity], labels[entity], alt_labels[entity], wikidata.get(entity))

    facts: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    for row in store.select(_RELATIONS):
        fact = facts[str(row["relation"])]
        fact["type"].add(_local(row["type"]))
        fact[_local(row["p"])].add(row["value"])

    evidence = defaultdict(set)
    for row in store.select(_EVIDENCE):
        title = str(row["title"]) if "title" in row else ""
        evidence[str(row["relation"])].add((title, _int(row.get("begin")), str(row["sentence"])))

    unlinked = []
    for iri in sorted(facts):
        fact = facts[iri]
        if not fact["subject"]:
            continue
        attrs = {
            "iri": iri,
            "type": min(fact["type"], key=RELATION_TYPES.index),
            "status": _joined(fact["status"]),
            "role": _joined(fact["role"]),
            "date": _joined(fact["date"]),
            "confidence": max((c for c in map(_float, fact["confidence"]) if c is not None), default=None),
            "substance": min(map(str, fact["substance"]), default=None),
            "evidence": [(sentence, title) for title, _, sentence in sorted(evidence[iri])],
        }
        targets = sorted(map(str, fact["object"])) or sorted(map(str, fact["substance"]))
        for subject in sorted(map(str, fact["subject"])):
            for entity in [subject, *targets, *([attrs["substance"]] if attrs["substance"] else [])]:
                if entity not in graph:  # a relation's argument that no type declares: keep the fact
                    _add_entity(graph, entity, "Entity", set(), set(), None)
            if not targets:
                unlinked.append({"subject": subject, "object": None, **attrs})
            for target in targets:
                graph.add_edge(subject, target, key=iri, object=target if fact["object"] else None, **attrs)
    graph.graph["unlinked"] = unlinked
    return graph


def _joined(values) -> str | None:
    return "; ".join(sorted({str(v).strip() for v in values} - {""})) or None


def _add_entity(graph: nx.MultiDiGraph, entity: str, type_: str, labels: set, alt_labels: set,
                wikidata: str | None) -> None:
    label = min(labels) if labels else _tail(entity)
    others = sorted((labels | alt_labels) - {label}, key=str.casefold)
    graph.add_node(entity, type=type_, label=label, names=[label, *others], wikidata=wikidata)
