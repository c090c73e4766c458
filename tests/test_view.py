"""kg view without a browser: what is drawn and how, the page's self-containment, the command."""

from __future__ import annotations

import base64
from collections import Counter
import hashlib
import html
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph, URIRef

from kg.analyze import GraphFileStore, project, scores
from kg.cli import main
from kg.errors import KGError
from kg.view import render, select, view_data, write_page, write_view
from kg.view.style import ENTITY_STYLES, RELATION_STYLES, STATUS_STYLES, fact_style
from kg.vocab import ENTITY_TYPES, KG, RELATION_TYPES, SYMMETRIC_RELATIONS
from rdfread import rdflib_union


REPO = Path(__file__).resolve().parent.parent


def _facts_of(rdf: Graph, entity: str) -> set:
    return {r for p in (KG.subject, KG.object, KG.substance) for r in rdf.subjects(p, URIRef(entity))}


@pytest.fixture
def projection(fentanyl_graph):
    return project(GraphFileStore(fentanyl_graph))


# ---------------------------------------------------------------- visual encoding


def test_style_covers_every_type_of_the_ontology():
    assert set(ENTITY_TYPES) <= set(ENTITY_STYLES) and set(RELATION_TYPES) <= set(RELATION_STYLES)
    shapes = {ENTITY_STYLES[t]["shape"] for t in ENTITY_TYPES}
    colours = {ENTITY_STYLES[t]["color"] for t in ENTITY_TYPES}
    assert len(shapes) == len(colours) == len(ENTITY_TYPES)


def test_style_tells_sanction_statuses_apart():
    looks = [(fact_style("Sanction", s)["color"], str(fact_style("Sanction", s)["dashes"])) for s in STATUS_STYLES]
    assert len(set(looks)) == len(STATUS_STYLES) == 3
    assert all(len(set(x)) == len(STATUS_STYLES) for x in zip(*looks))  # colour and pattern both differ


def test_style_tells_relation_types_apart_by_colour_alone():
    """A large graph draws solid lines: colour must tell the types (and sanction statuses) apart."""
    colours = [RELATION_STYLES[t]["color"] for t in RELATION_TYPES if t != "Sanction"]
    colours += [STATUS_STYLES[s]["color"] for s in STATUS_STYLES]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize("relation_type", RELATION_TYPES)
def test_style_has_arrows_only_where_direction_matters(relation_type):
    assert (fact_style(relation_type, None)["arrows"] == "") == (relation_type in SYMMETRIC_RELATIONS)


# ---------------------------------------------------------------- what is drawn


def test_view_data_draws_every_entity_and_fact(fentanyl_graph, projection):
    rdf = rdflib_union(fentanyl_graph)
    data = view_data(projection)
    entities = {str(e) for t in ENTITY_TYPES for e in rdf.subjects(RDF.type, KG[t])}
    assert {data["entities"][n["id"]]["iri"] for n in data["nodes"]} == entities
    assert len(data["edges"]) == len({r for t in RELATION_TYPES for r in rdf.subjects(RDF.type, KG[t])})
    for entity in data["entities"]:
        facts = [data["facts"][i] for i in entity["facts"]]
        assert len(facts) == len(_facts_of(rdf, entity["iri"])) == entity["degree"]
    assert all(isinstance(n["title"], str) and isinstance(e["title"], str) for n in data["nodes"] for e in data["edges"])


def test_view_data_styles_each_fact_by_type_and_status(projection):
    data = view_data(projection)
    for edge in data["edges"]:
        fact = data["facts"][edge["id"]]
        style = fact_style(fact["type"], fact["status"], large=data["meta"]["large"])
        assert (edge["color"]["color"], edge["dashes"], edge["arrows"]) == (style["color"], style["dashes"], style["arrows"])
    sanctions = {data["facts"][e["id"]]["status"]: (e["color"]["color"], str(e["dashes"]))
                 for e in data["edges"] if e["kind"] == "Sanction"}
    assert set(sanctions) == {"imposed", "lifted", "threatened"} and len(set(sanctions.values())) == 3


def test_view_data_keeps_only_wikidata_ids(hostile_graph, fentanyl_graph):
    ids = [e["wikidata"] for g in (hostile_graph, fentanyl_graph) for e in view_data(project(GraphFileStore(g)))["entities"]]
    assert all(q is None or re.fullmatch(r"Q[1-9][0-9]*", q) for q in ids) and None in ids and "Q30" in ids


@pytest.mark.parametrize("options, check", [
    ({"relations": ["Sanction"]}, lambda g, rdf: {d["type"] for *_, d in g.edges(data=True)} == {"Sanction"}),
    ({"relations": ["sanction", "SUPPLYFLOW"]}, lambda g, rdf: {d["type"] for *_, d in g.edges(data=True)} == {"Sanction", "SupplyFlow"}),
    ({"types": ["Country"]}, lambda g, rdf: {t for _, t in g.nodes(data="type")} == {"Country"}),
    ({"types": ["person", "Agency"]}, lambda g, rdf: {t for _, t in g.nodes(data="type")} == {"Person", "Agency"}),
])
def test_select_by_type(fentanyl_graph, projection, options, check):
    assert check(select(projection, **options), rdflib_union(fentanyl_graph))


