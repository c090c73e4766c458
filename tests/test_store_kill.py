"""A build killed at any moment leaves every article fully present or fully absent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kg.extract import run
from kg.graph.rdf import article_quads
from kg.ingest import read_paths
from kg.resolve import resolve_across
from kg.store import open_store
from tests.fixtures_extractor import HandBuilt

from conftest import HANDBUILT, REPO

ARTICLES = 600
SENTENCES = [
    "China agreed to curb fentanyl exports.",
    "The United States is lifting sanctions on the Ministry of Public Security.",
    "Chemicals have been moving from China to Mexico.",
    "President Joe Biden and Xi are meeting in San Francisco.",
    "Secretary of State Antony Blinken spoke to CBS News.",
    "Fentanyl had been coming to the United States from China.",
]

KILL_AFTER_WRITING = textwrap.dedent("""
    import os, signal, sys
    import kg.store.oxigraph
    kg.store.oxigraph.CHUNK_QUADS = int(sys.argv[2])      # small transactions: many chances to be cut short
    from kg.build import build
    stop_after = int(sys.argv[1])

    def progress(stage, done, total):
        if stage == "write" and done >= stop_after:
            os.kill(os.getpid(), signal.SIGKILL)

    build(["articles"], store=".kg", extractors=["%s"], progress=progress)
""" % HANDBUILT)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder of articles, and the exact graph each one must have in the store."""
    root = tmp_path_factory.mktemp("kill")
    folder = root / "articles"
    folder.mkdir()
    for i in range(ARTICLES):
        body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(len(SENTENCES)))
        (folder / f"{i:04d}.txt").write_text(f"Report number {i}\n\n{body}\n\nFiled as item {i}.\n")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        articles = read_paths(["articles"]).articles
    finally:
        os.chdir(cwd)
    extractions = resolve_across([run(a, [HandBuilt()]) for a in articles], [])
    expected = {}
    for x in extractions:
        quads = article_quads(x, sources=[x.article.source], extracted_by=["tests.handbuilt/1"])
        expected[quads[0].graph_name.value] = set(quads)
    return root, expected


def env():
    return {**os.environ, "PYTHONPATH": str(REPO)}


def check(store_dir, expected) -> int:
    """Every article graph in the store is exactly its expected graph; returns how many there are."""
    with open_store(store_dir) as store:
        graphs: dict[str, set] = {}
        for q in store.ox_quads():
            graphs.setdefault(q.graph_name.value, set()).add(q)
        union = set(store.ox_triples())
    assert union == {q.triple for quads in graphs.values() for q in quads}, "the union is out of step"
    for name, quads in graphs.items():
        assert quads == expected[name], f"article graph {name} is partial"
    return len(graphs)


def fresh(root):
    import shutil

    shutil.rmtree(root / ".kg", ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("stop_after", [1, ARTICLES // 3, ARTICLES - 5])
def test_kill_after_some_transactions_leaves_whole_articles_only(corpus, stop_after):
    root, expected = corpus
    fresh(root)
    result = subprocess.run([sys.executable, "-c", KILL_AFTER_WRITING, str(stop_after), "1500"], cwd=root, env=env(),
                            capture_output=True)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    present = check(root / ".kg", expected)
    assert stop_after <= present < ARTICLES
    kg = os.path.join(os.path.dirname(sys.executable), "kg")
    again = subprocess.run([kg, "build", "articles", "-e", HANDBUILT, "--json"], cwd=root, env=env(), capture_output=True)
    assert again.returncode == 0, again.stderr.decode()
    assert b'"unchanged": %d' % present in again.stdout
    assert check(root / ".kg", expected) == ARTICLES


@pytest.fixture(scope="module")
def duration(corpus) -> float:
    """Seconds an unkilled ``kg build`` of the corpus takes."""
    root, _ = corpus
    fresh(root)
    start = time.perf_counter()
    subprocess.run([KG, "build", "articles", "-e", HANDBUILT], cwd=root, env=env(), check=True, capture_output=True)
    return time.perf_counter() - start


KG = os.path.join(os.path.dirname(sys.executable), "kg")


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.75, 0.9, 0.97])
def test_kill_at_any_moment_leaves_whole_articles_only(corpus, duration, fraction):
    """SIGKILL a real ``kg build`` late in its run, when it writes (timed from an unkilled build)."""
    root, expected = corpus
    kg = KG
    fresh(root)
    process = subprocess.Popen([kg, "build", "articles", "-e", HANDBUILT], cwd=root, env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(duration * fraction)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if (root / ".kg").exists():
        check(root / ".kg", expected)
