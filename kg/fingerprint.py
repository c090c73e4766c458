"""Fingerprints of what a build's result depends on, so that an unchanged rebuild reads nothing.

The articles a build writes are a function of its input files, of the paths given, of the working
directory (sources are recorded relative to it), of the size limit, of the extractors named, and
of kg itself — its code, its ontology and the packages it runs on. :func:`fingerprint` reduces all
of that to one digest, from file names, sizes and modification times only (what ``make`` and
``rsync`` trust): no file is opened. ``kg build`` records the digest beside the store
(:mod:`kg.store.record`); a build whose digest matches the record reads no file at all.

Inputs are listed as the build finds them — every file under a directory given (hidden files and
folders excepted), each file given — so a file added, removed, renamed, grown, shrunk or touched
changes the digest. kg itself is fingerprinted the same way: the files of the ``kg`` package and of
its ontology, the site-packages folders (installing, upgrading or removing a package changes
them), the Python that runs it and the ``KG_*`` environment variables.

A file rewritten with the same size within the same clock tick as a build read it could keep its
fingerprint; so a build whose files changed less than :data:`SETTLE` seconds before it listed
them records nothing (the next build reads everything again, as ``git`` does with its "racily
clean" entries).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("China bans fentanyl")
>>> one = fingerprint([folder], max_bytes=100, extractors=["entities"])
>>> one.digest == fingerprint([folder], max_bytes=100, extractors=["entities"]).digest
True
>>> _ = (folder / "b.txt").write_text("Mexico seizes fentanyl")
>>> one.digest == fingerprint([folder], max_bytes=100, extractors=["entities"]).digest
False
"""

from __future__ import annotations

import hashlib
import os
import site
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Sequence

__all__ = ["Fingerprint", "fingerprint", "SETTLE"]

#: Seconds a file must have been left alone before a build's fingerprint counts on its time.
SETTLE = 2.0


@dataclass(frozen=True)
class Fingerprint:
    """The digest, and whether it can be trusted later (no file changed just before it was taken)."""

    digest: str
    settled: bool


def fingerprint(paths: Sequence[str | os.PathLike], *, max_bytes: int, extractors: Iterable) -> Fingerprint:
    """The fingerprint of a build of ``paths`` (no ``-``) with ``extractors`` (their references)."""
    started = time.time()
    digest = hashlib.sha256()
    for part in (repr(sorted(map(repr, extractors))), os.getcwd(), str(max_bytes), _environment()):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    newest = 0
    for path in paths:
        digest.update(repr(str(path)).encode("utf-8", "surrogatepass") + b"\0")
        newest = max(newest, _listing(Path(path), digest))
    return Fingerprint(digest.hexdigest(), newest / 1e9 < started - SETTLE)


def _listing(path: Path, digest) -> int:
    """Add the names, sizes and times of ``path`` (a file, or every file under a folder) to
    ``digest``; return the latest modification time found (ns)."""
    if path.is_dir():
        newest = 0
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    newest = max(newest, _entry(os.path.join(root, name), digest))
        return newest
    return _entry(str(path), digest)


def _entry(path: str, digest) -> int:
    try:
        stat = os.stat(path)
    except OSError as error:
        digest.update(f"{path}\0{type(error).__name__}\n".encode("utf-8", "surrogatepass"))
        return 0
    digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return stat.st_mtime_ns


@cache
def _environment() -> str:
    """kg itself, as a digest: its version, the files of its package and ontology, the folders
    packages are installed in, the Python running it, the ``KG_*`` environment variables."""
    import kg

    digest = hashlib.sha256(f"{kg.__version__}\0{sys.version}\0{sys.executable}\0".encode())
    here = Path(kg.__file__).resolve().parent
    for folder in (here, here.parent / "ontology"):  # an installed wheel has kg/ontology/
        if folder.is_dir():
            for root, dirs, files in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
                for name in sorted(files):
                    _entry(os.path.join(root, name), digest)
    for folder in sorted(set(site.getsitepackages() + [site.getusersitepackages()])):
        if os.path.isdir(folder):
            _entry(folder, digest)
    for name in sorted(os.environ):
        if name.startswith("KG_"):
            digest.update(f"{name}={os.environ[name]}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
