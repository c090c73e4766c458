"""The benchmark suite runs end to end on a tiny corpus (it is not a test of speed: `make bench` is)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import run as bench  # noqa: E402
import synthetic  # noqa: E402


def _tiny_corpus(root):
    for category in ("business", "tech"):
        for i in range(3):
            path = root / category / f"{i:03}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"Headline {category} {i}\n\nChina and Mexico agreed on fentanyl controls, story {i}.\n")
    (root / "README.TXT").write_text("not an article\n")
    return root


def _statuses(parts):
    """Every leaf measurement of the results, flattened to (where, entry)."""
    for part, entries in parts.items():
        for key, entry in entries.items():
            if "seconds" in entry or "skipped" in entry or "failed" in entry:
                yield f"{part} {key}", entry
            else:
                yield from ((f"{part} {key} {q}", e) for q, e in entry.items())


@pytest.mark.slow
def test_bench_runs_on_a_tiny_corpus(tmp_path):
    out = tmp_path / "results.json"
    code = bench.main(["--corpus", str(_tiny_corpus(tmp_path / "corpus")), "--repeats", "1", "--synthetic-triples", "3000",
                       "--view-sizes", "20", "--scales", "1", "2", "--out", str(out)])
    assert code == 0
    results = json.loads(out.read_text())
    assert results["machine"]["cpus"] >= 1 and results["machine"]["python"]
    assert results["corpus"]["articles"] == 6  # the README is not an article
    leaves = dict(_statuses(results["parts"]))
    failed = {k: e["failed"] for k, e in leaves.items() if "failed" in e}
    assert failed == {}
    for where, entry in leaves.items():
        assert "seconds" in entry or entry["skipped"].startswith("skipped: "), where
    assert leaves["sparql synthetic kg store bench:entities-by-type"]["rows"] == 6
    assert leaves["sparql synthetic computed first 100 rows bench:label-search"]["rows"] <= bench.FIRST_ROWS
    answered = {k.split()[-1] for k, e in leaves.items() if k.startswith("sparql synthetic kg store ") and e.get("answered")}
    assert {"evidence", "sources", "articles"} <= answered and "entity" not in answered
    for name in ("evidence", "sources", "entities"):  # the kept answer is the computed one
        assert leaves[f"sparql synthetic kg store {name}"]["rows"] == leaves[f"sparql synthetic computed {name}"]["rows"] > 0
    assert {f"startup kg {' '.join(a)}" for a in bench.STARTUP_COMMANDS} <= set(leaves)
    targets = results["targets"]
    assert all(t["met"] == (t["value"] <= t["target"]) for t in targets.values())
    assert {"1M quads into a new store (s)", "kg --version (s)", "slowest named query, 1M quads, first 100 rows (s)"} <= set(targets)
    if "seconds" in leaves.get("tokenizer 1x", {}):
        assert "build 1x / tokenizer alone" in targets and "build 4x / build 1x" not in targets  # no 4x run here
    assert "| target (issue 12) |" in bench.report(results)
    assert leaves["eval synthetic"]["seconds"] > 0
    if "seconds" in leaves.get("build 1x", {}):
        assert leaves["build 1x"]["articles"] == 6 and leaves["build 2x"]["articles"] == 12
        extraction = leaves["extraction 1x"]
        assert extraction["articles"] == 6 and extraction["ratio_to_tokenizer"] > 1
        assert "| extraction alone, one process (CPU) |" in bench.report(results)
    assert "| SPARQL query |" in bench.report(results)


def test_bench_without_corpus_skips_with_a_clear_message(tmp_path):
    out = tmp_path / "results.json"
    bench.main(["--corpus", str(tmp_path / "absent"), "--repeats", "1", "--synthetic-triples", "500", "--view-sizes", "10",
                "--out", str(out)])
    parts = json.loads(out.read_text())["parts"]
    assert parts["build"]["BBC"]["skipped"] == f"skipped: no corpus at {tmp_path / 'absent'} (set KG_CORPUS or pass --corpus)"
    assert parts["sparql"]["BBC default store"]["skipped"].startswith("skipped: no corpus")


@pytest.mark.parametrize("copies, articles", [(1, 6), (3, 18)])
def test_bench_copies_are_distinct_articles(tmp_path, copies, articles):
    corpus = _tiny_corpus(tmp_path / "corpus")
    files = bench.corpus_files(corpus)
    sizes = bench.make_copies(files, corpus, tmp_path / "copies", copies)
    texts = [p.read_bytes() for p in (tmp_path / "copies").rglob("*.txt")]
    assert sizes["articles"] == len(texts) == len(set(texts)) == articles


@pytest.mark.parametrize("target", [2_000, 50_000])
def test_bench_synthetic_graph_has_about_the_size_asked(target):
    lines = sum(1 for _ in synthetic.synthetic_nquads(articles=synthetic.articles_for(target)))
    assert 0.9 * target <= lines <= 1.1 * target


@pytest.mark.parametrize("long_run, runs", [(60.0, 3), (0.0, 1)])
def test_bench_a_measurement_as_long_as_long_run_is_not_repeated(monkeypatch, tmp_path, long_run, runs):
    monkeypatch.setattr(bench, "LONG_RUN", long_run)
    args = argparse.Namespace(repeats=3, budget=1.0, out=str(tmp_path / "results.json"), corpus=str(tmp_path),
                              synthetic_triples=500, view_sizes=[10], scales=[1])
    suite = bench.Bench(args)
    calls = []
    try:
        result = suite.timed(lambda: calls.append(1) or [1, 2])
    finally:
        shutil.rmtree(suite.work)
    assert len(calls) == len(result["runs"]) == runs
    assert result["rows"] == 2
