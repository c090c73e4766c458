"""The shapes, and the fast check compiled from them, which must agree with pySHACL."""

from __future__ import annotations

import random

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH

from kg.build import build
from kg.graph.terms import quad_to_oxigraph
from kg.store import open_store
from kg.validate import check_quads, compile_shapes, shapes, validate
from kg.vocab import KG as _KG
from kg.vocab import STATUSES

from conftest import HANDBUILT, SEEDS

KG = Namespace(str(_KG))
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    store = open_store("memory")
    build([SEEDS], store=store, extractors=[HANDBUILT])
    graph = Graph()
    for triple in store.triples():
        graph.add(triple)
    return graph


def fast(graph: Graph):
    return check_quads(quad_to_oxigraph(s, p, o) for s, p, o in graph)


def results(report) -> set[tuple[str, str]]:
    return {(v.focus, v.path) for v in report.violations}


def first(graph, predicate, obj=None):
    return sorted(graph.subjects(predicate, obj))[0]


def mutate(name, graph: Graph) -> Graph:
    g = Graph()
    for t in graph:
        g.add(t)
    entity = first(g, RDF.type, KG.Country)
    sanction = first(g, RDF.type, KG.Sanction)
    article = first(g, RDF.type, KG.Article)
    evidence = first(g, RDF.type, KG.Evidence)
    changes = {
        "entity loses its label": lambda: g.remove((entity, RDFS.label, None)),
        "entity gets a second label": lambda: g.add((entity, RDFS.label, Literal("Another name"))),
        "entity gets a second type": lambda: g.add((entity, RDF.type, KG.Place)),
        "entity label is empty": lambda: g.set((entity, RDFS.label, Literal(""))),
        "sameAs is not wikidata": lambda: g.add((entity, OWL.sameAs, URIRef("https://example.org/x"))),
        "sanction loses its status": lambda: g.remove((sanction, KG.status, None)),
        "sanction status unknown": lambda: g.set((sanction, KG.status, Literal("perhaps"))),
        "sanction loses its subject": lambda: g.remove((sanction, KG.subject, None)),
        "sanction has two subjects": lambda: g.add((sanction, KG.subject, entity)),
        "subject is not an entity": lambda: g.set((sanction, KG.subject, article)),
        "confidence above one": lambda: g.set((sanction, KG.confidence, Literal("1.5", datatype=XSD.decimal))),
        "confidence is a string": lambda: g.set((sanction, KG.confidence, Literal("high"))),
        "sanction loses its evidence": lambda: g.remove((sanction, KG.evidence, None)),
        "evidence is untyped": lambda: g.remove((evidence, RDF.type, KG.Evidence)),
        "offset is a string": lambda: g.set((evidence, NIF.beginIndex, Literal("12"))),
        "offset is negative": lambda: g.set((evidence, NIF.beginIndex, Literal(-1))),
        "section unknown": lambda: g.set((evidence, KG.section, Literal("footer"))),
        "article loses its hash": lambda: g.remove((article, KG.textHash, None)),
        "article hash malformed": lambda: g.set((article, KG.textHash, Literal("abc"))),
        "article loses its text": lambda: g.remove((article, NIF.isString, None)),
        "article loses its sources": lambda: g.remove((article, KG.sourceFile, None)),
        "article mentions a non-entity": lambda: g.add((article, KG.mentions, sanction)),
        "relation date malformed": lambda: g.add((sanction, KG.date, Literal("2020", datatype=XSD.integer))),
        "untyped blank node is fine": lambda: g.add((entity, RDFS.comment, Literal("a comment"))),
    }
    changes[name]()
    return g


MUTATIONS = [
    "entity loses its label", "entity gets a second label", "entity gets a second type", "entity label is empty",
    "sameAs is not wikidata", "sanction loses its status", "sanction status unknown", "sanction loses its subject",
    "sanction has two subjects", "subject is not an entity", "confidence above one", "confidence is a string",
    "sanction loses its evidence", "evidence is untyped", "offset is a string", "offset is negative", "section unknown",
    "article loses its hash", "article hash malformed", "article loses its text", "article loses its sources",
    "article mentions a non-entity", "relation date malformed", "untyped blank node is fine",
]


def test_validate_seed_graph_conforms_under_both(seed_graph):
    assert validate(seed_graph).conforms
    assert fast(seed_graph).conforms


@pytest.mark.parametrize("name", MUTATIONS)
def test_validate_fast_check_agrees_with_pyshacl_on_a_broken_graph(seed_graph, name):
    graph = mutate(name, seed_graph)
    full, quick = validate(graph), fast(graph)
    assert quick.conforms == full.conforms == (name == "untyped blank node is fine")
    assert results(quick) == results(full)


@pytest.mark.parametrize("seed", range(12))
def test_validate_fast_check_agrees_with_pyshacl_after_random_deletions(seed_graph, seed):
    rng = random.Random(seed)
    graph = Graph()
    triples = sorted(seed_graph)
    dropped = set(rng.sample(range(len(triples)), rng.randint(1, 6)))
    for i, t in enumerate(triples):
        if i not in dropped:
            graph.add(t)
    assert results(fast(graph)) == results(validate(graph))


def test_validate_compiler_refuses_shacl_it_does_not_know():
    g = Graph()
    for t in shapes():
        g.add(t)
    prop = next(g.objects(URIRef("https://w3id.org/kg-news/shapes#Relation"), SH.property))
    g.add((prop, SH.qualifiedMinCount, Literal(1)))
    with pytest.raises(ValueError, match="cannot compile"):
        compile_shapes(g)


def test_validate_shapes_allow_the_statuses_the_ontology_declares():
    g = shapes()
    (status,) = [p for p in g.objects(URIRef("https://w3id.org/kg-news/shapes#Sanction"), SH.property)
                 if g.value(p, SH.path) == KG.status]
    assert tuple(sorted(str(x) for x in Collection(g, g.value(status, SH["in"])))) == STATUSES["Sanction"]
