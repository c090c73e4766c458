"""The one error family kg raises.

Library code raises a :class:`KGError` (or a subclass) for every problem a user can cause or
fix: a bad input file, a locked store, a malformed query. The CLI turns it into one clear line
naming the file and the problem, plus a hint on how to fix it, and exits with ``exit_code``.
Anything else escaping the library is a bug in kg.

Exit codes (documented in the README):

* 0 — success
* 1 — the command ran but the answer is "no": the graph does not conform (``kg validate``)
* 2 — a user error: bad input, bad options, bad query, a gold file that is not ``kg-gold/1``, an
  output file that cannot be written (no such folder, no permission, a directory, the disk full)
* 3 — the store cannot be used: locked by another writer, damaged, not writable (no permission,
  read-only, the disk full)

Faults of the machine (a full disk, a read-only file system, a damaged file) arrive as
``OSError`` or, from Oxigraph, as ``RuntimeError("Corruption: …")``; :func:`problem` says in a few
words what went wrong, so that every such error becomes one line like the others.
"""

from __future__ import annotations

import errno
import os
import re


class KGError(Exception):
    """Base class: a problem the user can understand and act on."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message}"


class InputError(KGError):
    """An input file or path cannot be read as articles."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class StoreLockedError(StoreError):
    """Another kg process holds the store."""


class OutputError(KGError):
    """An output file (``kg export -o``, ``kg view -o``, standard output) cannot be written."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused, or its bindings are invalid."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped (the store is unharmed)."""


class ExtractorError(KGError):
    """An extractor is unknown or misbehaved."""


class ExecutorError(KGError):
    """The workers of a build cannot be started: a Dask scheduler that does not answer, Dask missing."""


class LexiconError(KGError):
    """A lexicon or pattern file in ontology/ is malformed."""


class GoldFormatError(KGError):
    """A gold annotation file does not follow kg-gold/1."""


#: What kg says for the faults a user can act on, by errno and by the text RocksDB puts in its messages.
_PROBLEMS = [
    (errno.ENOSPC, "no space left on device", "the disk is full (no space left on device)"),
    (errno.EDQUOT, "disk quota exceeded", "the disk quota is exceeded"),
    (errno.EROFS, "read-only file system", "the file system is read-only"),
    (errno.EACCES, "permission denied", "permission denied"),
    (errno.EPERM, "operation not permitted", "permission denied (operation not permitted)"),
    (errno.EISDIR, "is a directory", "it is a directory"),
    (errno.ENOTDIR, "not a directory", "a part of the path is not a directory"),
    (errno.ENOENT, "no such file or directory", "no such file or directory"),
    (errno.EIO, "input/output error", "an input/output error (is the disk failing?)"),
]


def problem(error: BaseException) -> str:
    """A short phrase for a machine fault: errno first, else the words in the message.

    >>> problem(OSError(28, "No space left on device"))
    'the disk is full (no space left on device)'
    >>> problem(OSError("IO error: No space left on device: While appending to file: /s/000008.log"))
    'the disk is full (no space left on device)'
    >>> problem(RuntimeError("Corruption: Bad table magic number: expected 98, found 11 in /s/000009.sst"))
    'damaged: Bad table magic number: expected 98, found 11 in 000009.sst'
    """
    code = getattr(error, "errno", None)
    text = " ".join(str(error).split())
    for number, words, phrase in _PROBLEMS:
        if code == number or (code is None and words in text.lower()):
            return phrase
    if is_damage(error):
        detail = re.sub(r"^(Corruption: )+", "", text)
        detail = detail.split("  The file ")[0].split(" The file ")[0]
        detail = re.sub(r"(/[^\s:]+/)+([^\s/:]+)", r"\2", detail)  # file names without their folders
        return f"damaged: {detail}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return text or type(error).__name__


def is_damage(error: BaseException) -> bool:
    """Whether Oxigraph (RocksDB) reports damaged files."""
    return isinstance(error, (OSError, RuntimeError)) and "corruption" in str(error).lower()


def is_full(error: BaseException) -> bool:
    """Whether the error is a full disk (or quota)."""
    return problem(error).startswith(("the disk is full", "the disk quota"))


def output_error(error: OSError, path: str | os.PathLike) -> OutputError:
    """The :class:`OutputError` for a file kg could not write at ``path``."""
    hints = {
        "the disk is full (no space left on device)": "free some space, or write somewhere else; the old file, if any, is kept",
        "it is a directory": "give a file name, e.g. out/graph.ttl",
    }
    text = problem(error)
    if str(path) == "standard output":
        return OutputError(f"cannot write: {text}", path=str(path),
                           hint="send the output somewhere with room, e.g. -o FILE on another disk")
    return OutputError(f"cannot write the file: {text}", path=str(path),
                       hint=hints.get(text, "choose another output file, or fix the folder's permissions"))
