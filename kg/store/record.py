"""The record a build leaves beside an on-disk store: what it read, and what the store then held.

``kg build`` ends by writing ``last-build.json`` into the store's directory, when it closes the
store: the fingerprint of everything its result depended on (:mod:`kg.fingerprint`), the
extractors' versions, the files it read and skipped, the store's counts, the answers it worked out
(below), and the names, sizes and times of the store's own files (its marker, its database's
tables and logs) as the build left them. Every write to the store removes the record first
(:meth:`~kg.store.base.BaseStore.put_articles` and the other writes) and only a build that ends
well writes it again; and a record whose files are not the store's files any more (a writer has
the store open, or something changed them: damage, another program) is void. So a record that
holds describes the store as it is.

What it is for:

* **An unchanged rebuild** — the next build with the same fingerprint reads no file and opens no
  database: the store already holds exactly what it would write. It reads the record with the
  writers' lock held, as a build that opens the store would hold it.
* **Answers worked out in advance** — the build runs the standing queries (kg's named queries
  with their default values, :func:`kg.queries.standing`) and keeps each answer as a SPARQL TSV
  results file in ``answers/``, listed in the record: while the record holds, a reader asking one
  of them reads the file — its first rows at once, the rest as they are consumed — instead of
  computing it.

Light on purpose (the standard library and filelock): neither needs the store's engine.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> write(root, {"fingerprint": "abc"}); read(root)["fingerprint"]
'abc'
>>> forget(root); read(root) is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import filelock

__all__ = ["RECORD", "ANSWERS", "WRITER", "LOCKED", "take_writer", "matching", "current", "answer_key", "answer",
           "read", "write", "forget"]

RECORD = "last-build.json"
#: The writers' lock file (one writer at a time).
WRITER = "writer.lock"
#: The store's marker file and its database's folder (as :mod:`kg.store.oxigraph` lays them out).
MARKER, DATA = "kg-store.json", "oxigraph"
#: The folder of the answers a build worked out for its standing queries.
ANSWERS = "answers"
#: What a second writer is told.
LOCKED = "store is locked by another kg process"


def take_writer(root: Path) -> filelock.FileLock:
    """The writers' lock of the store in ``root``, taken at once; ``filelock.Timeout`` when another
    writer holds it, ``OSError`` when it cannot be taken."""
    writer = filelock.FileLock(str(root / WRITER), blocking=False, preserve_lock_file=True)
    writer.acquire()
    return writer


def matching(root: Path, fingerprint: str) -> dict | None:
    """The record of the store in ``root`` if its fingerprint is ``fingerprint``, read with the
    writers' lock held (:class:`~kg.errors.StoreLockedError` at once when another writer holds it,
    as a build that opens the store gets)."""
    if not (root / RECORD).is_file():
        return None
    try:
        writer = take_writer(root)
    except filelock.Timeout:
        from kg.errors import StoreLockedError

        raise StoreLockedError(LOCKED, path=str(root),
                               hint="wait for the other kg build to finish, or use another --store") from None
    except OSError:
        return None  # the build opens the store, and says what is wrong
    try:
        last = read(root)
        same = last is not None and last.get("fingerprint") == fingerprint and last.get("files") == _files(root)
    finally:
        writer.release()
    return last if same else None


def current(root: Path) -> dict | None:
    """The record, if the store's files are still as it noted them (no writer has opened the
    store since, nothing changed them)."""
    last = read(root)
    return last if last is not None and last.get("files") == _files(root) else None


def answer_key(sparql: str, bindings: dict) -> str:
    """What names a query's answer: its text and its bound values (pyoxigraph terms)."""
    bound = "\0".join(f"{name}={term}" for name, term in sorted(bindings.items()))
    return hashlib.sha256(f"{sparql}\0{bound}".encode("utf-8", "surrogatepass")).hexdigest()


def answer(root: Path, key: str) -> Path | None:
    """The file of the answer ``key`` worked out by the last build, if the store has not changed
    since (SPARQL TSV results), else ``None``."""
    last = current(root)
    name = last.get("answers", {}).get(key) if last is not None else None
    return Path(root) / ANSWERS / name if name else None


def read(root: Path) -> dict | None:
    """The record in ``root``, or ``None`` (none, or unreadable: then a build reads everything)."""
    try:
        record = json.loads((Path(root) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def write(root: Path, record: dict) -> None:
    """Write the record at once (a temporary file, synced, renamed over the old one), with the
    store's marker and the names, sizes and times of its database's files as they are now."""
    record = {**record, "files": _files(root)}
    fd, tmp = tempfile.mkstemp(dir=root, prefix=f".{RECORD}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, Path(root) / RECORD)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _files(root: Path) -> list:
    """The store's marker and its database's files (names, sizes, times), as JSON holds them."""
    from kg.store._oxworker import signature

    try:
        marker = (Path(root) / MARKER).read_text(encoding="utf-8")
    except OSError:
        marker = None
    return [marker, [list(entry) for entry in signature(str(Path(root) / DATA))]]


def forget(root: Path) -> None:
    """Remove the record (before the store changes)."""
    (Path(root) / RECORD).unlink(missing_ok=True)
