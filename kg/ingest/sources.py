"""Where ingest's bytes come from: files, directories searched recursively, and standard input.

:func:`gather` turns the paths a user typed into :class:`Source` values (a name to show and the
bytes), and reports every path it cannot use as a :class:`Problem` instead of failing: a missing
path, a directory without a supported file, an unreadable file, a file over the size limit.
Files of other types met inside a directory are *skipped* (one line each), not problems; a file
named explicitly is read whatever its extension (its content decides whether it is text).
Hidden files and directories (``.git``, ``.DS_Store``) are passed over silently.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Sequence

__all__ = ["Problem", "Source", "gather", "format_size", "SUPPORTED_SUFFIXES", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
STDIN = "-"


@dataclass(frozen=True)
class Problem:
    """A path ingest could not use, and why, in words a user can act on."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Source:
    """The bytes of one input and the name to show for it (the path as found, or ``-``)."""

    name: str
    data: bytes
    suffix: str = ""


def format_size(n: int) -> str:
    """A byte count for people: ``20 MB``, ``1.5 kB``, ``12 bytes``.

    >>> format_size(20 * 1024 * 1024), format_size(1536), format_size(12)
    ('20 MB', '1.5 kB', '12 bytes')
    """
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def gather(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> tuple[list[Source | Problem], list[Problem]]:
    """The sources behind ``paths`` and the problems met, in input order; and the files skipped
    as unsupported."""
    found: list[Source | Problem] = []
    sources = problems = found
    skipped: list[Problem] = []
    for path in paths:
        if str(path) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                problems.append(Problem(STDIN, f"standard input is over the size limit of {format_size(max_bytes)}"))
            else:
                sources.append(Source(STDIN, data))
            continue
        p = Path(path)
        if p.is_dir():
            files = _walk(p, skipped)
            if not files:
                problems.append(
                    Problem(str(path), f"no supported files in this directory (kg reads {', '.join(SUPPORTED_SUFFIXES)})")
                )
            for file in files:
                _read(file, max_bytes, sources, problems)
        elif p.exists():
            _read(p, max_bytes, sources, problems)
        else:
            problems.append(Problem(str(path), "no such file or directory"))
    return found, skipped


def _walk(directory: Path, skipped: list[Problem]) -> list[Path]:
    """Supported files under ``directory``, in a stable order; others go to ``skipped``."""
    found = []
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            file = Path(root, name)
            suffix = file.suffix.lower()
            if suffix in SUPPORTED_SUFFIXES:
                found.append(file)
            else:
                skipped.append(Problem(str(file), f"unsupported file type {suffix or '(no extension)'}"))
    return found


def _read(path: Path, max_bytes: int, sources: list[Source], problems: list[Problem]) -> None:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            problems.append(
                Problem(str(path), f"file is {format_size(size)}, over the size limit of {format_size(max_bytes)}")
            )
            return
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        problems.append(Problem(str(path), f"cannot read: {error.strerror or error}"))
        return
    if len(data) > max_bytes:
        problems.append(Problem(str(path), f"file is over the size limit of {format_size(max_bytes)}"))
        return
    sources.append(Source(str(path), data, path.suffix.lower()))
