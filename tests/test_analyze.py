"""kg analyze: the projection of the RDF graph, centrality, communities, chains of facts."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import RDF, URIRef

from kg.analyze import GraphFileStore, centrality, communities, paths, project, resolve, scores
from kg.cli import main
from kg.errors import KGError
from kg.vocab import ENTITY_TYPES, KG, NIF, RELATION_TYPES
from rdfread import rdflib_union


def _typed(dataset, types) -> set[str]:
    return {str(s) for t in types for s in dataset.subjects(RDF.type, KG[t])}


@pytest.fixture
def projection(fentanyl_graph):
    with GraphFileStore(fentanyl_graph) as store:
        return project(store)


def test_project_has_a_node_per_entity(fentanyl_graph, projection):
    assert set(projection) == _typed(rdflib_union(fentanyl_graph), ENTITY_TYPES)


def test_project_has_an_edge_per_relation_with_its_attributes(fentanyl_graph, projection):
    dataset = rdflib_union(fentanyl_graph)
    relations = _typed(dataset, RELATION_TYPES)
    drawn = {key for _, _, key in projection.edges(keys=True)}
    assert drawn == relations
    for u, v, key, data in projection.edges(keys=True, data=True):
        r = URIRef(key)
        assert (r, RDF.type, KG[data["type"]]) in dataset
        assert str(dataset.value(r, KG.subject)) == u
        assert str(dataset.value(r, KG.object) or dataset.value(r, KG.substance)) == v
        assert data["status"] == (str(dataset.value(r, KG.status)) if dataset.value(r, KG.status) else None)
        sentences = {str(dataset.value(e, NIF.anchorOf)) for e in dataset.objects(r, KG.evidence)}
        assert {sentence for sentence, _ in data["evidence"]} == sentences


@pytest.mark.parametrize("relation_type", ["Seizure", "Control"])
def test_project_draws_a_relation_without_object_to_its_substance(projection, relation_type):
    edges = [(u, v, d) for u, v, d in projection.edges(data=True) if d["type"] == relation_type]
    assert edges
    for u, v, d in edges:
        assert projection.nodes[v]["type"] == "Substance" and d["substance"] == v


def test_project_keeps_evidence_from_every_article(projection):
    titles = {title for _, _, d in projection.edges(data=True) if len(d["evidence"]) > 1 for _, title in d["evidence"]}
    assert len(titles) >= 2


@pytest.mark.parametrize("name, expected", [
    ("United States", "country/us"), ("u.s.", "country/us"), ("AMERICA", "country/us"),
    ("the DEA", "agency/dea"), ("Treasury", "agency/treasury"), ("xi", "person/xi-jinping"),
])
def test_resolve_matches_any_name_ignoring_case(projection, name, expected):
    assert resolve(projection, name).endswith("/entity/" + expected)


@pytest.mark.parametrize("name, suggestion", [("Mexco", "Mexico"), ("Blinkin", "Blinken"), ("Sinaloa", "Sinaloa Cartel")])
def test_resolve_unknown_name_hints_close_names(projection, name, suggestion):
    with pytest.raises(KGError) as error:
        resolve(projection, name)
    assert name in str(error.value) and suggestion in error.value.hint


def test_project_reads_names_and_wikidata(projection):
    us = projection.nodes[resolve(projection, "US")]
    assert us["label"] == "United States" and {"US", "U.S.", "America"} <= set(us["names"]) and us["wikidata"] == "Q30"


@pytest.mark.parametrize("same_as", ["<javascript:alert(1)>", "<https://example.org/Q5>", "<http://www.wikidata.org/entity/P31>"])
def test_project_keeps_only_wikidata_entities_as_wikidata(tmp_path, same_as):
    path = tmp_path / "g.ttl"
    path.write_text(f"""@prefix kg: <{KG}> .
        <urn:x> a kg:Person ; <http://www.w3.org/2000/01/rdf-schema#label> "X" ;
        <http://www.w3.org/2002/07/owl#sameAs> {same_as} .""")
    assert project(GraphFileStore(path)).nodes["urn:x"]["wikidata"] is None


