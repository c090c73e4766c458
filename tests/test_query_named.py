"""kg query: named queries, safe bindings, refusals, output formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Literal

from kg.build import build
from kg.cli import main
from kg.errors import QueryError
from kg.queries import format_answer, named_queries, query
from kg.sparql import prepare
from kg.store import open_store

from conftest import HANDBUILT, SEEDS, run_kg

BINDS = {"entity": {"entity": "blinken"}}


@pytest.fixture(scope="module")
def memory_store():
    store = open_store("memory")
    build([SEEDS], store=store, extractors=[HANDBUILT])
    return store


def normalised(rows) -> list:
    """Rows as comparable values; GROUP_CONCAT lists in any order."""
    def value(v):
        text = str(v)
        return " | ".join(sorted(text.split(" | "))) if " | " in text else text
    return sorted(sorted((k, value(v)) for k, v in row.items()) for row in rows)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_query_named_query_answers_alike_on_both_engines(built, memory_store, name):
    with open_store(built) as store:
        on_disk = query(store, name, BINDS.get(name))
    in_memory = query(memory_store, name, BINDS.get(name))
    assert on_disk.rows, f"{name} found nothing on the seeds"
    assert normalised(on_disk.rows) == normalised(in_memory.rows)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_query_named_query_documents_itself_and_projects_its_bindings(name):
    named = named_queries()[name]
    assert named.title and named.description
    prepared = prepare(named.text)
    for bind in named.binds:
        assert bind.name in prepared.variables, f"?{bind.name} must be in SELECT for pyoxigraph to bind it"


@pytest.mark.parametrize("name, binds, expected", [
    ("sanctions", {}, {("Joe Biden", "lifted", "China"), ("Commerce Department", "imposed", "Institute of Forensic Science")}),
    ("supply-routes", {}, {("China", "United States", "fentanyl")}),
    ("people", {}, {("Antony Blinken", "Secretary of State", "US State Department")}),
])
def test_query_named_query_rows_read_as_the_facts(built, name, binds, expected):
    with open_store(built) as store:
        answer = query(store, name, binds)
    rows = {tuple(str(r.get(v, "")) for v in answer.variables[:3]) for r in answer.rows}
    assert expected <= rows


@pytest.mark.parametrize("value", ["Antony Blinken", "BLINKEN", "anthony blinken",
                                   "<https://w3id.org/kg-news/id/person/antony-blinken-2b80f1a0>"])
def test_query_entity_matches_any_name_in_any_case_or_its_iri(built, value):
    with open_store(built) as store:
        rows = query(store, "entity", {"entity": value}).rows
    assert {str(r["about"]) for r in rows} == {"https://w3id.org/kg-news/id/person/antony-blinken-2b80f1a0"}
    assert {"label", "altLabel", "type", "Affiliation (subject)", "mentioned in"} <= {str(r["property"]) for r in rows}


#: Two banks whose names differ only in case, each under both spellings, both mentioned by one article.
TWINS = "https://w3id.org/kg-news/id/organization/"
TWINS_GRAPH = """
<{a}> a kg:Article ; kg:title "Two banks" ; kg:mentions <{t}abn-amro>, <{t}abn-amro-bank> .
<{t}abn-amro> a kg:Organization ; rdfs:label "ABN AMRO" ; skos:altLabel "ABN Amro", "abn amro" .
<{t}abn-amro-bank> a kg:Organization ; rdfs:label "ABN Amro" .
"""


@pytest.fixture(params=["disk", "memory"])
def twins_store(request, tmp_path):
    """A store of TWINS_GRAPH alone, on disk and in memory."""
    from kg.graph.iri import article_iri
    from kg.sparql import PREFIXES

    article = article_iri("0" * 16)
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    triples = ox.parse(prefixes + TWINS_GRAPH.format(a=article, t=TWINS), format=ox.RdfFormat.TURTLE)
    store = open_store(str(tmp_path / ".kg"), write=True) if request.param == "disk" else open_store("memory")
    store.put_articles({"0" * 16: [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(article)) for t in triples]})
    yield store
    store.close()


@pytest.mark.parametrize("value", ["ABN AMRO", "ABN Amro", "abn amro", "aBn AmRo"])
def test_query_entity_finds_every_entity_named_so_in_any_case(twins_store, value):
    rows = query(twins_store, "entity", {"entity": value}).rows
    assert {str(r["about"]) for r in rows} == {TWINS + "abn-amro", TWINS + "abn-amro-bank"}
    assert len(rows) == len({tuple(sorted(r.items())) for r in rows})


@pytest.mark.parametrize("key, names", [("abn-amro", {"ABN AMRO", "ABN Amro", "abn amro"}), ("abn-amro-bank", {"ABN Amro"})])
def test_query_entity_by_iri_finds_that_entity_once(twins_store, key, names):
    rows = query(twins_store, "entity", {"entity": f"<{TWINS}{key}>"}).rows
    assert {str(r["about"]) for r in rows} == {TWINS + key}
    assert {str(r["value"]) for r in rows if str(r["property"]) in ("label", "altLabel")} == names
    assert [str(r["value"]) for r in rows if str(r["property"]) == "mentioned in"] == ["Two banks"]
    assert len(rows) == len({tuple(sorted(r.items())) for r in rows})


@pytest.mark.parametrize("value", [f"<{TWINS}nobody>", Literal(TWINS + "abn-amro"), "ABN", "Two banks"])
def test_query_entity_finds_nothing_for_what_names_no_entity(twins_store, value):
    assert query(twins_store, "entity", {"entity": value}).rows == []


def test_query_evidence_filters_by_relation_or_entity(built):
    with open_store(built) as store:
        everything = query(store, "evidence").rows
        sanction = next(r["relation"] for r in everything if str(r["type"]) == "Sanction")
        one = query(store, "evidence", {"about": f"<{sanction}>"}).rows
        china = query(store, "evidence", {"about": "china"}).rows
    assert one and {r["relation"] for r in one} == {sanction}
    assert 0 < len(china) < len(everything)


INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "x' } ; DELETE WHERE { ?s ?p ?o } ; #",
    '"> } INSERT DATA { <http://evil/s> <http://evil/p> "o" } #',
    "<https://w3id.org/kg-news/id/country/cn> } UNION { ?about ?p ?o",
    "\\\" ) } ; CLEAR DEFAULT",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name, var", [("entity", "entity"), ("evidence", "about")])
def test_query_injection_through_bind_finds_nothing_and_changes_nothing(built, runner, value, name, var):
    before = runner.invoke(main, ["export", "--format", "nquads"]).stdout_bytes
    result = runner.invoke(main, ["query", name, "--bind", f"{var}={value}", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []
    assert runner.invoke(main, ["export", "--format", "nquads"]).stdout_bytes == before


@pytest.mark.parametrize("sparql, message", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", b"SERVICE is refused"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x/> { ?s ?q ?r } } }", b"SERVICE is refused"),
    ("LOAD <http://example.org/data.ttl>", b"updates"),
    ("DROP ALL", b"updates"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", b"updates"),
    ("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", b"malformed"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", b"FROM and FROM NAMED are refused"),
    ("SELECT * WHERE { ?s ?p ", b"malformed"),
])
def test_query_refused_queries_exit_2_and_change_nothing(built, runner, sparql, message):
    before = runner.invoke(main, ["export", "--format", "nquads"]).stdout_bytes
    result = runner.invoke(main, ["query", sparql])
    assert result.exit_code == 2 and message in result.stderr_bytes, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert runner.invoke(main, ["export", "--format", "nquads"]).stdout_bytes == before


def test_query_service_inside_a_string_is_just_text(built):
    with open_store(built) as store:
        answer = query(store, 'SELECT ?s WHERE { ?s rdfs:label "SERVICE <http://x> { }" }')
    assert answer.rows == []


@pytest.mark.parametrize("sparql, binds, message", [
    ("SELECT ?s WHERE { ?s rdfs:label ?name }", {"nope": "x"}, "not in the query's SELECT list"),
    ("entity", {}, "needs a value for entity"),
    ("entity", {"entity": "x", "other": "y"}, "takes no value 'other'"),
    ("sanctions", {"bad name": "x"}, "not a SPARQL variable name"),
    ("entity", {"entity": "<not an iri>"}, "not a valid IRI"),
])
def test_query_bad_bindings_are_clear_errors(built, sparql, binds, message):
    with open_store(built) as store, pytest.raises(QueryError, match=message):
        query(store, sparql, binds)


def test_query_reads_a_file_standard_input_or_text(built, tmp_path):
    sparql = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    (tmp_path / "people.rq").write_text(sparql)
    answers = [run_kg("query", "people.rq", cwd=tmp_path), run_kg("query", "-", cwd=tmp_path, input=sparql.encode()),
               run_kg("query", cwd=tmp_path, input=sparql.encode()), run_kg("query", sparql, cwd=tmp_path)]
    assert all(a.returncode == 0 for a in answers)
    assert len({a.stdout for a in answers}) == 1 and b"Antony Blinken" in answers[0].stdout


def test_query_list_names_every_named_query(tmp_path):
    result = run_kg("query", "--list", cwd=tmp_path)
    assert result.returncode == 0
    listed = {line.split()[0] for line in result.stdout.decode().splitlines()}
    assert listed == set(named_queries())


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_query_results_formats_parse_back_as_sparql_results(built, fmt):
    with open_store(built) as store:
        answer = query(store, "sanctions")
    text = format_answer(answer, fmt)
    parsed = ox.parse_query_results(text.encode(), format={"json": ox.QueryResultsFormat.JSON,
                                                           "tsv": ox.QueryResultsFormat.TSV}[fmt])
    assert [v.value for v in parsed.variables] == answer.variables
    rows = [{v.value: str(s[v]) for v in parsed.variables if s[v] is not None} for s in parsed]
    from kg.graph.terms import to_oxigraph
    assert rows == [{k: str(to_oxigraph(v)) for k, v in r.items()} for r in answer.rows]


def test_query_csv_has_a_header_and_one_line_per_row(built):
    with open_store(built) as store:
        answer = query(store, "sanctions")
    rows = list(csv.reader(io.StringIO(format_answer(answer, "csv"))))
    assert rows[0] == answer.variables and len(rows) == len(answer.rows) + 1


def test_query_table_is_the_default_on_a_terminal_only(built, tmp_path):
    piped = run_kg("query", "sanctions", cwd=tmp_path).stdout.decode()
    assert piped.splitlines()[0].startswith("imposer,status,target")
