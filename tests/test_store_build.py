"""kg build and the store: idempotent, per-article replacement, sources, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import ExtractorError, StoreError
from kg.queries import query
from kg.store import open_store
from kg.validate import ShapeError

from conftest import HANDBUILT, run_kg

WRONG = "tests.fixtures_extractor:Wrong"


def quads_of(location) -> set:
    """The store's quads (after checking that its union graph is the set of their triples)."""
    with open_store(location) as store:
        quads = set(store.ox_quads())
        assert set(store.ox_triples()) == {q.triple for q in quads}
        return quads


def article_graphs(location) -> dict[str, set]:
    graphs: dict[str, set] = {}
    for q in quads_of(location):
        graphs.setdefault(q.graph_name.value, set()).add(q)
    return graphs


def sources(location) -> dict[str, frozenset]:
    with open_store(location) as store:
        return {aid: a.sources for aid, a in store.articles().items()}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """tmp_path/news with three small articles; cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("China bans fentanyl\n\nChina scheduled fentanyl in 2019.\n")
    (news / "b.txt").write_text("Mexico and precursors\n\nChemicals have been moving from China to Mexico.\n")
    (news / "c.txt").write_text("A meeting\n\nPresident Joe Biden and Xi are meeting this week.\n")
    return news


def test_build_rebuild_of_unchanged_input_writes_nothing(built):
    before = quads_of(built)
    report = build(["seeds"], store=built, extractors=[HANDBUILT])
    assert (report.new, report.replaced, report.unchanged, report.removed) == (0, 0, report.read, 0)
    assert quads_of(built) == before
    assert report.triples == len({q.triple for q in before})


def test_build_leaves_its_writes_in_tables_not_in_a_log_readers_replay(folder):
    build([str(folder)], store=".kg")
    data = Path(".kg") / "oxigraph"
    assert list(data.glob("*.sst")), "nothing was written out to tables"
    assert [log.stat().st_size for log in data.glob("*.log")] == [0]
    assert len(article_graphs(".kg")) == 3


def test_build_new_articles_after_a_replaced_one_go_in_whole_in_one_build(folder, tmp_path):
    """Batch 1 replaces an article through the log, batch 2 ingests new tables over it."""
    build(["news"], store=".kg", extractors=[HANDBUILT])
    (folder / "a.txt").write_text("China bans fentanyl\n\nChina scheduled fentanyl in 2019 and agreed to more.\n")
    (folder / "d.txt").write_text("Sanctions\n\nThe United States imposed sanctions on Mexico.\n")
    report = build(["news"], store=".kg", extractors=[HANDBUILT], batch=1)
    assert (report.new, report.replaced, report.unchanged, report.batches) == (1, 1, 2, 2)
    data = Path(".kg") / "oxigraph"
    assert [log.stat().st_size for log in data.glob("*.log")] == [0]
    build(["news"], store=tmp_path / "fresh", extractors=[HANDBUILT])
    assert quads_of(".kg") == quads_of(tmp_path / "fresh")


def test_build_removes_tables_a_killed_bulk_load_left_half_written(built):
    stray = Path(built) / "oxigraph" / "bulk-123456789.sst"
    stray.write_bytes(b"half a table")
    before = quads_of(built)
    with open_store(built, write=True):
        assert not stray.exists()
    assert quads_of(built) == before


def test_store_writes_graphs_with_blank_nodes_and_their_union(tmp_path):
    """Graphs the bulk loader's text path cannot carry (its parser renames blank nodes) go in whole too."""
    import pyoxigraph as ox

    graph = ox.NamedNode("https://w3id.org/kg-news/id/article/0000000000000001")
    node = ox.BlankNode("b1")
    quads = [ox.Quad(graph, ox.NamedNode("https://example.org/p"), node, graph),
             ox.Quad(node, ox.NamedNode("https://example.org/q"), ox.Literal("_: is not a blank node"), graph)]
    with open_store(tmp_path / "kg", write=True) as store:
        store.put_articles({"0000000000000001": quads})
    assert quads_of(tmp_path / "kg") == set(quads)


