"""``kg build``: articles in, the store brought up to date, a report out.

The pipeline, one stage per module::

    read_paths (kg.ingest) → Pipeline (kg.extract) → resolve_across (kg.resolve)
        → article_quads (kg.graph) → check_quads (kg.validate) → put_articles (kg.store)

Reading pages and extracting articles — the per-article stage, a pure function of the article —
run on an executor (:mod:`kg.executors`: this process, ``jobs`` processes, or a Dask cluster);
resolution and writing stay here, in this process, so the graph is the same whatever ran it.

An article's identity is its text (:attr:`kg.model.Article.id`), and its graph records each file
it was read from (``kg:sourceFile``). So, per article read:

* not in the store → extracted and written (**new**; **replaced** when its file held another
  article before, which this build lets go);
* in the store, extracted by the same extractors → nothing is written (**unchanged**); a file it
  was not known to come from is added to its sources;
* in the store, but the extractors differ → extracted again and its graph replaced (**replaced**).

A file read now that used to yield another article loses that article; so does a file under a
path given that no longer exists. An article left with no source file is dropped (**removed**).
Re-building unchanged input writes nothing — and reads nothing: a build that ends well records the
fingerprint of its inputs beside the store (file names, sizes and times, the extractors, kg
itself: :mod:`kg.fingerprint`, :mod:`kg.store.record`), and the next build with the same
fingerprint reports the recorded figures without opening a file or the database.

Articles are written in batches of ``batch`` articles, in input order, each batch one transaction
after its graphs are resolved against everything stored before it and validated. A build that is
killed, crashes or runs out of disk keeps every batch it committed; running it again finds those
articles in the store (unchanged) and extracts only the rest, in the same batches as a build that
was never interrupted, so both end with the same graph. Sources are tidied (files gone, articles
left without a file dropped) once every batch is in.

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
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Iterator, Sequence

from kg.executors import Executor, executor_for
from kg.extract import DEFAULT_EXTRACTORS, ExtractorRef, Pipeline
from kg.fingerprint import Fingerprint, fingerprint
from kg.ingest import DEFAULT_MAX_BYTES, read_paths
from kg.model import Article, Entity, Extraction
from kg.store import BATCH, DEFAULT_LOCATION, MEMORY, open_store, record

if TYPE_CHECKING:
    from kg.store import BaseStore, StoredArticle

__all__ = ["build", "BuildReport", "STDIN_SOURCE", "BATCH"]

#: The source recorded for an article read from standard input.
STDIN_SOURCE = "-"

#: Quads written after which the build flushes the store, so that a reader opening it meanwhile
#: has little of the writer's log to replay (a flush costs about a second).
FLUSH_QUADS = 150_000

#: ``progress(stage, done, total)``: called once with stage ``"stored"`` (articles of the input
#: already in the store, of those read) when a build resumes or adds to a store, then as articles
#: are extracted (``"extract"``) and written (``"write"``, after each committed batch).
Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What a build did.

    ``new``, ``replaced`` and ``unchanged`` count the articles read (``unchanged``: already in
    the store, extracted by the same extractors — on a resumed build, the articles an interrupted
    run committed); ``removed`` the articles dropped because no file holds them any more (an
    article replaced by its file's new version is counted once, as replaced). ``articles``,
    ``entities`` and ``relations`` count the whole store afterwards. ``executor`` says where
    extraction ran, ``batches`` how many transactions wrote the articles, ``extraction`` sums the
    extractors' own counters (sentences, sentences parsed, …).
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
    executor: str = ""
    batches: int = 0
    extraction: dict[str, int] = field(default_factory=dict)
    validated_triples: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

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
    extractors: Sequence[ExtractorRef] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    shacl: bool = False,
    jobs: int | None = 1,
    scheduler: str | None = None,
    batch: int = BATCH,
) -> BuildReport:
    """Read ``paths`` (files, directories, ``-``) and bring the store up to date with them.

    ``store`` is a directory (created if needed), ``"memory"``, or an open store (left open).
    ``extractors`` are registered names, ``module:attr`` references, ``(name, options)`` pairs or
    extractor objects, run in order (default :data:`kg.extract.DEFAULT_EXTRACTORS`). ``jobs``
    worker processes read and extract (``None``: every core), or the Dask cluster at
    ``scheduler`` does (``tcp://host:8786``, or ``local:N`` for a local cluster). The graphs to
    write are checked against the shapes with the fast compiled check
    (:func:`kg.validate.check_quads`), and also with pySHACL when ``shacl`` is true (slow).
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}
    refs = DEFAULT_EXTRACTORS if extractors is None else extractors
    pipeline = Pipeline(refs)
    inputs = _fingerprint(paths, max_bytes, refs)
    last = _recorded(store, inputs, pipeline)
    if last is not None:
        return _unchanged(last, store, clock)
    if jobs != 1 or scheduler:
        pipeline.check_picklable()
    signature = pipeline.prepare().signature
    # workers start before the store opens: a forked worker must not hold the database
    with executor_for(jobs, scheduler) as executor:
        mark = time.perf_counter()
        ingest = read_paths(list(paths), max_bytes=max_bytes, stdin=stdin, map=executor.map)
        timings["read"] = time.perf_counter() - mark
        plan = _Plan(ingest.articles, paths)
        report = BuildReport(store=str(getattr(store, "location", store)), read=len(plan.articles),
                             problems=[str(p) for p in ingest.problems], skipped=[str(p) for p in ingest.skipped],
                             extractors=sorted(signature))
        executor.start(len(plan.articles))
        report.executor = executor.description
        from kg.store import BaseStore

        own = not isinstance(store, BaseStore)
        st = open_store(store, write=True)
        report.store = st.location  # a server's URL without its password
        try:
            plan.compare(st.articles(), signature, report)
            if progress and report.unchanged and plan.to_write:
                progress("stored", report.unchanged, report.read)
            _write_batches(plan, pipeline, executor, st, signature, report, timings, progress, shacl, batch)
            mark = time.perf_counter()
            _tidy_sources(plan, st, report)
            st.flush()
            timings["write"] = timings.get("write", 0.0) + time.perf_counter() - mark

            from kg.stats import stats

            totals = stats(st)
            report.articles, report.entities, report.relations, report.triples = (
                totals["articles"], totals["entities"], totals["relations"], totals["triples"])
            mark = time.perf_counter()
            from kg.queries import standing

            st.precompute(standing())
            timings["answers"] = time.perf_counter() - mark
            settled = inputs is not None and inputs.settled
            st.record_build({"fingerprint": inputs.digest if settled else None,
                             **{k: getattr(report, k) for k in _RECORDED}})
        finally:
            if own:
                st.close()
    report.timings = timings
    report.seconds = time.perf_counter() - clock
    return report


