"""An extraction as the quads of its article's graph: event nodes, shortcuts, evidence, refusals."""

from __future__ import annotations

import dataclasses
import math

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import ExtractorError
from kg.graph.rdf import article_quads
from kg.graph.terms import to_rdflib
from kg.model import Article, Entity, Evidence, Extraction, Relation
from kg.validate import check_quads, validate_quads
from kg.vocab import KG, RELATION_TYPES, STATUSES, SYMMETRIC_RELATIONS, shortcut

TEXT = ["The US imposed sanctions on Acme.", "Acme shipped fentanyl to Mexico.", "Acme shipped fentanyl to Mexico again."]
ENTITIES = {
    "country/us": ("Country", "United States"),
    "country/mx": ("Country", "Mexico"),
    "organization/acme": ("Organization", "Acme"),
    "person/jane-doe": ("Person", "Jane Doe"),
    "substance/fentanyl": ("Substance", "fentanyl"),
}


def extraction(*relations: Relation) -> Extraction:
    article = Article.from_parts(title="Acme and fentanyl", body=TEXT, source="a.txt")
    found = Extraction(article, entities={k: Entity(k, t, label, {label, label.upper()}) for k, (t, label) in ENTITIES.items()})
    found.relations.extend(relations)
    return found


def sentence(found: Extraction, n: int) -> Evidence:
    section = found.article.sections[n + 1]
    return Evidence(found.article.id, section.start, section.end, found.article.text[section.start:section.end])


def graph_of(quads) -> Graph:
    g = Graph()
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def arguments(type_: str) -> dict:
    """Arguments that make a relation of ``type_`` well-formed under the shapes."""
    args = {"subject": "country/us", "object": "organization/acme"}
    if type_ in ("Seizure", "Control"):
        args = {"subject": "country/us", "object": None, "substance": "substance/fentanyl"}
    if type_ == "SupplyFlow":
        args["substance"] = "substance/fentanyl"
    if type_ == "Affiliation":
        args = {"subject": "person/jane-doe", "object": "organization/acme", "role": "chief executive"}
    return args


CASES = [(t, s) for t in RELATION_TYPES for s in (STATUSES[t] or (None,))]


@pytest.mark.parametrize("type_, status", CASES)
def test_rdf_every_relation_type_is_an_event_node_with_its_shortcut(type_, status):
    found = extraction()
    args = arguments(type_)
    found.relations.append(Relation(type_, status=status, extractor="test/1", evidence=[sentence(found, 0)], **args))
    quads = article_quads(found, sources=["a.txt"], extracted_by=["test/1"])
    g = graph_of(quads)
    (node,) = g.subjects(URIRef(str(KG.subject)), None)
    assert (node, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(str(KG[type_]))) in g
    subject = g.value(node, URIRef(str(KG.subject)))
    target = g.value(node, URIRef(str(KG.object))) or g.value(node, URIRef(str(KG.substance)))
    assert (subject, URIRef(str(shortcut(type_, status))), target) in g
    assert check_quads(quads).conforms and validate_quads(quads).conforms


@pytest.mark.parametrize("type_", sorted(SYMMETRIC_RELATIONS))
def test_rdf_symmetric_relations_in_either_order_are_one_node(type_):
    found = extraction()
    found.relations += [Relation(type_, "country/us", "country/mx", evidence=[sentence(found, 0)]),
                        Relation(type_, "country/mx", "country/us", evidence=[sentence(found, 1)])]
    g = graph_of(article_quads(found, sources=["a.txt"]))
    nodes = set(g.subjects(URIRef(str(KG.subject)), None))
    assert len(nodes) == 1
    assert len(set(g.objects(next(iter(nodes)), URIRef(str(KG.evidence))))) == 2


def test_rdf_same_fact_in_two_sentences_is_one_node_with_two_evidences():
    found = extraction()
    for n in (1, 2):
        found.relations.append(Relation("SupplyFlow", "organization/acme", "country/mx", "substance/fentanyl",
                                        confidence=0.5 + n / 10, extractor="test/1", evidence=[sentence(found, n)]))
    g = graph_of(article_quads(found, sources=["a.txt"]))
    (node,) = set(g.subjects(URIRef(str(KG.subject)), None))
    evidence = sorted(g.objects(node, URIRef(str(KG.evidence))))
    assert [str(e).rsplit("#", 1)[1] for e in evidence] == [f"char={found.article.sections[n + 1].start},"
                                                           f"{found.article.sections[n + 1].end}" for n in (1, 2)]
    assert {float(c) for c in g.objects(node, URIRef(str(KG.confidence)))} == {0.6, 0.7}


