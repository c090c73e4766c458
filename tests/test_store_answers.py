"""Answers worked out at build time: the standing named queries answer from files the build wrote,
exactly as the store would compute them, and never once the store has changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.build import build
from kg.queries import named_queries, query, standing
from kg.store import open_store, record

from conftest import HANDBUILT

STANDING = sorted(name for name, q in named_queries().items() if not any(b.required for b in q.binds))


@pytest.fixture
def store(tmp_path, seeds_copy, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    build(["seeds"], store=".kg", extractors=[HANDBUILT])
    return tmp_path / ".kg"


def answered(location: Path) -> dict:
    """Key → file of every answer a reader of ``location`` would read instead of computing it."""
    keys = (record.answer_key(text, {k: _ox(v) for k, v in bindings.items()}) for text, bindings in standing())
    return {key: path for key in keys if (path := record.answer(location, key)) is not None}


def _ox(term):
    from kg.graph.terms import to_oxigraph

    return to_oxigraph(term)


def test_answers_a_build_worked_out_are_the_answers_the_store_computes(store):
    assert len(answered(store)) == len(standing()) == len(STANDING)
    with open_store(store) as reader:
        read = {name: query(reader, name).rows for name in STANDING}
        pages = {name: query(reader, name, limit=2, offset=1).rows for name in STANDING}
    (store / record.RECORD).unlink()  # now every query is computed
    assert not answered(store)
    with open_store(store) as reader:
        for name in STANDING:
            assert query(reader, name).rows == read[name], name
            assert query(reader, name, limit=2, offset=1).rows == pages[name], name
    assert any(read.values())


def test_answers_are_not_read_once_the_store_changes(store):
    with open_store(store, write=True) as writer:
        assert not answered(store), "a writer has the store open: its files are not those the answers knew"
        aid = next(iter(writer.articles()))
        writer.add_sources(aid, ["elsewhere.txt"])
    assert not answered(store)
    with open_store(store) as reader:
        files = [str(row["files"]) for row in query(reader, "articles").rows]
    assert any("elsewhere.txt" in f for f in files)


def test_answers_are_worked_out_again_by_the_next_build_that_writes_and_kept_by_one_that_does_not(store, seeds_copy):
    before = set(answered(store).values())
    assert build(["seeds"], store=".kg", extractors=[HANDBUILT]).unchanged > 0
    assert set(answered(store).values()) == before
    for path in seeds_copy.iterdir():  # the same files, touched: read again, nothing written
        os.utime(path)
    report = build(["seeds"], store=".kg", extractors=[HANDBUILT])
    assert (report.new, report.replaced, report.batches) == (0, 0, 0)
    assert set(answered(store).values()) == before
    (seeds_copy / "extra.txt").write_text("Sanctions\n\nJoe Biden agreed to lift sanctions on China.\n")
    build(["seeds"], store=".kg", extractors=[HANDBUILT])
    after = answered(store)
    assert len(after) == len(STANDING) and not set(after.values()) & before
    assert sorted(p.name for p in (store / record.ANSWERS).iterdir()) == sorted(p.name for p in after.values())
    with open_store(store) as reader:
        assert any(row["imposer"].value == "Joe Biden" for row in query(reader, "sanctions").rows)
