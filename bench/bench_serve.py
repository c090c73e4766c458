"""``kg serve`` under load: latency and throughput of the named queries with 1, 4 and 16 clients.

Starts ``kg serve`` as a subprocess on 127.0.0.1 (a free port) over a store — ``--store DIR``, or
one built first from ``--corpus`` (default: the BBC corpus at ``../shared/corpus/bbc`` or
``$KG_CORPUS``; the seeds when it is absent) — and, for each named query and each number of
concurrent clients, lets every client send the query's URL (``/queries/NAME``, SPARQL results
JSON) over its own keep-alive connection, one request after another. Each measurement is bounded:
``--seconds`` of wall time or ``--requests`` answers, whichever comes first (after one warm-up
request per client). Latency is per request (median and 95th percentile), throughput is answers
per second of wall time.

Results go to ``bench/results.json`` under ``"serve"`` (other keys are kept).

    python bench/bench_serve.py                          # BBC corpus (or the seeds), 1/4/16 clients
    python bench/bench_serve.py --corpus seeds --seconds 1 --requests 50
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results.json"
DEFAULT_CORPUS = Path(os.environ.get("KG_CORPUS") or REPO.parent / "shared" / "corpus" / "bbc")
CLIENTS = (1, 4, 16)
#: Values for the named queries that need one.
BINDS = {"entity": {"entity": "china"}}


def _kg() -> str:
    return str(Path(sys.executable).with_name("kg"))


def build_store(corpus: Path, folder: Path) -> Path:
    store = folder / "store"
    subprocess.run([_kg(), "build", str(corpus), "--store", str(store)], check=True, stdout=subprocess.DEVNULL)
    return store


def start_server(store: Path, threads: int, timeout: float) -> tuple[subprocess.Popen, str]:
    # standard error to a file, not a pipe: waitress warns there whenever requests queue up, and a
    # pipe no one reads fills and then blocks the server's main loop (every request hangs)
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen([_kg(), "serve", "--store", str(store), "--port", "0", "--threads", str(threads),
                                "--timeout", str(timeout)], stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()
    if not line.startswith("kg serve: http://"):
        process.kill()
        log.seek(0)
        raise SystemExit(f"kg serve did not start: {line!r} {log.read()}")
    return process, line.split()[2]


def measure(url: str, path: str, clients: int, seconds: float, requests: int) -> dict:
    """Every client sends ``path`` until the time or the request budget is spent."""
    parts = urlsplit(url)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    budget = [requests]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        headers = {"Accept": "application/sparql-results+json"}
        try:
            connection.request("GET", path, headers=headers)  # warm-up: the connection and a worker
            connection.getresponse().read()
        except OSError as error:
            errors.append(str(error))
        start.wait()
        while time.monotonic() < deadline[0]:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(f"HTTP {response.status}")
                    continue
            except (OSError, http.client.HTTPException) as error:
                errors.append(str(error))
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
                continue
            with lock:
                latencies.append(time.perf_counter() - began)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds + 60  # the warm-ups first, then the clock starts
    start.wait()
    began = time.monotonic()
    deadline[0] = began + seconds
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    latencies.sort()
    result = {"clients": clients, "requests": len(latencies), "seconds": round(wall, 3),
              "throughput_per_s": round(len(latencies) / wall, 1) if wall else None}
    if latencies:
        result["latency_median_ms"] = round(1000 * statistics.median(latencies), 2)
        result["latency_p95_ms"] = round(1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 2)
    if errors:
        result["errors"] = len(errors)
        result["first_error"] = errors[0]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="serve this store (default: build one from --corpus)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="articles to build the store from (default: the BBC corpus, else seeds/)")
    parser.add_argument("--clients", type=int, nargs="+", default=list(CLIENTS), help="concurrent clients (default 1 4 16)")
    parser.add_argument("--seconds", type=float, default=3.0, help="wall time per measurement (default 3)")
    parser.add_argument("--requests", type=int, default=500, help="at most this many answers per measurement (default 500)")
    parser.add_argument("--threads", type=int, default=4, help="kg serve --threads (default 4)")
    parser.add_argument("--timeout", type=float, default=60, help="kg serve --timeout (default 60)")
    parser.add_argument("--queries", nargs="+", default=None, help="named queries to measure (default: all)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file to merge into")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from kg.queries import named_queries

    names = args.queries or sorted(named_queries())
    with tempfile.TemporaryDirectory(prefix="kg-bench-serve-") as work:
        corpus = args.corpus or (DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else REPO / "seeds")
        store = args.store
        built = None
        if store is None:
            began = time.monotonic()
            store = build_store(corpus, Path(work))
            built = round(time.monotonic() - began, 2)
        process, url = start_server(store, args.threads, args.timeout)
        results = {}
        try:
            for name in names:
                path = f"/queries/{quote(name)}"
                if name in BINDS:
                    path += "?" + urlencode(BINDS[name])
                results[name] = {}
                for clients in args.clients:
                    entry = measure(url, path, clients, args.seconds, args.requests)
                    results[name][str(clients)] = entry
                    print(f"{name:14} {clients:3} clients  {entry['requests']:5} answers  "
                          f"{entry.get('throughput_per_s') or 0:8.1f}/s  median {entry.get('latency_median_ms', '-')} ms  "
                          f"p95 {entry.get('latency_p95_ms', '-')} ms" + (f"  {entry['errors']} errors" if "errors" in entry else ""),
                          flush=True)
        finally:
            process.terminate()
            process.wait(timeout=10)
    record = {"date": dt.datetime.now().isoformat(timespec="seconds"), "store": str(args.store or corpus),
              "built_in_s": built, "threads": args.threads, "cpus": os.cpu_count(), "seconds": args.seconds,
              "requests": args.requests, "queries": results}
    existing = json.loads(args.output.read_text()) if args.output.exists() else {}
    existing["serve"] = record
    args.output.write_text(json.dumps(existing, indent=1) + "\n")
    return 1 if any("errors" in e for q in results.values() for e in q.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
