"""A page as ingest sees it between decoding and cleaning: posts made of lines.

Every input format is first reduced to this one shape, so that the furniture rules and the
article splitter work the same on scraped text, Markdown and HTML:

* a :class:`Line` is one line of text with what the markup said about it (``hint``: a
  ``heading``, a ``caption`` …; plain text has no hints) and the number of the paragraph
  block it sits in (lines with no blank line between them share a block);
* a :class:`Post` is a run of lines the source already marks as one article (an HTML
  ``<article>``), with the title and date the markup gave, if any;
* a :class:`Page` is what one file or stream holds.

>>> page = text_page("China\\n\\nChina bans fentanyl\\n\\nBeijing said on Monday it would act.")
>>> [(line.text, line.block) for line in page.posts[0].lines]
[('China', 0), ('China bans fentanyl', 1), ('Beijing said on Monday it would act.', 2)]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

__all__ = ["Line", "Post", "Page", "text_page", "lines_from_text", "split_front_matter"]

#: What markup can say about a line.
HINTS = ("", "heading", "caption", "byline")

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


@dataclass(frozen=True)
class Line:
    """One line of a page: its text (white space collapsed), markup hint and paragraph block."""

    text: str
    hint: str = ""
    block: int = 0


@dataclass(frozen=True)
class Post:
    """Lines the source marks as one article, with the title, date and authors its markup gave."""

    lines: tuple[Line, ...]
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()


@dataclass
class Page:
    """The posts one input holds, with the format it was read as (``text``, ``markdown``, ``html``)."""

    posts: list[Post] = field(default_factory=list)
    format: str = "text"

    @property
    def lines(self) -> list[Line]:
        return [line for post in self.posts for line in post.lines]


def clean_line(text: str) -> str:
    """A line with its runs of spaces, tabs and no-break spaces made one space, trimmed.

    >>> clean_line("  VOTE \\u00a0  Was it right?\\t")
    'VOTE Was it right?'
    """
    return _SPACES.sub(" ", text).strip()


def lines_from_text(text: str, *, first_block: int = 0) -> list[Line]:
    """The non-empty lines of plain ``text``; a blank line starts a new block."""
    lines, block, gap = [], first_block, False
    for raw in text.split("\n"):
        line = clean_line(raw)
        if not line:
            gap = True
            continue
        if gap and lines:
            block += 1
        gap = False
        lines.append(Line(line, "", block))
    return lines


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A leading ``---`` … ``---`` block of ``key: value`` lines (Markdown front matter), and the rest.

    Only flat ``key: value`` fields are read (keys lower-cased, quotes around values removed);
    that is all ingest needs (``title``, ``date``, ``author``).

    >>> split_front_matter('---\\ntitle: "China bans fentanyl"\\ndate: 2023-07-07\\n---\\nBody.')
    ({'title': 'China bans fentanyl', 'date': '2023-07-07'}, 'Body.')
    >>> split_front_matter("No front matter.")
    ({}, 'No front matter.')
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for raw in match.group(1).split("\n"):
        field_match = _FIELD.match(raw)
        if field_match and field_match.group(2):
            fields[field_match.group(1).lower()] = field_match.group(2).strip("'\"")
    if not fields:
        return {}, text
    return fields, text[match.end() :]


def unescape_entities(text: str) -> str:
    """Text with the HTML character references a scraper left in it decoded (``&#163;`` → ``£``).

    Only complete references (ending in ``;``) are decoded, so "AT&T" and "R&D" stay as they are.

    >>> unescape_entities("&#163;1.8m fine for AT&T &amp; Viacom")
    '£1.8m fine for AT&T & Viacom'
    """
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def text_page(text: str) -> Page:
    """A plain-text page: one post, lines as they are (HTML character references decoded), no hints."""
    return Page([Post(tuple(lines_from_text(unescape_entities(text))))], "text")