def _neighbours(rdf: Graph, entity: str) -> set[str]:
    """Entities that share a fact with ``entity``, in any role."""
    out = set()
    for r in _facts_of(rdf, entity):
        out |= {str(o) for p in (KG.subject, KG.object, KG.substance) for o in rdf.objects(r, p)}
    return out - {entity}


@pytest.mark.parametrize("name, iri, hops", [
    ("China", "country/cn", 1), ("Blinken", "person/antony-blinken", 2), ("Manzanillo", "place/manzanillo", 3),
    ("fentanyl", "substance/fentanyl", 0),
])
def test_select_around_an_entity(fentanyl_graph, projection, name, iri, hops):
    rdf = rdflib_union(fentanyl_graph)
    centre = "https://w3id.org/kg-news/id/entity/" + iri
    expected, frontier = {centre}, {centre}
    for _ in range(hops):
        frontier = {n for f in frontier for n in _neighbours(rdf, f)} - expected
        expected |= frontier
    assert set(select(projection, around=name, hops=hops)) == expected


@pytest.mark.parametrize("min_degree", [1, 2, 3, 5])
def test_select_by_min_degree(fentanyl_graph, projection, min_degree):
    rdf = rdflib_union(fentanyl_graph)
    expected = {n for n in projection if len(_facts_of(rdf, n)) >= min_degree}
    assert set(select(projection, min_degree=min_degree)) == expected


@pytest.mark.parametrize("options, message", [
    ({"types": ["Persons"]}, "unknown entity type: Persons"),
    ({"relations": ["Sanctions", "Pledge"]}, "unknown relation type: Sanctions"),
    ({"around": "Atlantis"}, "no entity is named 'Atlantis'"),
    ({"around": "China", "types": ["Person"]}, "filtered out by --types"),
    ({"size_by": "size"}, "cannot size by 'size'"),
    ({"color_by": "mood"}, "cannot colour by 'mood'"),
])
def test_view_data_rejects_bad_options(projection, options, message):
    with pytest.raises(KGError) as error:
        view_data(projection, **options)
    assert message in str(error.value) and error.value.hint


def test_view_data_keeps_facts_whose_other_end_is_not_drawn(projection):
    data = view_data(projection, types=["Country"])
    china = next(e for e in data["entities"] if e["label"] == "China")
    facts = [data["facts"][i] for i in china["facts"]]
    assert {f["type"] for f in facts} >= {"Control", "SupplyFlow", "Pledge"}
    control = next(f for f in facts if f["type"] == "Control")
    assert control["substance"] is None and control["substanceLabel"] == "fentanyl" and not control["drawn"]


@pytest.mark.parametrize("size_by", ["degree", "pagerank", "betweenness"])
def test_view_data_sizes_entities_by_the_measure(projection, size_by):
    data = view_data(projection, size_by=size_by)
    measure = scores(projection)
    by_size = sorted(data["nodes"], key=lambda n: n["size"])
    values = [measure[data["entities"][n["id"]]["iri"]][size_by] for n in by_size]
    assert values == sorted(values)


def test_view_data_colours_by_community(projection):
    data = view_data(projection, color_by="community")
    colour = {}
    for node in data["nodes"]:
        colour.setdefault(data["entities"][node["id"]]["community"], set()).add(node["color"])
    assert all(len(c) == 1 for c in colour.values()) and len({next(iter(c)) for c in colour.values()}) == len(colour)
    members = Counter(e["community"] for e in data["entities"])
    assert data["legend"]["communities"] == sum(1 for size in members.values() if size > 1)  # of two or more


@pytest.mark.parametrize("large, physics", [(1000, True), (5, False)])
def test_view_data_large_graphs_open_laid_out_without_physics(projection, large, physics):
    data = view_data(projection, large=large)
    assert data["options"]["physics"]["enabled"] is physics and data["meta"]["large"] is not physics
    assert all("label" in e for e in data["edges"]) is physics  # edge labels only on small graphs
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


# ---------------------------------------------------------------- the page


@pytest.fixture
def hostile_page(hostile_graph) -> str:
    return render(view_data(project(GraphFileStore(hostile_graph))))


def test_page_is_self_contained(hostile_page):
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", hostile_page, re.I)
    assert not re.search(r"<link[^>]*rel=\"?stylesheet", hostile_page, re.I)
    assert "@import" not in hostile_page and "bootstrap" not in hostile_page.lower()
    assert len(re.findall(r"^<script[ >]", hostile_page, re.M)) == len(re.findall(r"</script>$", hostile_page, re.M)) == 3


