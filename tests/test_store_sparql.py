"""A SPARQL 1.1 server as the store: real Oxigraph server and Virtuoso on loopback, against the embedded store.

The servers are started once per session (tests/servers.py). A missing server skips these tests
with the reason; with ``KG_REQUIRE_SERVERS=1`` (CI) it fails them.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from kg.build import build
from kg.errors import StoreError
from kg.store import open_store
from kg.store.sparql import SparqlStore, endpoints, redact

from conftest import HANDBUILT, REPO, run_kg
from servers import SERVERS, Unavailable, clear, start
from test_store_kill import ARTICLES, check, corpus  # noqa: F401  (the kill tests' corpus fixture)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session", params=SERVERS)
def server(request, tmp_path_factory):
    """A running server (one per kind for the whole session)."""
    try:
        with start(request.param, tmp_path_factory.mktemp(request.param)) as running:
            yield running
    except Unavailable as why:
        if os.environ.get("KG_REQUIRE_SERVERS") == "1":
            pytest.fail(f"KG_REQUIRE_SERVERS=1 but {why}")
        pytest.skip(str(why))


@pytest.fixture
def remote(server):
    """The server with no kg graphs on it; its ``--store`` URL."""
    clear(server)
    return server.url


def quads(location) -> set:
    with open_store(location) as store:
        found = set(store.ox_quads())
        assert set(store.ox_triples()) == {q.triple for q in found}, "the union graph is out of step"
        return found


def counts(report) -> tuple:
    return report.read, report.new, report.replaced, report.unchanged, report.removed, report.articles, report.triples


def kg(*args, cwd, env=None):
    result = run_kg(*args, cwd=cwd) if env is None else subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "kg"), *args], cwd=cwd, capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **env}, timeout=300)
    return result


# ---------------------------------------------------------------- the same graph as the embedded store


@pytest.mark.parametrize("extractors", [[HANDBUILT], None], ids=["handbuilt", "default-extractors"])
def test_store_sparql_build_gives_the_embedded_stores_nquads(remote, tmp_path, seeds_copy, monkeypatch, extractors):
    monkeypatch.chdir(tmp_path)
    local = build(["seeds"], store=".kg", extractors=extractors)
    served = build(["seeds"], store=remote, extractors=extractors)
    assert counts(served) == counts(local)
    assert quads(remote) == quads(".kg")
    exports = [run_kg("export", "--format", "nquads", "--store", where, cwd=tmp_path) for where in (".kg", remote)]
    assert [e.returncode for e in exports] == [0, 0], exports[1].stderr.decode()
    assert sorted(exports[1].stdout.splitlines()) == sorted(exports[0].stdout.splitlines())
    assert len(exports[0].stdout.splitlines()) == len(quads(".kg"))


def test_store_sparql_rebuild_of_unchanged_input_writes_nothing(remote, tmp_path, seeds_copy, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build(["seeds"], store=remote, extractors=[HANDBUILT])
    before = quads(remote)
    updates = []
    sent = SparqlStore._update
    monkeypatch.setattr(SparqlStore, "_update", lambda self, text: (updates.append(text), sent(self, text)))
    report = build(["seeds"], store=remote, extractors=[HANDBUILT])
    assert (report.new, report.replaced, report.unchanged, report.removed) == (0, 0, report.read, 0)
    assert updates == []
    assert quads(remote) == before


@pytest.mark.parametrize("change", ["edit", "remove", "rename"])
def test_store_sparql_changed_and_removed_files_as_the_embedded_store(remote, tmp_path, seeds_copy, monkeypatch, change):
    monkeypatch.chdir(tmp_path)
    for where in (".kg", remote):
        build(["seeds"], store=where, extractors=[HANDBUILT])
    first = sorted(seeds_copy.glob("*.txt"))[0]
    if change == "edit":
        first.write_text(first.read_text() + "\nChina promised more controls on fentanyl.\n")
    elif change == "remove":
        first.unlink()
    else:
        first.rename(first.with_name("renamed.txt"))
    reports = [build(["seeds"], store=where, extractors=[HANDBUILT]) for where in (".kg", remote)]
    assert counts(reports[1]) == counts(reports[0])
    assert (reports[0].replaced > 0, reports[0].removed > 0) == {"edit": (True, False), "remove": (False, True),
                                                                 "rename": (False, False)}[change]
    assert quads(remote) == quads(".kg")


def test_store_sparql_server_row_limit_reads_in_parts_and_refuses_a_cut_answer(tmp_path, seeds_copy, monkeypatch):
    """Virtuoso answers at most ResultSetMaxRows rows (10,000 by default): kg reads the whole graph
    a few articles at a time, and refuses a query whose answer the server cut short."""
    monkeypatch.chdir(tmp_path)
    try:
        limited = start("virtuoso", tmp_path / "limited", max_rows=150)
    except Unavailable as why:
        if os.environ.get("KG_REQUIRE_SERVERS") == "1":
            pytest.fail(f"KG_REQUIRE_SERVERS=1 but {why}")
        pytest.skip(str(why))
    with limited as server:
        monkeypatch.setattr("kg.store.sparql.GRAPHS_PER_REQUEST", 2)
        build(["seeds"], store=".kg", extractors=[HANDBUILT])
        build(["seeds"], store=server.url, extractors=[HANDBUILT])
        assert quads(server.url) == quads(".kg") and len(quads(".kg")) > 150
        with open_store(server.url) as store, pytest.raises(StoreError, match="cut the answer short at 150 rows"):
            store.select("SELECT * WHERE { ?s ?p ?o }")


# ---------------------------------------------------------------- every reader through the CLI


READERS = [
    ("query", "sanctions", "--format", "csv"),
    ("query", "entity", "--bind", "entity=blinken", "--format", "csv"),
    ("query", "entity", "--bind", "entity=ANTHONY BLINKEN", "--format", "csv"),
    ("query", "entity", "--bind", "entity=<https://w3id.org/kg-news/id/person/antony-blinken-2b80f1a0>", "--format", "csv"),
    ("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"),
    ("query", "SELECT ?a (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?a a kg:Article . ?s ?p ?o } } GROUP BY ?a ORDER BY ?a",
     "--format", "csv"),
    ("stats", "--json"),
    ("export", "--format", "turtle"),
    ("validate", "--json"),
    ("analyze", "top", "--format", "json"),
]


def same(served: str, local: str) -> bool:
    """The same output (in JSON, but for the time it took)."""
    if served.startswith("{"):
        served, local = ({k: v for k, v in json.loads(out).items() if k != "seconds"} for out in (served, local))
    return served == local


def test_store_sparql_cli_readers_answer_as_on_the_embedded_store(remote, tmp_path, seeds_copy, runner, monkeypatch):
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["build", "seeds", "-e", HANDBUILT]).exit_code == 0
    built = run_kg("build", "seeds", "-e", HANDBUILT, "--store", remote, cwd=tmp_path)  # as a user types it
    assert built.returncode == 0, built.stderr.decode()
    assert f"store       {redact(remote)}\n".encode() in built.stdout and b"dba:dba" not in built.stdout
    shown = redact(remote)
    for args in READERS:
        local = runner.invoke(main, [*args, "--store", ".kg"])
        served = runner.invoke(main, list(args), env={"KG_STORE": remote}) if args[0] != "analyze" \
            else runner.invoke(main, [*args, "--store", remote])
        assert (served.exit_code, served.stderr) == (local.exit_code, local.stderr), args
        assert "dba:dba" not in served.stdout, args
        if args[0] == "export":
            from rdflib import Graph
            from rdflib.compare import isomorphic

            assert isomorphic(Graph().parse(data=served.stdout, format="turtle"),
                              Graph().parse(data=local.stdout, format="turtle"))
        else:
            assert same(served.stdout.replace(shown, ".kg"), local.stdout), args
    local = runner.invoke(main, ["eval", "seeds/gold.json", "--json", "--graph", ".kg"])
    served = runner.invoke(main, ["eval", "seeds/gold.json", "--json", "--graph", remote])
    assert served.exit_code == local.exit_code == 0, served.stderr
    assert same(served.stdout.replace(shown, ".kg"), local.stdout) and "dba:dba" not in served.stdout
    for where, page in [(".kg", "local.html"), (remote, "served.html")]:
        assert runner.invoke(main, ["view", "--store", where, "-o", page]).exit_code == 0
    assert (tmp_path / "served.html").read_text() == (tmp_path / "local.html").read_text()


# ---------------------------------------------------------------- a kill leaves whole articles


KILL = textwrap.dedent("""
    import os, signal, sys, threading
    import kg.store.sparql
    kg.store.sparql.CHUNK_QUADS = 3000       # many requests: many chances to be cut short
    from kg.build import build
    url, after, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    armed = []

    def progress(stage, done, total):
        if stage == "write" and done >= after and not armed:
            armed.append(threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL)))
            armed[0].start()               # delay 0: between two requests; else most likely during one

    build(["articles"], store=url, extractors=["%s"], progress=progress, batch=20)
