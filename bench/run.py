"""kg's benchmark suite — ``make bench`` (not part of ``make test``).

Each part is measured ``--repeats`` times (at least 3 for a real run); the medians are printed and
written, with the date and the machine, to ``bench/results.json``. ``--report`` prints the
README's table from that file.

Parts:

1. ``kg build`` end to end on the BBC corpus (``../shared/corpus/bbc`` beside the repository, or
   ``$KG_CORPUS``, or ``--corpus``) at 1×, 2× and 4× its size: articles/s, words/s, peak RSS of
   the ``kg`` process. Copies are made distinct by a last line ``(copy N)`` — identical text
   would be one article (ingest dedupes by content hash).
   Beside the 1× build: spaCy's tokenizer alone over the same texts, and the extraction alone in
   one process (CPU time, as a multiple of the tokenizer's measured in that process).
2. A rebuild of the unchanged 1× corpus into the same store (ingest is idempotent: near free).
3. SPARQL: the named queries (``kg query --list``) and a fixed set of bench queries, on the BBC
   graph (``kg query NAME`` as a user runs it; and in-process on the default store and on
   ``open_store("memory")``), and on a synthetic kg-shaped graph of about a million triples loaded
   into pyoxigraph on disk and in memory (the engine kg's stores wrap).
4. ``kg export --format turtle`` of the BBC graph.
5. ``kg view`` of the BBC graph and of synthetic graphs of 500 and 5,000 entities.
6. ``kg eval`` of the seeds' gold against the synthetic graph (the scorer's own cost).

A part whose command is missing is recorded as ``skipped: command not available``; a part that
fails records the error; nothing stops the rest. The corpus parts are skipped with a message
when the corpus is absent. Parts that would overrun ``--budget`` minutes are skipped and say so.

    python bench/run.py                      # everything, results in bench/results.json
    python bench/run.py --repeats 3 --budget 14
    python bench/run.py --report             # the README table from bench/results.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import synthetic_nquads, write_synthetic  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bbc"
RESULTS = HERE / "results.json"
SCALES = (1, 2, 4)
#: The columns of the SPARQL table: where each query runs.
SYNTHETIC_COLUMNS = ("synthetic kg store first 100 rows", "synthetic kg store", "synthetic computed first 100 rows", "synthetic computed")
BBC_COLUMNS = ("BBC default store", "BBC memory store", "BBC kg query")
#: The commands whose start-up is measured (each ≤ 0.3 s).
STARTUP_COMMANDS = (["--version"], ["--help"], ["query", "--list"])
#: The rows a streaming reader sees first (a named query's first page: ≤ 100 ms at 1M quads).
FIRST_ROWS = 100
#: Tokenises every article of a corpus folder with kg's tokenizer alone, in a fresh process.
_TOKENIZE = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from kg.ingest import read_paths
from kg.extract.text import matching_form, nlp
articles = read_paths([Path(sys.argv[1])]).articles
tokenize = nlp().tokenizer
begin = time.perf_counter()
for article in articles:
    tokenize(matching_form(article.text))
print(json.dumps({"seconds": time.perf_counter() - begin, "articles": len(articles)}))
"""
#: Extracts every article of a corpus folder in one fresh process, a chunk at a time as a build's
#: worker does, after spaCy's tokenizer alone over the same texts: CPU seconds of both.
_EXTRACT = """
import json, sys, time
from pathlib import Path
from kg.executors import CHUNK
from kg.extract import DEFAULT_EXTRACTORS, Pipeline
from kg.extract.text import matching_form, nlp
from kg.ingest import read_paths
articles = list({a.id: a for a in read_paths([Path(sys.argv[1])]).articles}.values())
pipeline = Pipeline(DEFAULT_EXTRACTORS).prepare()
tokenize = nlp().tokenizer
begin = time.process_time()
for article in articles:
    tokenize(matching_form(article.text))
tokens = time.process_time() - begin
stats = {}
begin = time.process_time()
for first in range(0, len(articles), CHUNK):
    for extraction in pipeline.many(articles[first : first + CHUNK]):
        for name, count in extraction.stats.items():
            stats[name] = stats.get(name, 0) + count
seconds = time.process_time() - begin
print(json.dumps({"seconds": seconds, "tokenizer_seconds": tokens, "articles": len(articles), **stats}))
"""
#: Seconds after which a query on the BBC graph in the memory store is stopped.
MEMORY_QUERY_LIMIT = 20.0
#: A measurement whose run takes this many seconds is steady enough: it is not repeated.
LONG_RUN = 10.0
#: The entity named queries that need one are asked about (it is in both the BBC and the synthetic graph).
BENCH_ENTITY = "United States"

PREFIXES = {
    "kg": "https://w3id.org/kg-news/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/",
}

#: Queries of the bench itself, so the store is measured even before the named queries exist.
BENCH_QUERIES = {
    "bench:entities-by-type": """
        SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a ?type . FILTER(?type IN (kg:Person, kg:Agency, kg:Organization, kg:Country, kg:Place, kg:Substance))
        } GROUP BY ?type""",
    "bench:sanctions-with-evidence": """
        SELECT ?s ?o ?status ?text WHERE {
          ?r a kg:Sanction ; kg:subject ?s ; kg:object ?o ; kg:status ?status ; kg:evidence/nif:anchorOf ?text }""",
    "bench:most-mentioned": """
        SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a kg:mentions ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT 20""",
    "bench:neighbours-of-top-entity": """
        SELECT DISTINCT ?p ?other WHERE {
          { SELECT ?e WHERE { ?a kg:mentions ?e } GROUP BY ?e ORDER BY DESC(COUNT(?a)) LIMIT 1 }
          { ?e ?p ?other } UNION { ?other ?p ?e } }""",
    "bench:label-search": """
        SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(CONTAINS(LCASE(STR(?l)), "ka")) } LIMIT 100""",
}


