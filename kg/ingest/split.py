"""Split a cleaned page into articles, each with a title, body, captions and bylines.

A scraped page may hold several posts: a blog's front page, or a site that prints the previous
post under the current one. Each post starts with a headline (often under a category tag such as
"China") and ends in the widgets a CMS prints after an article (comment form, related links,
"Source link"). :func:`split_post` starts a new article where such end-of-post furniture is
followed by a headline-shaped line and then running text. A subheading inside an article is
never a split point: no end-of-post furniture comes before it.

Within an article every kept line becomes a part: the headline is the ``title``; a line shaped
like a picture caption (a photo credit in brackets) is a ``caption``; a line naming the
reporters is a ``byline``; everything else is ``body``. A date printed in a dateline widget, or
on its own line just above or under the headline (or under its byline), becomes the article's
date. Readers' comments after a comment form or a comment count are left out.

>>> from kg.ingest.page import lines_from_text
>>> from kg.ingest.furniture import classify
>>> page = ("China\\n\\nChina agrees to curb fentanyl\\n\\nBeijing said on Monday it would act.\\n\\n"
...         "Leave a Reply\\n\\nBiden lifts sanctions\\n\\nThe White House confirmed the decision on Tuesday.")
>>> [(d.title, d.parts) for d in split_post(classify(lines_from_text(page)))]  # doctest: +NORMALIZE_WHITESPACE
[('China agrees to curb fentanyl', (('body', 'Beijing said on Monday it would act.'),)),
 ('Biden lifts sanctions', (('body', 'The White House confirmed the decision on Tuesday.'),))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from kg.ingest import shapes
from kg.ingest.furniture import Verdict, fold
from kg.ingest.page import Line

__all__ = ["Draft", "split_post", "segment"]


@dataclass(frozen=True)
class Draft:
    """An article before it is an :class:`~kg.model.Article`: title, ``(kind, text)`` parts, date."""

    title: str
    parts: tuple[tuple[str, str], ...]
    date: str | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.title or self.parts)


def split_post(
    verdicts: Sequence[Verdict],
    *,
    title: str | None = None,
    date: str | None = None,
    authors: Sequence[str] = (),
) -> list[Draft]:
    """The articles in one post's classified lines (see :func:`kg.ingest.furniture.classify`).

    ``title``, ``date`` and ``authors`` are what the markup said (HTML metadata, front matter);
    they apply to the first article found, and ``date`` to all of them when no better one is
    printed.
    """
    drafts = []
    for n, chunk in enumerate(segment(verdicts)):
        draft = _draft(chunk, title=title if n == 0 else None, date=date, authors=authors if n == 0 else ())
        if draft.has_text:
            drafts.append(draft)
    if not drafts and title:
        drafts.append(Draft(title, (), date))
    return drafts


def segment(verdicts: Sequence[Verdict]) -> list[list[Verdict]]:
    """Cut the lines where one post ends and the next begins; drop comment threads.

    A cut comes after a run of removed lines holding at least one end-of-post widget, when the
    article before it has a body and the kept lines after it start like a post: an optional
    category tag, a headline, then running text. After the head of a comment thread ("Leave a
    Reply", "3 Comments"), the kept lines up to the next post are readers' comments: they are
    returned as removed (``comment``).
    """
    chunks: list[list[Verdict]] = [[]]
    in_comments = False
    i = 0
    while i < len(verdicts):
        if verdicts[i].kept:
            v = verdicts[i]
            chunks[-1].append(replace(v, rule="comment") if in_comments else v)
            i += 1
            continue
        j = i
        while j < len(verdicts) and not verdicts[j].kept:
            j += 1
        run = verdicts[i:j]
        if any(v.ends_post for v in run) and _has_body(chunks[-1]) and _starts_post(verdicts, j):
            chunks.append([])
            in_comments = False
        elif any(v.opens_comments for v in run) and _has_body(chunks[-1]):
            in_comments = True
        chunks[-1].extend(run)
        i = j
    return chunks


def _has_body(chunk: Sequence[Verdict]) -> bool:
    kept = [v.line for v in chunk if v.kept]
    return len(kept) >= 2 and any(shapes.is_sentence(line.text) for line in kept[1:])


def _starts_post(verdicts: Sequence[Verdict], start: int) -> bool:
    following = []
    for v in verdicts[start:]:
        if v.kept:
            following.append(v.line)
        elif v.ends_post:
            break
    head = _headline_index(following)
    if head is None:
        return False
    return any(shapes.is_sentence(line.text) for line in following[head + 1 :])


def _headline_index(lines: Sequence[Line]) -> int | None:
    """Where the headline is among the first lines of a post: 0, or 1 under a category tag."""
    if not lines:
        return None
    if len(lines) >= 3 and _is_tag_over(lines[0], lines[1]):
        return 1
    if lines[0].hint == "heading" or shapes.is_headline(lines[0].text):
        return 0
    return None


def _is_tag_over(tag: Line, headline: Line) -> bool:
    """A category tag sits alone right above a longer headline."""
    if tag.hint == "heading" and headline.hint != "heading":
        return False
    is_headline = headline.hint == "heading" or shapes.is_headline(headline.text)
    return (
        shapes.is_tag(tag.text)
        and is_headline
        and shapes.word_count(headline.text) > shapes.word_count(tag.text)
        and not shapes.is_sentence(headline.text)
    )


def _draft(chunk: Sequence[Verdict], *, title: str | None, date: str | None, authors: Sequence[str]) -> Draft:
    lines = [v.line for v in chunk if v.kept]
    printed_date = next((v.date for v in chunk if v.date), None)
    while lines and shapes.is_date(lines[0].text):
        printed_date = printed_date or shapes.parse_date(lines[0].text)
        lines = lines[1:]
    if title:
        title, lines = _printed_title(lines, title)
    else:
        head = _headline_index(lines)
        if head is not None:
            title = lines[head].text
            lines = lines[head + 1 :]
    header = []
    while lines and (shapes.is_date(lines[0].text) or _kind(lines[0]) == "byline"):
        if shapes.is_date(lines[0].text):
            printed_date = printed_date or shapes.parse_date(lines[0].text)
        else:
            header.append(("byline", lines[0].text))
        lines = lines[1:]
    parts = header + [(_kind(line), text) for line, text in _paragraphs(lines)]
    printed = " ".join(text for kind, text in parts if kind == "byline")
    parts = [("byline", author) for author in authors if author not in printed] + parts
    return Draft(title or "", tuple(parts), printed_date or date)


def _printed_title(lines: list[Line], title: str) -> tuple[str, list[Line]]:
    """The title as printed on the page, and the lines after it.

    The markup's title (``og:title``, ``<title>``) is often a variant of the headline printed on
    the page ("… | Site Name"). When the post opens (under any category tags) with a copy of it,
    or with a heading, that printed headline is the title and leaves the body.
    """
    for n, line in enumerate(lines[:3]):
        if not all(shapes.is_tag(x.text) for x in lines[:n]):
            break
        if fold(line.text) == fold(title) or line.hint == "heading":
            return line.text, lines[n + 1 :]
    return title, lines


def _kind(line: Line) -> str:
    if line.hint in ("caption", "byline"):
        return line.hint
    if shapes.is_caption(line.text):
        return "caption"
    if shapes.is_byline(line.text):
        return "byline"
    return "body"


def _paragraphs(lines: Sequence[Line]) -> list[tuple[Line, str]]:
    """Lines with hard-wrapped paragraphs joined into one.

    A text editor's wrapping leaves lines of 40–100 characters that stop mid-sentence, with the
    next line in the same block (no blank line between). A line that ends a sentence, a list item,
    a caption or a byline is never joined.
    """
    out: list[tuple[Line, str]] = []
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and _wrapped(lines[j - 1], lines[j]):
            j += 1
        out.append((lines[i], " ".join(line.text for line in lines[i:j])))
        i = j
    return out


def _wrapped(previous: Line, line: Line) -> bool:
    return (
        line.block == previous.block
        and not (line.hint or previous.hint)
        and 40 <= len(previous.text) <= 100
        and not shapes.ends_sentence(previous.text)
        and not _LIST_ITEM.match(line.text)
        and _kind(line) == "body"
        and _kind(previous) == "body"
    )


_LIST_ITEM = re.compile(r"^(?:[-*•–—]|\d{1,3}[.)])\s")