#: What a build's record keeps of its report, for an unchanged rebuild to report again.
_RECORDED = ("read", "problems", "skipped", "extractors", "articles", "entities", "relations", "triples")


def _fingerprint(paths, max_bytes: int, refs) -> Fingerprint | None:
    """The fingerprint of this build's inputs and extractors (``None`` for standard input or
    extractor objects, which cannot be fingerprinted by name)."""
    if any(str(p) == STDIN_SOURCE for p in paths) or not all(isinstance(r, (str, tuple)) for r in refs):
        return None
    return fingerprint(paths, max_bytes=max_bytes, extractors=refs)


def _recorded(store, inputs: Fingerprint | None, pipeline: Pipeline) -> dict | None:
    """The record of the last build into ``store`` if it had the fingerprint ``inputs``: then the
    store holds exactly what this build would write. kg's own extractors are fingerprinted with
    kg itself; others are loaded to compare their versions."""
    if inputs is None or not isinstance(store, (str, os.PathLike)) or str(store) == MEMORY:
        return None
    last = record.matching(Path(store), inputs.digest)
    if last is None or not set(_RECORDED) <= set(last):
        return None
    if not all(r in DEFAULT_EXTRACTORS for r in pipeline.refs) and sorted(pipeline.signature) != last["extractors"]:
        return None
    return last


