"""A query worker: a separate process that runs SPARQL over an Oxigraph store opened read-only.

Started by :class:`kg.store.workers.QueryWorker` as ``python -P _oxworker.py DATA_DIR`` with two
pipe ends as standard input and output. pyoxigraph cannot stop a query once it runs (an aggregate
computes every row before it answers), so a query with a time limit runs here, and the parent kills
this process at the deadline: the work really stops, and the store (opened read-only, never
written) is unharmed.

Deliberately standalone — it imports pyoxigraph and the standard library, not kg — so it starts in
a few tens of milliseconds. Before each query it looks at the store's files and reopens its
read-only snapshot when a writer has committed since (new write-ahead log records, new tables).

Protocol (pickled messages over ``multiprocessing.connection.Connection``)::

    → ("query", text, prefixes, substitutions, mode, fmt, offset, limit)
        mode "rows": ← ("rows", variables, [tuple, ...], last)… until last is True
                     (variables: None for CONSTRUCT/DESCRIBE); ← ("boolean", value) for ASK
        mode "bytes": ← ("bytes", data)   (serialised in ``fmt``)
    ← ("error", "query" | "store", message) instead, when the query or the store fails
"""

from __future__ import annotations

import os
import sys
from itertools import islice
from multiprocessing.connection import Connection

import pyoxigraph as ox

#: Rows per message: small enough that the parent converts rows while this process computes more.
BATCH = 2000

RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def signature(data: str) -> tuple:
    """What changes when a writer commits: the names, sizes and times of the store's files.

    (RocksDB's own ``LOG`` files and ``LOCK`` are left out: opening a store may touch them.)
    """
    try:
        entries = list(os.scandir(data))
    except OSError:
        return ()
    found = []
    for entry in entries:
        if entry.name.startswith(("LOG", "LOCK")):
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        found.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def run(store, request, send) -> None:
    """Run one query request and send its answer (see the module docstring)."""
    _, text, prefixes, substitutions, mode, fmt, offset, limit = request
    options = {"prefixes": prefixes}
    if substitutions:
        options["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
    result = store.query(text, **options)
    if mode == "bytes":
        if isinstance(result, ox.QueryTriples):
            data = ox.serialize(_sliced(result, offset, limit), format=GRAPH_FORMATS[fmt], prefixes=prefixes)
        else:
            data = result.serialize(format=RESULTS_FORMATS[fmt])
        send(("bytes", data))
        return
    if isinstance(result, ox.QueryBoolean):
        send(("boolean", bool(result)))
        return
    names, items = rows(result, offset, limit)
    batch = list(islice(items, BATCH))
    while True:  # one message for a small answer: each message costs a wake-up of both processes
        following = list(islice(items, BATCH)) if len(batch) == BATCH else []
        send(("rows", names, batch, not following))
        if not following:
            return
        batch = following


def rows(result, offset: int = 0, limit: int | None = None):
    """``(variable names, rows as tuples of terms)`` of solutions, or ``(None, triples as tuples)``,
    ``offset`` rows skipped and at most ``limit`` kept, computed as they are read."""
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        items = (tuple(solution) for solution in result)
    else:
        names = None
        items = ((t.subject, t.predicate, t.object) for t in result)
    return names, _sliced(items, offset, limit)


def _sliced(items, offset: int, limit: int | None):
    if offset or limit is not None:
        return islice(items, offset, None if limit is None else offset + limit)
    return items


def main(data: str) -> None:
    reader = Connection(sys.stdin.fileno(), writable=False)
    writer = Connection(sys.stdout.fileno(), readable=False)
    store, seen = None, None
    while True:
        try:
            request = reader.recv()
        except EOFError:
            return
        try:
            now = signature(data)
            if store is None or now != seen:
                store, seen = None, now
                store = ox.Store.read_only(data)
        except OSError as error:
            writer.send(("error", "store", str(error)))
            continue
        try:
            run(store, request, writer.send)
        except (SyntaxError, ValueError, RuntimeError) as error:
            writer.send(("error", "query", str(error)))
        except OSError as error:
            writer.send(("error", "store", str(error)))


if __name__ == "__main__":
    main(sys.argv[1])
