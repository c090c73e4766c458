"""Whatever runs the extraction — this process, a process pool, a Dask cluster — the graph is the
same, byte for byte."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS, run_kg
from test_store_kill import news_article


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """The seeds and 60 generated articles that name the same people in several batches."""
    root = tmp_path_factory.mktemp("executors")
    shutil.copytree(SEEDS, root / "articles")
    for i in range(60):
        (root / "articles" / f"news-{i:03d}.txt").write_text(news_article(i))
    return root


def export(root, store: str) -> bytes:
    out = root / f"{store}.nq"
    result = run_kg("export", "--store", store, "--format", "nquads", "-o", str(out), cwd=root)
    assert result.returncode == 0, result.stderr.decode()
    return out.read_bytes()


@pytest.fixture(scope="module")
def in_process(articles) -> bytes:
    result = run_kg("build", "articles", "--store", "jobs-1", "--jobs", "1", "--batch", "16", cwd=articles)
    assert result.returncode == 0, result.stderr.decode()
    assert b"workers     in process; 4 batches written" in result.stdout
    return export(articles, "jobs-1")


@pytest.mark.slow
@pytest.mark.parametrize("options, says", [
    (["--jobs", "2"], b"2 processes"),
    (["--scheduler", "local:2"], b"Dask LocalCluster, 2 workers"),
])
def test_build_on_other_executors_writes_the_same_nquads_as_in_process(articles, in_process, options, says):
    store = "store-" + "-".join(o.strip("-:") for o in options)
    result = run_kg("build", "articles", "--store", store, "--batch", "16", *options, cwd=articles, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert says in result.stdout
    assert export(articles, store) == in_process


@pytest.mark.parametrize("options, message", [
    (["--scheduler", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler tcp://127.0.0.1:9"),
    (["--scheduler", "local:none"], "local:N needs a number of workers"),
])
def test_build_a_scheduler_that_cannot_be_used_is_one_clear_line(articles, options, message):
    result = run_kg("build", "articles", "--store", "never", *options, cwd=articles, timeout=120)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err and "Traceback" not in err
    assert not (articles / "never").exists()