def _unchanged(last: dict, store, clock: float) -> BuildReport:
    """The report of a build whose inputs are those of the last build: nothing read, nothing written."""
    report = BuildReport(store=str(store), executor="in process", **{k: last[k] for k in _RECORDED})
    report.unchanged = report.read
    report.timings = dict.fromkeys(("read", "extract", "resolve", "graph", "validate", "write", "answers"), 0.0)
    report.seconds = time.perf_counter() - clock
    return report


class _Plan:
    """The articles read, the files they came from, and — once compared with the store — which
    to extract and write, which are unchanged, and which sources the store must forget."""

    def __init__(self, articles: Iterable[Article], paths: Sequence[str | os.PathLike]):
        self.articles: dict[str, Article] = {}
        self.sources_now: dict[str, set[str]] = {}
        for article in articles:
            self.articles.setdefault(article.id, article)
            self.sources_now.setdefault(article.id, set()).add(_source(article.source))
        self.files_now: dict[str, set[str]] = {}
        for aid, sources in self.sources_now.items():
            for source in sources - {STDIN_SOURCE}:
                self.files_now.setdefault(source, set()).add(aid)
        self.given = [_source(str(p)) for p in paths if str(p) != STDIN_SOURCE]
        self.stored: dict[str, StoredArticle] = {}
        self.forget: dict[str, set[str]] = {}
        self.to_write: list[str] = []
        self.unchanged: list[str] = []
        self.superseded: set[str] = set()  # old articles whose file now holds a new one

    def compare(self, stored: dict[str, StoredArticle], signature: frozenset[str], report: BuildReport) -> None:
        self.stored = stored
        for aid, stored_article in stored.items():
            for source in stored_article.sources - {STDIN_SOURCE}:
                gone = aid not in self.files_now[source] if source in self.files_now else (
                    _under(source, self.given) and not os.path.exists(source))
                if gone:
                    self.forget.setdefault(aid, set()).add(source)
        let_go = {s for sources in self.forget.values() for s in sources}
        self.to_write = [aid for aid in self.articles if aid not in stored or stored[aid].extracted_by != signature]
        for aid in self.to_write:
            if aid in stored:
                report.replaced += 1
            elif self.sources_now[aid] & let_go:
                report.replaced += 1
                self.superseded |= {old for old, lost in self.forget.items() if lost & self.sources_now[aid]}
            else:
                report.new += 1
        writing = set(self.to_write)
        self.unchanged = [aid for aid in self.articles if aid in stored and aid not in writing]
        report.unchanged = len(self.unchanged)

    def sources(self, aid: str) -> set[str]:
        """The files an article graph about to be written records."""
        sources = set(self.sources_now[aid])
        if aid in self.stored:
            sources |= self.stored[aid].sources - self.forget.get(aid, set())
        return sources


