"""Ingest: read articles exactly as users have them into clean :class:`~kg.model.Article` values.

Contract (used by ``kg build`` and ``kg articles``)::

    result = read_paths(["seeds/", "page.html", "-"])
    result.articles   # list[Article], each unique by content id, in input order
    result.problems   # list[Problem]: bad files reported and skipped (binary, empty, too big, …)
    result.skipped    # list[Problem]: unsupported files found in directories, one line each

``read_paths`` raises :class:`~kg.errors.InputError` only when nothing usable was given.

The stages, each its own module with a pure core:

1. :mod:`~kg.ingest.sources` — paths → bytes (directories recursively, ``-`` for standard
   input, a size limit);
2. :mod:`~kg.ingest.decode` — bytes → one NFC-normalised text (BOMs, UTF-16, Windows-1252 and
   Latin-1; binary and undecodable input refused);
3. :mod:`~kg.ingest.page` / :mod:`~kg.ingest.html` — text, Markdown or HTML → posts of lines
   (trafilatura for HTML);
4. :mod:`~kg.ingest.furniture` — each line kept or removed by a named, general rule;
5. :mod:`~kg.ingest.split` — posts → articles with title, body, caption and byline parts.

Every offset is into :attr:`Article.text <kg.model.Article.text>`, and an article's id is the hash
of that text, so the same article read twice, or from two files, is one article.

>>> [article] = articles_from_text("China News\\n\\nChina bans fentanyl\\n\\n"
...     "Beijing scheduled the drug on Monday, officials said.\\n\\nLeave a Reply", source="x.txt")
>>> article.title, [(s.kind, article.text[s.start:s.end]) for s in article.sections][1:]
('China bans fentanyl', [('body', 'Beijing scheduled the drug on Monday, officials said.')])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Sequence

from kg.errors import InputError
from kg.ingest import furniture, split
from kg.ingest.decode import declared_charset, decode
from kg.ingest.page import Page, text_page
from kg.ingest.sources import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, Problem, gather
from kg.model import Article

__all__ = [
    "Problem",
    "IngestResult",
    "read_paths",
    "read_page",
    "articles_from_page",
    "articles_from_text",
    "describe",
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
]

#: Input formats and the suffixes that select them; other input is sniffed (HTML or plain text).
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@dataclass
class IngestResult:
    """The articles read, the inputs that could not be used, and the files skipped as unsupported."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


def read_paths(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None,
    map: Callable = map,
) -> IngestResult:
    """Read every article in ``paths`` (files, directories searched recursively, ``-`` for stdin).

    Bad inputs are reported in ``problems`` and the good ones used; only when no article at all
    results does it raise :class:`~kg.errors.InputError`, whose message lists the problems.
    Lines printed on at least three of the pages read are furniture too
    (:func:`kg.ingest.furniture.repeated_lines`). Pages are decoded and parsed with ``map``
    (an executor's ordered map, to read on several cores); the rules across pages run here.
    """
    found, skipped = gather(paths, max_bytes=max_bytes, stdin=stdin)
    result = IngestResult(skipped=skipped)
    read: list[tuple[str, Page] | Problem] = list(map(_read_found, found))
    repeated = furniture.repeated_lines(item[1].lines for item in read if not isinstance(item, Problem))
    seen: set[str] = set()
    for item in read:
        if isinstance(item, Problem):
            result.problems.append(item)
            continue
        name, page = item
        articles = articles_from_page(page, source=name, repeated=repeated)
        if not articles:
            result.problems.append(Problem(name, _why_empty(page)))
        for article in articles:
            if article.id not in seen:
                seen.add(article.id)
                result.articles.append(article)
    if not result.articles:
        raise _nothing_read(result, paths)
    return result


def _read_found(item) -> "tuple[str, Page] | Problem":
    if isinstance(item, Problem):
        return item
    try:
        return item.name, read_page(item.data, suffix=item.suffix)
    except InputError as error:
        return Problem(item.name, error.message)


def read_page(data: bytes, *, suffix: str = "") -> Page:
    """Decode ``data`` and read it as the format its ``suffix`` names (sniffed when unknown).

    Raises :class:`~kg.errors.InputError` for binary, undecodable or empty input.
    """
    from kg.ingest.html import html_page, looks_like_html, markdown_page

    if not data:
        raise InputError("empty file")
    kind = FORMATS.get(suffix.lower())
    text = decode(data, declared=declared_charset(data) if kind in ("html", None) else None)
    if not text.strip():
        raise InputError("empty file (only white space)")
    if kind is None:
        kind = "html" if looks_like_html(text) else "text"
    if kind == "html":
        return html_page(text)
    if kind == "markdown":
        return markdown_page(text)
    return text_page(text)


def articles_from_page(page: Page, *, source: str, repeated: Iterable[str] = frozenset()) -> list[Article]:
    """The articles on one page, in order, each numbered by its position (``index``)."""
    repeated = frozenset(repeated)
    drafts = []
    for post in page.posts:
        verdicts = furniture.classify(post.lines, repeated=repeated)
        drafts += split.split_post(verdicts, title=post.title, date=post.date, authors=post.authors)
    return [
        Article.from_parts(title=d.title, parts=d.parts, source=source, date=d.date, index=n)
        for n, d in enumerate(drafts)
    ]


def articles_from_text(text: str, *, source: str = "-", format: str = "text") -> list[Article]:
    """The articles in an already decoded text (``format``: ``text``, ``markdown`` or ``html``).

    The pure core of :func:`read_paths` for one page, without files, limits or cross-page rules.
    """
    from kg.ingest.decode import normalize_text
    from kg.ingest.html import html_page, markdown_page

    readers = {"text": text_page, "markdown": markdown_page, "html": html_page}
    if format not in readers:
        raise ValueError(f"unknown format {format!r}; choose one of {sorted(readers)}")
    return articles_from_page(readers[format](normalize_text(text)), source=source)


def describe(article: Article) -> dict[str, Any]:
    """A plain summary of an article, as ``kg articles --json`` prints it.

    >>> [a] = articles_from_text("China bans fentanyl\\n\\nBeijing acted on Monday, it said.", source="a.txt")
    >>> d = describe(a); d["title"], d["words"], d["sections"][1]
    ('China bans fentanyl', 9, {'kind': 'body', 'start': 21, 'end': 54})
    """
    return {
        "file": article.source,
        "index": article.index,
        "title": article.title,
        "words": article.words,
        "id": article.id,
        "date": article.date,
        "sections": [{"kind": s.kind, "start": s.start, "end": s.end} for s in article.sections],
    }


def _why_empty(page: Page) -> str:
    lines = page.lines
    if not lines:
        return "no article text found"
    return f"no article text found: all {len(lines)} line{'s' if len(lines) != 1 else ''} are web furniture"


def _nothing_read(result: IngestResult, paths: Sequence[str | Path]) -> InputError:
    hint = f"kg reads {', '.join(SUPPORTED_SUFFIXES)} files, directories of them, and - for standard input"
    if result.problems and all("size limit" in p.message for p in result.problems):
        hint = "raise the size limit (kg articles --max-size, read_paths(max_bytes=…)) to read larger files"
    if len(result.problems) == 1:
        problem = result.problems[0]
        return InputError(problem.message, path=problem.path, hint=hint)
    if not result.problems:
        return InputError("no articles found in " + ", ".join(map(str, paths)) if paths else "no input given", hint=hint)
    return InputError("nothing to read: " + "; ".join(map(str, result.problems)), hint=hint)
