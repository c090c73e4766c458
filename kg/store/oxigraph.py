"""The default store: Oxigraph (RocksDB) on disk, in a directory (``.kg/`` unless told otherwise).

Layout of the directory::

    .kg/kg-store.json   marks a kg store and its format ("kg-store/1")
    .kg/lock.db         the read/write lock (filelock's ReadWriteLock)
    .kg/oxigraph/       Oxigraph's RocksDB files

Concurrency: a writer (``kg build``) holds the lock exclusively; readers (query, export, stats,
view, validate) share it. Whoever cannot get the lock at once gets
:class:`~kg.errors.StoreLockedError` ("store is locked by another kg process"), never a wait or a
crash; so does a reader when RocksDB itself refuses to open (a process that is not kg holds it).

The union: Oxigraph's "default graph as union" is a bag — a triple stated in 600 article graphs
matches 600 times, and a join of three such patterns yields 600³ rows. So the store keeps the
union itself, as a set, in its default graph: every write adds an article's triples there too, and
every removal takes out the triples no other article graph still holds, in the same transaction.
Queries run on that default graph. (The cost: each triple is stored twice.)

Atomicity: a new article's graph (with its union triples) goes in with one transactional
``extend`` (several articles may share one); a stored article's graph is replaced, and an article
dropped, by one SPARQL update each, also one transaction. RocksDB's write-ahead log makes each
transaction all-or-nothing across a kill.

Flushing: RocksDB's own flush can wait forever once a column family holds a single full memtable
(Oxigraph merges memtables two at a time; facebook/rocksdb#12166, #13280) — a build of ~9,000
articles hung there. So ``flush()`` closes the database and opens it again instead: every committed
write is already in the log, and RocksDB writes the log out to tables when it opens, which leaves
readers nothing to replay.
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import Iterator

import filelock
import pyoxigraph as ox
from rdflib.term import Node

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.graph.terms import to_oxigraph
from kg.sparql import PREFIXES, Prepared
from kg.store.base import Answer, BaseStore, answer_of

__all__ = ["OxigraphStore", "FORMAT", "MARKER"]

FORMAT = "kg-store/1"
MARKER = "kg-store.json"
LOCK = "lock.db"
DATA = "oxigraph"
#: Quads per transaction when adding new article graphs (whole articles only).
CHUNK_QUADS = 50_000
_LOCKED = "store is locked by another kg process"
_DEFAULT = ox.DefaultGraph()


class OxigraphStore(BaseStore):
    """An Oxigraph store in directory ``path``; ``write=True`` to build, else read-only."""

    def __init__(self, path: str | os.PathLike, *, write: bool = False):
        self.location = str(path)
        self.writable = write
        self._ox = None
        self._lock = None
        root = Path(path)
        self._check_directory(root, write)
        self._lock = filelock.ReadWriteLock(str(root / LOCK), blocking=False, is_singleton=False)
        try:
            (self._lock.acquire_write if write else self._lock.acquire_read)()
        except filelock.Timeout:
            self._lock = None
            raise StoreLockedError(_LOCKED, path=self.location,
                                   hint="wait for the other kg command (a build?) to finish, or use another --store") from None
        except Exception as error:  # sqlite3 errors: unwritable directory, damaged lock file
            self._lock = None
            raise StoreError(f"cannot lock the store: {error}", path=self.location) from None
        try:
            if write and not (root / MARKER).exists():
                _write_marker(root)
            data = root / DATA
            if write:
                self._ox = ox.Store(str(data))
            elif data.exists():
                self._ox = ox.Store.read_only(str(data))
            else:  # marked but never written: an empty store
                self._ox = ox.Store()
        except OSError as error:
            self._release()
            if "lock" in str(error).lower():
                raise StoreLockedError(_LOCKED, path=self.location,
                                       hint="another program holds the store's database open") from None
            raise StoreError(f"cannot open the store: {error}", path=self.location,
                             hint="is it damaged? remove it and run kg build again") from None

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
        if root.is_dir() and any(p.name != LOCK for p in root.iterdir()):
            raise StoreError("the directory holds files and is not a kg store; kg will not write into it",
                             path=str(root), hint="give --store a new or empty directory")
        root.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------------ engine primitives

    def _run(self, prepared: Prepared, bindings: dict[str, Node]) -> Answer:
        options = {"prefixes": PREFIXES}
        if bindings:
            options["substitutions"] = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()}
        try:
            return answer_of(self._ox.query(prepared.text, **options), prepared.form)
        except (SyntaxError, RuntimeError, ValueError) as error:
            raise QueryError(f"the query failed: {' '.join(str(error).split())}") from None
        except OSError as error:
            raise StoreError(f"cannot read the store: {error}", path=self.location) from None

    def _quads(self) -> Iterator[ox.Quad]:
        return iter([q for q in self._ox.quads_for_pattern(None, None, None, None)
                     if not isinstance(q.graph_name, ox.DefaultGraph)])

    def _triples(self) -> Iterator[ox.Triple]:
        return iter([q.triple for q in self._ox.quads_for_pattern(None, None, None, _DEFAULT)])

    def _has_graph(self, name: str) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(name))

    def _orphans(self, triples, leaving: ox.NamedNode) -> list[ox.Triple]:
        """The triples that no named graph but ``leaving`` holds: the union loses them with it."""
        orphans = []
        for triple in triples:
            for quad in self._ox.quads_for_pattern(triple.subject, triple.predicate, triple.object, None):
                if quad.graph_name != leaving and not isinstance(quad.graph_name, ox.DefaultGraph):
                    break
            else:
                orphans.append(triple)
        return orphans

    def _write_new(self, graphs: dict[str, list[ox.Quad]], step) -> None:
        chunk: list[ox.Quad] = []
        articles = 0
        for quads in graphs.values():
            if chunk and len(chunk) + 2 * len(quads) > CHUNK_QUADS:
                self._ox.extend(chunk)
                step(articles)
                chunk, articles = [], 0
            chunk.extend(quads)
            chunk.extend(ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in quads)
            articles += 1
        if chunk:
            self._ox.extend(chunk)
            step(articles)

    # pyoxigraph has no transaction API beyond extend and update, so a change that removes
    # something is one SPARQL update. Its terms are pyoxigraph's own N-Triples forms (validated and
    # escaped when the terms were made), never text from the input.

    def _replace(self, graphs: dict[str, list[ox.Quad]], step) -> None:
        for name, quads in graphs.items():
            graph = ox.NamedNode(name)
            old = {q.triple for q in self._ox.quads_for_pattern(None, None, None, graph)}
            new = {q.triple for q in quads}
            orphans = self._orphans(old - new, graph)
            update = f"DROP SILENT GRAPH {graph} ;\n"
            if orphans:
                update += f"DELETE DATA {{ {_ntriples(orphans)} }} ;\n"
            update += f"INSERT DATA {{ GRAPH {graph} {{ {_ntriples(new)} }} {_ntriples(new)} }}"
            self._ox.update(update)
            step(1)

    def _add(self, quads: list[ox.Quad]) -> None:
        if quads:
            self._ox.extend(quads + [ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in quads])

    def _remove(self, quads: list[ox.Quad]) -> None:
        parts = []
        for quad in quads:
            parts.append(f"GRAPH {quad.graph_name} {{ {_ntriples([quad.triple])} }}")
            if self._orphans([quad.triple], quad.graph_name):
                parts.append(_ntriples([quad.triple]))
        if parts:
            self._ox.update(f"DELETE DATA {{ {' '.join(parts)} }}")

    def _drop(self, name: str) -> None:
        graph = ox.NamedNode(name)
        orphans = self._orphans({q.triple for q in self._ox.quads_for_pattern(None, None, None, graph)}, graph)
        update = f"DROP SILENT GRAPH {graph}"
        if orphans:
            update += f" ;\nDELETE DATA {{ {_ntriples(orphans)} }}"
        self._ox.update(update)

    def _flush(self) -> None:
        self._ox = None
        gc.collect()  # RocksDB closes when the last reference goes
        try:
            self._ox = ox.Store(str(Path(self.location) / DATA))
        except OSError as error:
            self._release()
            raise StoreError(f"cannot reopen the store after writing: {error}", path=self.location,
                             hint="everything written is kept; run kg build again to finish") from None

    def _close(self) -> None:
        if self._ox is not None:
            self._ox = None
            gc.collect()  # RocksDB closes when the last reference goes
        self._release()

    def _release(self) -> None:
        self._ox = None
        if self._lock is not None:
            try:
                self._lock.release(force=True)
                self._lock.close()
            finally:
                self._lock = None

    def __del__(self):
        try:
            self._close()
        except Exception:
            pass


def _ntriples(triples) -> str:
    return " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def _write_marker(root: Path) -> None:
    tmp = root / f".{MARKER}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"format": FORMAT, "engine": "oxigraph"}) + "\n", encoding="utf-8")
    os.replace(tmp, root / MARKER)
