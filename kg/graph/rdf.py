"""An article's extraction as RDF: the quads of its named graph. Pure: no I/O.

One article, one named graph (named by the article's IRI), holding:

* the article node — ``kg:title``, ``kg:sourceFile`` (one per file it was read from),
  ``kg:published``, ``kg:textHash``, ``nif:isString`` (its text: every offset refers to it),
  ``kg:extractedBy`` (one per extractor run on it), ``kg:mentions`` each entity;
* each entity it mentions — its type, ``rdfs:label``, ``skos:altLabel`` for the other names seen in
  this article, ``owl:sameAs`` its Wikidata entity when known;
* each relation it states — an event node typed with the relation type, ``kg:subject`` and, where
  given, ``kg:object`` / ``kg:substance`` / ``kg:status`` / ``kg:role`` / ``kg:date``, with
  ``kg:confidence``, ``kg:extractor`` and a ``kg:evidence`` node per sentence; beside it the
  shortcut triple (``?subject kg:sanctions ?object``);
* each evidence node — a ``kg:Evidence`` / ``nif:String``: ``nif:anchorOf`` the sentence,
  ``nif:beginIndex`` / ``nif:endIndex`` its offsets, ``nif:referenceContext`` the article,
  ``kg:section`` where it lies.

Replacing the article's facts is replacing this graph as a unit (see :mod:`kg.store`).

>>> from kg.model import Article, Entity, Evidence, Extraction, Relation
>>> article = Article.from_parts(title="US sanctions Acme", body=["The US sanctioned Acme."], source="a.txt")
>>> found = Extraction(article, entities={
...     "country/us": Entity("country/us", "Country", "United States", {"United States", "US"}),
...     "organization/acme": Entity("organization/acme", "Organization", "Acme", {"Acme"})})
>>> found.relations.append(Relation("Sanction", "country/us", "organization/acme", status="imposed",
...     extractor="demo/1", evidence=[Evidence(article.id, 19, 42, "The US sanctioned Acme.")]))
>>> quads = article_quads(found, sources=["a.txt"], extracted_by=["demo/1"])
>>> len(quads), {q.graph_name.value for q in quads} == {article_iri(article.id)}
(27, True)
>>> [q.predicate.value.rsplit("#")[1] for q in quads if q.predicate.value.endswith("#sanctions")]
['sanctions']
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import cache, lru_cache
from typing import Iterable

import pyoxigraph as ox

from kg.errors import ExtractorError
from kg.graph.iri import article_iri, entity_iri, evidence_iri, relation_iri, safe_text
from kg.model import Entity, Extraction, Relation
from kg.vocab import ENTITY_TYPES, KG, NIF, RELATION_TYPES, SYMMETRIC_RELATIONS, WD, shortcut

__all__ = ["article_quads", "date_literal", "PREFIXES"]

#: Prefixes used when kg writes Turtle or TriG.
PREFIXES = {
    "kg": str(KG),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "nif": str(NIF),
    "wd": str(WD),
}

_XSD = PREFIXES["xsd"]
_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
_ALT_LABEL = ox.NamedNode(PREFIXES["skos"] + "altLabel")
_SAME_AS = ox.NamedNode(PREFIXES["owl"] + "sameAs")
_WIKIDATA = re.compile(r"(?:http://www\.wikidata\.org/entity/)?(Q[1-9][0-9]*)")
_DATE_TYPES = (
    (re.compile(r"-?[0-9]{4}"), "gYear"),
    (re.compile(r"-?[0-9]{4}-(0[1-9]|1[0-2])"), "gYearMonth"),
    (re.compile(r"-?[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"), "date"),
    (re.compile(r"-?[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"), "dateTime"),
)


@cache
def _n(term) -> ox.NamedNode:
    """The pyoxigraph node of a vocabulary term (made once: a build asks for each many times)."""
    return ox.NamedNode(str(term))


def _text(value: str) -> ox.Literal:
    return ox.Literal(safe_text(value))


def _integer(value: int) -> ox.Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores every integer type as
    # xsd:integer, and a graph must read back as it was written.
    return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))


def date_literal(value: str) -> ox.Literal:
    """A date as stated: typed ``xsd:gYear`` / ``gYearMonth`` / ``date`` / ``dateTime`` when it is one.

    >>> date_literal("2019-05").datatype.value.rsplit("#")[1], date_literal("last May").datatype.value.rsplit("#")[1]
    ('gYearMonth', 'string')
    """
    value = value.strip()
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            if datatype == "dateTime" and value.endswith(("+00:00", "-00:00")):
                value = value[:-6] + "Z"  # the canonical form, as Oxigraph stores it
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + datatype))
    return _text(value)


def _confidence(relation: Relation, where: str) -> ox.Literal:
    c = relation.confidence
    if isinstance(c, bool) or not isinstance(c, (int, float)) or math.isnan(c) or not 0 <= c <= 1:
        raise ExtractorError(f"relation {relation.type} has confidence {c!r}, not a number from 0 to 1",
                             path=where, hint=f"fix the extractor {relation.extractor or '(unnamed)'}")
    text = format(Decimal(repr(float(c))).quantize(Decimal("0.0001")).normalize(), "f")
    return ox.Literal(text, datatype=ox.NamedNode(_XSD + "decimal"))


class _Quads:
    """An ordered set of quads in one graph."""

    def __init__(self, graph: ox.NamedNode):
        self.graph = graph
        self.quads: dict[ox.Quad, None] = {}

    def add(self, s, p, o) -> None:
        self.quads[ox.Quad(s, p, o, self.graph)] = None


def article_quads(extraction: Extraction, *, sources: Iterable[str], extracted_by: Iterable[str] = ()) -> list[ox.Quad]:
    """The quads of the named graph for one article's extraction.

    ``sources`` are the files the article was read from, ``extracted_by`` the ``name/version`` of
    each extractor run on it. A malformed extraction (an unknown type, a relation whose argument is
    not among its entities, evidence whose offsets do not match the text, a confidence outside 0–1)
    raises :class:`~kg.errors.ExtractorError` naming the article's file: an extractor bug must not
    become a broken graph.
    """
    article = extraction.article
    where = article.source
    node = ox.NamedNode(article_iri(article.id))
    out = _Quads(node)

    out.add(node, _RDF_TYPE, _n(KG.Article))
    if article.title:
        out.add(node, _n(KG.title), _text(article.title))
    for source in sorted(set(sources)):
        out.add(node, _n(KG.sourceFile), _text(source))
    if article.date:
        out.add(node, _n(KG.published), date_literal(article.date))
    out.add(node, _n(KG.textHash), ox.Literal(article.hash))
    out.add(node, _n(NIF.isString), _text(article.text))
    for name in sorted(set(extracted_by)):
        out.add(node, _n(KG.extractedBy), _text(name))

    entity_nodes: dict[str, ox.NamedNode] = {}
    for key in sorted(extraction.entities):
        entity = extraction.entities[key]
        entity_nodes[key] = iri = _entity_node(key, entity, where)
        out.add(node, _n(KG.mentions), iri)
        _describe_entity(out, iri, entity, where)

    for relation in extraction.relations:
        _describe_relation(out, relation, extraction, entity_nodes, node, where)
    return list(out.quads)


def _entity_node(key: str, entity: Entity, where: str) -> ox.NamedNode:
    if entity.type not in ENTITY_TYPES:
        raise ExtractorError(f"entity {key!r} has type {entity.type!r}", path=where,
                             hint=f"an entity type is one of {', '.join(ENTITY_TYPES)}")
    if entity.key != key:
        raise ExtractorError(f"entity filed under {key!r} has key {entity.key!r}", path=where)
    try:
        return _entity_iri(key)
    except ValueError as error:
        raise ExtractorError(f"entity key {key!r} cannot name an entity: {error}", path=where) from None


@lru_cache(maxsize=65536)
def _entity_iri(key: str) -> ox.NamedNode:
    """The node of an entity key (an entity named in many articles is minted once)."""
    return ox.NamedNode(entity_iri(key))


def _describe_entity(out: _Quads, iri: ox.NamedNode, entity: Entity, where: str) -> None:
    label = safe_text(entity.label).strip()
    if not label:
        raise ExtractorError(f"entity {entity.key!r} has an empty label", path=where)
    out.add(iri, _RDF_TYPE, _n(KG[entity.type]))
    out.add(iri, _LABEL, ox.Literal(label))
    for name in sorted({safe_text(n).strip() for n in entity.names} - {label, ""}):
        out.add(iri, _ALT_LABEL, ox.Literal(name))
    if entity.wikidata:
        match = _WIKIDATA.fullmatch(entity.wikidata.strip())
        if not match:
            raise ExtractorError(f"entity {entity.key!r} has Wikidata id {entity.wikidata!r}", path=where,
                                 hint="give a Q-number (Q30) or its entity IRI")
        out.add(iri, _SAME_AS, ox.NamedNode(str(WD) + match.group(1)))


def _describe_relation(out: _Quads, relation: Relation, extraction: Extraction,
                       entity_nodes: dict[str, ox.NamedNode], article: ox.NamedNode, where: str) -> None:
    if relation.type not in RELATION_TYPES:
        raise ExtractorError(f"relation type {relation.type!r} is unknown", path=where,
                             hint=f"a relation type is one of {', '.join(RELATION_TYPES)}")
    roles = {"subject": relation.subject, "object": relation.object, "substance": relation.substance}
    for role, key in roles.items():
        if key is not None and key not in entity_nodes:
            raise ExtractorError(f"{relation.type} {role} {key!r} is not an entity of the article", path=where,
                                 hint=f"fix the extractor {relation.extractor or '(unnamed)'}")
    if relation.subject is None:
        raise ExtractorError(f"{relation.type} has no subject", path=where)
    subject, object_ = relation.subject, relation.object
    if relation.type in SYMMETRIC_RELATIONS and object_ is not None and object_ < subject:
        subject, object_ = object_, subject
    key = (relation.type, subject, object_, relation.substance, relation.status)
    node = ox.NamedNode(relation_iri(relation.type, key))

    out.add(node, _RDF_TYPE, _n(KG[relation.type]))
    out.add(node, _n(KG.subject), entity_nodes[subject])
    if object_ is not None:
        out.add(node, _n(KG.object), entity_nodes[object_])
    if relation.substance is not None:
        out.add(node, _n(KG.substance), entity_nodes[relation.substance])
    if relation.status:
        out.add(node, _n(KG.status), _text(relation.status))
    if relation.role:
        out.add(node, _n(KG.role), _text(relation.role))
    if relation.date:
        out.add(node, _n(KG.date), date_literal(relation.date))
    out.add(node, _n(KG.confidence), _confidence(relation, where))
    if relation.extractor:
        out.add(node, _n(KG.extractor), _text(relation.extractor))
    target = object_ if object_ is not None else relation.substance
    if target is not None:
        out.add(entity_nodes[subject], _n(shortcut(relation.type, relation.status)), entity_nodes[target])

    text = extraction.article.text
    if not relation.evidence:
        raise ExtractorError(f"{relation.type} relation of {relation.subject!r} has no evidence", path=where,
                             hint="every relation must cite the sentence it comes from")
    for evidence in relation.evidence:
        if evidence.article != extraction.article.id:
            raise ExtractorError(f"evidence cites article {evidence.article!r}, not this one "
                                 f"({extraction.article.id})", path=where)
        if not (0 <= evidence.start < evidence.end <= len(text)) or text[evidence.start:evidence.end] != evidence.text:
            raise ExtractorError(f"evidence offsets {evidence.start},{evidence.end} do not match its text "
                                 f"{evidence.text[:60]!r}", path=where,
                                 hint=f"fix the extractor {relation.extractor or '(unnamed)'}")
        ev = ox.NamedNode(evidence_iri(article.value, evidence.start, evidence.end))
        out.add(node, _n(KG.evidence), ev)
        out.add(ev, _RDF_TYPE, _n(KG.Evidence))
        out.add(ev, _n(NIF.anchorOf), _text(evidence.text))
        out.add(ev, _n(NIF.beginIndex), _integer(evidence.start))
        out.add(ev, _n(NIF.endIndex), _integer(evidence.end))
        out.add(ev, _n(NIF.referenceContext), article)
        section = extraction.article.section_at(evidence.start)
        if section is not None:
            out.add(ev, _n(KG.section), ox.Literal(section.kind))