def test_page_embeds_article_text_only_escaped(hostile_graph, hostile_page):
    rdf = rdflib_union(hostile_graph)
    hostile = [str(o) for o in rdf.objects() if "<" in str(o)]
    assert hostile
    for text in hostile:
        assert text not in hostile_page
        assert json.dumps(text, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") in hostile_page
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', hostile_page, re.S).group(1)
    assert "<" not in data and json.loads(data)["meta"]["entities"] == 2


def test_page_allows_only_its_own_scripts(hostile_page):
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', hostile_page).group(1))
    scripts = re.findall(r"<script>(.*?)</script>", hostile_page, re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    allowed = re.search(r"script-src ([^;]+)", csp).group(1).split()
    assert len(scripts) == 2 and set(allowed) == hashes and "default-src 'none'" in csp


def test_page_title_is_escaped():
    page = render({"nodes": [], "edges": [], "entities": [], "facts": [], "options": {}, "relationLabels": {},
                   "legend": {"entities": [], "relations": [], "communities": 0},
                   "meta": {"entities": 0, "facts": 0, "drawnEntities": 0, "drawnFacts": 0}},
                  title="<script>alert(1)</script>")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_write_page_writes_utf8_atomically(tmp_path):
    target = tmp_path / "deep" / "graph.html"
    write_page("<p>old</p>", target)
    write_page("<p>Ministério da Saúde — 北京</p>", target)
    assert target.read_bytes().decode("utf-8") == "<p>Ministério da Saúde — 北京</p>"
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


@pytest.mark.parametrize("label, shown", [("lone \ud800 surrogate", "lone ? surrogate")])
def test_write_view_replaces_what_utf8_cannot_carry(tmp_path, label, shown):
    graph = nx.MultiDiGraph()
    graph.add_node("urn:x", type="Country", label=label, names=[label], wikidata=None)
    page = Path(write_view(graph, tmp_path / "g.html")["path"]).read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["entities"][0]["label"] == shown


def test_write_view_reports_what_it_drew(tmp_path, projection):
    meta = write_view(projection, tmp_path / "g.html", relations=["Sanction"])
    assert meta["path"] == str(tmp_path / "g.html") and meta["drawnFacts"] == 3 and meta["facts"] == 15
    assert meta["filters"]["relations"] == ["Sanction"]


# ---------------------------------------------------------------- the command


@pytest.mark.parametrize("options, expected", [
    ([], "15 entities, 15 facts; physics settles, then stops"),
    (["--types", "Country,Agency"], "7 entities, 8 facts (of 15 entities and 15 facts)"),
    (["--around", "Xi", "--hops", "1"], "2 entities, 1 fact (of 15 entities and 15 facts)"),
    (["--relations", "Sanction", "--min-degree", "1"], "5 entities, 3 facts"),
])
def test_cli_view_writes_the_page_and_says_what_it_drew(runner, tmp_path, fentanyl_graph, options, expected):
    out = tmp_path / "out" / "graph.html"
    result = runner.invoke(main, ["view", "--graph", str(fentanyl_graph), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: ") and expected in result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_cli_view_of_an_empty_graph_says_to_build_it(runner, tmp_path):
    result = runner.invoke(main, ["view", "--graph", str(REPO / "tests/data/graphs/empty.ttl"), "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 0 and "0 entities, 0 facts" in result.output and "kg build" in result.output
    assert (tmp_path / "g.html").is_file()


@pytest.mark.parametrize("options, message", [
    (["--types", "Planet"], "unknown entity type: Planet"),
    (["--around", "Mexco"], "did you mean: Mexico?"),
    (["--store", "x", "--graph", "y.ttl"], "either --store or --graph"),
])
def test_cli_view_reports_bad_options_in_one_line(runner, tmp_path, fentanyl_graph, options, message):
    args = ["view", "-o", str(tmp_path / "g.html"), *options]
    if "--graph" not in options:
        args += ["--graph", str(fentanyl_graph)]
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "g.html").exists()


@pytest.mark.parametrize("linked, isolated, opened, colour", [
    (600, 300, 600, "community"),   # every linked entity opens, the isolated ones wait
    (2400, 0, None, "community"),   # more than CORE_LIMIT linked: the best-linked open
    (100, 50, None, "type"),        # a small graph: no story, everything drawn, type colours
])
def test_view_data_large_graph_opens_on_the_linked_core(large_graph, linked, isolated, opened, colour):
    from kg.view.data import CORE_LIMIT, LABELLED

    data = view_data(large_graph(linked, isolated=isolated))
    assert data["meta"]["colorBy"] == colour
    if data["meta"]["large"] is False:
        assert "story" not in data["meta"] and not any(n.get("hidden") for n in data["nodes"])
        return
    story = data["meta"]["story"]
    shown = [n for n in data["nodes"] if not n.get("hidden")]
    assert len(shown) == story["opened"] == (opened or len(shown)) <= CORE_LIMIT
    assert all(n["links"] >= story["minLinks"] >= 1 for n in shown)
    assert all(n["links"] < story["minLinks"] for n in data["nodes"] if n.get("hidden"))
    assert story["isolated"] == isolated == sum(1 for n in data["nodes"] if n["links"] == 0)
    assert story["labelled"] == LABELLED
    assert {n["id"] for n in data["nodes"] if n.get("core")} and story["groups"] >= 1
