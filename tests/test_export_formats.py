"""kg export: every format, written atomically, reading back as the graph it came from."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import InputError
from kg.export import FORMATS, RDF_FORMATS, SUFFIXES, format_for, generate
from kg.store import open_store


def store_terms(location):
    with open_store(location) as store:
        return set(store.ox_quads()), set(store.ox_triples())


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_rdf_formats_reparse_to_the_same_graph_under_pyoxigraph(built, runner, fmt):
    result = runner.invoke(main, ["export", "--format", fmt, "-o", f"out/graph{SUFFIXES[fmt]}"])
    assert result.exit_code == 0, result.output
    quads, triples = store_terms(built)
    back = list(ox.parse(path=f"out/graph{SUFFIXES[fmt]}", format=RDF_FORMATS[fmt]))
    if fmt in ("nquads", "trig"):
        assert set(back) == quads
    else:
        assert {q.triple for q in back} == triples and all(isinstance(q.graph_name, ox.DefaultGraph) for q in back)


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt")])
def test_export_union_formats_are_isomorphic_under_rdflib(built, fmt, rdflib_format):
    with open_store(built) as store:
        data = generate(store, fmt)
        source = Graph()
        for t in store.triples():
            source.add(t)
    assert isomorphic(Graph().parse(data=data, format=rdflib_format), source)


def test_export_trig_keeps_one_named_graph_per_article(built):
    with open_store(built) as store:
        data = generate(store, "trig")
        articles = store.articles()
    dataset = Dataset().parse(data=data, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {f"https://w3id.org/kg-news/id/article/{aid}" for aid in articles}


def test_export_graphml_is_a_network_networkx_reads_back(built, runner):
    assert runner.invoke(main, ["export", "-o", "out/graph.graphml"]).exit_code == 0
    network = nx.read_graphml("out/graph.graphml")
    with open_store(built) as store:
        entities = {str(r["e"]): str(r["l"]) for r in store.select(
            "SELECT ?e ?l WHERE { ?e rdfs:label ?l ; a ?t . FILTER(?t != kg:Article) }")}
        relations = store.select("SELECT DISTINCT ?r WHERE { ?r kg:subject ?s . { ?r kg:object ?o } UNION { ?r kg:substance ?o } }")
    assert {n: d["label"] for n, d in network.nodes(data=True)} == entities
    assert network.number_of_edges() == len(relations)
    sanctions = [d for _, _, d in network.edges(data=True) if d["type"] == "Sanction"]
    assert sanctions and all(d["status"] in ("imposed", "lifted", "threatened") for d in sanctions)


def test_export_csv_has_one_row_per_relation(built, runner):
    result = runner.invoke(main, ["export", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with open_store(built) as store:
        count = len(store.select("SELECT DISTINCT ?r WHERE { ?r kg:subject ?s }"))
    assert len(rows) == count
    sanction = next(r for r in rows if r["type"] == "Sanction" and r["subject"] == "Joe Biden")
    assert (sanction["object"], sanction["status"], sanction["sentences"]) == ("China", "lifted", "1")
    assert "lift sanctions" in sanction["first_sentence"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_a_file_equals_export_to_standard_output(built, runner, fmt):
    stdout = runner.invoke(main, ["export", "--format", fmt]).stdout_bytes
    assert runner.invoke(main, ["export", "--format", fmt, "-o", "out/x"]).exit_code == 0
    with open("out/x", "rb") as handle:
        assert handle.read() == stdout
    assert stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_replaces_a_file_whole_and_leaves_no_temporary_file(built, runner, tmp_path, fmt):
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"graph{SUFFIXES[fmt]}"
    target.write_text("old content " * 10000)
    result = runner.invoke(main, ["export", "-o", str(target)])
    assert result.exit_code == 0 and "wrote" in result.stderr
    assert "old content" not in target.read_text(encoding="utf-8")
    assert [p.name for p in out.iterdir()] == [target.name]


def test_export_failure_leaves_the_old_file_untouched(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "graph.ttl"
    target.write_text("precious")
    result = runner.invoke(main, ["export", "--store", "missing", "-o", str(target)])
    assert result.exit_code == 3
    assert target.read_text() == "precious" and [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


@pytest.mark.parametrize("path, given, expected", [
    ("g.ttl", None, "turtle"), ("g.nt", None, "ntriples"), ("g.nq", None, "nquads"), ("g.trig", None, "trig"),
    ("g.jsonld", None, "jsonld"), ("g.json", None, "jsonld"), ("g.graphml", None, "graphml"), ("g.csv", None, "csv"),
    ("-", None, "turtle"), ("g.txt", "csv", "csv"),
])
def test_export_format_follows_the_option_then_the_suffix(path, given, expected):
    assert format_for(path, given) == expected


def test_export_unknown_suffix_asks_for_a_format():
    with pytest.raises(InputError, match="cannot tell the export format"):
        format_for("graph.xyz")


def test_export_of_an_empty_store_is_valid_in_every_format(tmp_path):
    store = open_store("memory")
    for fmt in FORMATS:
        data = generate(store, fmt)
        if fmt in RDF_FORMATS:
            assert list(ox.parse(data, format=RDF_FORMATS[fmt])) == []
        elif fmt == "graphml":
            assert nx.read_graphml(io.BytesIO(data)).number_of_nodes() == 0
    assert json.loads(generate(store, "jsonld")) == []
