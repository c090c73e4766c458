"""Ingest: read articles exactly as users have them into clean :class:`~kg.model.Article` values.

Contract (used by ``kg build`` and ``kg articles``)::

    result = read_paths(["seeds/", "page.html", "-"])
    result.articles   # list[Article], each unique by content id, in input order
    result.problems   # list[Problem]: bad files reported and skipped (binary, empty, too big, …)
    result.skipped    # list[Problem]: unsupported files found in directories, one line each

``read_paths`` raises :class:`~kg.errors.InputError` only when nothing usable was given.

(Minimal first version: plain-text files, title = first non-empty line. The ingest issue replaces
the internals and keeps this contract.)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Sequence

from kg.errors import InputError
from kg.model import Article

__all__ = ["Problem", "IngestResult", "read_paths", "DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


def read_paths(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> IngestResult:
    """Read every article in ``paths`` (files, directories searched recursively, ``-`` for stdin)."""
    result = IngestResult()
    seen: set[str] = set()
    for path in paths:
        if str(path) == "-":
            data = (stdin or sys.stdin.buffer).read()
            _add(result, seen, "-", data)
            continue
        p = Path(path)
        if not p.exists():
            result.problems.append(Problem(str(path), "no such file or directory"))
        elif p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if f.suffix.lower() in SUPPORTED_SUFFIXES:
                    _add(result, seen, str(f), f.read_bytes())
                else:
                    result.skipped.append(Problem(str(f), f"skipped: unsupported file type {f.suffix or '(none)'}"))
        else:
            _add(result, seen, str(p), p.read_bytes())
    if not result.articles:
        detail = "; ".join(map(str, result.problems)) or "no articles found"
        raise InputError(f"nothing to read: {detail}")
    return result


def _add(result: IngestResult, seen: set[str], source: str, data: bytes) -> None:
    text = data.decode("utf-8-sig", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        result.problems.append(Problem(source, "empty file"))
        return
    article = Article.from_parts(title=lines[0], body=lines[1:], source=source)
    if article.id not in seen:
        seen.add(article.id)
        result.articles.append(article)
