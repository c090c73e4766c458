"""A query worker: a separate process that runs SPARQL over an Oxigraph store opened read-only.

Started by :class:`kg.store.workers.QueryWorker` as ``python -P _oxworker.py DATA_DIR`` with two
pipe ends as standard input and output. pyoxigraph cannot stop a query once it runs (an aggregate
computes every row before it answers), so a query with a time limit runs here, and the parent kills
this process at the deadline: the work really stops, and the store (opened read-only, never
written) is unharmed.

Deliberately standalone — it imports pyoxigraph and the standard library, not kg, and reads and
writes its pipes itself, in ``multiprocessing.connection``'s framing (a length, then a pickle),
without importing that package (60 ms) — so it starts in a few tens of milliseconds. Before each query it looks at the store's files and reopens its
read-only snapshot when a writer has committed since (new write-ahead log records, new tables).

Protocol (pickled messages, framed as ``multiprocessing.connection.Connection`` frames them)::

    → ("query", text, prefixes, substitutions, mode, fmt, offset, limit)
        mode "rows": ← ("rows", variables, [tuple, ...], last)… until last is True
                     (variables: None for CONSTRUCT/DESCRIBE); ← ("boolean", value) for ASK
        mode "bytes": ← ("bytes", data)   (serialised in ``fmt``)
    ← ("error", "query" | "store", message) instead, when the query or the store fails
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import time
from itertools import islice

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


#: Opens tried when an open races with the writer's background work (a log or table retired).
OPEN_TRIES = 8


def _retired(error: BaseException) -> bool:
    return "No such file or directory" in str(error)


def open_read_only(data: str):
    """The store read-only, opened as kg's readers open it: held back while the writer opens,
    flushes or closes it (the store's ``lock.db``), and tried again when the open raced with
    RocksDB retiring a file."""
    import filelock  # the writer's gate; light, unlike kg

    try:
        gate = filelock.ReadWriteLock(os.path.join(os.path.dirname(data), "lock.db"), blocking=True,
                                      is_singleton=False)
    except Exception:  # a lock no one may write (a read-only disk): no one writes the store either
        gate = None
    for attempt in range(OPEN_TRIES):
        try:
            if gate is None:
                return ox.Store.read_only(data)
            gate.acquire_read(timeout=120, blocking=True)
            try:
                return ox.Store.read_only(data)
            finally:
                gate.release(force=True)
        except (OSError, RuntimeError) as error:
            if not _retired(error) or attempt + 1 == OPEN_TRIES:
                raise OSError(str(error)) from None
            time.sleep(0.05 * 2 ** attempt)


def _read(fd: int, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return bytes(data)


def receive(fd: int):
    """The next message on ``fd`` (``EOFError`` when the parent closed the pipe)."""
    size, = struct.unpack("!i", _read(fd, 4))
    if size == -1:
        size, = struct.unpack("!Q", _read(fd, 8))
    return pickle.loads(_read(fd, size))


def send(fd: int, message) -> None:
    """Write ``message`` to ``fd``: its length, then its pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    header = struct.pack("!i", len(data)) if len(data) <= 0x7FFFFFFF else struct.pack("!iQ", -1, len(data))
    view = memoryview(header + data)
    while view:
        view = view[os.write(fd, view):]


class _Pipe:
    def __init__(self, fd: int):
        self.fd = fd

    def send(self, message) -> None:
        send(self.fd, message)


def limit_memory(share: int = 4) -> None:
    """At most 1/``share`` of the machine's memory for this process (a read that runs away dies at
    the limit, not the machine; see :mod:`kg.store.workers`)."""
    try:
        import resource

        cap = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // share
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ImportError, ValueError, OSError):
        pass


def main(data: str) -> None:
    limit_memory()
    source = sys.stdin.fileno()
    writer = _Pipe(sys.stdout.fileno())
    store, seen = None, None
    while True:
        try:
            request = receive(source)
        except EOFError:
            return
        for attempt in range(2):  # again on a fresh snapshot when a file the query needed was retired
            try:
                now = signature(data)
                if store is None or now != seen:
                    store, seen = None, now
                    store = open_read_only(data)
            except Exception as error:  # never die: the parent would only see the pipe close
                writer.send(("error", "store", str(error)))
                break
            sent = []

            def send(message, sent=sent):
                sent.append(True)
                writer.send(message)

            try:
                run(store, request, send)
            except (SyntaxError, ValueError, RuntimeError, OSError) as error:
                if _retired(error) and attempt == 0 and not sent:  # nothing answered yet: run it again
                    store = None
                    continue
                writer.send(("error", "store" if isinstance(error, OSError) else "query", str(error)))
            break


if __name__ == "__main__":
    main(sys.argv[1])