def _write_batches(plan: _Plan, pipeline: Pipeline, executor: Executor, st: BaseStore, signature: frozenset[str],
                   report: BuildReport, timings: dict[str, float], progress: Progress | None, shacl: bool,
                   batch: int) -> None:
    """Extract the plan's articles on the executor and write them, one transaction per batch."""
    for stage in ("extract", "resolve", "graph", "validate", "write"):
        timings.setdefault(stage, 0.0)
    if not plan.to_write:
        return
    from kg.graph.rdf import article_quads
    from kg.resolve import resolve_across

    known = _Known(st.entities() if plan.stored else [])
    extracted = written = unflushed = 0
    mark = time.perf_counter()
    for extractions in _batches(executor.map(pipeline, (plan.articles[aid] for aid in plan.to_write)), batch):
        extracted += len(extractions)
        timings["extract"] += time.perf_counter() - mark
        for extraction in extractions:
            for name, count in extraction.stats.items():
                report.extraction[name] = report.extraction.get(name, 0) + count
        if progress:
            progress("extract", extracted, len(plan.to_write))

        mark = time.perf_counter()
        extractions = resolve_across(extractions, known.entities())
        known.add(extractions)
        timings["resolve"] += time.perf_counter() - mark

        mark = time.perf_counter()
        graphs = {x.article.id: article_quads(x, sources=plan.sources(x.article.id), extracted_by=signature)
                  for x in extractions}
        timings["graph"] += time.perf_counter() - mark

        mark = time.perf_counter()
        _validate(graphs, shacl, report, written)
        timings["validate"] += time.perf_counter() - mark

        mark = time.perf_counter()
        st.put_articles(graphs)
        written += len(graphs)
        report.batches += 1
        unflushed += sum(len(quads) for quads in graphs.values())
        if unflushed >= FLUSH_QUADS:  # a reader opening the store replays what is not flushed
            st.flush()
            unflushed = 0
        timings["write"] += time.perf_counter() - mark
        if progress:
            progress("write", written, len(plan.to_write))
        mark = time.perf_counter()


def _batches(extractions: Iterator[Extraction], size: int) -> Iterator[list[Extraction]]:
    chunk: list[Extraction] = []
    for extraction in extractions:
        chunk.append(extraction)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Known:
    """The entities the store holds as the build goes on: what it held at the start, plus every
    batch written since — the same entities ``store.entities()`` would read back, without
    reading them back after each batch."""

    def __init__(self, stored: Iterable[Entity]):
        self._entities = {e.key: Entity(e.key, e.type, e.label, set(e.names) | {e.label}, e.wikidata) for e in stored}

    def add(self, extractions: Iterable[Extraction]) -> None:
        for extraction in extractions:
            for key, entity in extraction.entities.items():
                known = self._entities.get(key)
                if known is None:
                    self._entities[key] = Entity(key, entity.type, entity.label, set(entity.names) | {entity.label},
                                                 entity.wikidata)
                else:
                    known.names |= entity.names | {entity.label}

    def entities(self) -> list[Entity]:
        return [self._entities[key] for key in sorted(self._entities)]


def _validate(graphs: dict[str, list], shacl: bool, report: BuildReport, written_before: int) -> None:
    from kg.validate import ShapeError, check_quads, validate_quads

    written = [q for quads in graphs.values() for q in quads]
    check = check_quads(written)
    if check.conforms and shacl:
        check = validate_quads(written)
    report.validated_triples += check.triples
    if not check.conforms:
        first = check.violations[0] if check.violations else "see kg validate"
        kept = (f"this batch of {len(graphs)} articles was not written; the {written_before} articles of the "
                f"batches before it were" if written_before else "nothing was written")
        raise ShapeError(
            f"the graphs of this build do not conform to ontology/shapes.ttl "
            f"({len(check.violations)} violations; first: {first}); {kept}",
            hint="an extractor produced a malformed relation or entity; run with fewer --extractor to find it")


def _tidy_sources(plan: _Plan, st: BaseStore, report: BuildReport) -> None:
    """Record the new files of unchanged articles; forget files gone; drop articles left with none."""
    for aid in plan.unchanged:
        extra = plan.sources_now[aid] - plan.stored[aid].sources
        if extra:
            st.add_sources(aid, extra)
    writing = set(plan.to_write)
    for aid, sources in sorted(plan.forget.items()):
        if aid in writing:
            continue  # written without the sources it lost
        remaining = (plan.stored[aid].sources | plan.sources_now.get(aid, set())) - sources
        if remaining:
            st.remove_sources(aid, sources)
        else:
            st.drop_article(aid)
            report.removed += aid not in plan.superseded


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
