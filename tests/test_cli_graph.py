"""kg build, stats and validate as a user types them; every command documents itself."""

from __future__ import annotations

import json

import pytest

from kg.cli import main

from conftest import HANDBUILT


def test_cli_build_prints_a_short_summary(runner, seeds_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "seeds", "-e", HANDBUILT])
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert set(lines) == {"store", "articles", "entities", "relations", "extractors", "workers", "skipped", "time"}
    assert lines["workers"] == "in process; 1 batch written"
    assert lines["articles"].startswith("3 read: 3 new, 0 replaced, 0 unchanged; 0 removed; 3 in the store")
    assert "Sanction 4" in lines["relations"] and "Country 3" in lines["entities"]
    assert "seeds/gold.json" in lines["skipped"]


def test_cli_build_json_is_the_build_report(runner, seeds_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = json.loads(runner.invoke(main, ["build", "seeds", "-e", HANDBUILT, "--json"]).stdout)
    assert (report["new"], report["articles"], report["extractors"]) == (3, 3, ["tests.handbuilt/1"])
    assert report["relations"]["Sanction"] == 4 and report["seconds"] > 0
    again = json.loads(runner.invoke(main, ["build", "seeds", "-e", HANDBUILT, "--json"]).stdout)
    assert (again["unchanged"], again["triples"]) == (3, report["triples"])


def test_cli_build_with_a_memory_store_leaves_nothing_on_disk(runner, seeds_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "seeds", "--store", "memory", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["articles"] == 3
    assert not (tmp_path / ".kg").exists() and not (tmp_path / "memory").exists()


def test_cli_build_of_nothing_readable_is_an_input_error(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "missing.txt"])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_cli_stats_counts_by_type(built, runner):
    result = runner.invoke(main, ["stats"])
    lines = {k.strip(): v for k, v in (line.rsplit(None, 1) for line in result.stdout.splitlines())}
    assert lines["articles"] == "3" and lines["Sanction"] == "4"
    counts = json.loads(runner.invoke(main, ["stats", "--json"]).stdout)
    assert int(lines["relations"]) == sum(counts["relations"].values())


NONCONFORMING = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/us> a kg:Country ; rdfs:label "United States" .
<https://example.org/cn> a kg:Country ; rdfs:label "China", "PRC" .
<https://example.org/s1> a kg:Sanction ; kg:subject <https://example.org/us> ; kg:object <https://example.org/cn> .
"""


@pytest.mark.parametrize("fast", [[], ["--fast"]])
def test_cli_validate_exit_codes(built, runner, tmp_path, fast):
    assert runner.invoke(main, ["export", "-o", "good.ttl"]).exit_code == 0
    good = runner.invoke(main, ["validate", "good.ttl", *fast])
    assert good.exit_code == 0 and "conforms" in good.stdout
    assert runner.invoke(main, ["validate", *fast]).exit_code == 0
    (tmp_path / "bad.ttl").write_text(NONCONFORMING)
    bad = runner.invoke(main, ["validate", "bad.ttl", *fast])
    assert bad.exit_code == 1 and "does not conform" in bad.stdout
    assert "https://example.org/cn label" in bad.stdout and "https://example.org/s1 status" in bad.stdout
    (tmp_path / "broken.ttl").write_text("<a> <b> .")
    assert runner.invoke(main, ["validate", "broken.ttl", *fast]).exit_code == 2
    assert runner.invoke(main, ["validate", "absent.ttl", *fast]).exit_code == 2


def test_cli_validate_json_lists_violations(built, runner, tmp_path):
    (tmp_path / "bad.ttl").write_text(NONCONFORMING)
    report = json.loads(runner.invoke(main, ["validate", "bad.ttl", "--json"]).stdout)
    assert report["conforms"] is False and {v["path"] for v in report["violations"]} >= {"label", "status", "evidence"}


@pytest.mark.parametrize("command", ["build", "query", "export", "validate", "stats"])
def test_cli_every_graph_command_has_help_with_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and f"kg {command}" in result.output


@pytest.mark.parametrize("command", ["build", "query", "export", "validate", "stats"])
def test_cli_every_graph_command_is_documented_in_the_readme(command):
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"### `kg {command}" in readme and f"$ kg {command}" in readme


@pytest.mark.parametrize("name", ["articles", "entities", "entity", "evidence", "people", "pledges", "sanctions",
                                  "sources", "supply-routes"])
def test_cli_every_named_query_is_listed_in_the_readme(name):
    from conftest import REPO
    from kg.queries import named_queries

    assert name in named_queries()
    assert f"\n{name} " in (REPO / "README.md").read_text(encoding="utf-8")
