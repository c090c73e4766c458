"""A build killed at any moment keeps every batch it committed, each article whole; run again, it
resumes where it stopped and ends with the graph of a build that was never interrupted."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kg.store import open_store

from conftest import HANDBUILT, REPO

KG = os.path.join(os.path.dirname(sys.executable), "kg")
ARTICLES = 300

SENTENCES = [
    "China agreed to curb fentanyl exports.",
    "The United States is lifting sanctions on the Ministry of Public Security.",
    "Chemicals have been moving from China to Mexico.",
    "President Joe Biden and Xi are meeting in San Francisco.",
    "Secretary of State Antony Blinken spoke to CBS News.",
    "Fentanyl had been coming to the United States from China.",
]

# People named in full in some articles and by surname in others, so that resolving a batch
# depends on what earlier batches stored.
PEOPLE = ["Maria Elena Ochoa", "Daniel Okafor", "Priya Raghunathan", "Tomasz Wieczorek", "Hannah Lindqvist",
          "Rafael Quintero", "Aiko Matsuda", "Samuel Achterberg"]
NEWS = [
    "{full}, a spokesperson for the Drug Enforcement Administration, said {country} had seized 40 kilograms of fentanyl.",
    "Officials in {country} said the cocaine had been shipped from Colombia to {country}.",
    "{surname} told reporters that the Treasury Department had imposed sanctions on two companies in {country}.",
    "Prosecutor {full} said methamphetamine was smuggled from Myanmar into {country}.",
    "{country} pledged to stop the flow of precursor chemicals, {surname} said.",
]
COUNTRIES = ["Mexico", "Canada", "Australia", "Nigeria", "India", "Peru", "Thailand", "Germany"]


def news_article(i: int) -> str:
    rng = random.Random(i)
    lines = []
    for k in range(4):
        full = rng.choice(PEOPLE)
        surname = full.split()[-1] if i % 3 else full
        lines.append(NEWS[(i + k) % len(NEWS)].format(full=full, surname=surname, country=rng.choice(COUNTRIES)))
    return f"Drug report number {i}\n\n" + " ".join(lines) + f"\n\nFiled as item {i}.\n"


def env():
    return {**os.environ, "PYTHONPATH": str(REPO)}


def graphs_of(store_dir) -> dict[str, set]:
    """Every article graph in the store (after checking that the union is the set of their triples)."""
    with open_store(store_dir) as store:
        graphs: dict[str, set] = {}
        for q in store.ox_quads():
            graphs.setdefault(q.graph_name.value, set()).add(q)
        assert set(store.ox_triples()) == {q.triple for quads in graphs.values() for q in quads}, \
            "the union is out of step"
    return graphs


def check(store_dir, expected: dict[str, set]) -> int:
    """Every article graph in the store is exactly its expected graph; returns how many there are."""
    present = graphs_of(store_dir)
    assert all(present[name] == expected[name] for name in present), "an article graph is partial"
    return len(present)


def build_command(*extra: str) -> list[str]:
    return [KG, "build", "articles", "--batch", "20", *extra]


_CORPUS: dict = {}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """300 articles and the graphs of a clean build of them (by article graph), with and without
    the hand-built extractor; and how long each clean build took. Made once per test process (the
    readers', faults' and remote stores' tests use it too, each with stores of its own)."""
    if _CORPUS:
        return _CORPUS["root"], _CORPUS["clean"]
    root = tmp_path_factory.mktemp("kill")
    folder = root / "articles"
    folder.mkdir()
    for i in range(ARTICLES):
        body = news_article(i) if i % 2 else (
            f"Report number {i}\n\n" + " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(6)) + "\n")
        (folder / f"{i:04d}.txt").write_text(body)
    clean = {}
    for name, extra in (("handbuilt", ("-e", HANDBUILT)), ("default", ())):
        start = time.perf_counter()
        subprocess.run(build_command("--store", f"clean-{name}", *extra), cwd=root, env=env(), check=True,
                       capture_output=True)
        clean[name] = (graphs_of(root / f"clean-{name}"), time.perf_counter() - start)
    _CORPUS.update(root=root, clean=clean)
    return root, clean


KILL_AFTER_BATCHES = textwrap.dedent("""
    import os, signal, sys
    from kg.build import build
    stop_after = int(sys.argv[1])

    def progress(stage, done, total):
        if stage == "write" and done >= stop_after:
            os.kill(os.getpid(), signal.SIGKILL)

    build(["articles"], store=sys.argv[2], extractors=["%s"], progress=progress, batch=20)
""" % HANDBUILT)


@pytest.mark.slow
@pytest.mark.parametrize("stop_after", [1, 100, 280])
def test_kill_after_a_batch_keeps_every_batch_committed_and_the_rerun_resumes(corpus, stop_after):
    root, clean = corpus
    expected, _ = clean["handbuilt"]
    store = f"after-{stop_after}"
    result = subprocess.run([sys.executable, "-c", KILL_AFTER_BATCHES, str(stop_after), store], cwd=root, env=env(),
                            capture_output=True)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    present = graphs_of(root / store)
    assert len(present) == -(-stop_after // 20) * 20, "whole batches only"
    assert all(present[name] == expected[name] for name in present), "an article graph is partial"
    again = subprocess.run(build_command("--store", store, "-e", HANDBUILT), cwd=root, env=env(), capture_output=True)
    assert again.returncode == 0, again.stderr.decode()
    assert f"{len(present)} articles already in the store; extracting the other {300 - len(present)}" in \
        again.stderr.decode()
    assert graphs_of(root / store) == expected


@pytest.mark.slow
def test_kill_at_ten_random_moments_then_resume_equals_a_clean_build(corpus):
    """SIGKILL a real ``kg build`` (the built-in extractors) at ten random moments, each run
    resuming the one before: every article stored is always the clean build's article graph, and
    the last run ends with the clean build's graph."""
    root, clean = corpus
    expected, duration = clean["default"]
    rng = random.Random(14)
    store = "killed"
    counts, landed = [0], 0
    for _ in range(10):
        if counts[-1] == ARTICLES:  # the last run finished: start again, so that kills land inside a build
            shutil.rmtree(root / store)
            counts = [0]
            duration *= 0.6
        process = subprocess.Popen(build_command("--store", store), cwd=root, env=env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        present = graphs_of(root / store) if (root / store).exists() else {}
        assert all(present[name] == expected[name] for name in present), "an article graph differs"
        assert len(present) >= counts[-1], "a kill lost committed articles"
        if len(present) == counts[-1]:
            duration *= 1.5  # killed before its first batch: a busier machine than the clean build's
        landed += 0 < len(present) < ARTICLES
        counts.append(len(present))
    assert landed, "no kill landed while the build was writing"
    subprocess.run(build_command("--store", store), cwd=root, env=env(), check=True, capture_output=True)
    assert graphs_of(root / store) == expected