def test_build_rebuild_via_cli_says_unchanged_and_keeps_the_triple_count(built, tmp_path):
    first = run_kg("stats", "--json", cwd=tmp_path)
    again = run_kg("build", "seeds", "-e", HANDBUILT, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 replaced, 3 unchanged" in again.stdout.decode()
    assert json.loads(run_kg("stats", "--json", cwd=tmp_path).stdout) == json.loads(first.stdout)


def test_build_changed_file_replaces_its_article_only(folder):
    build(["news"], store=".kg", extractors=[HANDBUILT])
    before = article_graphs(".kg")
    (folder / "a.txt").write_text("China bans fentanyl\n\nChina scheduled fentanyl in 2019 and agreed to more.\n")
    report = build(["news"], store=".kg", extractors=[HANDBUILT])
    assert (report.new, report.replaced, report.unchanged, report.removed) == (0, 1, 2, 0)
    after = article_graphs(".kg")
    assert len(after) == 3
    gone, = set(before) - set(after)
    added, = set(after) - set(before)
    assert any(q.object.value == "news/a.txt" for q in before[gone])
    assert any(q.object.value == "news/a.txt" for q in after[added])
    assert any(q.predicate.value.endswith("#Pledge") or q.object.value.endswith("#Pledge") for q in after[added])
    for name in set(before) & set(after):
        assert before[name] == after[name]


def test_build_deleted_file_removes_its_article(folder):
    build(["news"], store=".kg")
    (folder / "c.txt").unlink()
    report = build(["news"], store=".kg")
    assert (report.removed, report.unchanged, report.articles) == (1, 2, 2)
    assert sorted(s for v in sources(".kg").values() for s in v) == ["news/a.txt", "news/b.txt"]


def test_build_moved_file_keeps_its_article_with_the_new_source(folder):
    build(["news"], store=".kg")
    before = quads_of(".kg")
    (folder / "a.txt").rename(folder / "z.txt")
    report = build(["news"], store=".kg")
    assert (report.new, report.unchanged, report.removed) == (0, 3, 0)
    assert sorted(s for v in sources(".kg").values() for s in v) == ["news/b.txt", "news/c.txt", "news/z.txt"]
    assert len(quads_of(".kg")) == len(before)


def test_build_article_in_two_files_keeps_both_sources_until_both_are_gone(folder, tmp_path):
    shutil.copy(folder / "a.txt", tmp_path / "copy.txt")
    build(["news"], store=".kg")
    build(["copy.txt"], store=".kg")
    assert {"news/a.txt", "copy.txt"} in [set(v) for v in sources(".kg").values()]
    (tmp_path / "copy.txt").unlink()
    report = build(["copy.txt", "news"], store=".kg")
    assert report.removed == 0 and report.articles == 3
    (folder / "a.txt").unlink()
    report = build(["news"], store=".kg")
    assert report.removed == 1 and report.articles == 2


def test_build_new_extractors_re_extract_and_replace_in_place(folder):
    build(["news"], store=".kg", extractors=[])
    with open_store(".kg") as store:
        assert store.articles() and not query(store, "sources").rows
    report = build(["news"], store=".kg", extractors=[HANDBUILT])
    assert (report.replaced, report.new, report.unchanged) == (3, 0, 0)
    with open_store(".kg") as store:
        assert {a.extracted_by for a in store.articles().values()} == {frozenset({"tests.handbuilt/1"})}
        assert query(store, "sources").rows


def test_build_memory_store_builds_and_answers_in_one_process(seeds):
    store = open_store("memory")
    report = build([seeds], store=store, extractors=[HANDBUILT])
    assert report.articles == report.read > 0
    assert query(store, "sanctions").rows
    assert build([seeds], store=store, extractors=[HANDBUILT]).unchanged == report.read


def test_build_graphs_that_do_not_conform_are_not_written(built, tmp_path):
    before = quads_of(built)
    (tmp_path / "seeds" / "extra.txt").write_text("Sanctions\n\nThe United States is lifting sanctions on China.\n")
    with pytest.raises(ShapeError, match="nothing was written"):
        build(["seeds"], store=built, extractors=[WRONG])
    assert quads_of(built) == before


def test_build_cli_reports_nonconforming_extraction_with_exit_1(built, tmp_path):
    before = quads_of(built)
    result = run_kg("build", "seeds", "-e", WRONG, cwd=tmp_path)
    assert result.returncode == 1
    assert b"do not conform" in result.stderr and b"nothing was written" in result.stderr
    assert b"Traceback" not in result.stderr
    assert quads_of(built) == before


@pytest.mark.parametrize("name, message", [
    ("no-such-extractor", "no extractor named"),
    ("tests.no_such_module:X", "cannot import module"),
    ("tests.fixtures_extractor:Nope", "has no 'Nope'"),
    ("json:dumps", "failed to start"),
    ("tests.fixtures_extractor:ENTITIES", "does not follow the extractor contract"),
    ("tests.fixtures_extractor:", "is not module:attr"),
])
def test_build_bad_extractor_names_are_clear_errors(folder, name, message):
    with pytest.raises(ExtractorError, match=message):
        build(["news"], store=".kg", extractors=[name])


def test_build_refuses_to_write_into_a_directory_that_is_not_a_store(folder, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.tex").write_text("precious")
    with pytest.raises(StoreError, match="not a kg store"):
        build(["news"], store=tmp_path / "docs")
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["thesis.tex"]


@pytest.mark.parametrize("command", [["query", "sanctions"], ["stats"], ["export"], ["validate"]])
def test_build_readers_of_a_missing_store_say_how_to_make_one(tmp_path, command):
    result = run_kg(*command, "--store", "nowhere", cwd=tmp_path)
    assert result.returncode == 3
    assert b"no kg store here" in result.stderr and b"kg build" in result.stderr
    assert not (tmp_path / "nowhere").exists()
