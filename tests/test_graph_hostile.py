"""Hostile names — quotes, angle brackets, N-Triples syntax, backslashes, NUL, lone surrogates —
become valid IRIs and literals that survive every export and every query."""

from __future__ import annotations

import io

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import build
from kg.export import RDF_FORMATS, generate
from kg.graph.iri import key_from_iri, safe_text
from kg.queries import query
from kg.store import open_store
from kg.validate import validate
from tests.fixtures_extractor import HOSTILE_NAMES

from conftest import HOSTILE

ARTICLE = ('John "Jabo" Smith <CEO> says x> . <a> <b> <c\n\n'
           'He said: "sanctions \\ on <Acme> are """ fine""" ; DROP ALL ; #". Then he left.\n')


@pytest.fixture(params=["disk", "memory"])
def hostile_store(request, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hostile.txt").write_text(ARTICLE)
    store = open_store(".kg", write=True) if request.param == "disk" else open_store("memory")
    build(["hostile.txt"], store=store, extractors=[HOSTILE])
    yield store
    store.close()


def test_hostile_names_are_stored_as_safe_literals(hostile_store):
    labels = {str(r["l"]) for r in hostile_store.select("SELECT ?l WHERE { ?e a kg:Person ; rdfs:label ?l }")}
    assert labels == {safe_text(n) for n in HOSTILE_NAMES}
    alt = {str(r["l"]) for r in hostile_store.select("SELECT ?l WHERE { ?e a kg:Person ; skos:altLabel ?l }")}
    assert {safe_text(n).upper() for n in HOSTILE_NAMES} <= alt


def test_hostile_names_give_valid_reversible_entity_iris(hostile_store):
    keys = set()
    for row in hostile_store.select("SELECT ?e WHERE { ?e a kg:Person }"):
        iri = str(row["e"])
        assert ox.NamedNode(iri).value == iri and iri.isascii()
        keys.add(key_from_iri(iri))
    assert len(keys) == len(HOSTILE_NAMES)


def test_hostile_graph_conforms_to_the_shapes(hostile_store):
    assert validate(hostile_store).conforms
    assert validate(hostile_store, fast=True).conforms


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_hostile_graph_round_trips_through_every_rdf_export(hostile_store, fmt):
    back = set(ox.parse(generate(hostile_store, fmt), format=RDF_FORMATS[fmt]))
    if fmt in ("nquads", "trig"):
        assert back == set(hostile_store.ox_quads())
    else:
        assert {q.triple for q in back} == set(hostile_store.ox_triples())


def test_hostile_turtle_is_isomorphic_under_rdflib_too(hostile_store):
    source = Graph()
    for t in hostile_store.triples():
        source.add(t)
    assert isomorphic(Graph().parse(data=generate(hostile_store, "turtle"), format="turtle"), source)


def test_hostile_graphml_and_csv_carry_the_names(hostile_store):
    network = nx.read_graphml(io.BytesIO(generate(hostile_store, "graphml")))
    assert {safe_text(n) for n in HOSTILE_NAMES} <= {d["label"] for _, d in network.nodes(data=True)}
    text = generate(hostile_store, "csv").decode()
    import csv
    subjects = {row["subject"] for row in csv.DictReader(io.StringIO(text))}
    assert subjects <= {safe_text(n) for n in HOSTILE_NAMES} | {'Acme <Corp> "Ltd"'}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_finds_its_entity_through_a_bound_query(hostile_store, name):
    rows = query(hostile_store, "entity", {"entity": safe_text(name)}).rows
    assert {str(r["value"]) for r in rows if str(r["property"]) == "label"} == {safe_text(name)}


def test_hostile_role_text_is_a_plain_literal(hostile_store):
    roles = {str(r["role"]) for r in hostile_store.select("SELECT ?role WHERE { ?r kg:role ?role }")}
    assert roles == {'x" } ; DROP ALL ; #'}
