"""kg serve: a real server subprocess on loopback, queried by real clients (SPARQLWrapper, rdflib's
SPARQLStore, curl, Chromium)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from kg.build import build
from kg.queries import named_queries, query
from kg.store import open_store

from conftest import HANDBUILT, SEEDS
from servers import stop

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNTRIES = "SELECT ?e ?label WHERE { ?e a kg:Country ; rdfs:label ?label }"
CONSTRUCT = "CONSTRUCT { ?e rdfs:label ?label } WHERE { ?e a kg:Country ; rdfs:label ?label }"
TIMEOUT = 2


class Server:
    """``kg serve`` as a subprocess on 127.0.0.1 and a free port."""

    def __init__(self, store: Path, *args: str):
        kg = Path(sys.executable).with_name("kg")
        self.process = subprocess.Popen([str(kg), "serve", "--store", str(store), "--port", "0", *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()  # "kg serve: http://127.0.0.1:PORT/ (…)"
        if not line.startswith("kg serve: http://127.0.0.1:"):
            self.stop()
            raise AssertionError(f"kg serve did not start: {line!r} {self.process.stderr.read()!r}")
        self.url = line.split()[2]
        self.endpoint = self.url + "sparql"

    def stop(self) -> None:
        stop(self.process, 10)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("serve") / ".kg"
    build([SEEDS], store=str(location), extractors=[HANDBUILT])
    return location


@pytest.fixture(scope="module")
def server(store_path):
    running = Server(store_path, "--timeout", str(TIMEOUT))
    yield running
    running.stop()


def get(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    request = Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def _count_direct(store_path: Path) -> int:
    with open_store(store_path) as store:
        return int(store.select(COUNT)[0]["n"])


def _expected(store_path: Path, sparql: str) -> set:
    with open_store(store_path) as store:
        return {tuple(str(row[v]) for v in ("e", "label")) for row in store.select(sparql)}


# ---------------------------------------------------------------------- real clients


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_serve_sparqlwrapper_selects_what_the_store_holds(server, store_path, method):
    from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, SPARQLWrapper

    client = SPARQLWrapper(server.endpoint)
    client.setQuery("PREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + COUNTRIES)
    client.setReturnFormat(JSON)
    client.setMethod({"GET": GET, "POST": POST, "POSTDIRECTLY": POST}[method])
    if method == "POSTDIRECTLY":
        client.setRequestMethod(POSTDIRECTLY)  # the query as an application/sparql-query body
    answer = client.query().convert()
    found = {(b["e"]["value"], b["label"]["value"]) for b in answer["results"]["bindings"]}
    assert found == _expected(store_path, COUNTRIES) and found


@pytest.mark.parametrize("fmt", ["TURTLE", "XML", "JSONLD", "N3"])
def test_serve_sparqlwrapper_constructs_graphs(server, store_path, fmt):
    import SPARQLWrapper as wrapper

    client = wrapper.SPARQLWrapper(server.endpoint)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(getattr(wrapper, fmt))
    result = client.query()
    graph = Graph()
    body = result.response.read()
    rdflib_format = {"TURTLE": "turtle", "XML": "xml", "JSONLD": "json-ld", "N3": "turtle"}[fmt]
    graph.parse(data=body, format=rdflib_format)
    found = {(str(s), str(o)) for s, _, o in graph}
    assert found == _expected(store_path, COUNTRIES) and found


def test_serve_rdflib_sparqlstore_reads_the_endpoint(server, store_path):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.endpoint))
    rows = graph.query(COUNTRIES, initNs={"kg": "https://w3id.org/kg-news/ontology#",
                                          "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    assert {(str(e), str(label)) for e, label in rows} == _expected(store_path, COUNTRIES)
    assert int(next(iter(graph.query(COUNT)))[0]) == _count_direct(store_path)
    constructed = graph.query("PREFIX kg: <https://w3id.org/kg-news/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                              + CONSTRUCT).graph
    assert {(str(s), str(o)) for s, _, o in constructed} == _expected(store_path, COUNTRIES)


CURL_RESULTS = [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
CURL_GRAPHS = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
]


def _curl(*args: str) -> tuple[int, str, bytes]:
    curl = shutil.which("curl")
    if curl is None:
        pytest.fail("curl is not installed (.ci/run installs Debian's curl)")
    done = subprocess.run([curl, "-sS", "-D", "-", *args], capture_output=True, timeout=60, check=True)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    content_type = next((line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("content-type:")), "")
    return int(lines[0].split()[1]), content_type, body


def _rows_of(body: bytes, fmt: str) -> set:
    if fmt == "csv":
        header, *lines = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert header == ["e", "label"]
        return {tuple(line) for line in lines}
    parsed = ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, fmt.upper()))
    return {(s["e"].value, s["label"].value) for s in parsed}


@pytest.mark.parametrize("accept, fmt", CURL_RESULTS)
@pytest.mark.parametrize("how", ["accept", "format", "post"])
def test_serve_curl_gets_every_results_format(server, store_path, accept, fmt, how):
    if how == "accept":
        status, media, body = _curl("-H", f"Accept: {accept}", "-G", "--data-urlencode", f"query={COUNTRIES}", server.endpoint)
    elif how == "format":
        status, media, body = _curl("-G", "--data-urlencode", f"query={COUNTRIES}", "--data-urlencode", f"format={fmt}",
                                    server.endpoint)
    else:
        status, media, body = _curl("-H", f"Accept: {accept}", "-H", "Content-Type: application/sparql-query",
                                    "--data-binary", COUNTRIES, server.endpoint)
    assert status == 200
    assert media.split(";")[0] == accept
    assert _rows_of(body, fmt) == _expected(store_path, COUNTRIES)


@pytest.mark.parametrize("accept, ox_format", CURL_GRAPHS)
def test_serve_curl_gets_every_graph_format(server, store_path, accept, ox_format):
    status, media, body = _curl("-H", f"Accept: {accept}", "-G", "--data-urlencode", f"query={CONSTRUCT}", server.endpoint)
    assert status == 200 and media.split(";")[0] == accept
    found = {(t.subject.value, t.object.value) for t in ox.parse(body, format=ox_format)}
    assert found == _expected(store_path, COUNTRIES)


@pytest.mark.parametrize("accept, expected", [
    ("*/*", "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/html, text/csv;q=0.1", "text/csv"),
    ("application/json", "application/sparql-results+json"),
])
def test_serve_negotiates_by_quality(server, accept, expected):
    status, headers, _ = get(server.endpoint + "?" + urlencode({"query": COUNTRIES}), headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == expected


# ---------------------------------------------------------------------- refusals


@pytest.mark.parametrize("how, status", [
    ("form update=", 403),
    ("sparql-update body", 403),
    ("/update", 403),
    ("query=INSERT", 400),
    ("query=LOAD", 400),
    ("GET query=DROP", 400),
])
def test_serve_refuses_updates_and_changes_nothing(server, store_path, how, status):
    before = _count_direct(store_path)
    insert = "INSERT DATA { <urn:kg:test> <urn:kg:p> 'x' }"
    if how == "form update=":
        answer = get(server.endpoint, data=urlencode({"update": insert}).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "sparql-update body":
        answer = get(server.endpoint, data=insert.encode(), headers={"Content-Type": "application/sparql-update"})
    elif how == "/update":
        answer = get(server.url + "update", data=urlencode({"update": insert}).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "query=INSERT":
        answer = get(server.endpoint, data=urlencode({"query": insert}).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "query=LOAD":
        answer = get(server.endpoint, data=b"LOAD <http://example.org/data.ttl>",
                     headers={"Content-Type": "application/sparql-query"})
    else:
        answer = get(server.endpoint + "?" + urlencode({"query": "DROP ALL"}))
    code, headers, body = answer
    assert code == status
    assert "refused" in body.decode() and headers["Access-Control-Allow-Origin"] == "*"
    assert _count_direct(store_path) == before
    status_after, _, counted = get(server.endpoint + "?" + urlencode({"query": COUNT}), headers={"Accept": "text/csv"})
    assert status_after == 200 and int(counted.decode().split()[1]) == before


@pytest.mark.parametrize("params, message", [
    ({"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}, "SERVICE is refused"),
    ({"query": "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }"}, "FROM and FROM NAMED are refused"),
    ({"query": COUNT, "default-graph-uri": "http://example.org/g"}, "default-graph-uri is refused"),
    ({"query": "SELECT ?s WHERE { ?s ?p"}, "malformed SPARQL query"),
    ({"query": COUNTRIES, "format": "yaml"}, "unknown format 'yaml'"),
])
def test_serve_refusals_are_400_with_the_message_of_kg_query(server, params, message):
    status, headers, body = get(server.endpoint + "?" + urlencode(params))
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert message in body.decode()


@pytest.mark.parametrize("method, path, status", [
    ("PUT", "sparql", 405), ("DELETE", "", 405), ("GET", "nowhere", 404), ("GET", "queries/nosuch", 404),
])
def test_serve_unknown_pages_and_methods(server, method, path, status):
    code, headers, _ = get(server.url + path, method=method, data=b"" if method == "PUT" else None)
    assert code == status
    if status == 405:
        assert "GET" in headers["Allow"]


# ---------------------------------------------------------------------- named queries, description, CORS


def test_serve_lists_the_named_queries_with_their_urls(server):
    status, _, body = get(server.url + "queries")
    listed = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and set(listed) == set(named_queries())
    assert listed["entity"]["url"] == "/queries/entity"
    assert [b["name"] for b in listed["entity"]["binds"]] == ["entity"] and listed["entity"]["binds"][0]["required"]


@pytest.mark.parametrize("name, binds", [
    ("sanctions", {}),
    ("entities", {}),
    ("entity", {"entity": "blinken"}),
    ("evidence", {"about": "China"}),
    ("people", {}),
])
def test_serve_named_query_urls_take_bindings_as_parameters(server, store_path, name, binds):
    status, headers, body = get(f"{server.url}queries/{quote(name)}?" + urlencode({**binds, "format": "json"}))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    served = json.loads(body)
    with open_store(store_path) as store:
        expected = query(store, name, binds)
    assert served["head"]["vars"] == expected.variables
    found = sorted(sorted((k, v["value"]) for k, v in row.items()) for row in served["results"]["bindings"])
    assert found == sorted(sorted((k, str(v)) for k, v in row.items()) for row in expected.rows)
    assert found, f"{name} found nothing"


def test_serve_named_query_as_csv_matches_kg_query(server, store_path):
    status, headers, body = get(server.url + "queries/entity?entity=blinken&format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    with open_store(store_path) as store:
        expected = query(store, "entity", {"entity": "blinken"})
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert {row["value"] for row in rows} == {str(r["value"]) for r in expected.rows if "value" in r}


@pytest.mark.parametrize("params, message", [
    ({}, "needs a value for entity"),
    ({"entity": "x", "colour": "red"}, "takes no value 'colour'"),
])
def test_serve_named_query_bad_bindings_are_400(server, params, message):
    status, _, body = get(server.url + "queries/entity?" + urlencode(params))
    assert status == 400 and message in body.decode()


def test_serve_service_description_names_the_endpoint(server):
    status, headers, body = get(server.endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(server.endpoint)) in graph
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    assert len(list(graph.objects(None, URIRef(sd + "resultFormat")))) == 8


def test_serve_cors_allows_browser_clients(server):
    status, headers, _ = get(server.endpoint, method="OPTIONS",
                             headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST",
                                      "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"] and "Content-Type" in headers["Access-Control-Allow-Headers"]
    status, headers, _ = get(server.endpoint + "?" + urlencode({"query": COUNT}), headers={"Origin": "http://example.org"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


# ---------------------------------------------------------------------- time limit, fresh articles


@pytest.mark.slow
def test_serve_stops_a_runaway_query_at_its_timeout(server, store_path):
    started = time.monotonic()
    status, _, body = get(server.endpoint + "?" + urlencode({"query": RUNAWAY}))
    elapsed = time.monotonic() - started
    assert status == 503
    assert f"stopped after {TIMEOUT} s" in body.decode()
    assert elapsed < TIMEOUT + 10
    status, _, body = get(server.endpoint + "?" + urlencode({"query": COUNT}), headers={"Accept": "text/csv"})
    assert status == 200 and int(body.decode().split()[1]) == _count_direct(store_path)


@pytest.mark.slow
def test_serve_answers_with_articles_committed_while_it_runs(tmp_path, seeds_copy):
    location = tmp_path / "grow.kg"
    articles = sorted(str(p) for p in seeds_copy.iterdir() if p.suffix in (".txt", ".html"))
    build(articles[:1], store=str(location), extractors=[HANDBUILT])
    running = Server(location)
    try:
        def served_count():
            status, _, body = get(running.endpoint + "?" + urlencode({"query": COUNT}), headers={"Accept": "text/csv"})
            assert status == 200
            return int(body.decode().split()[1])

        before = served_count()
        build(articles, store=str(location), extractors=[HANDBUILT])  # readers never hold the writer back
        assert served_count() > before
    finally:
        running.stop()


# ---------------------------------------------------------------------- the query page in Chromium


from test_view_browser import browser  # noqa: E402,F401  (the real headless Chromium fixture)


@pytest.mark.browser
def test_serve_page_runs_a_query_offline_in_chromium(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get("about:blank")
    browser.get_log("performance")
    browser.get(server.url)
    wait = WebDriverWait(browser, 60)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#named option")) > 1)
    browser.find_element(By.ID, "run").click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#results table tbody tr")))
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results th")]
    assert headers == ["type", "entities"]
    assert "rows in" in browser.find_element(By.ID, "status").text

    Select(browser.find_element(By.ID, "named")).select_by_value("entity")
    box = browser.find_element(By.CSS_SELECTOR, "#binds input[name=entity]")
    box.send_keys("blinken")
    browser.find_element(By.ID, "run").click()
    wait.until(lambda d: "Antony Blinken" in d.find_element(By.ID, "results").text)

    browser.find_element(By.ID, "named").send_keys("")
    Select(browser.find_element(By.ID, "named")).select_by_value("")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    browser.find_element(By.ID, "run").click()
    wait.until(lambda d: "SERVICE is refused" in d.find_element(By.ID, "status").text)

    requests = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    urls = {m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"}
    assert urls and all(u.startswith(server.url) for u in urls), urls
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "400" not in e["message"]] == []


# ---------------------------------------------------------------------- the benchmark stays runnable


@pytest.mark.slow
def test_serve_bench_runs_bounded_on_a_small_store(store_path, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import bench_serve

    out = tmp_path / "results.json"
    out.write_text(json.dumps({"kept": 1}))
    code = bench_serve.main(["--store", str(store_path), "--clients", "1", "3", "--seconds", "0.3", "--requests", "6",
                             "--queries", "sanctions", "entity", "--output", str(out)])
    assert code == 0
    results = json.loads(out.read_text())
    assert results["kept"] == 1
    for name in ("sanctions", "entity"):
        for clients in ("1", "3"):
            entry = results["serve"]["queries"][name][clients]
            assert 1 <= entry["requests"] <= 6 and entry["latency_median_ms"] > 0 and "errors" not in entry


# ---------------------------------------------------------------------- start-up errors


def test_serve_busy_port_or_missing_store_is_one_line(runner, store_path, tmp_path):
    import socket

    from kg.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--store", str(store_path), "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: cannot listen on 127.0.0.1:{port}") and "--port" in result.stderr
    result = runner.invoke(main, ["serve", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 3 and "no kg store here" in result.stderr
