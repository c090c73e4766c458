"""Query limits: a time limit that really stops a query, --limit and --offset, serialised answers."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import time

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.cli import main
from kg.errors import QueryError, QueryTimeoutError
from kg.queries import named_queries, query
from kg.store import open_store
from kg.store.base import GRAPH_FORMATS, RESULTS_FORMATS

from conftest import HANDBUILT, SEEDS, run_kg

#: Three copies of every triple of the seeds joined: 665³ ≈ 294 million rows, half a minute or more.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
BINDS = {"entity": {"entity": "blinken"}}


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    """The seeds built on disk once for the module (with the hand-built extractor)."""
    location = tmp_path_factory.mktemp("limits") / ".kg"
    build([SEEDS], store=str(location), extractors=[HANDBUILT])
    return location


@pytest.fixture(scope="module")
def memory_store():
    store = open_store("memory")
    build([SEEDS], store=store, extractors=[HANDBUILT])
    return store


@pytest.fixture(scope="module")
def disk_store(seeds_store):
    with open_store(seeds_store) as opened:
        yield opened


@pytest.fixture(params=["oxigraph", "memory"])
def store(request, disk_store, memory_store):
    return memory_store if request.param == "memory" else disk_store


def _count(store) -> int:
    return int(store.select(COUNT)[0]["n"])


@pytest.mark.slow
def test_store_timeout_stops_a_runaway_query_and_the_store_stays_usable(store):
    before = _count(store)
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"stopped after 0\.5 s"):
        store.ask_query(RUNAWAY, timeout=0.5)
    assert time.monotonic() - started < 5
    assert _count(store) == before
    assert int(store.select(COUNT, timeout=30)[0]["n"]) == before


@pytest.mark.slow
def test_store_timeout_kills_the_worker_that_ran_the_query(seeds_store):
    with open_store(seeds_store) as store:
        store.select(COUNT, timeout=30)  # a worker starts and goes back to the pool
        pool = store._pool
        (worker,) = pool._idle
        with pytest.raises(QueryTimeoutError):
            store.ask_query(RUNAWAY, timeout=0.5)
        assert worker.process.returncode is not None, "the worker still runs the query"
        with pytest.raises(ProcessLookupError):
            os.kill(worker.process.pid, 0)
        assert pool._idle == []
        assert _count(store) == int(store.select(COUNT, timeout=30)[0]["n"])


@pytest.mark.slow
def test_query_cli_timeout_is_one_line_and_exit_2(seeds_store, runner):
    started = time.monotonic()
    result = runner.invoke(main, ["query", "--store", str(seeds_store), "--timeout", "1", RUNAWAY])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "kg: error: the query was stopped after 1 s (its time limit)"
    assert "--timeout" in lines[1] and len(lines) == 2
    after = runner.invoke(main, ["query", "--store", str(seeds_store), COUNT, "--format", "csv"])
    assert after.exit_code == 0 and after.stdout.split()[1].isdigit()


@pytest.mark.slow
def test_query_cli_timeout_in_a_subprocess_leaves_no_worker_behind(seeds_store, tmp_path):
    own = tmp_path / "own.kg"  # a store no other test's workers read
    shutil.copytree(seeds_store, own)
    result = run_kg("query", "--store", str(own), "--timeout", "1", RUNAWAY, cwd=tmp_path)
    assert result.returncode == 2 and b"stopped after 1 s" in result.stderr
    leftover = subprocess.run(["pgrep", "-f", f"_oxworker.py {own}"], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_query_timed_and_untimed_queries_answer_alike(store, name):
    untimed = query(store, name, BINDS.get(name))
    timed = query(store, name, BINDS.get(name), timeout=30)
    assert timed.variables == untimed.variables
    assert sorted(map(repr, timed.rows)) == sorted(map(repr, untimed.rows))


@pytest.mark.parametrize("limit, offset", [(None, 0), (0, 0), (1, 0), (5, 0), (5, 3), (None, 7), (100, 40), (3, 10_000)])
@pytest.mark.parametrize("timeout", [None, 30])
def test_query_limit_and_offset_slice_the_ordered_rows(store, limit, offset, timeout):
    sparql = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    every = store.select(sparql)
    assert len(every) > 140
    rows = store.select(sparql, timeout=timeout, limit=limit, offset=offset)
    assert rows == every[offset: None if limit is None else offset + limit]


@pytest.mark.parametrize("limit, offset", [(2, 0), (3, 4)])
def test_query_limit_and_offset_apply_to_construct_triples(store, limit, offset):
    answer = store.ask_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", limit=limit, offset=offset, timeout=30)
    assert len(answer.triples) == limit


def test_query_limit_stops_early_on_a_runaway_without_aggregate(seeds_store):
    """Rows are computed as they are read: the first rows of a 294-million-row join come at once."""
    with open_store(seeds_store) as store:
        rows = store.select("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", limit=100, timeout=20)
    assert len(rows) == 100


@pytest.mark.parametrize("args, message", [
    ({"timeout": 0}, "more than 0 seconds"),
    ({"timeout": -1}, "more than 0 seconds"),
    ({"limit": -1}, "whole number"),
    ({"offset": -2}, "whole number"),
])
def test_query_bad_limits_are_query_errors(store, args, message):
    with pytest.raises(QueryError, match=message):
        store.ask_query(COUNT, **args)


def test_query_cli_limit_offset_and_no_timeout(seeds_store, runner):
    def csv_rows(*args):
        result = runner.invoke(main, ["query", "--store", str(seeds_store), "entities", "--format", "csv", *args])
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    every = csv_rows("--timeout", "0")
    assert csv_rows("--limit", "5", "--offset", "2") == every[:1] + every[3:8]


@pytest.mark.parametrize("fmt", RESULTS_FORMATS)
@pytest.mark.parametrize("timeout", [None, 30])
def test_store_serialize_query_writes_sparql_results_that_parse_back(store, fmt, timeout):
    sparql = "SELECT ?e ?label WHERE { ?e a kg:Country ; rdfs:label ?label }"
    expected = {(str(r["e"]), str(r["label"])) for r in store.select(sparql)}
    data = store.serialize_query(sparql, fmt, timeout=timeout)
    if fmt == "csv":  # CSV results carry no term types (pyoxigraph will not read them): values as text
        header, *lines = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        assert header == ["e", "label"]
        found = {tuple(line) for line in lines}
    else:
        parsed = ox.parse_query_results(data, format=getattr(ox.QueryResultsFormat, fmt.upper()))
        assert [v.value for v in parsed.variables] == ["e", "label"]
        found = {(s["e"].value, s["label"].value) for s in parsed}
    assert found == expected and len(expected) >= 2


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_store_serialize_query_writes_ask_answers(store, fmt):
    data = store.serialize_query("ASK { ?s a kg:Country }", fmt, timeout=30)
    assert bool(ox.parse_query_results(data, format=getattr(ox.QueryResultsFormat, fmt.upper()))) is True
    if fmt == "json":
        assert json.loads(data)["boolean"] is True


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_store_serialize_query_writes_graphs_that_parse_back(store, fmt):
    sparql = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Country ; rdfs:label ?l }"
    expected = set(store.ask_query(sparql).triples)
    data = store.serialize_query(sparql, fmt, timeout=30)
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}[fmt]
    from kg.graph.terms import to_rdflib

    found = {(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
             for t in ox.parse(data, format=ox_format)}
    assert found == expected and len(expected) >= 2


@pytest.mark.parametrize("sparql, fmt", [
    ("SELECT * WHERE { ?s ?p ?o }", "turtle"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "csv"),
    ("SELECT * WHERE { ?s ?p ?o }", "yaml"),
])
def test_store_serialize_query_refuses_a_format_that_does_not_fit(store, sparql, fmt):
    with pytest.raises(QueryError, match="cannot be written as"):
        store.serialize_query(sparql, fmt)


def test_store_timed_query_sees_articles_committed_after_opening(tmp_path, seeds_copy):
    """A worker reopens its read-only snapshot when the store changed; refresh() does in-process."""
    location = str(tmp_path / "grow.kg")
    articles = sorted(p for p in seeds_copy.iterdir() if p.suffix in (".txt", ".html"))
    build([str(articles[0])], store=location, extractors=[HANDBUILT])
    with open_store(location) as reader:
        before = _count(reader)
        assert int(reader.select(COUNT, timeout=30)[0]["n"]) == before
        build([str(a) for a in articles], store=location, extractors=[HANDBUILT])  # the reader still open
        assert int(reader.select(COUNT, timeout=30)[0]["n"]) > before
        assert _count(reader) == before  # one snapshot between refreshes
        assert reader.refresh() is True and reader.refresh() is False
        assert _count(reader) > before