def test_rdf_evidence_offsets_point_into_the_article_text():
    found = extraction(Relation("Sanction", "country/us", "organization/acme", status="imposed", evidence=[]))
    found.relations[0].evidence.append(sentence(found, 0))
    g = graph_of(article_quads(found, sources=["a.txt"]))
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    (ev,) = g.subjects(URIRef(nif + "anchorOf"), None)
    article = g.value(ev, URIRef(nif + "referenceContext"))
    text = str(g.value(article, URIRef(nif + "isString")))
    begin, end = int(g.value(ev, URIRef(nif + "beginIndex"))), int(g.value(ev, URIRef(nif + "endIndex")))
    assert text[begin:end] == str(g.value(ev, URIRef(nif + "anchorOf"))) == TEXT[0]
    assert g.value(ev, URIRef(str(KG.section))) == Literal("body")


def _bad(change):
    def make():
        found = extraction()
        found.relations.append(Relation("Sanction", "country/us", "organization/acme", status="imposed",
                                        extractor="test/1", evidence=[sentence(found, 0)]))
        change(found)
        return found
    return make


def _set_entity(entity_key, **changes):
    return lambda f: f.entities.__setitem__(entity_key, dataclasses.replace(f.entities[entity_key], **changes))


MALFORMED = {
    "unknown entity type": _bad(_set_entity("country/us", type="Nation")),
    "empty label": _bad(_set_entity("country/us", label="  ")),
    "malformed wikidata id": _bad(_set_entity("country/us", wikidata="Q30> . <x")),
    "key filed under another key": _bad(_set_entity("country/us", key="country/usa")),
    "reserved key": _bad(lambda f: f.entities.__setitem__("article/x", Entity("article/x", "Person", "X"))),
    "unknown relation type": _bad(lambda f: setattr(f.relations[0], "type", "Sanctions")),
    "argument not an entity": _bad(lambda f: setattr(f.relations[0], "object", "country/fr")),
    "no evidence": _bad(lambda f: setattr(f.relations[0], "evidence", [])),
    "evidence of another article": _bad(lambda f: setattr(f.relations[0], "evidence", [
        dataclasses.replace(f.relations[0].evidence[0], article="0" * 16)])),
    "offsets off by one": _bad(lambda f: setattr(f.relations[0], "evidence", [
        dataclasses.replace(f.relations[0].evidence[0], start=f.relations[0].evidence[0].start + 1)])),
    "offsets beyond the text": _bad(lambda f: setattr(f.relations[0], "evidence", [
        Evidence(f.article.id, 0, len(f.article.text) + 5, f.article.text)])),
    "confidence above 1": _bad(lambda f: setattr(f.relations[0], "confidence", 1.5)),
    "confidence not a number": _bad(lambda f: setattr(f.relations[0], "confidence", math.nan)),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_rdf_malformed_extraction_is_refused_naming_the_file(case):
    with pytest.raises(ExtractorError) as error:
        article_quads(MALFORMED[case](), sources=["a.txt"])
    assert error.value.path == "a.txt"


BROKEN_FOR_SHAPES = {
    "sanction without status": lambda f: setattr(f.relations[0], "status", None),
    "sanction with an unknown status": lambda f: setattr(f.relations[0], "status", "maybe"),
    "status on a pledge": lambda f: setattr(f.relations[0], "type", "Pledge"),
    "substance that is not a substance": lambda f: setattr(f.relations[0], "substance", "country/mx"),
    "meeting without an object": lambda f: (setattr(f.relations[0], "type", "Meeting"),
                                            setattr(f.relations[0], "status", None), setattr(f.relations[0], "object", None)),
}


@pytest.mark.parametrize("case", BROKEN_FOR_SHAPES)
def test_rdf_well_formed_but_wrong_relations_fail_both_validators(case):
    quads = article_quads(_bad(BROKEN_FOR_SHAPES[case])(), sources=["a.txt"])
    fast, full = check_quads(quads), validate_quads(quads)
    assert not fast.conforms and not full.conforms
    assert {(v.focus, v.path) for v in fast.violations} == {(v.focus, v.path) for v in full.violations}


def test_rdf_quads_are_all_in_the_article_graph_and_valid_terms():
    found = extraction(Relation("Sanction", "country/us", "organization/acme", status="imposed", evidence=[]))
    found.relations[0].evidence.append(sentence(found, 0))
    quads = article_quads(found, sources=["a.txt", "b/c.txt"], extracted_by=["x/1", "y/2"])
    assert {q.graph_name for q in quads} == {ox.NamedNode(f"https://w3id.org/kg-news/id/article/{found.article.id}")}
    reparsed = set(ox.parse(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS))
    assert reparsed == set(quads)
