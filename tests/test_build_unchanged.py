"""An unchanged rebuild reads nothing: the store keeps a fingerprint of what the last build read.

The fast answer must never be a wrong one: every change a build could see — a file edited, added,
removed or renamed, other extractors, another working directory, a write to the store by anyone,
a build that failed half-way — makes the next build read its files again.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import StoreLockedError
from kg.store import open_store

from conftest import HANDBUILT, run_kg
from test_store_build import folder  # noqa: F401  (the three small articles, a fixture)

BUILD = sys.modules["kg.build"]


def settle(folder: Path, age: float = 60) -> None:
    """Date every file under ``folder`` ``age`` seconds back (a build records only files left alone)."""
    past = time.time() - age
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


@pytest.fixture
def news(folder):
    """The store tests' three articles and a file kg skips, all settled; cwd is tmp_path."""
    (folder / "notes.json").write_text("{}")
    settle(folder)
    return folder


@pytest.fixture
def reads(monkeypatch) -> list:
    """Every call of the build's reading of files, recorded."""
    calls = []
    real = BUILD.read_paths

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(BUILD, "read_paths", counted)
    return calls


def figures(report) -> tuple:
    return (report.read, report.new, report.replaced, report.unchanged, report.removed, report.articles,
            report.entities, report.relations, report.triples, report.extractors, report.problems, report.skipped)


def test_unchanged_rebuild_reads_no_file_and_reports_what_a_full_read_reports(news, reads):
    first = build(["news"], store=".kg", extractors=[HANDBUILT])
    (Path(".kg") / "last-build.json").unlink()
    full = build(["news"], store=".kg", extractors=[HANDBUILT])  # no record: it reads everything
    assert len(reads) == 2
    quick = build(["news"], store=".kg", extractors=[HANDBUILT])
    assert len(reads) == 2
    assert figures(quick) == figures(full)
    assert (quick.unchanged, quick.new, quick.batches) == (first.read, 0, 0)
    assert quick.skipped == ["news/notes.json: unsupported file type .json"]


@pytest.mark.parametrize("change", ["edit, same size", "add", "remove", "rename", "unsupported file added"])
def test_rebuild_after_a_change_reads_again_and_matches_a_fresh_build(news, reads, tmp_path, change):
    build(["news"], store=".kg", extractors=[HANDBUILT])
    if change == "edit, same size":
        text = (news / "a.txt").read_text()
        (news / "a.txt").write_text(text.replace("2019", "2020"))
    elif change == "add":
        (news / "d.txt").write_text("Sanctions\n\nThe United States imposed sanctions on Mexico.\n")
    elif change == "remove":
        (news / "c.txt").unlink()
    elif change == "rename":
        (news / "b.txt").rename(news / "z.txt")
    else:
        (news / "photo.png").write_bytes(b"\x89PNG")
    settle(news)
    before = len(reads)
    report = build(["news"], store=".kg", extractors=[HANDBUILT])
    assert len(reads) == before + 1
    assert build(["news"], store=".kg", extractors=[HANDBUILT]).unchanged == report.read
    assert len(reads) == before + 1  # and the build after it reads nothing again
    fresh = build(["news"], store=tmp_path / "fresh", extractors=[HANDBUILT])
    assert (report.articles, report.triples) == (fresh.articles, fresh.triples)
    with open_store(".kg") as store, open_store(tmp_path / "fresh") as other:
        assert set(store.ox_quads()) == set(other.ox_quads())


def test_rebuild_with_other_extractors_or_from_another_folder_reads_again(news, reads, tmp_path, monkeypatch):
    build(["news"], store=".kg", extractors=[HANDBUILT])
    report = build(["news"], store=".kg", extractors=[])
    assert report.replaced == 3 and len(reads) == 2
    monkeypatch.chdir(news)  # sources are recorded relative to the working directory
    build(["."], store=tmp_path / ".kg", extractors=[])
    assert len(reads) == 3


def test_files_changed_just_before_a_build_are_not_trusted_by_the_next(news, reads):
    (news / "a.txt").write_text("China bans fentanyl\n\nChina scheduled fentanyl in 2019 and 2020.\n")
    build(["news"], store=".kg", extractors=[HANDBUILT])
    build(["news"], store=".kg", extractors=[HANDBUILT])
    assert len(reads) == 2
    settle(news)
    build(["news"], store=".kg", extractors=[HANDBUILT])
    build(["news"], store=".kg", extractors=[HANDBUILT])
    assert len(reads) == 3


def test_any_write_to_the_store_forgets_the_record(news, reads):
    build(["news"], store=".kg", extractors=[HANDBUILT])
    assert (Path(".kg") / "last-build.json").exists()
    with open_store(".kg", write=True) as store:
        aid = next(iter(store.articles()))
        store.add_sources(aid, ["elsewhere.txt"])
    assert not (Path(".kg") / "last-build.json").exists()
    report = build(["news"], store=".kg", extractors=[HANDBUILT])
    assert len(reads) == 2 and report.unchanged == 3


def test_a_build_that_fails_half_way_leaves_no_record(news, reads):
    build(["news"], store=".kg", extractors=[HANDBUILT])
    (news / "d.txt").write_text("Sanctions\n\nJoe Biden agreed to lift sanctions on China.\n")
    settle(news)
    with pytest.raises(Exception, match="do not conform"):
        build(["news"], store=".kg", extractors=["tests.fixtures_extractor:Wrong"], batch=1)
    assert not (Path(".kg") / "last-build.json").exists()


def test_unchanged_rebuild_still_refuses_a_store_another_writer_holds(news, tmp_path):
    build(["news"], store=".kg", extractors=[HANDBUILT])
    with open_store(".kg", write=True):
        with pytest.raises(StoreLockedError, match="store is locked by another kg process"):
            build(["news"], store=".kg", extractors=[HANDBUILT])
        result = run_kg("build", "news", "-e", HANDBUILT, cwd=tmp_path)
        assert result.returncode == 3 and b"store is locked" in result.stderr


def test_unchanged_rebuild_via_cli_prints_what_a_full_rebuild_prints(news, tmp_path):
    assert run_kg("build", "news", cwd=tmp_path).returncode == 0
    full = run_kg("build", "news", cwd=tmp_path)
    quick = run_kg("build", "news", cwd=tmp_path)
    assert (full.returncode, quick.returncode) == (0, 0)
    lines = lambda out: [l for l in out.decode().splitlines() if not l.startswith(("time", "workers"))]  # noqa: E731
    assert lines(quick.stdout) == lines(full.stdout)
    assert "0 new, 0 replaced, 3 unchanged" in quick.stdout.decode()
