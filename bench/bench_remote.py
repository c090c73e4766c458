"""Benchmark kg on SPARQL servers: a build into Oxigraph server and into Virtuoso vs the embedded store.

For each store — the embedded default (a fresh directory), Oxigraph server and Virtuoso (each
started fresh on loopback by ``tests/servers.py``, as the tests do) — it times, as a user runs them:

* ``build_s`` — ``kg build CORPUS --store …`` from empty (its ``write_s``: the time the build spent
  writing, from ``--json``'s timings: what the store itself costs);
* ``rebuild_s`` — the same build again (unchanged: nothing is written);
* ``export_s`` — ``kg export --format nquads`` of the whole graph;
* ``query_s`` — ``kg query articles`` (a named query over every article);

and the ratio of each to the embedded store's. Every store must end with the same articles and
triples (``same_graph``). A store whose server is not installed is recorded as skipped. Each
command is stopped after ``--timeout`` seconds; ``--limit`` bounds the number of files read.

Results go to ``bench/results.json`` under ``"remote"`` (other keys are kept).

Run: ``.venv/bin/python bench/bench_remote.py [--corpus ../shared/corpus/bbc] [--limit 2225] [--timeout 1800]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from servers import Unavailable, start  # noqa: E402

RESULTS = HERE / "results.json"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bbc"
STORES = ("embedded", "oxigraph", "virtuoso")


def kg(args: list[str], cwd: Path, timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    exe = Path(sys.executable).with_name("kg")
    start_time = time.perf_counter()
    result = subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, timeout=timeout,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr.decode(errors="replace").strip().splitlines()[-1])
    return time.perf_counter() - start_time, result


def corpus_copy(corpus: Path, target: Path, limit: int | None) -> Path:
    """The first ``limit`` article files of ``corpus`` (sorted), copied into ``target``."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".html", ".md")
                   and p.name.upper() != "README.TXT")[:limit]
    for path in files:
        destination = target / path.relative_to(corpus)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return target


def measure(store: str, work: Path, timeout: float, extractors: list[str]) -> dict:
    build_s, built = kg(["build", "articles", "--store", store, "--json", *extractors], work, timeout)
    report = json.loads(built.stdout)
    rebuild_s, _ = kg(["build", "articles", "--store", store, "--json", *extractors], work, timeout)
    export_s, exported = kg(["export", "--format", "nquads", "--store", store], work, timeout)
    query_s, _ = kg(["query", "articles", "--format", "csv", "--store", store], work, timeout)
    return {"build_s": round(build_s, 2), "write_s": round(report["timings"].get("write", 0.0), 2),
            "rebuild_s": round(rebuild_s, 2), "export_s": round(export_s, 2), "query_s": round(query_s, 2),
            "articles": report["articles"], "triples": report["triples"],
            "quads": len(exported.stdout.splitlines())}


def bench(corpus: Path, limit: int | None, timeout: float, stores: list[str], extractors: list[str]) -> dict:
    results: dict = {"corpus": str(corpus), "limit": limit, "stores": {}}
    with tempfile.TemporaryDirectory(prefix="kg-bench-remote-") as tmp:
        root = Path(tmp)
        work = root / "work"
        corpus_copy(corpus, work / "articles", limit)
        results["files"] = sum(1 for p in (work / "articles").rglob("*") if p.is_file())
        for name in stores:
            print(f"{name} …", file=sys.stderr, flush=True)
            try:
                if name == "embedded":
                    results["stores"][name] = measure(str(root / "store"), work, timeout, extractors)
                else:
                    with start(name, root / name) as server:
                        results["stores"][name] = measure(server.url, work, timeout, extractors)
            except Unavailable as why:
                results["stores"][name] = {"skipped": f"skipped: {why}"}
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                results["stores"][name] = {"failed": " ".join(str(error).split())[:300]}
    embedded = results["stores"].get("embedded", {})
    for name, figures in results["stores"].items():
        if name != "embedded" and "build_s" in figures and "build_s" in embedded:
            figures["ratio"] = {key: round(figures[key] / embedded[key], 2) if embedded[key] else None
                                for key in ("build_s", "write_s", "rebuild_s", "export_s", "query_s")}
            figures["same_graph"] = all(figures[k] == embedded[k] for k in ("articles", "triples", "quads"))
    return results


def save(remote: dict, path: Path) -> None:
    data = json.loads(path.read_text()) if path.exists() else {}
    data["remote"] = remote
    path.write_text(json.dumps(data, indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("KG_CORPUS", DEFAULT_CORPUS)))
    parser.add_argument("--limit", type=int, default=None, help="read at most this many files (default: all)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds after which a command is stopped")
    parser.add_argument("--stores", nargs="+", default=list(STORES), choices=STORES)
    parser.add_argument("--extractor", "-e", action="append", default=[], help="as kg build -e (default: kg's own)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file to merge into")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus} (give --corpus or $KG_CORPUS)", file=sys.stderr)
        return 0
    remote = bench(args.corpus, args.limit, args.timeout, args.stores, [x for e in args.extractor for x in ("-e", e)])
    save(remote, args.output)
    columns = ("build_s", "write_s", "rebuild_s", "export_s", "query_s", "articles", "triples")
    print(f"{'store':10}" + "".join(f"{c:>11}" for c in columns) + "  ratio to embedded (build, write, export)")
    for name, figures in remote["stores"].items():
        if "build_s" not in figures:
            print(f"{name:10} {figures.get('skipped') or figures.get('failed')}")
            continue
        ratio = figures.get("ratio")
        shown = f"  {ratio['build_s']}×, {ratio['write_s']}×, {ratio['export_s']}×" if ratio else ""
        print(f"{name:10}" + "".join(f"{figures[c]:>11}" for c in columns) + shown)
    print(f"wrote {args.output} (key \"remote\")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