# ---------------------------------------------------------------- running things


def kg_argv() -> list[str]:
    """The ``kg`` of this Python's environment."""
    exe = Path(sys.executable).parent / "kg"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kg.cli"]


class Run:
    """One run of a ``kg`` command: wall time, peak RSS of that process, exit code, last error line."""

    def __init__(self, seconds: float, peak_rss_mb: float, returncode: int, error: str):
        self.seconds, self.peak_rss_mb, self.returncode, self.error = seconds, peak_rss_mb, returncode, error

    @property
    def ok(self) -> bool:
        return self.returncode == 0


#: Runs one command and reports its wall time and peak RSS. It is a fresh, small Python between
#: the bench and ``kg``: a child forked straight from the bench would count the bench's own memory
#: (Linux keeps the pre-exec high-water mark in ``ru_maxrss``).
_LAUNCHER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as f:
    json.dump({"seconds": seconds, "rss_kb": rss, "code": code}, f)
"""


def run_kg(args: list[str], cwd: Path, timeout: float = 3600) -> Run:
    """Run ``kg ARGS`` in ``cwd``: wall time and peak RSS of the ``kg`` process alone."""
    with tempfile.TemporaryDirectory() as tmp:
        report, err = Path(tmp) / "run.json", Path(tmp) / "stderr"
        with open(err, "wb") as err_file:
            launcher = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(report), *kg_argv(), *args],
                cwd=cwd, stdout=subprocess.DEVNULL, stderr=err_file, stdin=subprocess.DEVNULL, start_new_session=True,
            )
            try:
                launcher.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)  # the launcher and the kg it started, nothing else
                launcher.wait()
                return Run(timeout, 0.0, -1, f"timed out after {timeout:.0f} s")
        lines = err.read_text("utf-8", "replace").strip().splitlines()
        if not report.exists():
            return Run(0.0, 0.0, -1, lines[-1] if lines else "the launcher failed")
        measured = json.loads(report.read_text())
    return Run(measured["seconds"], measured["rss_kb"] / 1024, measured["code"], lines[-1] if lines else "")


def _in_child(fn: Callable[[], object], limit: float) -> tuple[float, int | None] | None:
    """Run ``fn`` in a forked child (it sees the parent's in-memory store): its wall time and the
    length of its result, or None when it did not finish within ``limit`` seconds."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child():
        start = time.perf_counter()
        result = fn()
        send.send((time.perf_counter() - start, len(result) if hasattr(result, "__len__") else None))

    process = context.Process(target=child, daemon=True)
    process.start()
    answer = receive.recv() if receive.poll(limit) else None
    if process.is_alive():
        process.kill()
    process.join()
    return answer


def kg_output(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(kg_argv() + args, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)


_AVAILABLE: dict[str, bool] = {}


def available(command: str) -> bool:
    """Whether ``kg COMMAND --help`` works in this kg."""
    if command not in _AVAILABLE:
        _AVAILABLE[command] = kg_output([command, "--help"], REPO).returncode == 0
    return _AVAILABLE[command]


def median(values: list[float]) -> float:
    return statistics.median(values)


def skipped(reason: str) -> dict:
    return {"skipped": reason}


# ---------------------------------------------------------------- the machine


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines() if line.startswith("model name")), platform.processor())
    mem = re.search(r"MemTotal:\s+(\d+) kB", _read("/proc/meminfo"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    try:
        import kg
        import pyoxigraph

        versions = {"kg": kg.__version__, "pyoxigraph": pyoxigraph.__version__}
    except ImportError:  # pragma: no cover
        versions = {}
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "ram_gb": round(int(mem.group(1)) / 1024**2, 1) if mem else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        **versions,
        "git_commit": commit + ("-dirty" if dirty else "") if commit else None,
        #: Other work on the machine makes the figures noisy: the 1-minute load average at the start.
        "load_average": round(os.getloadavg()[0], 1),
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


# ---------------------------------------------------------------- the corpus


def corpus_location(given: str | None) -> Path:
    """``--corpus`` if given, else ``$KG_CORPUS`` if set, else ``../shared/corpus/bbc`` beside the repository."""
    return Path(given or os.environ.get("KG_CORPUS") or DEFAULT_CORPUS)


def corpus_files(corpus: Path) -> list[Path]:
    """The article files: every ``.txt`` under the corpus except its README."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() == ".txt" and not p.name.upper().startswith("README"))


def make_copies(files: list[Path], corpus: Path, target: Path, copies: int) -> dict:
    """``copies`` copies of the corpus under ``target``; copy N > 1 has ``(copy N)`` after its title."""
    words = 0
    for n in range(1, copies + 1):
        for f in files:
            data = f.read_bytes()
            if n > 1:  # in the title: a line repeated on every page would be dropped as furniture
                title, _, rest = data.partition(b"\n")
                data = title.rstrip() + f" (copy {n})\n".encode() + rest
            dest = target / f"copy{n}" / f.relative_to(corpus)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
            words += len(data.decode("utf-8", "replace").split())
    return {"articles": len(files) * copies, "words": words, "megabytes": round(sum(f.stat().st_size for f in files) * copies / 1e6, 1)}


def load_nquads(path: Path, where: Path, batch: int) -> dict:
    """An N-Quads file of article graphs into a new kg store at ``where``, as ``kg build`` writes:
    ``batch`` articles per ``put_articles`` (one ingestion each), then the answers of the standing
    queries, then the record. Seconds of each step."""
    import pyoxigraph as ox

    from kg.graph.iri import article_id_from_iri
    from kg.queries import standing
    from kg.store import open_store

    start = time.perf_counter()
    graphs: dict[str, list] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(quad.graph_name.value, []).append(quad)
    names = list(graphs)
    with open_store(str(where), write=True) as store:
        for i in range(0, len(names), batch):
            store.put_articles({article_id_from_iri(n): graphs[n] for n in names[i:i + batch]})
        store.flush()
        loaded = time.perf_counter()
        store.precompute(standing())
        store.record_build({"fingerprint": None})
    return {"load": loaded - start, "answers": time.perf_counter() - loaded, "batches": -(-len(names) // batch)}


# ---------------------------------------------------------------- the suite


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.repeats = args.repeats
        self.deadline = time.monotonic() + args.budget * 60
        self.out = Path(args.out)
        self.corpus = corpus_location(args.corpus)
        self.synthetic_triples = args.synthetic_triples
        self.view_sizes = args.view_sizes
        self.scales = args.scales
        self.work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
        self.results: dict = {
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": machine(),
            "repeats": self.repeats,
            "budget_minutes": args.budget,
            "parts": {},
        }
        self.bbc_store: Path | None = None  # the cwd whose default store holds the 1× BBC graph
        self.sizes_1x: dict = {}
        self.synthetic_file: Path | None = None

    # -- helpers

    def say(self, text: str) -> None:
        print(text, flush=True)

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def fits(self, estimate: float) -> bool:
        return estimate < self.left()

    def save(self) -> None:
        self.results["seconds_total"] = round(time.monotonic() - (self.deadline - self.results["budget_minutes"] * 60), 1)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text(json.dumps(self.results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def record(self, part: str, key: str, value: dict, query: str | None = None) -> None:
        """Store one measurement: ``parts[part][key]``, or ``parts["sparql"][column][query]``."""
        place = self.results["parts"].setdefault(part, {})
        if query is not None:
            place = place.setdefault(key, {})
            key = query
        place[key] = value
        self.save()
        what = f"{part} {key}" if query is None else f"sparql {query}"
        if "skipped" in value:
            self.say(f"  {what}: {value['skipped']}")
        elif "failed" in value:
            self.say(f"  {what}: FAILED — {value['failed']}")

    def repeat_kg(self, args: list[str], cwd: Path, before: Callable[[int], Path] | None = None,
                  repeats: int | None = None) -> dict:
        """Run ``kg ARGS`` ``repeats`` times (default: the suite's; ``before(i)`` may give a fresh
        cwd each time)."""
        runs = []
        for i in range(repeats or self.repeats):
            where = before(i) if before else cwd
            run = run_kg(args, where)
            if not run.ok:
                return {"failed": f"kg {' '.join(args)} exited {run.returncode}: {run.error}"}
            runs.append(run)
        return {
            "seconds": round(median([r.seconds for r in runs]), 3),
            "runs": [round(r.seconds, 3) for r in runs],
            "peak_rss_mb": round(median([r.peak_rss_mb for r in runs]), 1),
        }

    def timed(self, fn: Callable[[], object], limit: float | None = None) -> dict:
        """Median wall time of ``fn`` over the repeats; a run of ``LONG_RUN`` seconds or more ends the
        repeats. With ``limit`` (seconds), each run happens in a forked child that is stopped at the
        limit: a query the engine cannot finish in time is recorded as over the limit instead of
        holding up the whole suite."""
        seconds, rows = [], None
        for _ in range(self.repeats):
            if limit is None:
                start = time.perf_counter()
                result = fn()
                seconds.append(time.perf_counter() - start)
                rows = len(result) if hasattr(result, "__len__") else None
            else:
                run = _in_child(fn, limit)
                if run is None:
                    return {"over_limit_seconds": limit}
                seconds.append(run[0])
                rows = run[1]
            if seconds[-1] >= LONG_RUN:
                break
        return {"seconds": round(median(seconds), 4), "runs": [round(s, 4) for s in seconds], **({"rows": rows} if rows is not None else {})}

    # -- parts

    def run_all(self) -> None:
        self.say(f"kg bench — {self.repeats} runs per measurement, medians; budget {self.results['budget_minutes']} min")
        self.say(f"work dir {self.work}")
        self.startup()
        self.synthetic_sparql()
        self.eval_synthetic()
        files = self.corpus_ready()
        if files:
            self.build(files, 1)
            self.rebuild()
            self.executors()
            self.bbc_sparql()
            self.export()
        self.view()
        if files:
            for k in self.scales:
                if k != 1:
                    self.build(files, k)
        self.targets()
        self.save()
        self.say(f"\nresults: {self.out}")

    def startup(self) -> None:
        for args in STARTUP_COMMANDS:
            result = self.repeat_kg(args, REPO)
            self.record("startup", "kg " + " ".join(args), result)
            if "seconds" in result:
                self.say(f"kg {' '.join(args)}: {result['seconds']:.2f} s, {result['peak_rss_mb']:.0f} MB")

    def tokenizer(self, source: Path) -> None:
        """spaCy's tokenizer alone (kg's blank English pipeline) over the texts of ``source``, in a
        fresh process as a build runs it: the yardstick of the build time."""
        self.say("\nspaCy's tokenizer alone over the 1× corpus")
        runs = []
        for _ in range(self.repeats):
            done = subprocess.run([sys.executable, "-c", _TOKENIZE, str(source)], capture_output=True, text=True)
            if done.returncode != 0:
                self.record("tokenizer", "1x", {"failed": (done.stderr.strip().splitlines() or ["?"])[-1]})
                return
            runs.append(json.loads(done.stdout)["seconds"])
        result = {"seconds": round(median(runs), 5), "runs": [round(r, 5) for r in runs]}
        self.record("tokenizer", "1x", result)
        self.say(f"  {result['seconds']:.2f} s")

    def extraction(self, source: Path) -> None:
        """The extraction alone, in one process (CPU time): what a build's workers share out, as a
        multiple of spaCy's tokenizer over the same texts in the same process. Robust to other
        work on the machine, unlike the build's wall time."""
        if not self.fits(120):
            self.record("extraction", "1x", skipped("skipped: would overrun the time budget"))
            return
        self.say("\nextraction alone, one process (CPU time)")
        done = subprocess.run([sys.executable, "-c", _EXTRACT, str(source)], capture_output=True, text=True)
        if done.returncode != 0:
            self.record("extraction", "1x", {"failed": (done.stderr.strip().splitlines() or ["?"])[-1]})
            return
        result = json.loads(done.stdout)
        result["ratio_to_tokenizer"] = round(result["seconds"] / result["tokenizer_seconds"], 1)
        result["ms_per_article"] = round(1000 * result["seconds"] / result["articles"], 2)
        self.record("extraction", "1x", result)
        self.say(f"  {result['seconds']:.1f} s CPU ({result['ms_per_article']} ms an article), "
                 f"{result['ratio_to_tokenizer']}× the tokenizer's {result['tokenizer_seconds']:.2f} s; "
                 f"{result.get('parsed_sentences', 0):,} of {result.get('sentences', 0):,} sentences parsed")

    def targets(self) -> None:
        """The issue's targets, each as measured in this run and as a ratio where it is one."""
        parts = self.results["parts"]
        seconds = lambda part, key: parts.get(part, {}).get(key, {}).get("seconds")  # noqa: E731
        build1, build4 = seconds("build", "1x"), seconds("build", "4x")
        found = {}

        def target(name: str, value, limit: float, unit: str) -> None:
            if value is not None:
                found[name] = {"value": round(value, 4), "target": limit, "unit": unit, "met": value <= limit}

        tokens = seconds("tokenizer", "1x")
        target("build 1x (s)", build1, 10.0, "s")
        target("build 1x / tokenizer alone", build1 / tokens if build1 and tokens else None, 5.0, "x")
        target("build 4x / build 1x", build4 / build1 if build1 and build4 else None, 4.4, "x")
        target("peak RSS at 4x (MB)", parts.get("build", {}).get("4x", {}).get("peak_rss_mb"), 1024.0, "MB")
        rebuild = seconds("rebuild", "1x")
        target("unchanged rebuild / build 1x", rebuild / build1 if rebuild and build1 else None, 0.05, "x")
        for args in STARTUP_COMMANDS:
            target(f"kg {' '.join(args)} (s)", seconds("startup", "kg " + " ".join(args)), 0.3, "s")
        sparql = parts.get("sparql", {})
        cli = [e["seconds"] for e in sparql.get("BBC kg query", {}).values() if isinstance(e, dict) and "seconds" in e]
        target("slowest named query, BBC, kg query end to end (s)", max(cli) if cli else None, 0.5, "s")
        first = [e["seconds"] for q, e in sparql.get("synthetic kg store first 100 rows", {}).items()
                 if isinstance(e, dict) and "seconds" in e and not q.startswith("bench:")]
        target("slowest named query, 1M quads, first 100 rows (s)", max(first) if first else None, 0.1, "s")
        load = sparql.get("synthetic kg store", {}).get("(load)", {}).get("seconds")
        target("1M quads into a new store (s)", load, 5.0, "s")
        page = parts.get("view", {}).get("write 5000 entities", {}).get("seconds")
        target("viewer page, 5,000 entities / 20,000 facts, written (s)", page, 1.0, "s")
        self.results["targets"] = found
        self.save()

    def corpus_ready(self) -> list[Path] | None:
        if not self.corpus.is_dir():
            reason = f"skipped: no corpus at {self.corpus} (set KG_CORPUS or pass --corpus)"
            self.skip_corpus_parts(reason)
            return None
        files = corpus_files(self.corpus)
        self.results["corpus"] = {"path": str(self.corpus), "articles": len(files)}
        if not available("build"):
            self.skip_corpus_parts("skipped: command not available (kg build)")
            return None
        return files

    def skip_corpus_parts(self, reason: str) -> None:
        for part in ("build", "rebuild", "export"):
            self.record(part, "BBC", skipped(reason))
        for column in BBC_COLUMNS:
            self.record("sparql", column, skipped(reason))

    def build(self, files: list[Path], k: int) -> None:
        key = f"{k}x"
        one = self.results["parts"].get("build", {}).get("1x", {})
        # the larger corpora are built once: a run long enough to be steady, and the budget holds
        repeats = self.repeats if k == 1 else 1
        if k > 1 and "seconds" in one and not self.fits(one["seconds"] * k * repeats * 1.2):
            self.record("build", key, skipped(f"skipped: would overrun the time budget (about {one['seconds'] * k * repeats:.0f} s, {self.left():.0f} s left)"))
            return
        source = self.work / f"corpus-{k}x"
        sizes = make_copies(files, self.corpus, source, k)
        self.say(f"\nbuild {k}×: {sizes['articles']} articles, {sizes['words']:,} words")

        store = self.work / f"store-{k}x"

        def fresh(_: int) -> Path:
            shutil.rmtree(store, ignore_errors=True)
            store.mkdir()
            return store

        result = self.repeat_kg(["build", str(source)], self.work, before=fresh, repeats=repeats)
        if k == 1:
            self.sizes_1x = sizes
            self.tokenizer(source)
            self.extraction(source)
        if "seconds" in result:
            result |= sizes
            result["articles_per_s"] = round(sizes["articles"] / result["seconds"], 1)
            result["words_per_s"] = round(sizes["words"] / result["seconds"])
            self.say(f"  {result['seconds']:.1f} s: {result['articles_per_s']:,.0f} articles/s, {result['words_per_s']:,} words/s, peak RSS {result['peak_rss_mb']:.0f} MB")
        self.record("build", key, result)
        if k == 1 and "seconds" in result:
            self.bbc_store = store  # kept, with its corpus, for the rebuild, query, export and view parts
        else:
            shutil.rmtree(store, ignore_errors=True)
            shutil.rmtree(source, ignore_errors=True)

    def rebuild(self) -> None:
        if self.bbc_store is None:
            self.record("rebuild", "1x", skipped("skipped: no 1× build to rebuild"))
            return
        self.say("\nrebuild of the unchanged 1× corpus")
        result = self.repeat_kg(["build", str(self.work / "corpus-1x")], self.bbc_store)
        if "seconds" in result:
            result |= self.sizes_1x
            result["articles_per_s"] = round(self.sizes_1x["articles"] / result["seconds"], 1)
            result["words_per_s"] = round(self.sizes_1x["words"] / result["seconds"])
            self.say(f"  {result['seconds']:.2f} s ({result['articles_per_s']:,.0f} articles/s)")
        self.record("rebuild", "1x", result)

    def executors(self) -> None:
        """The 1× build on one process and on a two-worker Dask LocalCluster, against the default
        build on every core (one run each, beside the 1× median measured in the same run)."""
        one = self.results["parts"].get("build", {}).get("1x", {})
        if "seconds" not in one:
            self.record("executors", "1x", skipped("skipped: no 1× build to compare with"))
            return
        for key, options in (("--jobs 1", ["--jobs", "1"]), ("--scheduler local:2", ["--scheduler", "local:2"])):
            if not self.fits(one["seconds"] * 3):
                self.record("executors", key, skipped("skipped: would overrun the time budget"))
                continue
            store = self.work / "store-executors"
            shutil.rmtree(store, ignore_errors=True)
            store.mkdir()
            self.say(f"\nbuild 1× with {key}")
            result = self.repeat_kg(["build", str(self.work / "corpus-1x"), *options], store, repeats=1)
            if "seconds" in result:
                result["ratio_to_default"] = round(result["seconds"] / one["seconds"], 2)
                self.say(f"  {result['seconds']:.1f} s: {result['ratio_to_default']}× the default build (every core)")
            self.record("executors", key, result)
            shutil.rmtree(store, ignore_errors=True)

    def query_names(self) -> list[str]:
        """Names from ``kg query --list``: the first word of each line that starts with a name."""
        listing = kg_output(["query", "--list"], REPO)
        if listing.returncode != 0:
            return []
        return [m.group(1) for line in listing.stdout.splitlines() if (m := re.match(r"([a-z][a-z0-9_-]*)(\s|$)", line))]

    @staticmethod
    def required_binds(text: str) -> list[str]:
        """Variables a named query must be given (``# bind: NAME — …`` with no default)."""
        return [name for name, default in Bench.binds(text).items() if default is None]

    @staticmethod
    def binds(text: str) -> dict[str, str | None]:
        """Each variable a named query declares (``# bind: NAME (default: VALUE) — …``) → its default."""
        found = re.finditer(r"^# bind: ([A-Za-z_][\w-]*)(?:\s*\(default:\s*(.*?)\))?", text, flags=re.M)
        return {m.group(1): m.group(2) for m in found}

    @staticmethod
    def bench_values(text: str) -> dict[str, str]:
        """What the bench binds, as ``kg query`` would: BENCH_ENTITY where a value is required,
        the query's own default elsewhere."""
        return {name: BENCH_ENTITY if default is None else default for name, default in Bench.binds(text).items()}

    def query_texts(self, names: list[str]) -> dict[str, str]:
        """The SPARQL of each named query, from ``NAME.rq`` files in the ontology folder."""
        try:
            from kg.vocab import ONTOLOGY_DIR
        except ImportError:  # pragma: no cover
            return {}
        files = {p.stem: p for p in ONTOLOGY_DIR.rglob("*.rq")}
        return {n: files[n].read_text(encoding="utf-8") for n in names if n in files}

    def bbc_sparql(self) -> None:
        if self.bbc_store is None:
            for column in BBC_COLUMNS:
                self.record("sparql", column, skipped("skipped: no BBC build"))
            return
        self.say("\nSPARQL on the BBC graph")
        names = self.query_names() if available("query") else []
        if not available("query"):
            self.record("sparql", "BBC kg query", skipped("skipped: command not available (kg query)"))
        elif not names:
            self.record("sparql", "BBC kg query", skipped("skipped: kg query --list lists no queries"))
        texts = self.query_texts(names)
        for name in names:
            binds = [arg for var in self.required_binds(texts.get(name, "")) for arg in ("--bind", f"{var}={BENCH_ENTITY}")]
            result = self.repeat_kg(["query", name, *binds], self.bbc_store)
            self.record("sparql", "BBC kg query", result, query=name)
            if "seconds" in result:
                self.say(f"  kg query {name}: {result['seconds']:.2f} s")
        queries = {**self.query_texts(names), **BENCH_QUERIES}
        try:
            from kg.build import build
            from kg.store import open_store
        except ImportError:
            for column in ("BBC default store", "BBC memory store"):
                self.record("sparql", column, skipped("skipped: kg.store.open_store / kg.build.build not available"))
            return

        def memory():
            store = open_store("memory")
            start = time.perf_counter()
            build([str(self.work / "corpus-1x")], store=store)
            self.record("sparql", "BBC memory store", {"seconds": round(time.perf_counter() - start, 2)}, query="(build in-process)")
            return store

        stores = {"BBC default store": lambda: open_store(str(self.bbc_store / ".kg")), "BBC memory store": memory}
        for column, opener in stores.items():
            try:
                with opener() as store:
                    from rdflib import Literal

                    # rdflib's engine (the memory store) is slow on a graph this size: its queries
                    # are stopped at MEMORY_QUERY_LIMIT seconds
                    limit = MEMORY_QUERY_LIMIT if column == "BBC memory store" else None
                    for name, text in queries.items():
                        bindings = {var: Literal(value) for var, value in self.bench_values(text).items()}
                        result = self.timed(lambda: store.select(text, bindings or None), limit)
                        self.record("sparql", column, result, query=name)
                        if "seconds" in result:
                            self.say(f"  {column:<18} {name:<34} {result['seconds'] * 1000:9.1f} ms  {result.get('rows', '')} rows")
                        else:
                            self.say(f"  {column:<18} {name:<34} over {limit:.0f} s, stopped")
            except Exception as error:  # noqa: BLE001 — a bench part records its failure and goes on
                self.record("sparql", column, {"failed": f"{type(error).__name__}: {error}"})

    def synthetic_sparql(self) -> None:
        """The synthetic graph of about a million quads, into a new kg store on disk as ``kg build``
        writes one (its article graphs in batches of ``BATCH`` articles, each batch one ingestion),
        then the answers of the standing queries worked out as a build ends; then every query in
        process, first with the answers the store kept, then computed by the engine (no record)."""
        from kg.queries import query as kg_query, standing
        from kg.store import BATCH, open_store

        self.say(f"\nSPARQL on a synthetic graph of about {self.synthetic_triples:,} triples, in a kg store on disk")
        path = self.work / "synthetic.nq"
        start = time.perf_counter()
        quads = write_synthetic(path, triples=self.synthetic_triples)
        self.results["synthetic"] = {"quads": quads, "generate_seconds": round(time.perf_counter() - start, 2), "file_mb": round(path.stat().st_size / 1e6, 1)}
        self.synthetic_file = path
        where = self.work / "synthetic-store"
        loads, answers = [], []
        for _ in range(self.repeats):
            shutil.rmtree(where, ignore_errors=True)
            loaded = load_nquads(path, where, BATCH)
            loads.append(loaded["load"])
            answers.append(loaded["answers"])
            if loaded["load"] + loaded["answers"] >= LONG_RUN:
                break
        self.record("sparql", "synthetic kg store", {"seconds": round(median(loads), 3), "runs": [round(x, 3) for x in loads],
                                                     "batches": loaded["batches"]}, query="(load)")
        self.record("sparql", "synthetic kg store", {"seconds": round(median(answers), 3), "runs": [round(x, 3) for x in answers]},
                    query="(answers worked out)")
        self.say(f"  load {quads:,} quads ({loaded['batches']} batches): {median(loads):.1f} s; answers of the standing queries: {median(answers):.1f} s")
        names = self.query_names() if available("query") else []
        texts = self.query_texts(names)
        standing_texts = {text for text, _ in standing()}
        for column in ("synthetic kg store", "synthetic computed"):
            if column == "synthetic computed":
                (where / "last-build.json").unlink()  # no record: every query is computed
            with open_store(str(where)) as store:
                for name, text in {**texts, **BENCH_QUERIES}.items():
                    values = self.bench_values(text)
                    run = (lambda rows, name=name, values=values: kg_query(store, name, values or None, limit=rows).rows) if name in texts \
                        else (lambda rows, text=text: store.select(text, limit=rows))
                    for at, rows in ((f"{column} first {FIRST_ROWS} rows", FIRST_ROWS), (column, None)):
                        try:
                            result = self.timed(lambda: run(rows))
                        except Exception as error:  # noqa: BLE001 — a bench part records its failure and goes on
                            result = {"failed": f"{type(error).__name__}: {error}"}
                        if column == "synthetic kg store" and "seconds" in result:
                            result["answered"] = texts.get(name) in standing_texts
                        self.record("sparql", at, result, query=name)
                        if "seconds" in result:
                            self.say(f"  {at:<40} {name:<34} {result['seconds'] * 1000:9.1f} ms  {result['rows']} rows")
        shutil.rmtree(where, ignore_errors=True)

    def eval_synthetic(self) -> None:
        if self.synthetic_file is None or not available("eval"):
            self.record("eval", "synthetic", skipped("skipped: command not available (kg eval)"))
            return
        gold = REPO / "seeds" / "gold.json"
        result = self.repeat_kg(["eval", str(gold), "--graph", str(self.synthetic_file)], REPO)
        result["quads"] = self.results["synthetic"]["quads"]
        self.record("eval", "synthetic", result)
        if "seconds" in result:
            self.say(f"\nkg eval on the synthetic graph: {result['seconds']:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MB")

    def export(self) -> None:
        if self.bbc_store is None:
            self.record("export", "bbc", skipped("skipped: no BBC build"))
            return
        if not available("export"):
            self.record("export", "bbc", skipped("skipped: command not available (kg export)"))
            return
        out = self.work / "bbc.ttl"
        result = self.repeat_kg(["export", "--format", "turtle", "-o", str(out)], self.bbc_store)
        if "seconds" in result and out.exists():
            result["file_mb"] = round(out.stat().st_size / 1e6, 1)
            self.say(f"\nexport to Turtle: {result['seconds']:.1f} s, {result['file_mb']} MB")
        self.record("export", "bbc", result)

    def view(self) -> None:
        if not available("view"):
            self.record("view", "all", skipped("skipped: command not available (kg view)"))
            return
        self.say("\nviewer generation")
        if self.bbc_store is not None:
            out = self.work / "bbc.html"
            self.record("view", "bbc", self.repeat_kg(["view", "-o", str(out)], self.bbc_store))
        self.view_write()
        help_text = kg_output(["view", "--help"], REPO).stdout
        if "--graph" not in help_text:
            self.record("view", "synthetic", skipped("skipped: kg view takes no --graph FILE, so the sized synthetic graphs cannot be given to it"))
            return
        for n in self.view_sizes:
            graph = self.work / f"view-{n}.nq"
            graph.write_text("".join(line + "\n" for line in synthetic_nquads(articles=max(1, n // 2), entities=n, seed=n)), encoding="utf-8")
            result = self.repeat_kg(["view", "--graph", str(graph), "-o", str(self.work / f"view-{n}.html")], REPO)
            self.record("view", f"{n} entities", result)
            if "seconds" in result:
                self.say(f"  {n:,} entities: {result['seconds']:.1f} s")


    def view_write(self, entities: int = 5000) -> None:
        """``write_view`` in process for bench_view.py's synthetic graph of ``entities`` entities and
        about four facts each (the page written, as ``kg view`` writes it, without reading a file)."""
        from bench_view import synthetic_turtle

        from kg.analyze import GraphFileStore, project
        from kg.view import write_view

        graph_file = self.work / f"view-{entities}.ttl"
        graph_file.write_text(synthetic_turtle(entities), encoding="utf-8")
        graph = project(GraphFileStore(str(graph_file)))
        out = self.work / f"view-{entities}-write.html"
        result = self.timed(lambda: write_view(graph, out))
        result.pop("rows", None)
        result |= {"entities": graph.number_of_nodes(), "facts": graph.number_of_edges()}
        self.record("view", f"write {entities} entities", result)
        self.say(f"  write_view, {graph.number_of_nodes():,} entities / {graph.number_of_edges():,} facts: {result['seconds']:.2f} s")


# ---------------------------------------------------------------- the README table


def _status(entry: dict) -> str | None:
    if "skipped" in entry:
        return entry["skipped"]
    if "failed" in entry:
        return f"failed: {entry['failed']}"
    if "over_limit_seconds" in entry:
        return f"over {entry['over_limit_seconds']:.0f} s, stopped"
    return None


def _seconds(entry: dict) -> str:
    s = entry["seconds"]
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s" if s < 10 else f"{s:.0f} s"


def report(results: dict) -> str:
    """The ``## Benchmarks`` tables of the README, from a results file."""
    m = results["machine"]
    parts = results["parts"]
    synthetic = results.get("synthetic", {})
    out = [
        f"Measured {results['date'][:10]} on {m['cpus']} × {m['cpu']}, {m['ram_gb']} GB RAM, {m['os']}, "
        f"Python {m['python']}, kg {m.get('kg')} (commit {m.get('git_commit')}), pyoxigraph {m.get('pyoxigraph')}. "
        f"Medians of {results['repeats']} runs (builds of 2× and 4× the corpus, and other measurements over {LONG_RUN:.0f} s: one run); the whole run took {results.get('seconds_total', 0) / 60:.1f} min; "
        f"load average {m.get('load_average')} at the start.",
        "",
        "| `kg build` | articles | words | time | articles/s | words/s | peak RSS | runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, e in {**parts.get("build", {}), **{f"rebuild {k} (unchanged)": v for k, v in parts.get("rebuild", {}).items()}}.items():
        if _status(e):
            out.append(f"| {key} | {_status(e)} |||||||")
        else:
            articles = e.get("articles", results.get("corpus", {}).get("articles", 0))
            words = e.get("words")
            words_per_s = f"{e['words_per_s']:,}" if "words_per_s" in e else ""
            out.append(
                f"| {key} | {articles:,} | {f'{words:,}' if words else ''} | {_seconds(e)} | {e['articles_per_s']:,.0f} | "
                f"{words_per_s} | {e['peak_rss_mb']:.0f} MB | {len(e.get('runs', [])) or ''} |"
            )

    sparql = parts.get("sparql", {})
    columns = [c for c in (*SYNTHETIC_COLUMNS, *BBC_COLUMNS) if c in sparql]
    if columns:
        quads = synthetic.get("quads", 0)
        names = {"synthetic kg store": "synthetic, kg store on disk, all rows",
                 "synthetic kg store first 100 rows": "synthetic, kg store on disk, first 100 rows",
                 "synthetic computed": "synthetic, computed (no stored answers), all rows",
                 "synthetic computed first 100 rows": "synthetic, computed, first 100 rows",
                 "BBC memory store": "BBC `--store memory` (rdflib)"}
        heads = [f"{names.get(c, c)} ({quads:,} quads)" if c.startswith("synthetic") else names.get(c, c) for c in columns]
        out += ["", "| SPARQL query | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(columns)]
        queries = list(dict.fromkeys(q for c in columns if _status(sparql[c]) is None for q in sparql[c]))
        for q in queries:
            cells = []
            for c in columns:
                e = sparql[c].get(q) if _status(sparql[c]) is None else None
                cells.append("" if e is None else (_status(e) or _seconds(e) + (f" ({e['rows']:,} rows)" if "rows" in e else "")))
            out.append(f"| {q} | " + " | ".join(cells) + " |")
        for c in columns:
            if _status(sparql[c]):
                out.append(f"| *{c}* | {_status(sparql[c])} |" + " |" * (len(columns) - 1))

    out += ["", "| other | time | peak RSS / size |", "|---|---:|---:|"]
    labels = {
        "startup": "start-up",
        "tokenizer": "spaCy's tokenizer alone over the corpus",
        "export": "`kg export --format turtle`",
        "view": "`kg view`",
        "eval": "`kg eval seeds/gold.json --graph`",
        "executors": "`kg build` 1x",
    }
    for part, label in labels.items():
        for key, e in parts.get(part, {}).items():
            what = f"{label}, `{key}`" if part == "startup" else f"{label}, {key}"
            if part == "eval":
                what += f" ({e.get('quads', 0):,} quads)"
            if _status(e):
                out.append(f"| {what} | {_status(e)} | |")
            else:
                size = f"{e['file_mb']} MB file" if "file_mb" in e else f"{e['peak_rss_mb']:.0f} MB" if "peak_rss_mb" in e else ""
                ratio = f" ({e['ratio_to_default']}× the default build)" if "ratio_to_default" in e else ""
                out.append(f"| {what} | {_seconds(e)}{ratio} | {size} |")
    for key, e in parts.get("extraction", {}).items():
        out += ["", "| extraction alone, one process (CPU) | articles | time | per article | spaCy's tokenizer alone | ratio | sentences parsed |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        if _status(e):
            out.append(f"| {key} | {_status(e)} ||||||")
        else:
            out.append(f"| {key} | {e['articles']:,} | {_seconds(e)} | {e['ms_per_article']} ms | "
                       f"{e['tokenizer_seconds']:.2f} s | {e['ratio_to_tokenizer']}× | "
                       f"{e.get('parsed_sentences', 0):,} of {e.get('sentences', 0):,} |")
    targets = results.get("targets", {})
    if targets:
        out += ["", "| target (issue 12) | measured | target | met |", "|---|---:|---:|:---:|"]
        for name, t in targets.items():
            value = f"{t['value']:.2f}" if t["unit"] == "x" else f"{t['value']:.3g}"
            out.append(f"| {name} | {value} | ≤ {t['target']:g} | {'yes' if t['met'] else 'no'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="the BBC corpus folder (default: $KG_CORPUS, else ../shared/corpus/bbc)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--budget", type=float, default=14.0, help="minutes; parts that would overrun are skipped (default 14)")
    parser.add_argument("--synthetic-triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1,000,000)")
    parser.add_argument("--scales", type=int, nargs="+", default=list(SCALES), help="corpus sizes to build, 1 first (default 1 2 4)")
    parser.add_argument("--view-sizes", type=int, nargs="+", default=[500, 5000], help="entities in the viewer's synthetic graphs")
    parser.add_argument("--out", default=str(RESULTS), help="where to write the results (default bench/results.json)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--report", action="store_true", help="print the README table from --out and stop")
    args = parser.parse_args(argv)
    if args.report:
        print(report(json.loads(Path(args.out).read_text(encoding="utf-8"))))
        return 0
    bench = Bench(args)
    try:
        bench.run_all()
    finally:
        if not args.keep:
            shutil.rmtree(bench.work, ignore_errors=True)
    print()
    print(report(bench.results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
