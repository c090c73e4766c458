"""kg's vocabulary, read from ``ontology/kg.ttl`` — the single source of truth.

``KG`` is a closed namespace: ``KG.Sanction`` is an IRI declared in the ontology, ``KG.Sanctoin``
raises ``AttributeError`` instead of minting a new term.

>>> str(KG.SupplyFlow)
'https://w3id.org/kg-news/ontology#SupplyFlow'
>>> ENTITY_TYPES
('Person', 'Agency', 'Organization', 'Country', 'Place', 'Substance')
>>> "Sanction" in CORE_RELATIONS, "Meeting" in SYMMETRIC_RELATIONS
(True, True)
>>> str(SHORTCUTS["SupplyFlow"])
'https://w3id.org/kg-news/ontology#suppliesTo'
>>> str(shortcut("Sanction", "lifted")), STATUSES["Sanction"]
('https://w3id.org/kg-news/ontology#liftsSanctionsOn', ('imposed', 'lifted', 'threatened'))
"""

from __future__ import annotations

from functools import cache

from rdflib import OWL, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import ClosedNamespace

from kg.paths import ONTOLOGY_DIR, ontology_path

__all__ = [
    "NAMESPACE",
    "BASE",
    "KG",
    "ID",
    "NIF",
    "SCHEMA",
    "WD",
    "ONTOLOGY_DIR",
    "ENTITY_TYPES",
    "RELATION_TYPES",
    "CORE_RELATIONS",
    "SYMMETRIC_RELATIONS",
    "SHORTCUTS",
    "STATUS_SHORTCUTS",
    "STATUSES",
    "shortcut",
    "ontology",
    "ontology_path",
]

NAMESPACE = "https://w3id.org/kg-news/ontology#"
#: Base of every resource kg mints: entities, articles, relations, evidence.
BASE = "https://w3id.org/kg-news/id/"
ID = Namespace(BASE)
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


@cache
def ontology() -> Graph:
    """The parsed ``ontology/kg.ttl``."""
    return Graph().parse(ontology_path("kg.ttl"), format="turtle")


def _local(term) -> str:
    return str(term)[len(NAMESPACE) :]


KG = ClosedNamespace(
    NAMESPACE,
    sorted({_local(s) for s in ontology().subjects() if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)}),
)


def _union_members(parent: URIRef) -> tuple[str, ...]:
    """The classes of ``parent owl:disjointUnionOf ( … )``, in the ontology's order."""
    g = ontology()
    return tuple(_local(c) for c in Collection(g, g.value(parent, OWL.disjointUnionOf)))


ENTITY_TYPES: tuple[str, ...] = _union_members(KG.Entity)
RELATION_TYPES: tuple[str, ...] = _union_members(KG.Relation)
CORE_RELATIONS: frozenset[str] = frozenset(t for t in RELATION_TYPES if (KG[t], KG.core, Literal(True)) in ontology())
SYMMETRIC_RELATIONS: frozenset[str] = frozenset(
    t for t in RELATION_TYPES if (KG[t], KG.symmetric, Literal(True)) in ontology()
)
#: Relation type → the property of the direct triple written beside its event nodes.
SHORTCUTS: dict[str, URIRef] = {t: ontology().value(KG[t], KG.shortcut) for t in RELATION_TYPES}

#: (relation type, status) → the shortcut property used instead of the type's own when the event
#: node has that status (``kg:shortcutFor`` / ``kg:shortcutStatus`` in the ontology).
STATUS_SHORTCUTS: dict[tuple[str, str], URIRef] = {
    (_local(ontology().value(p, KG.shortcutFor)), str(status)): p
    for p, status in sorted(ontology().subject_objects(KG.shortcutStatus))
}
#: Relation type → the statuses it allows, sorted (empty: the type takes no status).
STATUSES: dict[str, tuple[str, ...]] = {
    t: tuple(sorted(s for (rt, s) in STATUS_SHORTCUTS if rt == t)) for t in RELATION_TYPES
}


def shortcut(relation_type: str, status: str | None = None) -> URIRef:
    """The property of the direct triple beside an event node of ``relation_type`` with ``status``.

    >>> str(shortcut("Sanction")), str(shortcut("Sanction", "imposed")), str(shortcut("Meeting"))[-5:]
    ('https://w3id.org/kg-news/ontology#sanctions', 'https://w3id.org/kg-news/ontology#sanctions', 'meets')
    """
    return STATUS_SHORTCUTS.get((relation_type, status or ""), SHORTCUTS[relation_type])
