"""Where a build's per-article work runs: in this process, a process pool, or a Dask cluster.

Every executor does one thing, :meth:`Executor.map`: call a picklable function on each item and
yield the results **in the order of the items**, whatever order the workers finish in — so a build
writes the same graph whatever runs it. The function is the build's stage boundary
(:class:`kg.extract.Pipeline`, and reading a page in :mod:`kg.ingest`); resolution and writing stay
in the calling process.

* :class:`InProcess` — one article after the other (``--jobs 1``);
* :class:`ProcessPool` — ``--jobs N`` worker processes on this machine, forked from this one so
  that they start with the extractors already loaded;
* :class:`DaskExecutor` — ``--scheduler tcp://host:8786`` (an existing Dask cluster) or
  ``--scheduler local:N`` (a ``LocalCluster`` of N worker processes, started and stopped here).

>>> with executor_for(jobs=1) as ex:
...     list(ex.map(len, ["a", "bb", "ccc"]))
[1, 2, 3]
"""

from __future__ import annotations

import os
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from kg.errors import ExecutorError

__all__ = ["Executor", "InProcess", "ProcessPool", "DaskExecutor", "executor_for", "default_jobs"]

T = TypeVar("T")
R = TypeVar("R")

#: Items sent to a worker at a time: large enough to amortise the round trip, small enough to
#: keep both cores busy to the end.
CHUNK = 8
#: Fewer items than this are not worth starting worker processes for.
FEW = 4 * CHUNK
#: Items a process pool works ahead of the results consumed: more than a build's batch (200
#: articles), so the workers go on extracting while this process resolves and writes one.
AHEAD = 256


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Executor:
    """The contract: ``map(fn, items)`` yields ``fn(item)`` for each item, in order."""

    #: How the executor is described in a build report (``"in process"``, ``"2 processes"``, …).
    description = ""

    def start(self, items: int) -> None:
        """Get ready for ``items`` items (start workers that are started on demand)."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class InProcess(Executor):
    description = "in process"

    def map(self, fn, items):
        return _in_chunks(fn, items)


class ProcessPool(Executor):
    """``jobs`` worker processes, handed work in chunks of :data:`CHUNK` items.

    The workers are forked when first needed — by :meth:`start`, or a map of many items; a map
    of fewer than :data:`FEW` items before then runs in this process, where starting workers
    would cost more than it saves. Call :meth:`start` before opening anything a forked copy must
    not hold (the store).
    """

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool = None  # a ProcessPoolExecutor once started

    @property
    def description(self) -> str:
        return f"{self.jobs} processes" if self._pool is not None else "in process"

    def start(self, items: int) -> None:
        """Fork the workers now if ``items`` are worth them."""
        if self._pool is None and items >= FEW:
            import multiprocessing  # here, not at start-up: every kg command imports this module
            from concurrent.futures import ProcessPoolExecutor

            # fork: a worker starts with what this process has loaded (lexicons, patterns, models)
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method))
            self._pool.submit(int).result()  # a fork pool starts every worker at its first task

    def map(self, fn, items):
        items = list(items)
        self.start(len(items))
        if self._pool is None:
            return _in_chunks(fn, items)
        return self._results(_windowed(self._pool.submit, fn, items, max(4 * self.jobs, AHEAD // CHUNK)))

    @staticmethod
    def _results(results: Iterator) -> Iterator:
        from concurrent.futures.process import BrokenProcessPool

        try:
            yield from results
        except BrokenProcessPool:
            raise ExecutorError("a worker process died (killed, or out of memory?); the batches written so far are kept",
                                hint="run the same command again to resume, with fewer --jobs if memory is short") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(Executor):
    """Items go to a Dask cluster in chunks of :data:`CHUNK`, at most ``window`` chunks in flight.

    ``scheduler`` is a scheduler's address (``tcp://10.0.0.5:8786``) or ``local:N`` for a
    ``LocalCluster`` of N single-threaded worker processes that lives as long as the executor.
    """

    def __init__(self, scheduler: str, *, window: int = 64):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError("--scheduler needs Dask, which is not installed",
                                hint="pip install 'kg[distributed]' (or: pip install 'dask[distributed]')") from None
        self.window = window
        self._cluster = None
        if scheduler.startswith("local:") or scheduler == "local":
            workers = _local_workers(scheduler)
            self.description = f"Dask LocalCluster, {workers} workers"
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=40)
            address = self._cluster
        else:
            self.description = f"Dask scheduler {scheduler}"
            address = scheduler
        try:
            self._client = Client(address, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as error:
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler {scheduler}: {error}",
                                hint="start one with `dask scheduler` and `dask worker ADDRESS`, "
                                     "or use --scheduler local:N") from None

    def map(self, fn, items):
        return _windowed(lambda *args: self._client.submit(*args, pure=False), fn, items, self.window)

    def close(self) -> None:
        client, cluster = getattr(self, "_client", None), self._cluster
        self._client = self._cluster = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def executor_for(jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor for ``--jobs`` / ``--scheduler``: Dask when a scheduler is given, else a
    process pool of ``jobs`` processes (default: every core), or this process for one job."""
    if scheduler:
        return DaskExecutor(scheduler)
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ExecutorError(f"--jobs must be at least 1, not {jobs}")
    return InProcess() if jobs == 1 else ProcessPool(jobs)


def _local_workers(scheduler: str) -> int:
    count = scheduler.partition(":")[2] or str(default_jobs())
    if not count.isdigit() or int(count) < 1:
        raise ExecutorError(f"--scheduler {scheduler!r}: local:N needs a number of workers N ≥ 1",
                            hint="e.g. --scheduler local:2, or tcp://HOST:8786 for a running cluster")
    return int(count)


def _windowed(submit, fn, items: Iterable[T], window: int) -> Iterator:
    """``fn`` over ``items`` in chunks of :data:`CHUNK` handed to ``submit``, at most ``window``
    chunks in flight (what is done but not yet consumed stays bounded), results in order."""
    iterator = iter(items)
    chunks = iter(lambda: list(islice(iterator, CHUNK)), [])
    pending = deque(submit(_call_each, fn, chunk) for chunk in islice(chunks, window))
    while pending:
        done = pending.popleft().result()
        for chunk in islice(chunks, 1):
            pending.append(submit(_call_each, fn, chunk))
        yield from done


def _in_chunks(fn, items: Iterable[T]) -> Iterator:
    """``fn`` over ``items`` here, a chunk of :data:`CHUNK` at a time (as a worker would)."""
    iterator = iter(items)
    for chunk in iter(lambda: list(islice(iterator, CHUNK)), []):
        yield from _call_each(fn, chunk)


def _call_each(fn, chunk):
    """``fn`` on each item of a chunk; at once when ``fn`` has ``many`` (a pipeline: it parses
    the sentences of the chunk's articles in one batch)."""
    many = getattr(fn, "many", None)
    return many(chunk) if callable(many) else [fn(item) for item in chunk]