def test_project_merges_what_articles_state_differently(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text(f"""@prefix kg: <{KG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:a1> {{ <urn:p> a kg:Person ; rdfs:label "Antony Blinken" .
                    <urn:r> a kg:Affiliation ; kg:subject <urn:p> ; kg:object <urn:s> ; kg:role "Secretary" ; kg:confidence 0.5 .
                    <urn:s> a kg:Agency ; rdfs:label "State Department" . }}
        <urn:a2> {{ <urn:p> a kg:Person ; rdfs:label "Blinken" .
                    <urn:r> a kg:Affiliation ; kg:subject <urn:p> ; kg:object <urn:s> ; kg:role "Secretary of State" ; kg:confidence 0.75 . }}""")
    graph = project(GraphFileStore(path))
    assert graph.nodes["urn:p"]["label"] == "Antony Blinken" and graph.nodes["urn:p"]["names"] == ["Antony Blinken", "Blinken"]
    (data,) = [d for _, _, d in graph.edges(data=True)]
    assert data["role"] == "Secretary; Secretary of State" and data["confidence"] == 0.75


@pytest.mark.parametrize("arguments", ["kg:object <urn:thing/untyped>",
                                       "kg:object <urn:us> ; kg:substance <urn:thing/untyped>"])
def test_view_and_analyze_read_facts_whose_arguments_no_type_declares(runner, tmp_path, arguments):
    """Graphs from other tools may name an argument without typing or labelling it."""
    path = tmp_path / "g.ttl"
    path.write_text(f"""@prefix kg: <{KG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:us> a kg:Country ; rdfs:label "United States" .
        <urn:mx> a kg:Country ; rdfs:label "Mexico" .
        <urn:r> a kg:SupplyFlow ; kg:subject <urn:mx> ; {arguments} .""")
    graph = project(GraphFileStore(path))
    assert graph.nodes["urn:thing/untyped"]["label"] == "untyped"
    result = runner.invoke(main, ["view", "--graph", str(path), "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 0, result.output
    assert "3 entities, 1 fact;" in result.output


@pytest.mark.parametrize("by", ["degree", "betweenness", "pagerank"])
def test_centrality_ranks_by_the_measure(projection, by):
    rows = centrality(projection, top=None, by=by)
    assert {r["entity"] for r in rows} == set(projection)
    assert [r[by] for r in rows] == sorted((r[by] for r in rows), reverse=True)
    assert len(centrality(projection, top=3, by=by)) == 3


def test_degree_counts_facts_in_every_role(fentanyl_graph, projection):
    dataset = rdflib_union(fentanyl_graph)
    for entity, measures in scores(projection).items():
        node = URIRef(entity)
        facts = {r for p in (KG.subject, KG.object, KG.substance) for r in dataset.subjects(p, node)}
        assert measures["degree"] == len(facts), entity


def test_communities_partition_the_entities_deterministically(projection):
    found = communities(projection)
    members = [m["entity"] for c in found for m in c["members"]]
    assert sorted(members) == sorted(projection) and [c["size"] for c in found] == sorted((c["size"] for c in found), reverse=True)
    assert found == communities(projection)
    together = {c["community"] for c in found for m in c["members"] if m["label"] in ("Joe Biden", "Xi Jinping")}
    assert len(together) == 1


@pytest.mark.parametrize("a, b", [("Antony Blinken", "China"), ("Mexican Navy", "Sinaloa Cartel"), ("fentanyl", "Hubei Amarvel Biotech")])
def test_paths_are_chains_of_facts_with_evidence(fentanyl_graph, projection, a, b):
    dataset = rdflib_union(fentanyl_graph)
    chains = paths(projection, a, b, k=3)
    assert chains and [len(c) for c in chains] == sorted(len(c) for c in chains)
    sentences = {str(o) for o in dataset.objects(None, NIF.anchorOf)}
    for chain in chains:
        assert chain[0]["from"] == resolve(projection, a) and chain[-1]["to"] == resolve(projection, b)
        assert all(x["to"] == y["from"] for x, y in zip(chain, chain[1:]))
        for step in chain:
            assert step["evidence"] in sentences and step["title"]
            labels = {step["subject"], step["object"], step["substance"]}
            assert {projection.nodes[step["from"]]["label"], projection.nodes[step["to"]]["label"]} <= labels


def test_paths_between_unlinked_entities_is_empty(projection):
    assert paths(projection, "Xi Jinping", "Manzanillo") == []


# ---------------------------------------------------------------- the command


@pytest.mark.parametrize("args, expected", [
    (["top", "--top", "3"], "United States"),
    (["communities"], "Joe Biden, Xi Jinping"),
    (["path", "antony blinken", "CHINA"], "Antony Blinken —Affiliation→ Department of State"),
    (["path", "Xi", "Manzanillo"], "no chain of facts links Xi and Manzanillo"),
])
def test_cli_analyze_prints_a_table(runner, fentanyl_graph, args, expected):
    result = runner.invoke(main, ["analyze", *args, "--graph", str(fentanyl_graph)])
    assert result.exit_code == 0, result.output
    assert expected in result.output


@pytest.mark.parametrize("what", [["top"], ["communities"], ["path", "Blinken", "Mexico"]])
def test_cli_analyze_json_and_csv_agree(runner, fentanyl_graph, what):
    as_json = runner.invoke(main, ["analyze", *what, "--graph", str(fentanyl_graph), "--format", "json", "--top", "0"])
    as_csv = runner.invoke(main, ["analyze", *what, "--graph", str(fentanyl_graph), "--format", "csv", "--top", "0"])
    assert as_json.exit_code == 0 and as_csv.exit_code == 0
    data, rows = json.loads(as_json.output), list(csv.DictReader(io.StringIO(as_csv.output)))
    if what[0] == "top":
        assert [r["label"] for r in data] == [r["entity"] for r in rows]
    elif what[0] == "communities":
        assert sum(c["size"] for c in data) == len(rows)
    else:
        assert [s["evidence"] for chain in data for s in chain] == [r["evidence"] for r in rows]


@pytest.mark.parametrize("args, message", [
    (["path", "China"], "needs two entities"),
    (["path", "China", "Atlantis"], "no entity is named 'Atlantis'"),
    (["path", "China", "china"], "the same entity"),
    (["top", "China"], "takes no names"),
])
def test_cli_analyze_reports_bad_requests_in_one_line(runner, fentanyl_graph, args, message):
    result = runner.invoke(main, ["analyze", *args, "--graph", str(fentanyl_graph)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("name, content, message", [
    ("missing.ttl", None, "no such file"),
    ("broken.ttl", "<urn:a> <urn:b> .", "not valid Turtle"),
    ("graph.xyz", "", "cannot tell the RDF format"),
])
def test_cli_analyze_reports_unreadable_graph_files(runner, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    result = runner.invoke(main, ["analyze", "--graph", str(path)])
    assert result.exit_code == 2 and message in result.output and str(path) in result.output


def test_cli_analyze_reads_the_store(runner, built):
    """The default store (.kg in the working directory) built from the seeds."""
    result = runner.invoke(main, ["analyze", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all("label" in row or "entity" in row for row in rows)