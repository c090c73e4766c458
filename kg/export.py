"""``kg export``: the store as a file, in the format a tool wants.

Each format is a pure generator (store → bytes) plus one thin writer shared by all
(:func:`kg.files.write_atomic`: a temporary file in the same directory, then ``os.replace``, so a
reader never sees half a file and a failed export leaves the old file as it was).

=========  ==========================================================================
turtle     the union of all article graphs (pyoxigraph's serialiser, kg's prefixes)
ntriples   the union, one triple per line
nquads     every quad, with its article's named graph
trig       the same, in TriG
jsonld     the union as JSON-LD, compacted with kg's prefixes (rdflib's serialiser)
graphml    a network: entities as nodes (label, type), relations as edges (type, status…)
csv        one row per relation: type, labels of its arguments, status, dates, evidence
=========  ==========================================================================

Every RDF format re-parses, under pyoxigraph's strict parsers, to the graph it was written from
(the tests check this for hostile names too).

>>> from kg.store import open_store
>>> generate(open_store("memory"), "csv").decode().splitlines()[0]
'type,subject,object,substance,status,dates,confidence,sentences,articles,first_sentence,relation'
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kg.errors import InputError
from kg.files import write_atomic
from kg.graph.rdf import PREFIXES
from kg.graph.terms import to_rdflib
from kg.store.base import BaseStore

__all__ = ["FORMATS", "SUFFIXES", "RDF_FORMATS", "generate", "export", "write_atomic", "format_for", "to_networkx",
           "ExportResult"]

#: Format name → file suffix.
SUFFIXES = {
    "turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld",
    "graphml": ".graphml", "csv": ".csv",
}
FORMATS = tuple(SUFFIXES)
#: The RDF formats and the pyoxigraph format that reads each.
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class ExportResult:
    """Where an export went and how big it is."""

    format: str
    path: str | None
    bytes: int


def format_for(path: str | os.PathLike | None, given: str | None = None) -> str:
    """The export format: ``given``, else guessed from the file's suffix, else turtle.

    >>> format_for("out/graph.nq"), format_for("-"), format_for("x.ttl", "csv")
    ('nquads', 'turtle', 'csv')
    """
    if given:
        if given not in SUFFIXES:
            raise InputError(f"unknown export format {given!r}", hint=f"choose one of {', '.join(FORMATS)}")
        return given
    if path is None or str(path) == "-":
        return "turtle"
    suffix = Path(path).suffix.lower()
    for name, known in SUFFIXES.items():
        if suffix == known:
            return name
    if suffix == ".json":
        return "jsonld"
    raise InputError(f"cannot tell the export format from the suffix {suffix or '(none)'}", path=str(path),
                     hint=f"give --format ({', '.join(FORMATS)})")


def generate(store: BaseStore, fmt: str) -> bytes:
    """The whole store in format ``fmt``, as bytes."""
    fmt = format_for(None, fmt)
    if fmt in ("turtle", "ntriples"):
        return ox.serialize(_union(store), format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b""
    if fmt in ("nquads", "trig"):
        quads = sorted(store.ox_quads(), key=str)
        return ox.serialize(quads, format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b""
    if fmt == "jsonld":
        graph = Graph()
        for triple in _union(store):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        if not len(graph):
            return b"[]\n"
        return graph.serialize(format="json-ld", context=dict(PREFIXES), indent=1).encode("utf-8")
    if fmt == "graphml":
        return ("\n".join(nx.generate_graphml(to_networkx(store), encoding="utf-8", prettyprint=True)) + "\n").encode("utf-8")
    return _csv(store).encode("utf-8")


def _union(store: BaseStore) -> list[ox.Triple]:
    return sorted(store.ox_triples(), key=str)


def _relations(store: BaseStore) -> dict[str, dict]:
    """Every relation node with its type, arguments (IRI and label), status, dates, confidences and evidence."""
    rows = store.select(
        """SELECT ?r ?type ?s ?sl ?o ?ol ?x ?xl ?status ?date ?confidence ?ev ?sentence ?article ?start WHERE {
             ?r kg:subject ?s ; a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)))
             BIND(STRAFTER(STR(?class), "#") AS ?type)
             OPTIONAL { ?s rdfs:label ?sl }
             OPTIONAL { ?r kg:object ?o . OPTIONAL { ?o rdfs:label ?ol } }
             OPTIONAL { ?r kg:substance ?x . OPTIONAL { ?x rdfs:label ?xl } }
             OPTIONAL { ?r kg:status ?status }
             OPTIONAL { ?r kg:date ?date }
             OPTIONAL { ?r kg:confidence ?confidence }
             OPTIONAL { ?r kg:evidence ?ev . ?ev nif:anchorOf ?sentence ; nif:referenceContext ?article ;
                                               nif:beginIndex ?start } }"""
    )
    relations: dict[str, dict] = {}
    for row in rows:
        r = relations.setdefault(str(row["r"]), {
            "type": str(row["type"]), "subject": str(row["s"]), "subject_label": str(row.get("sl", "")),
            "object": str(row.get("o", "")), "object_label": str(row.get("ol", "")),
            "substance": str(row.get("x", "")), "substance_label": str(row.get("xl", "")),
            "status": str(row.get("status", "")), "dates": set(), "confidence": set(), "evidence": {}, "articles": set(),
        })
        if "date" in row:
            r["dates"].add(str(row["date"]))
        if "confidence" in row:
            r["confidence"].add(float(row["confidence"].toPython()))
        if "ev" in row:
            r["evidence"][str(row["ev"])] = (str(row["article"]), int(row["start"].toPython()), str(row["sentence"]))
            r["articles"].add(str(row["article"]))
    return dict(sorted(relations.items(), key=lambda kv: (kv[1]["type"], kv[1]["subject_label"], kv[1]["object_label"],
                                                          kv[1]["substance_label"], kv[1]["status"], kv[0])))


def _csv(store: BaseStore) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["type", "subject", "object", "substance", "status", "dates", "confidence", "sentences", "articles",
                     "first_sentence", "relation"])
    for iri, r in _relations(store).items():
        first = min(r["evidence"].values())[2] if r["evidence"] else ""
        writer.writerow([
            r["type"], r["subject_label"], r["object_label"], r["substance_label"], r["status"],
            " ".join(sorted(r["dates"])), f"{max(r['confidence']):g}" if r["confidence"] else "",
            len(r["evidence"]), len(r["articles"]), first, iri,
        ])
    return buffer.getvalue()


def to_networkx(store: BaseStore) -> nx.MultiDiGraph:
    """The graph as a network: entities are nodes (``label``, ``type``), each relation an edge from
    its subject to its object (or, without one, to its substance) with ``type``, ``status``,
    ``sentences``, ``articles`` and the ``relation`` IRI. Node ids are entity IRIs."""
    graph = nx.MultiDiGraph()
    for row in store.select(
        """SELECT ?e ?label ?type WHERE { VALUES ?class { kg:Person kg:Agency kg:Organization kg:Country kg:Place kg:Substance }
             ?e a ?class ; rdfs:label ?label . BIND(STRAFTER(STR(?class), "#") AS ?type) } ORDER BY ?e"""
    ):
        graph.add_node(str(row["e"]), label=str(row["label"]), type=str(row["type"]))
    for iri, r in _relations(store).items():
        target = r["object"] or r["substance"]
        if not target:
            continue
        attributes = {"type": r["type"], "relation": iri, "sentences": len(r["evidence"]), "articles": len(r["articles"])}
        if r["status"]:
            attributes["status"] = r["status"]
        graph.add_edge(r["subject"], target, key=iri, **attributes)
    return graph


def export(store: BaseStore, fmt: str | None = None, output: str | os.PathLike | None = None) -> ExportResult | bytes:
    """Export the store: to ``output`` (written atomically; format guessed from its suffix when
    ``fmt`` is not given) and return an :class:`ExportResult`, or return the bytes when ``output``
    is ``None``."""
    fmt = format_for(output, fmt)
    data = generate(store, fmt)
    if output is None:
        return data
    write_atomic(output, data)
    return ExportResult(fmt, str(output), len(data))


