"""``--store memory``: an rdflib ``Dataset`` in this process, gone when it ends.

For the Python API and tests (build, then query, in one process) and for small jobs. Same
contract as the on-disk store; SPARQL is rdflib's, bindings go in as ``initBindings``.
"""

from __future__ import annotations

import ctypes
import threading
from itertools import islice
from typing import Iterator

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.graph.terms import quad_to_oxigraph, quad_to_rdflib
from kg.sparql import PREFIXES, Prepared
from kg.store.base import Answer, BaseStore, Limits
from kg.store.workers import timeout_error

__all__ = ["MemoryStore"]


class _TimeUp(BaseException):
    """Raised into the querying thread at its deadline (a BaseException: rdflib catches Exception)."""


class _Deadline:
    """``with _Deadline(seconds):`` stops the block with QueryTimeoutError after ``seconds``.

    Past the deadline the exception is raised again every 50 ms until the block ends: one that
    lands in a callback which ignores exceptions (a weakref's) is not the last.
    """

    def __init__(self, timeout: float | None):
        self.timeout = timeout
        self._lock = threading.Lock()
        self._done = threading.Event()

    def _watch(self) -> None:
        wait = self.timeout
        while not self._done.wait(wait):
            with self._lock:
                if not self._done.is_set():
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), ctypes.py_object(_TimeUp))
            wait = 0.05

    def __enter__(self):
        if self.timeout is not None:
            self._thread = threading.get_ident()
            watcher = threading.Thread(target=self._watch, daemon=True, name="kg query deadline")
            try:
                watcher.start()
            except _TimeUp:  # a very short limit: it ran out while the watcher started
                self.__exit__(_TimeUp, None, None)
        return self

    def __exit__(self, kind, error, tb):
        if self.timeout is None:
            return False
        while True:  # the exception may arrive at any bytecode, this method's included
            try:
                with self._lock:
                    self._done.set()
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), None)
                break
            except _TimeUp:
                continue
        if kind is _TimeUp:
            raise timeout_error(self.timeout) from None
        return False


class MemoryStore(BaseStore):
    """A store held in memory by rdflib."""

    def __init__(self):
        self.location = "memory"
        self.writable = True
        self._ds = Dataset(default_union=True)

    def _run(self, prepared: Prepared, bindings: dict[str, Node], limits: Limits) -> Answer:
        stop = None if limits.limit is None else limits.offset + limits.limit
        try:
            with _Deadline(limits.timeout):
                result = self._ds.query(prepared.text, initNs=PREFIXES, initBindings=bindings or None)
                if result.type == "SELECT":
                    names = [str(v) for v in result.vars]
                    rows = [{n: row[n] for n in names if row[n] is not None}
                            for row in islice(result, limits.offset, stop)]
                    return Answer("SELECT", names, rows)
                if result.type == "ASK":
                    return Answer("ASK", boolean=bool(result.askAnswer))
                return Answer(prepared.form, triples=list(islice(result.graph, limits.offset, stop)))
        except QueryError:
            raise
        except Exception as error:
            raise QueryError(f"the query failed: {' '.join(str(error).split())}") from None

    def _quads(self) -> Iterator[ox.Quad]:
        default = self._ds.default_graph.identifier
        return iter([quad_to_oxigraph(s, p, o, g) for s, p, o, g in self._ds.quads((None, None, None, None))
                     if g is not None and g != default])

    def _triples(self) -> Iterator[ox.Triple]:
        return iter({q.triple for q in self._quads()})

    def _has_graph(self, name: str) -> bool:
        return len(self._ds.get_context(URIRef(name))) > 0

    def _write_new(self, graphs: dict[str, list[ox.Quad]]) -> None:
        self._replace(graphs)

    def _replace(self, graphs: dict[str, list[ox.Quad]]) -> None:
        for name, quads in graphs.items():
            self._ds.remove_graph(URIRef(name))
            self._add(quads)

    def _add(self, quads: list[ox.Quad]) -> None:
        for quad in quads:
            s, p, o, g = quad_to_rdflib(quad)
            self._ds.graph(g).add((s, p, o))

    def _remove(self, quads: list[ox.Quad]) -> None:
        for quad in quads:
            s, p, o, g = quad_to_rdflib(quad)
            self._ds.get_context(g).remove((s, p, o))

    def _drop(self, name: str) -> None:
        self._ds.remove_graph(URIRef(name))

    def _flush(self) -> None:
        pass

    def _close(self) -> None:
        pass