""" % HANDBUILT)


def settle(url, pause=1.0, limit=120.0) -> None:
    """Wait until the server has applied the last request the killed build sent (it goes on with
    it): reading the article graphs and the union takes two requests, with no snapshot across them."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }"
    deadline, last = time.monotonic() + limit, None
    while time.monotonic() < deadline:
        with open_store(url) as store:
            now = store.select(count)[0]["n"].toPython()
        if now == last:
            return
        last = now
        time.sleep(pause)
    raise AssertionError("the server kept changing after the build was killed")


@pytest.mark.parametrize("after, delay", [(1, 0.0), (ARTICLES // 3, 0.05)])
def test_store_sparql_kill_of_a_build_leaves_whole_articles_only(remote, corpus, after, delay):  # noqa: F811
    root, clean = corpus
    expected, _ = clean["handbuilt"]
    result = subprocess.run([sys.executable, "-c", KILL, remote, str(after), str(delay)], cwd=root,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, timeout=600)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    settle(remote)
    present = check(remote, expected)
    assert after <= present < ARTICLES
    again = run_kg("build", "articles", "-e", HANDBUILT, "--json", "--store", remote, cwd=root, timeout=600)
    assert again.returncode == 0, again.stderr.decode()
    assert json.loads(again.stdout)["unchanged"] == present
    assert check(remote, expected) == ARTICLES


# ---------------------------------------------------------------- one clear line, exit 3


def one_error_line(result) -> str:
    """The error line of a failed ``kg`` (a subprocess, or click's in-process result)."""
    code = getattr(result, "returncode", getattr(result, "exit_code", None))
    err = result.stderr if isinstance(result.stderr, str) else result.stderr.decode()
    out = result.stdout if isinstance(result.stdout, str) else result.stdout.decode()
    lines = err.splitlines()
    assert code == 3, err
    assert lines and lines[0].startswith("kg: error: "), lines
    assert all(line.startswith("  hint: ") for line in lines[1:]) and len(lines) <= 2, lines
    assert "Traceback" not in err and "secret" not in err + out and "not-the-password" not in err + out
    return lines[0]


def kg_in_process(*args, env=None):
    from click.testing import CliRunner

    from kg.cli import main

    return CliRunner().invoke(main, list(args), env=env)


@pytest.mark.parametrize("server", ["virtuoso"], indirect=True)  # the Oxigraph server has no accounts
def test_store_sparql_wrong_password_is_one_line_exit_3(server, tmp_path, seeds_copy):
    wrong = server.url.replace("dba:dba@", "dba:not-the-password@")
    for args in [("build", "seeds", "-e", HANDBUILT, "--store", wrong)]:
        result = run_kg(*args, cwd=tmp_path)
        line = one_error_line(result)
        assert line.startswith(f"kg: error: {endpoints(wrong, {}).update}: ")
        assert "refused the update as 'dba' (HTTP 401)" in line
        assert b"not-the-password" not in result.stderr + result.stdout
    no_user = server.url.replace("dba:dba@", "")
    line = one_error_line(run_kg("build", "seeds", "-e", HANDBUILT, "--store", no_user, cwd=tmp_path))
    assert "the SPARQL server failed the update (HTTP 500" in line or "refused the update" in line


def _silent_listener():
    """A TCP port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held = []
    threading.Thread(target=lambda: [held.append(sock.accept()) for _ in range(8)], daemon=True).start()
    return sock


@pytest.mark.parametrize("case", ["unreachable", "timeout"])
def test_store_sparql_unusable_server_is_one_line_exit_3(case, tmp_path, seeds_copy, request):
    if case == "unreachable":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            url = f"http://u:secret@127.0.0.1:{s.getsockname()[1]}"
        env, expect = {}, "cannot reach the SPARQL server: connection refused"
    else:
        sock = _silent_listener()
        request.addfinalizer(sock.close)
        url, env, expect = f"http://127.0.0.1:{sock.getsockname()[1]}", {"KG_STORE_TIMEOUT": "1"}, "did not answer the query within 1 s"
    for args in READS_AND_WRITES:
        result = kg(*args, "--store", url, cwd=tmp_path, env=env) if args[0] == "build" else \
            kg_in_process(*args, "--store", url, env=env)
        line = one_error_line(result)
        named = endpoints(url, {}).query  # the first request: a build reads before it writes
        assert expect in line and line.startswith(f"kg: error: {named}: "), line


READS_AND_WRITES = [("build", "seeds", "-e", HANDBUILT), ("query", "sanctions"), ("export",)]


def test_store_sparql_missing_endpoint_is_one_line_exit_3(server, tmp_path, seeds_copy, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = server.url[: -len("/sparql")] if server.url.endswith("/sparql") else server.url
    url = base + "/no/such/place/query"
    for args in READS_AND_WRITES:
        line = one_error_line(kg_in_process(*args, "--store", url))
        assert line == f"kg: error: {endpoints(url, {}).query}: no SPARQL query endpoint here (HTTP 404)", line


def test_store_sparql_endpoints_never_carry_credentials():
    for url in ["http://me:pw@h:8890/sparql", "https://me:pw@h/ds/query", "http://me:pw@h:7878/"]:
        found = endpoints(url, {})
        assert "pw" not in found.query + found.update and (found.user, found.password) == ("me", "pw")
    with pytest.raises(StoreError, match="not an http"):
        endpoints("http://", {})
