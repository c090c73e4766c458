"""Helpers for the scorer's tests: write small graphs as real Turtle / N-Quads files.

A graph is described as rows so each test reads like the case it checks::

    entities = [("cn", "Country", ["China"]), ("us", "Country", ["United States", "US"])]
    relations = [("r1", "Sanction", {"subject": "us", "object": "cn", "status": "imposed"})]
    path = write_turtle(tmp_path / "g.ttl", entities, relations)
"""

from __future__ import annotations

import json
from pathlib import Path

KG = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def triples(entities, relations, *, classes: str = KG, props: str = KG, ids: str = ID) -> list[tuple[str, str, str]]:
    """N-Triples-style (s, p, o) strings: IRIs in <>, literals quoted."""
    out = []
    for node, types, names in entities:
        types = [types] if isinstance(types, str) else types
        for t in types:
            out.append((f"<{ids}{node}>", f"<{RDF_TYPE}>", f"<{classes}{t}>"))
        for i, name in enumerate(names):
            out.append((f"<{ids}{node}>", f"<{RDFS_LABEL if i == 0 else SKOS_ALT}>", _lit(name)))
    for node, type_, roles in relations:
        out.append((f"<{ids}{node}>", f"<{RDF_TYPE}>", f"<{classes}{type_}>"))
        for role, value in roles.items():
            values = [value] if isinstance(value, str) else value
            for v in values:
                obj = _lit(v) if role == "status" else f"<{ids}{v}>"
                out.append((f"<{ids}{node}>", f"<{props}{role}>", obj))
    return out


def write_turtle(path: Path, entities, relations, **namespaces) -> Path:
    """Write the graph as Turtle (N-Triples lines are valid Turtle)."""
    path.write_text("".join(f"{s} {p} {o} .\n" for s, p, o in triples(entities, relations, **namespaces)), encoding="utf-8")
    return path


def write_gold(path: Path, gold: dict) -> Path:
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def graph_from_gold(gold: dict, *, optional: bool = True):
    """The graph a perfect system would build: each gold entity once, under its first type and all
    its names; each gold relation with its first acceptable subject, object and substance."""
    entities = [(e["id"], e["types"][0], e["names"]) for e in gold["entities"] if optional or e.get("required", True)]
    relations = []
    for i, r in enumerate(gold["relations"]):
        if not optional and not r.get("required", True):
            continue
        roles = {role: r[role][0] for role in ("subject", "object", "substance") if role in r}
        if "status" in r:
            roles["status"] = r["status"]
        relations.append((f"rel{i}", r["type"], roles))
    return entities, relations
