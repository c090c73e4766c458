"""``kg build``: articles in, the store brought up to date, a report out.

The pipeline, one stage per module::

    read_paths (kg.ingest) → extract.run (kg.extract) → resolve_across (kg.resolve)
        → article_quads (kg.graph) → validate (kg.validate) → put_articles (kg.store)

An article's identity is its text (:attr:`kg.model.Article.id`), and its graph records each file
it was read from (``kg:sourceFile``). So, per article read:

* not in the store → extracted and written (**new**; **replaced** when its file held another
  article before, which this build lets go);
* in the store, extracted by the same extractors → nothing is written (**unchanged**); a file it
  was not known to come from is added to its sources;
* in the store, but the extractors differ → extracted again and its graph replaced (**replaced**).

A file read now that used to yield another article loses that article; so does a file under a
path given that no longer exists. An article left with no source file is dropped (**removed**).
Re-building unchanged input writes nothing. Every article graph about to be written is validated
first, all together; if they do not conform nothing is written.

>>> from kg.model import Article
>>> from kg.store import open_store
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("China bans fentanyl\\n\\nChina scheduled fentanyl in 2019.")
>>> store = open_store("memory")
>>> report = build([folder], store=store)
>>> report.new, report.unchanged
(1, 0)
>>> build([folder], store=store).unchanged
1
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Sequence

from kg.extract import DEFAULT_EXTRACTORS, Extractor, load, run
from kg.graph.rdf import article_quads
from kg.ingest import DEFAULT_MAX_BYTES, read_paths
from kg.resolve import resolve_across
from kg.store import DEFAULT_LOCATION, BaseStore, open_store
from kg.validate import ShapeError, check_quads, validate_quads

__all__ = ["build", "BuildReport", "STDIN_SOURCE"]

#: The source recorded for an article read from standard input.
STDIN_SOURCE = "-"

#: ``progress(stage, done, total)``: called as articles are extracted (stage ``"extract"``) and
#: written (``"write"``, after each transaction).
Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What a build did.

    ``new``, ``replaced`` and ``unchanged`` count the articles read; ``removed`` the articles
    dropped because no file holds them any more (an article replaced by its file's new version is
    counted once, as replaced). ``articles``, ``entities`` and ``relations`` count the whole store
    afterwards.
    """

    store: str
    read: int = 0
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    removed: int = 0
    articles: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    extractors: list[str] = field(default_factory=list)
    validated_triples: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    #: The extractors' counts over the articles extracted ("sentences", "parsed_sentences").
    extraction: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A plain dict (what ``kg build --json`` prints)."""
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        data["timings"] = {k: round(v, 3) for k, v in self.timings.items()}
        return data


def build(
    paths: Sequence[str | os.PathLike],
    *,
    store: "str | os.PathLike | BaseStore" = DEFAULT_LOCATION,
    extractors: Sequence[str | Extractor] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    shacl: bool = False,
) -> BuildReport:
    """Read ``paths`` (files, directories, ``-``) and bring the store up to date with them.

    ``store`` is a directory (created if needed), ``"memory"``, or an open store (left open).
    ``extractors`` are registered names, ``module:attr`` references or extractor objects, run in
    order (default :data:`kg.extract.DEFAULT_EXTRACTORS`). The graphs to write are checked against
    the shapes with the fast compiled check (:func:`kg.validate.check_quads`), and also with pySHACL
    when ``shacl`` is true (slow on big builds).
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}
    loaded = [load(x) if isinstance(x, str) else x for x in (DEFAULT_EXTRACTORS if extractors is None else extractors)]
    signature = frozenset(f"{e.name}/{e.version}" for e in loaded)

    mark = time.perf_counter()
    ingest = read_paths(list(paths), max_bytes=max_bytes, stdin=stdin)
    timings["read"] = time.perf_counter() - mark

    articles, sources_now = {}, {}
    for article in ingest.articles:
        articles.setdefault(article.id, article)
        sources_now.setdefault(article.id, set()).add(_source(article.source))
    files_now: dict[str, set[str]] = {}
    for aid, sources in sources_now.items():
        for source in sources - {STDIN_SOURCE}:
            files_now.setdefault(source, set()).add(aid)
    given = [_source(str(p)) for p in paths if str(p) != STDIN_SOURCE]

    report = BuildReport(store=str(getattr(store, "location", store)), read=len(articles),
                         problems=[str(p) for p in ingest.problems], skipped=[str(p) for p in ingest.skipped],
                         extractors=sorted(signature))
    own = not isinstance(store, BaseStore)
    st = open_store(store, write=True)
    try:
        stored = st.articles()
        forget: dict[str, set[str]] = {}
        for aid, record in stored.items():
            for source in record.sources - {STDIN_SOURCE}:
                gone = aid not in files_now[source] if source in files_now else (
                    _under(source, given) and not os.path.exists(source))
                if gone:
                    forget.setdefault(aid, set()).add(source)
        let_go = {s for sources in forget.values() for s in sources}

        to_write = [aid for aid in articles if aid not in stored or stored[aid].extracted_by != signature]
        superseded: set[str] = set()  # old articles whose file now holds a new one
        for aid in to_write:
            if aid in stored:
                report.replaced += 1
            elif sources_now[aid] & let_go:
                report.replaced += 1
                superseded |= {old for old, lost in forget.items() if lost & sources_now[aid]}
            else:
                report.new += 1
        unchanged = [aid for aid in articles if aid in stored and aid not in to_write]
        report.unchanged = len(unchanged)

        mark = time.perf_counter()
        extractions = []
        for done, aid in enumerate(to_write, 1):
            extractions.append(run(articles[aid], loaded))
            for key, count in extractions[-1].stats.items():
                report.extraction[key] = report.extraction.get(key, 0) + count
            if progress:
                progress("extract", done, len(to_write))
        timings["extract"] = time.perf_counter() - mark

        mark = time.perf_counter()
        if extractions:
            extractions = resolve_across(extractions, st.entities() if stored else [])
        timings["resolve"] = time.perf_counter() - mark

        mark = time.perf_counter()
        graphs = {}
        for extraction in extractions:
            aid = extraction.article.id
            sources = set(sources_now[aid])
            if aid in stored:
                sources |= stored[aid].sources - forget.get(aid, set())
            graphs[aid] = article_quads(extraction, sources=sources, extracted_by=signature)
        timings["graph"] = time.perf_counter() - mark

        mark = time.perf_counter()
        if graphs:
            written = [q for quads in graphs.values() for q in quads]
            check = check_quads(written)
            if check.conforms and shacl:
                check = validate_quads(written)
            report.validated_triples = check.triples
            if not check.conforms:
                first = check.violations[0] if check.violations else "see kg validate"
                raise ShapeError(
                    f"the graphs of this build do not conform to ontology/shapes.ttl "
                    f"({len(check.violations)} violations; first: {first}); nothing was written",
                    hint="an extractor produced a malformed relation or entity; run with fewer --extractor to find it")
        timings["validate"] = time.perf_counter() - mark

        mark = time.perf_counter()
        st.put_articles(graphs, progress=(lambda done, total: progress("write", done, total)) if progress else None)
        for aid in unchanged:
            extra = sources_now[aid] - stored[aid].sources
            if extra:
                st.add_sources(aid, extra)
        for aid, sources in sorted(forget.items()):
            if aid in graphs:
                continue  # written above without the sources it lost
            remaining = (stored[aid].sources | sources_now.get(aid, set())) - sources
            if remaining:
                st.remove_sources(aid, sources)
            else:
                st.drop_article(aid)
                report.removed += aid not in superseded
        st.flush()
        timings["write"] = time.perf_counter() - mark

        from kg.stats import stats

        totals = stats(st)
        report.articles, report.entities, report.relations, report.triples = (
            totals["articles"], totals["entities"], totals["relations"], totals["triples"])
    finally:
        if own:
            st.close()
    report.timings = timings
    report.seconds = time.perf_counter() - clock
    return report


def _source(path: str) -> str:
    """A file as recorded in ``kg:sourceFile``: relative to the working directory when under it."""
    if path == STDIN_SOURCE:
        return path
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()
    return Path(relative if not relative.startswith("..") else absolute).as_posix()


def _under(source: str, given: list[str]) -> bool:
    return any(source == g or source.startswith(g.rstrip("/") + "/") or g == "." for g in given)
