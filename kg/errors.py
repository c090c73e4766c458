"""The one error family kg raises.

Library code raises a :class:`KGError` (or a subclass) for every problem a user can cause or
fix: a bad input file, a locked store, a malformed query. The CLI turns it into one clear line
naming the file and the problem, plus a hint on how to fix it, and exits with ``exit_code``.
Anything else escaping the library is a bug in kg.

Exit codes (documented in the README):

* 0 — success
* 1 — the command ran but the answer is "no": the graph does not conform (``kg validate``)
* 2 — a user error: bad input, bad options, bad query, a gold file that is not ``kg-gold/1``
* 3 — the store cannot be used: locked by another process, or damaged
"""

from __future__ import annotations


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


class QueryError(KGError):
    """A SPARQL query is malformed, refused, or its bindings are invalid."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped (the store is unharmed)."""


class ExtractorError(KGError):
    """An extractor is unknown or misbehaved."""


class LexiconError(KGError):
    """A lexicon or pattern file in ontology/ is malformed."""


class GoldFormatError(KGError):
    """A gold annotation file does not follow kg-gold/1."""
