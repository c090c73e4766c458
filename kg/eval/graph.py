"""A graph as the scorer sees it: its entities and its relation keys, matched by local name.

The scorer does not care which namespace a system uses: a resource typed with any class whose
local name (the part after the last ``#`` or ``/``) is one of the six entity types is an entity;
one typed with a relation type's local name and having a ``…#subject`` is a relation. Names are
the values of ``…#label``, ``…#prefLabel`` and ``…#altLabel`` (rdfs:label, skos:prefLabel,
skos:altLabel). Typing is ``rdf:type``.

:func:`graph_view` is pure: triples of rdflib terms in, a :class:`GraphView` out. Reading files
and stores is :mod:`kg.eval` 's business.

>>> from rdflib import URIRef, Literal, RDF, RDFS
>>> ex = "http://example.org/"
>>> view = graph_view([
...     (URIRef(ex + "cn"), RDF.type, URIRef(ex + "vocab/Country")),
...     (URIRef(ex + "cn"), RDFS.label, Literal("China")),
...     (URIRef(ex + "r1"), RDF.type, URIRef("https://w3id.org/kg-news/ontology#Control")),
...     (URIRef(ex + "r1"), URIRef(ex + "vocab#subject"), URIRef(ex + "cn")),
... ])
>>> view.entities[ex + "cn"].types, view.entities[ex + "cn"].names
(('Country',), ('China',))
>>> view.keys()
[RelationKey(type='Control', subject='http://example.org/cn', object=None, substance=None, status=None)]
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from rdflib import RDF, BNode, Literal
from rdflib.term import Node

from kg.vocab import ENTITY_TYPES, RELATION_TYPES

__all__ = ["local_name", "read_predicate", "GraphEntity", "GraphRelation", "RelationKey", "GraphView", "graph_view", "NAME_PROPERTIES"]

#: Local names of the properties whose values are an entity's names.
NAME_PROPERTIES = ("label", "prefLabel", "altLabel")
#: Local names of the properties of a relation node the scorer reads.
ROLE_PROPERTIES = ("subject", "object", "substance", "status")

_ENTITY_TYPES = frozenset(ENTITY_TYPES)
_RELATION_TYPES = frozenset(RELATION_TYPES)
_WANTED = frozenset(NAME_PROPERTIES + ROLE_PROPERTIES)
_RDF_TYPE = str(RDF.type)


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/kg-news/ontology#Sanction"), local_name("https://schema.org/Person")
    ('Sanction', 'Person')
    """
    return iri[max(iri.rfind("#"), iri.rfind("/")) + 1 :]


def read_predicate(iri: str) -> bool:
    """Whether :func:`graph_view` looks at triples with this predicate (readers may drop the rest early).

    >>> read_predicate("http://www.w3.org/2004/02/skos/core#altLabel"), read_predicate("http://ex.org/p#title")
    (True, False)
    """
    return iri == _RDF_TYPE or local_name(iri) in _WANTED


@dataclass(frozen=True)
class GraphEntity:
    """A resource of the graph typed as one or more of the six entity types."""

    id: str
    types: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.names[0] if self.names else ""


@dataclass(frozen=True)
class GraphRelation:
    """A relation node: its type and every value of each role (usually one each)."""

    id: str
    type: str
    subject: tuple[str, ...]
    object: tuple[str, ...] = ()
    substance: tuple[str, ...] = ()
    status: tuple[str, ...] = ()


class RelationKey(NamedTuple):
    """What the scorer counts: one (type, subject, object, substance, status) of the graph.

    ``subject``/``object``/``substance`` are node ids of the graph; ``None`` where not given.
    """

    type: str
    subject: str
    object: str | None
    substance: str | None
    status: str | None


@dataclass
class GraphView:
    """The entities and relations of a graph, by node id (an IRI, or ``_:id`` for a blank node)."""

    entities: dict[str, GraphEntity] = field(default_factory=dict)
    relations: list[GraphRelation] = field(default_factory=list)
    #: Relation nodes left out because they have no subject (a system bug worth seeing).
    without_subject: list[str] = field(default_factory=list)
    #: How many triples :func:`graph_view` was given (a file reader drops those it cannot use).
    triples: int = 0

    def keys(self) -> list[RelationKey]:
        """The distinct relation keys of the graph, in a stable order.

        A relation node with several values for a role gives one key per combination: the
        scorer judges each (type, subject, object, substance, status) on its own.
        """
        keys = {
            RelationKey(r.type, s, o, sub, st)
            for r in self.relations
            for s, o, sub, st in itertools.product(r.subject, r.object or (None,), r.substance or (None,), r.status or (None,))
        }
        return sorted(keys, key=lambda k: tuple("" if v is None else v for v in k))

    def name_of(self, node: str | None) -> str:
        """A readable name for a node: the entity's first name, else the node id."""
        if node is None:
            return "—"
        entity = self.entities.get(node)
        return entity.label if entity and entity.label else node


def _node_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def graph_view(triples: Iterable[tuple[Node, Node, Node]]) -> GraphView:
    """Read the entities and relations out of ``triples`` (rdflib terms; any graph, any namespace)."""
    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    count = 0
    for s, p, o in triples:
        count += 1
        if p == RDF.type:
            if not isinstance(o, Literal):
                name = local_name(str(o))
                if name in _ENTITY_TYPES or name in _RELATION_TYPES:
                    types[_node_id(s)].add(name)
            continue
        prop = local_name(str(p))
        if prop in _WANTED:
            value = str(o) if isinstance(o, Literal) else (local_name(str(o)) if prop == "status" else _node_id(o))
            bucket = values[_node_id(s)][prop]
            if value not in bucket:
                bucket.append(value)

    view = GraphView(triples=count)
    for node in sorted(types):
        node_types = types[node]
        props = values.get(node, {})
        entity_types = tuple(t for t in ENTITY_TYPES if t in node_types)
        if entity_types:
            names = tuple(dict.fromkeys(n for p in NAME_PROPERTIES for n in props.get(p, ())))
            view.entities[node] = GraphEntity(node, entity_types, names)
        for t in RELATION_TYPES:
            if t not in node_types:
                continue
            if not props.get("subject"):
                view.without_subject.append(node)
                continue
            view.relations.append(
                GraphRelation(
                    node,
                    t,
                    tuple(props["subject"]),
                    tuple(props.get("object", ())),
                    tuple(props.get("substance", ())),
                    tuple(props.get("status", ())),
                )
            )
    return view
