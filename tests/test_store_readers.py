"""Readers never wait: while a real build writes, queries succeed and see whole articles only.

A writer in another process adds articles transaction by transaction; this process reads the store
again and again meanwhile (the library's reading side, and ``kg query`` / ``kg stats`` as a user
types them). Every read must succeed, every article graph it sees must be exactly the article's
whole graph (article node, relations, evidence), the union must match the article graphs, and the
number of articles seen must never go down.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from conftest import HANDBUILT, run_kg
from test_store_kill import KG, check, corpus, env  # noqa: F401  (corpus is a fixture)

#: A writer as the batched build writes: one ``put_articles`` per batch of whole articles, then a
#: flush (which closes and reopens RocksDB: the moment a reader's open could race with). It pauses
#: a quarter of a second after each batch, so that readers, slow on a loaded machine, open the
#: store between batches many times (the bulk ingestion writes 300 articles in well under the time
#: of one read).
BATCHES = textwrap.dedent("""
    import sys
    import time
    from kg.extract import run
    from kg.graph.rdf import article_quads
    from kg.ingest import read_paths
    from kg.resolve import resolve_across
    from kg.store import open_store
    from tests.fixtures_extractor import HandBuilt

    size = int(sys.argv[1])
    articles = read_paths(["articles"]).articles
    extractions = resolve_across([run(a, [HandBuilt()]) for a in articles], [])
    graphs = {x.article.id: article_quads(x, sources=[x.article.source], extracted_by=["tests.handbuilt/1"])
              for x in extractions}
    ids = sorted(graphs)
    with open_store(".kg", write=True) as store:
        print("writing", flush=True)
        for start in range(0, len(ids), size):
            store.put_articles({aid: graphs[aid] for aid in ids[start:start + size]})
            store.flush()
            time.sleep(0.25)
""")


def _fresh_store_with_some(root, expected) -> int:
    """Start from a store that already holds some articles (a reader needs a store to open)."""
    import shutil

    shutil.rmtree(root / ".kg", ignore_errors=True)
    few = [f"articles/{path.name}" for path in sorted((root / "articles").iterdir())[:10]]
    subprocess.run([KG, "build", *few, "-e", HANDBUILT], cwd=root, env=env(), check=True, capture_output=True)
    return check(root / ".kg", expected)


def _read_while(process: subprocess.Popen, root, expected) -> list[int]:
    """Read the store until the writer ends: the articles seen by each read, in order."""
    seen = []
    while process.poll() is None:
        seen.append(check(root / ".kg", expected))
        if len(seen) % 5 == 0:
            result = run_kg("query", "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }",
                            "--format", "csv", cwd=root)
            assert (result.returncode, result.stderr) == (0, b""), result.stderr.decode()
            seen.append(int(result.stdout.split()[-1]))
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("writer", ["kg build", "batches of 10, flushed"])
def test_readers_see_whole_articles_only_and_never_fewer_while_a_build_writes(corpus, writer):
    root, clean = corpus
    expected, _ = clean["handbuilt"]
    before = _fresh_store_with_some(root, expected)
    if writer == "kg build":
        process = subprocess.Popen([KG, "build", "articles", "-e", HANDBUILT], cwd=root, env=env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    else:
        process = subprocess.Popen([sys.executable, "-c", BATCHES, "10"], cwd=root, env=env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout.readline().strip() == b"writing", process.stderr.read().decode()
    start = time.monotonic()
    try:
        seen = _read_while(process, root, expected)
    finally:
        process.kill() if process.poll() is None else None
        process.wait()
    assert process.returncode == 0, process.stderr.read().decode()
    assert len(seen) >= 3, f"only {len(seen)} reads in {time.monotonic() - start:.1f} s of writing"
    assert seen == sorted(seen), f"a reader saw fewer articles than the one before it: {seen}"
    assert before <= seen[0] and seen[-1] <= len(expected)
    assert check(root / ".kg", expected) == len(expected)
    if writer != "kg build":
        assert len(set(seen)) > 2, f"the reads saw no batch arrive: {seen}"


def test_readers_keep_their_snapshot_until_they_refresh(built, tmp_path, seeds_copy):
    from kg.store import open_store

    with open_store(built) as reader:
        before = len(reader.articles())
        (seeds_copy / "new.txt").write_text("China agreed to curb fentanyl exports.\n\nChina agreed again.\n")
        result = run_kg("build", "seeds", "-e", HANDBUILT, cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        assert len(reader.articles()) == before
        reader.refresh()
        assert len(reader.articles()) == before + 1
