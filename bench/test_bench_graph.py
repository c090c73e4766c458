"""Benchmarks of the graph half (``make bench``): build, store, queries, validation.

The corpus is ``$KG_BENCH_CORPUS`` (e.g. the 2,225 BBC articles), else 2,000 generated articles of
about the BBC corpus's size.
Extraction is the synthetic :mod:`dense_extractor` of this folder (or none): what is measured is
ingest → graph → validation → store, and queries over the result. Targets (a whole BBC build with
the real extractors under 60 s) are checked by reading these numbers, not by failing tests.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

import pytest

import kg
from kg.queries import named_queries, query
from kg.store import open_store
from kg.validate import validate

sys.path.insert(0, str(Path(__file__).resolve().parent))  # dense_extractor, beside this file
DENSE = "dense_extractor:Dense"
SENTENCES = [
    "Tony Blair met Gordon Brown in London on Monday.", "The United States and Acme Group agreed to cooperate.",
    "Officials said the sanctions on Global Bank would stay.", "Markets rose slightly in early trading.",
    "The company reported higher profits for the third quarter.", "Analysts expect the figures to improve next year.",
    "The minister declined to comment on the report.", "Shares fell by two percent after the announcement.",
]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    given = os.environ.get("KG_BENCH_CORPUS")
    if given:
        return Path(given)
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(0)
    for i in range(2000):  # about the BBC corpus's size and density of names
        body = " ".join(rng.choice(SENTENCES) for _ in range(25))
        (folder / f"{i:04d}.txt").write_text(f"Article {i}\n\n{body}\n")
    return folder


@pytest.fixture(scope="session")
def dense_store(corpus, tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("store") / "kg")
    kg.build([corpus], store=location, extractors=[DENSE])
    return location


@pytest.mark.parametrize("extractors", [[], [DENSE]], ids=["no-extractors", "dense"])
def test_bench_build(benchmark, corpus, tmp_path, extractors):
    location = tmp_path / "kg"

    def setup():
        shutil.rmtree(location, ignore_errors=True)

    report = benchmark.pedantic(lambda: kg.build([corpus], store=str(location), extractors=extractors),
                                setup=setup, rounds=2, iterations=1)
    benchmark.extra_info.update(articles=report.articles, triples=report.triples,
                                timings={k: round(v, 3) for k, v in report.timings.items()},
                                store_bytes=sum(f.stat().st_size for f in location.rglob("*") if f.is_file()))


def test_bench_rebuild_unchanged(benchmark, corpus, dense_store):
    report = benchmark.pedantic(lambda: kg.build([corpus], store=dense_store, extractors=[DENSE]), rounds=3)
    assert report.new == 0


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_bench_named_query(benchmark, dense_store, name):
    with open_store(dense_store) as store:
        answer = benchmark.pedantic(lambda: query(store, name, {"entity": "Tony Blair"} if name == "entity" else None),
                                    rounds=3)
    benchmark.extra_info["rows"] = len(answer.rows)


@pytest.mark.parametrize("fast", [True, False], ids=["compiled", "pyshacl"])
def test_bench_validate_store(benchmark, dense_store, fast):
    with open_store(dense_store) as store:
        report = benchmark.pedantic(lambda: validate(store, fast=fast), rounds=1)
    benchmark.extra_info["triples"] = report.triples
