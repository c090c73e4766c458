"""The default store: Oxigraph (RocksDB) on disk, in a directory (``.kg/`` unless told otherwise).

Layout of the directory::

    .kg/kg-store.json   marks a kg store and its format ("kg-store/1")
    .kg/writer.lock     one writer at a time (filelock's FileLock)
    .kg/lock.db         the gate between the writer's opens and the readers' (filelock's ReadWriteLock)
    .kg/oxigraph/       Oxigraph's RocksDB files

Concurrency: readers never wait for a build. A writer (``kg build``) holds ``writer.lock``; a second
writer gets :class:`~kg.errors.StoreLockedError` ("store is locked by another kg process") at once,
and so does a writer when RocksDB itself refuses to open (a process that is not kg holds it).
Readers (query, export, stats, view, validate, analyze) open the database read-only
(``Store.read_only``), while the writer writes: each sees every transaction committed before its
open — whole articles, never half of one — and nothing after (it is a snapshot; the next command
sees the next batch). Measured: an open of RocksDB read-only that races with the writer opening it
again (``flush()``, below) can miss a write-ahead log that was just turned into tables — a reader
saw fewer articles than the one before it, or failed on a missing ``.log`` file. So the writer's
opens, flushes and close pass through the exclusive side of ``lock.db`` and each reader's open through
its shared side: a reader waits only for those moments, never for the build; an open that still
races with RocksDB's background work (a missing file) is tried again, and a read that finds a table
retired by a compaction runs again on a fresh snapshot. Measured (600 articles written in batches
of 10, each flushed, a reader opening and counting in a loop): without the gate 1 read of 106 saw
fewer articles than the read before it; with it 0 of 52, and 18 opens were tried again after a
table was retired under them. Unflushed, a reader's open replays the writer's whole log (600
articles, a 62 MB log: ~7 s an open, against ~0.7 s after a flush) — which is why new articles
skip the log altogether (below). A store on a read-only disk is read without
the gate (no one can write it). Where Oxigraph documents read-only opening beside a writer as
undefined behaviour, this gate and tests/test_store_readers.py are what kg relies on.

Faults: a full disk, a folder kg may not write, damaged RocksDB files each become one
:class:`~kg.errors.StoreError` naming the store and the problem (``kg.errors.problem``); a
transaction that fails leaves every article written before it complete.

The union: Oxigraph's "default graph as union" is a bag — a triple stated in 600 article graphs
matches 600 times, and a join of three such patterns yields 600³ rows. So the store keeps the
union itself, as a set, in its default graph: every write adds an article's triples there too, and
every removal takes out the triples no other article graph still holds, in the same transaction.
Queries run on that default graph. (The cost: each triple is stored twice.)

Atomicity: the graphs of one ``put_articles`` call (a build's batch) go in as one change. When
they are all new, that is one ingestion of tables (Oxigraph's bulk loader, ``bulk_load``): it
writes sorted tables beside the database and RocksDB adds them all in one record of its
MANIFEST (``IngestExternalFiles``: all of them or, after a kill, none), about five times cheaper
than a transaction, and it leaves nothing in the log for readers to replay. When some replace
stored graphs, it is one SPARQL update (one transaction), as is dropping an article; RocksDB's
write-ahead log makes each transaction all-or-nothing across a kill. Tables a kill left half
written (``bulk-*.sst``, never ingested) are removed when the next writer opens.

The build's record (:mod:`kg.store.record`): ``record_build`` keeps what a build read until the
store closes, and then writes it with the names, sizes and times of the database's files; the
first write of a writer removes it. ``precompute`` works out the answers of the standing queries
into ``answers/`` for that record; a reader whose store files are still those the record notes
reads such an answer from its file (``_answered``) instead of computing it.

Flushing: RocksDB's own flush can wait forever once a column family holds a single full memtable
(Oxigraph merges memtables two at a time; facebook/rocksdb#12166, #13280) — a build of ~9,000
articles hung there. So ``flush()`` closes the database and opens it again instead: every committed
write is already in the log, and RocksDB writes the log out to tables when it opens, which leaves
readers nothing to replay. With nothing in the log (a build of new articles only) it does nothing.
An ingestion whose keys overlap the memtable makes RocksDB flush it first, down that same path, so
the writer flushes its own way before ingesting whenever it wrote through the log since opening.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import re
import sqlite3
import time
from contextlib import contextmanager
import threading
from pathlib import Path
from typing import Iterator

import filelock
import pyoxigraph as ox
from rdflib.term import Node

from kg.errors import QueryError, StoreError, StoreLockedError, is_damage, is_full, problem
from kg.graph.terms import to_oxigraph, to_rdflib
from kg.sparql import PREFIXES, Prepared
from kg.store import _oxworker, record
from kg.store.base import Answer, BaseStore, Limits
from kg.store.workers import WorkerPool

__all__ = ["OxigraphStore", "FORMAT", "MARKER"]

FORMAT = "kg-store/1"
MARKER = record.MARKER
LOCK = "lock.db"
WRITER = record.WRITER
#: Seconds a reader waits while the writer opens, flushes or closes the database (and the writer
#: for readers that are opening it). A flush takes about as long as RocksDB needs to turn the log
#: into tables: measured ~0.5 s for 40 articles, 8 s for 600 articles written without a flush.
OPEN_WAIT = 120
#: Opens a reader tries when its open races with RocksDB's background work (a log or table retired).
OPEN_TRIES = 8
DATA = record.DATA
_LOCKED = record.LOCKED
_DEFAULT = ox.DefaultGraph()
_POOL_LOCK = threading.Lock()


class OxigraphStore(BaseStore):
    """An Oxigraph store in directory ``path``; ``write=True`` to build, else read-only."""

    def __init__(self, path: str | os.PathLike, *, write: bool = False):
        self.location = str(path)
        self.writable = write
        self._db = self._writer = self._gate = self._pool = None
        self._signature = None
        self._logged = False  # whether the writer wrote through RocksDB's log since it opened
        self._closed = False
        self._changed = False  # whether the writer removed the last build's record (before its first write)
        self._pending = None  # the record to write when the store closes
        self._kept = None  # the last build's record, as the writer found it
        self._answers: dict[str, str] = {}  # the answers precompute() worked out: key → file
        root = Path(path)
        self._check_directory(root, write)
        self._data = root / DATA
        self._gate = _gate(root, write) if write else None  # a reader's is made when it first opens
        self._gateless = False  # a reader that cannot take the gate: a store on a read-only disk
        if write:
            self._writer = self._take_writer(root)
            try:
                with self._exclusive():
                    if not (root / MARKER).exists():
                        _write_marker(root)
                    _remove_unfinished_tables(self._data)
                    self._kept = record.current(root)  # still true until this writer writes
                    self._db = ox.Store(str(self._data))
            except (OSError, RuntimeError) as error:
                self._release()
                if _held(error):
                    raise StoreLockedError(_LOCKED, path=self.location,
                                           hint="another program holds the store's database open") from None
                raise self._fault(error, "open") from None
        elif self._data_dir() is not None:
            self._signature = _oxworker.signature(self._data_dir())
        # a reader opens its snapshot when first asked: a query that runs on a worker never needs it

    @property
    def _ox(self) -> ox.Store:
        """The database (a reader's read-only snapshot is opened on first use)."""
        if self._db is None:
            if self.writable or self._closed:
                raise StoreError("the store is closed", path=self.location)
            self._db = self._open_read()
        return self._db

    def _take_writer(self, root: Path) -> filelock.FileLock:
        """The writers' lock, or :class:`StoreLockedError` at once when another writer holds it."""
        try:
            return record.take_writer(root)
        except filelock.Timeout:
            raise StoreLockedError(_LOCKED, path=self.location,
                                   hint="wait for the other kg build to finish, or use another --store") from None
        except OSError as error:
            raise self._fault(error, "lock") from None

    def record_build(self, data: dict) -> None:
        """Kept until the store closes, and written then with the names, sizes and times of the
        database's files (:func:`kg.store.record.write`): a file changed since — damage, another
        program — makes the record void."""
        if self.writable:
            self._pending = data

    def last_build(self) -> dict | None:
        return record.read(Path(self.location))

    def _changing(self) -> None:
        self._pending = None
        if not self._changed:
            try:
                record.forget(Path(self.location))
            except OSError as error:
                raise self._fault(error, "write") from None
            self._changed, self._kept, self._answers = True, None, {}

    def precompute(self, queries) -> None:
        """Work out the answers of ``queries`` (``(SPARQL, bindings)`` pairs) now, and keep them
        with the build's record (:mod:`kg.store.record`): until the store changes, a reader asking
        one of them reads its answer instead of computing it. Answers the last build worked out
        are kept as they are when nothing was written since. A disk too full for them leaves the
        store without answers (every query is then computed), never a failed build."""
        if not self.writable:
            return
        folder = Path(self.location) / record.ANSWERS
        kept = (self._kept or {}).get("answers", {}) if not self._changed else {}
        answers = {}
        try:
            folder.mkdir(exist_ok=True)
            for sparql, bindings in queries:
                substitutions = {k: to_oxigraph(v) for k, v in bindings.items()}
                key = record.answer_key(sparql, substitutions)
                if key in kept and (folder / kept[key]).is_file():
                    answers[key] = kept[key]
                    continue
                result = self._query(sparql, substitutions)
                if isinstance(result, ox.QuerySolutions):
                    answers[key] = name = f"{key[:24]}-{os.urandom(4).hex()}.tsv"
                    (folder / name).write_bytes(result.serialize(format=ox.QueryResultsFormat.TSV))
            for stale in set(p.name for p in folder.iterdir()) - set(answers.values()):
                (folder / stale).unlink(missing_ok=True)
        except OSError:  # a full disk: the articles are all in; readers will compute the answers
            answers = {}
        self._answers = answers

    def _answered(self, sparql: str, substitutions: dict):
        """The answer of a query the last build worked out (``None`` when it did not, or when the
        store changed since), read from its file as it is consumed: the first rows at once."""
        if self.writable or self._data_dir() is None:
            return None
        path = record.answer(Path(self.location), record.answer_key(sparql, substitutions))
        if path is None:
            return None
        try:
            return ox.parse_query_results(path=str(path), format=ox.QueryResultsFormat.TSV)
        except (OSError, SyntaxError, ValueError):  # replaced by a writer meanwhile: compute it
            return None

    @contextmanager
    def _exclusive(self):
        """Hold readers back while the writer opens, flushes or closes the database (RocksDB moves
        its write-ahead log into tables then, and a reader opening at that moment could miss it)."""
        if self._gate is None:
            yield
            return
        try:
            self._gate.acquire_write(timeout=OPEN_WAIT, blocking=True)
        except filelock.Timeout:
            raise StoreLockedError(f"readers held the store for more than {OPEN_WAIT} s", path=self.location,
                                   hint="run the build again when the readers are done") from None
        except (OSError, sqlite3.Error) as error:
            raise self._fault(error, "lock") from None
        try:
            yield
        finally:
            self._gate.release(force=True)

    def _open_read(self):
        """Open the database read-only: a snapshot of every transaction committed so far.

        A reader takes no lock against the writer; it only waits while the writer opens or flushes
        (moments), and tries again when its open raced with RocksDB's own background work.
        """
        if not self._data.exists():  # marked but never written: an empty store
            return ox.Store()
        for attempt in range(OPEN_TRIES):
            try:
                with self._shared():
                    return ox.Store.read_only(str(self._data))
            except (OSError, RuntimeError) as error:
                if _never_written(error):
                    return ox.Store()
                if not _retired(error) or attempt + 1 == OPEN_TRIES:
                    raise self._fault(error, "open") from None
                time.sleep(0.05 * 2 ** attempt)

    @contextmanager
    def _shared(self):
        """Hold the writer back from opening, flushing or closing while this reader opens."""
        if self._gate is None and not self._gateless:
            self._gate = _gate(Path(self.location), False)
        if self._gate is not None:
            try:
                self._gate.acquire_read(timeout=OPEN_WAIT, blocking=True)
            except filelock.Timeout:
                raise StoreLockedError(f"the writer kept the store closed for more than {OPEN_WAIT} s",
                                       path=self.location, hint="try again in a moment") from None
            except Exception:  # a lock kg may not write (a read-only disk): no one writes the store either
                self._gate = None
        self._gateless = self._gate is None
        try:
            yield
        finally:
            if self._gate is not None:
                self._gate.release(force=True)

    def _fault(self, error: BaseException, doing: str) -> StoreError:
        """One clear :class:`StoreError` for a fault of the machine or of the store's files."""
        text = problem(error)
        if _retired(error) or is_damage(error):
            detail = text.removeprefix("damaged: ")
            if _retired(error):
                missing = re.findall(r"(?:^|[\s/])([^\s/:]+): No such file", str(error))
                detail = f"a file is missing ({missing[0]})" if missing else "a file is missing"
            return StoreError(f"the store is damaged: {detail}", path=self.location,
                              hint="restore it from a copy, or remove it and run kg build again")
        if is_full(error):
            return StoreError(f"cannot {doing} the store: {text}", path=self.location,
                              hint="free some space (or use --store on another disk) and run the command again; "
                                   "every article written before is kept")
        if text.startswith(("permission denied", "the file system is read-only")):
            return StoreError(f"cannot {doing} the store: {text}", path=self.location,
                              hint="kg build needs to write the store's folder; kg query, export, stats and view only read it")
        return StoreError(f"cannot {doing} the store: {text}", path=self.location)

    def _write(self, change, *args, logged: bool = True) -> None:
        """Run one change of the database (one transaction, or one ingestion of tables when not
        ``logged``); faults become one :class:`StoreError`."""
        self._logged |= logged
        try:
            change(*args)
        except (OSError, RuntimeError) as error:
            if isinstance(error, RuntimeError) and not is_damage(error):
                raise
            raise self._fault(error, "write") from None

    def _read(self, reading):
        """``reading()``, again on a fresh snapshot if the writer retired a table it needed."""
        for attempt in range(OPEN_TRIES):
            try:
                return reading()
            except (OSError, RuntimeError) as error:
                if isinstance(error, RuntimeError) and not is_damage(error):
                    raise
                if self.writable or not _retired(error) or attempt + 1 == OPEN_TRIES:
                    raise self._fault(error, "read") from None
                self._refresh(force=True)

    @staticmethod
    def _check_directory(root: Path, write: bool) -> None:
        marker = root / MARKER
        if marker.exists():
            try:
                found = json.loads(marker.read_text(encoding="utf-8")).get("format")
            except (OSError, ValueError, AttributeError):
                found = None
            if found != FORMAT:
                raise StoreError(f"the store has format {found!r}; this kg reads {FORMAT!r}", path=str(root),
                                 hint="remove the directory and run kg build again")
            return
        if root.exists() and not root.is_dir():
            raise StoreError("not a directory", path=str(root), hint="give --store a directory")
        if not write:
            raise StoreError("no kg store here", path=str(root),
                             hint="build one first: kg build PATH... (or choose one with --store DIR)")
        if root.is_dir() and any(p.name not in (LOCK, WRITER) for p in root.iterdir()):
            raise StoreError("the directory holds files and is not a kg store; kg will not write into it",
                             path=str(root), hint="give --store a new or empty directory")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the store: {problem(error)}", path=str(root),
                             hint="give --store a folder kg may write") from None

    # ------------------------------------------------------------------ engine primitives

    def _run(self, prepared: Prepared, bindings: dict[str, Node], limits: Limits) -> Answer:
        substitutions = {k: to_oxigraph(v) for k, v in bindings.items()}
        answered = self._answered(prepared.text, substitutions)
        if answered is not None:
            return _answer(prepared.form, *_oxworker.rows(answered, limits.offset, limits.limit))
        if limits.timeout is not None and self._data_dir() is not None:
            replies = self._workers().run(("query", prepared.text, PREFIXES, substitutions, "rows", None,
                                           limits.offset, limits.limit), limits.timeout)
            first = next(replies)
            if first[0] == "boolean":
                list(replies)  # to the end of the answer: the worker goes back to the pool
                return Answer("ASK", boolean=first[1])
            names = first[1]
            items = (item for reply in itertools.chain([first], replies) for item in reply[2])
            return _answer(prepared.form, names, items)

        def answer() -> Answer:
            result = self._query(prepared.text, substitutions)
            if isinstance(result, ox.QueryBoolean):
                return Answer("ASK", boolean=bool(result))
            return _answer(prepared.form, *_oxworker.rows(result, limits.offset, limits.limit))

        return self._reading_query(answer)

    def _reading_query(self, reading):
        try:
            return self._read(reading)
        except (SyntaxError, RuntimeError, ValueError) as error:  # raised while pyoxigraph computes the rows
            raise QueryError(f"the query failed: {' '.join(str(error).split())}") from None

    def _serialize(self, prepared: Prepared, bindings: dict[str, Node], fmt: str, timeout: float | None) -> bytes:
        substitutions = {k: to_oxigraph(v) for k, v in bindings.items()}
        answered = self._answered(prepared.text, substitutions)
        if answered is not None:
            return answered.serialize(format=_oxworker.RESULTS_FORMATS[fmt])
        if timeout is not None and self._data_dir() is not None:
            replies = self._workers().run(("query", prepared.text, PREFIXES, substitutions, "bytes", fmt, 0, None),
                                          timeout)
            return list(replies)[-1][1]

        def serialized() -> bytes:
            result = self._query(prepared.text, substitutions)
            try:
                if isinstance(result, ox.QueryTriples):
                    return ox.serialize(result, format=_oxworker.GRAPH_FORMATS[fmt], prefixes=PREFIXES)
                return result.serialize(format=_oxworker.RESULTS_FORMATS[fmt])
            except (SyntaxError, ValueError) as error:
                raise QueryError(f"the query failed: {' '.join(str(error).split())}") from None

        return self._reading_query(serialized)

    def _query(self, text: str, substitutions: dict):
        options = {"prefixes": PREFIXES}
        if substitutions:
            options["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
        try:
            return self._ox.query(text, **options)
        except (SyntaxError, RuntimeError, ValueError) as error:
            raise QueryError(f"the query failed: {' '.join(str(error).split())}") from None

    def _data_dir(self) -> str | None:
        """The RocksDB directory, or ``None`` for a store marked but never written (an empty one)."""
        data = Path(self.location) / DATA
        return str(data) if data.is_dir() else None

    def _workers(self) -> WorkerPool:
        with _POOL_LOCK:
            if self._pool is None:
                self._pool = WorkerPool(self._data_dir(), fault=lambda text: self._fault(RuntimeError(text), "read"))
            return self._pool

    def _refresh(self, force: bool = False) -> bool:
        """A reader: move on to a snapshot of everything committed now — when the store changed
        since this one opened (``force``: whatever its files say)."""
        data = self._data_dir()
        if self.writable or data is None:
            return False
        now = _oxworker.signature(data)
        if now == self._signature and not force:
            return False
        self._db = None
        gc.collect()
        self._db = self._open_read()
        self._signature = now
        return True

    def _quads(self) -> Iterator[ox.Quad]:
        return iter(self._read(lambda: [q for q in self._ox.quads_for_pattern(None, None, None, None)
                                        if not isinstance(q.graph_name, ox.DefaultGraph)]))

    def _triples(self) -> Iterator[ox.Triple]:
        return iter(self._read(lambda: [q.triple for q in self._ox.quads_for_pattern(None, None, None, _DEFAULT)]))

    def _has_graph(self, name: str) -> bool:
        return self._read(lambda: self._ox.contains_named_graph(ox.NamedNode(name)))

    def _orphans(self, triples, leaving: "ox.NamedNode | set[ox.NamedNode]") -> list[ox.Triple]:
        """The triples that no named graph but those ``leaving`` holds: the union loses them with them."""
        leaving = leaving if isinstance(leaving, set) else {leaving}
        orphans = []
        for triple in triples:
            for quad in self._ox.quads_for_pattern(triple.subject, triple.predicate, triple.object, None):
                if quad.graph_name not in leaving and not isinstance(quad.graph_name, ox.DefaultGraph):
                    break
            else:
                orphans.append(triple)
        return orphans

    def _write_new(self, graphs: dict[str, list[ox.Quad]]) -> None:
        if self._logged:  # an ingestion over a full memtable would make RocksDB flush it: see the module's docstring
            self._flush()
        text = _with_union(graphs)
        if text is None:
            quads = [q for quads in graphs.values() for q in quads]
            union = [ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in quads]
            self._write(self._ox.bulk_extend, quads + union, logged=False)
        else:
            # lenient: the text is pyoxigraph's own serialisation of terms it validated when they were made
            self._write(lambda: self._ox.bulk_load(text, ox.RdfFormat.N_QUADS, lenient=True), logged=False)

    # pyoxigraph has no transaction API beyond extend and update, so a change that removes
    # something is one SPARQL update. Its terms are pyoxigraph's own N-Triples forms (validated and
    # escaped when the terms were made), never text from the input.

    def _replace(self, graphs: dict[str, list[ox.Quad]]) -> None:
        leaving = {ox.NamedNode(name) for name in graphs}
        old = {q.triple for graph in leaving for q in self._ox.quads_for_pattern(None, None, None, graph)}
        new = {q.triple for quads in graphs.values() for q in quads}
        orphans = self._orphans(old - new, leaving)
        update = [f"DROP SILENT GRAPH {graph}" for graph in sorted(leaving, key=str)]
        if orphans:
            update.append(f"DELETE DATA {{ {_ntriples(orphans)} }}")
        inserts = " ".join(f"GRAPH <{name}> {{ {_ntriples(q.triple for q in quads)} }}" for name, quads in graphs.items())
        update.append(f"INSERT DATA {{ {inserts} {_ntriples(new)} }}")
        self._write(self._ox.update, " ;\n".join(update))  # one transaction

    def _add(self, quads: list[ox.Quad]) -> None:
        if quads:
            self._write(self._ox.extend, quads + [ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in quads])

    def _remove(self, quads: list[ox.Quad]) -> None:
        parts = []
        for quad in quads:
            parts.append(f"GRAPH {quad.graph_name} {{ {_ntriples([quad.triple])} }}")
            if self._orphans([quad.triple], quad.graph_name):
                parts.append(_ntriples([quad.triple]))
        if parts:
            self._write(self._ox.update, f"DELETE DATA {{ {' '.join(parts)} }}")

    def _drop(self, name: str) -> None:
        graph = ox.NamedNode(name)
        orphans = self._orphans({q.triple for q in self._ox.quads_for_pattern(None, None, None, graph)}, graph)
        update = f"DROP SILENT GRAPH {graph}"
        if orphans:
            update += f" ;\nDELETE DATA {{ {_ntriples(orphans)} }}"
        self._write(self._ox.update, update)

    def _flush(self) -> None:
        if not (self._logged or _log_holds_writes(self._data)):
            return  # everything is in tables already: nothing for a reader to replay
        try:
            with self._exclusive():
                self._db = None
                gc.collect()  # RocksDB closes when the last reference goes
                self._db = ox.Store(str(self._data))
                self._logged = False
        except (OSError, RuntimeError) as error:
            self._release()
            raise self._fault(error, "write") from None

    def _close(self) -> None:
        try:
            if self._db is not None and self.writable:
                with self._exclusive():
                    self._db = None
                    gc.collect()  # RocksDB closes when the last reference goes
                if self._pending is not None:
                    try:
                        record.write(Path(self.location), {**self._pending, "answers": self._answers})
                    except OSError:
                        pass  # the store is as the build left it; the next build only reads every file again
                    self._pending = None
        finally:
            self._release()

    def _release(self) -> None:
        self._closed = True
        if self._db is not None:
            self._db = None
            gc.collect()
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        for lock in (self._writer, self._gate):
            if lock is not None:
                try:
                    lock.release(force=True)
                    if hasattr(lock, "close"):
                        lock.close()
                except Exception:
                    pass
        self._writer = self._gate = None

    def __del__(self):
        try:
            self._close()
        except Exception:
            pass


def _answer(form: str, names: list[str] | None, items) -> Answer:
    """An :class:`Answer` from rows (tuples of pyoxigraph terms in ``names``' order) or triples."""
    try:
        if form == "SELECT":
            return Answer("SELECT", names, [{n: to_rdflib(t) for n, t in zip(names, item) if t is not None}
                                            for item in items])
        return Answer(form, triples=[tuple(map(to_rdflib, item)) for item in items])
    except (SyntaxError, ValueError) as error:  # raised while pyoxigraph computes the rows
        raise QueryError(f"the query failed: {' '.join(str(error).split())}") from None


def _with_union(graphs: dict[str, list[ox.Quad]]) -> bytes | None:
    """The article graphs as N-Quads, each line twice: in its article's graph, and in the default
    graph (the union). ``None`` when a quad lies outside its article's graph or a blank node may
    be there (the bulk loader renames blank nodes it parses)."""
    parts = []
    for name, quads in graphs.items():
        text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        suffix = f" <{name}> .\n".encode()
        if b"_:" in text or text.count(suffix) != len(quads):
            return None
        parts += (text, text.replace(suffix, b" .\n"))  # a line ends with its graph: literals escape their line breaks
    return b"".join(parts)


def _log_holds_writes(data: Path) -> bool:
    """Whether RocksDB's write-ahead log holds writes not yet in tables (a reader would replay them)."""
    try:
        return any(entry.name.endswith(".log") and entry.stat().st_size for entry in os.scandir(data))
    except OSError:
        return True


def _remove_unfinished_tables(data: Path) -> None:
    """Remove the tables a bulk load was writing when it was stopped: never ingested, never read."""
    for table in data.glob("bulk-*.sst"):
        table.unlink(missing_ok=True)


def _ntriples(triples) -> str:
    return " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def _write_marker(root: Path) -> None:
    tmp = root / f".{MARKER}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"format": FORMAT, "engine": "oxigraph"}) + "\n", encoding="utf-8")
    os.replace(tmp, root / MARKER)


def _held(error: BaseException) -> bool:
    """Whether RocksDB refused to open because another process holds its LOCK."""
    text = str(error).lower()
    return (any(words in text for words in ("while lock file", "lock hold by", "no locks available"))
            and not is_damage(error)
            and not problem(error).startswith(("permission", "the file system is read-only", "the disk")))


def _never_written(error: BaseException) -> bool:
    """Whether Oxigraph found a database it never finished creating (the disk filled first): it
    holds nothing yet, and reads as an empty store."""
    return "only possible on read-write instances" in str(error)


def _retired(error: BaseException) -> bool:
    """Whether RocksDB missed a file: the writer retired it (try again), or it is lost (damage)."""
    return isinstance(error, FileNotFoundError) or "no such file" in str(error).lower()


def _gate(root: Path, write: bool) -> filelock.ReadWriteLock | None:
    """The lock between the writer's opens and flushes and the readers' opens (``None`` for a reader
    that cannot create it: a store on a read-only disk, which no one writes either)."""
    try:
        return filelock.ReadWriteLock(str(root / LOCK), blocking=True, is_singleton=False)
    except (OSError, sqlite3.Error) as error:
        if write:
            raise StoreError(f"cannot lock the store: {problem(error)}", path=str(root),
                             hint="kg build needs to write the store's folder; kg query, export, stats and view only read it") from None
        return None
