"""Query workers: how the on-disk store stops a query at its time limit.

pyoxigraph has no way to cancel a running query, and an aggregate (``COUNT(*)`` over a cartesian
product) computes every row before it answers. So a query with a ``timeout`` runs in a worker
process (:mod:`kg.store._oxworker`) that opens the store read-only; at the deadline the worker is
killed — the work really stops — and :class:`~kg.errors.QueryTimeoutError` is raised. The store is
unharmed (the worker never writes) and the next timed query starts a fresh worker.

A worker may use at most a quarter of the machine's memory. Measured: while a writer ingests
batches back to back, about one read in 60 of a snapshot opened read-only runs away inside
pyoxigraph (0.5.13) — memory grows by about 0.5 GB/s until the machine kills something — while the
same query on a snapshot opened a moment later answers in milliseconds. So such a worker dies at
its limit instead, and a query whose worker died while the store changed runs once more on a fresh
snapshot.

Workers are kept for the life of the store object and reused, so a server pays the start of a
worker (~0.1 s) once, not per query; each query costs a round trip through a pipe. The pool grows
to the most queries that ran at once (a server: its threads) and no further. A worker sees the store as committed when the query runs: it reopens
its read-only snapshot when the store's files changed.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from kg.errors import QueryError, QueryTimeoutError, StoreError
from kg.store._oxworker import receive, send, signature

__all__ = ["QueryWorker", "WorkerPool", "timeout_error"]

_SCRIPT = str(Path(__file__).with_name("_oxworker.py"))


class WorkerDied(StoreError):
    """A query worker ended without answering (killed, or over its memory limit)."""


def timeout_error(timeout: float) -> QueryTimeoutError:
    """The one error every engine raises when a query runs out of time."""
    return QueryTimeoutError(f"the query was stopped after {timeout:g} s (its time limit)",
                             hint="add a LIMIT, narrow its patterns, or allow more time with --timeout SECONDS")


class QueryWorker:
    """One worker process over the Oxigraph data directory ``data``."""

    def __init__(self, data: str, fault=None):
        self.data = data
        self.fault = fault
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self.process = subprocess.Popen([sys.executable, "-P", _SCRIPT, data], stdin=to_child_r,
                                            stdout=from_child_w, stderr=subprocess.DEVNULL, close_fds=True)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.in_step = True  # False while an answer is read: a worker left half-read is killed
        self._to = to_child_w
        self._from = from_child_r

    def request(self, message: tuple, deadline: float | None, timeout: float | None):
        """Send ``message``; yield the answer's messages until its last; kill at ``deadline``."""
        self.in_step = False
        try:
            send(self._to, message)
        except OSError:
            self.kill()
            raise WorkerDied("the query worker stopped unexpectedly", path=self.data) from None
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            try:
                ready = _readable(self._from, remaining) if remaining is None or remaining > 0 else False
                if not ready:
                    self.kill()
                    raise timeout_error(timeout)
                reply = receive(self._from)
            except (EOFError, OSError):
                self.kill()
                raise WorkerDied("the query worker stopped unexpectedly (out of memory?)", path=self.data) from None
            kind = reply[0]
            last = kind != "rows" or reply[3]
            self.in_step = last
            if kind == "error":
                _, what, text = reply
                message = " ".join(text.split())
                if what == "query":
                    raise QueryError(f"the query failed: {message}")
                if self.fault is not None:
                    raise self.fault(text)
                raise StoreError(f"cannot read the store: {message}", path=self.data)
            yield reply
            if last:
                return

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        ends, self._to, self._from = (self._to, self._from), -1, -1
        for end in ends:
            if end >= 0:
                os.close(end)

    def close(self) -> None:
        """End the worker. An idle worker only holds a read-only snapshot, which has nothing to
        save: it is killed rather than waited for."""
        self.kill()


def _readable(fd: int, timeout: float | None) -> bool:
    """Whether ``fd`` has something to read (or its end closed) within ``timeout`` seconds."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(None if timeout is None else max(0, int(timeout * 1000) + 1)))


class WorkerPool:
    """Idle workers kept for reuse (at most ``size``, ``None``: as many as ever ran at once)."""

    def __init__(self, data: str, size: int | None = None, fault=None):
        """``fault(text)``: the exception for a worker that could not read the store (default: a
        :class:`~kg.errors.StoreError` quoting it)."""
        self.data = data
        self.size = size
        self.fault = fault
        self._idle: list[QueryWorker] = []
        self._lock = threading.Lock()
        self._closed = False

    def run(self, message: tuple, timeout: float | None):
        """The replies to ``message`` from a worker, stopped after ``timeout`` seconds (``None``: no limit)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for attempt in range(2):
            worker = self._take()
            before = signature(self.data)
            replies = 0
            try:
                for reply in worker.request(message, deadline, timeout):
                    replies += 1
                    yield reply
                return
            except WorkerDied:
                # A read of a snapshot opened while a writer writes can run away (see the module's
                # docstring): once, on a fresh snapshot, when the store changed meanwhile.
                if attempt or replies or signature(self.data) == before:
                    raise
            finally:
                if worker.in_step and worker.alive:
                    self._give(worker)
                else:
                    worker.kill()

    def _take(self) -> QueryWorker:
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed", path=self.data)
            while self._idle:
                worker = self._idle.pop()
                if worker.alive:
                    return worker
                worker.kill()
        return QueryWorker(self.data, self.fault)

    def _give(self, worker: QueryWorker) -> None:
        with self._lock:
            if not self._closed and (self.size is None or len(self._idle) < self.size):
                self._idle.append(worker)
                return
        worker.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()

