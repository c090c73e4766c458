"""HTML and Markdown → a :class:`~kg.ingest.page.Page` of posts and lines.

Saved web pages go through trafilatura, a maintained article extractor that drops navigation,
sidebars and comment sections, and gives the main text with its headings, plus the page's title,
author and publication date (from ``og:title``, ``article:published_time``, ``<time>`` …).
What trafilatura does not keep is recovered from the page itself: ``<figcaption>`` text becomes a
``caption`` line where trafilatura kept the picture.

Two cases bypass trafilatura, which keeps only one article per page:

* a page with several top-level ``<article>`` elements, each with a headline — a blog's front
  page — gives one post per ``<article>``;
* when trafilatura finds nothing, fails, or gives one or two lines where the page has more
  blocks (on very short pages it runs headline and text together), a plain block extractor reads
  the page's visible text block by block, skipping scripts, navigation, forms and footers.

The furniture rules and the splitter then treat these lines like any other page's.

Markdown is rendered to HTML by markdown-it-py and read by the same block extractor; its front
matter (``title:``, ``date:``, ``author:``) is metadata.

>>> page = html_page("<html><body><nav>Home</nav><article><h1>China bans fentanyl</h1>"
...                  "<p>China scheduled fentanyl in 2019.</p></article></body></html>")
>>> [(line.text, line.hint) for line in page.lines]
[('China bans fentanyl', 'heading'), ('China scheduled fentanyl in 2019.', '')]
"""

from __future__ import annotations

import re
from typing import Iterator

from kg.ingest import shapes
from kg.ingest.page import Line, Page, Post, clean_line, split_front_matter

__all__ = ["html_page", "markdown_page", "blocks", "looks_like_html"]

#: Elements whose content is never article text.
SKIP = frozenset(
    "script style noscript template svg math iframe object embed canvas video audio form button "
    "select textarea input label nav aside footer head title meta link".split()
)
#: Elements that start a new block of text.
BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_DATE_CONFIG = {"extensive_search": False, "original_date": True}
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    """Whether text of unknown type (standard input) is an HTML document.

    >>> looks_like_html("<!DOCTYPE html><html>…"), looks_like_html("China <b>bans</b> fentanyl")
    (True, False)
    """
    return _HTML_START.match(text) is not None


def html_page(text: str) -> Page:
    """The posts of an HTML document (see the module docstring for how)."""
    import lxml.html
    from lxml.etree import ParserError

    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml.html.document_fromstring(text)
    except (ParserError, ValueError):
        return Page([], "html")
    meta = _metadata(text)
    articles = _top_level_articles(tree)
    if len(articles) >= 2:
        posts = [_article_post(article, fallback_date=meta.get("date")) for article in articles]
        return Page([post for post in posts if post.lines], "html")
    lines = _trafilatura_lines(text, _figcaptions(tree))
    if len(lines) <= 2:
        root = (tree.xpath("//main") or tree.xpath("//article") or tree.xpath("//body") or [tree])[0]
        plain = list(blocks(root))
        if len(plain) > len(lines):
            lines = plain
    authors = tuple(a.strip() for a in (meta.get("author") or "").split(";") if a.strip())
    return Page([Post(tuple(lines), meta.get("title"), meta.get("date"), authors)], "html")


def markdown_page(text: str) -> Page:
    """The post of a Markdown document; front matter gives its title, date and author.

    >>> page = markdown_page("---\\ndate: 2023-07-07\\n---\\n# China bans *fentanyl*\\n\\nIt did, [they said](https://x.org).")
    >>> [(line.text, line.hint) for line in page.lines], page.posts[0].date
    ([('China bans fentanyl', 'heading'), ('It did, they said.', '')], '2023-07-07')
    """
    import lxml.html
    from markdown_it import MarkdownIt

    fields, body = split_front_matter(text)
    rendered = MarkdownIt("commonmark").enable("table").render(body)
    lines = list(blocks(lxml.html.fragment_fromstring(rendered, create_parent="div"))) if rendered.strip() else []
    authors = tuple(a.strip() for a in re.split(r"[;,]| and ", fields.get("author", "")) if a.strip())
    return Page([Post(tuple(lines), fields.get("title"), shapes.parse_date(fields.get("date")), authors)], "markdown")


def blocks(root) -> Iterator[Line]:
    """The visible text of an element, one :class:`Line` per block (``<br>`` breaks a line).

    Headings are hinted ``heading`` and ``<figcaption>`` text ``caption``; image alt text, scripts,
    navigation, forms and footers are left out.
    """
    counter = [0]
    yield from _blocks(root, "", counter)


def _blocks(element, hint: str, counter: list[int]) -> Iterator[Line]:
    tag = _tag(element)
    if tag in HEADINGS:
        hint = "heading"
    elif tag == "figcaption":
        hint = "caption"
    buffer: list[str] = [element.text or ""]
    for child in element:
        child_tag = _tag(child)
        if child_tag in SKIP or not isinstance(child.tag, str):
            buffer.append(child.tail or "")
            continue
        if child_tag in BLOCK:
            yield from _flush(buffer, hint, counter)
            buffer = []
            yield from _blocks(child, hint, counter)
            buffer.append(child.tail or "")
        elif child_tag == "br":
            buffer.append("\n" + (child.tail or ""))
        else:
            buffer.append(_inline_text(child) + (child.tail or ""))
    yield from _flush(buffer, hint, counter)


def _inline_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _tag(child) not in SKIP:
            parts.append("\n" if _tag(child) == "br" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _flush(buffer: list[str], hint: str, counter: list[int]) -> Iterator[Line]:
    lines = [clean_line(raw) for raw in "".join(buffer).split("\n")]
    lines = [line for line in lines if line]
    if lines:
        for line in lines:
            yield Line(line, hint, counter[0])
        counter[0] += 1


def _tag(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _metadata(text: str) -> dict[str, str | None]:
    """Title, author and publication date from the page's markup (never guessed from its text)."""
    from trafilatura.metadata import extract_metadata

    try:
        meta = extract_metadata(text, date_config=dict(_DATE_CONFIG))
    except Exception:  # trafilatura's metadata parsing is best effort; a page without is fine
        return {}
    return {"title": meta.title, "author": meta.author, "date": shapes.parse_date(meta.date)}


def _top_level_articles(tree) -> list:
    """``<article>`` elements not inside another one, each with a headline and some text."""
    found = []
    for article in tree.iter("article"):
        if any(_tag(a) == "article" for a in article.iterancestors()):
            continue
        has_heading = any(_tag(e) in HEADINGS for e in article.iter() if isinstance(e.tag, str))
        if has_heading and len(article.text_content().split()) >= 10:
            found.append(article)
    return found


def _article_post(article, *, fallback_date: str | None) -> Post:
    lines = tuple(blocks(article))
    title = next((line.text for line in lines if line.hint == "heading"), None)
    date = None
    for time in article.iter("time"):
        date = shapes.parse_date(time.get("datetime")) or shapes.parse_date(time.text_content())
        if date:
            break
    return Post(lines, title, date or fallback_date)


def _figcaptions(tree) -> dict[str, str]:
    """Caption text of each picture, keyed by the ``src`` of the ``<img>`` in its ``<figure>``."""
    captions = {}
    for figure in tree.iter("figure"):
        caption = next(iter(figure.iter("figcaption")), None)
        if caption is None:
            continue
        text = clean_line(caption.text_content())
        for img in figure.iter("img"):
            for attribute in ("src", "data-src"):
                if img.get(attribute) and text:
                    captions[img.get(attribute)] = text
    return captions


def _trafilatura_lines(text: str, captions: dict[str, str]) -> list[Line]:
    """The main text as trafilatura extracts it, as lines; pictures with a known caption become
    caption lines. Empty when trafilatura finds nothing or fails."""
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(
            text,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_images=True,
            favor_recall=True,
            with_metadata=False,
        )
        main = etree.fromstring(xml.encode("utf-8")).find("main") if xml else None
    except Exception:  # a failing extractor must not lose the page: the block extractor takes over
        return []
    if main is None:
        return []
    lines: list[Line] = []
    for n, element in enumerate(main.iter("head", "p", "item", "quote", "row", "graphic")):
        tag = element.tag
        if tag == "graphic":
            caption = captions.get(element.get("src", ""))
            if caption:
                lines.append(Line(caption, "caption", n))
            continue
        if tag == "quote" and element.find(".//p") is not None:
            continue
        if tag == "p" and any(_tag(a) in ("item", "quote", "cell") for a in element.iterancestors()):
            continue
        if tag == "row":
            raw = " | ".join(clean_line("".join(cell.itertext())) for cell in element.iter("cell"))
        else:
            raw = "".join(_xml_text(element))
        hint = "heading" if tag == "head" else ""
        for piece in raw.split("\n"):
            if clean_line(piece):
                lines.append(Line(clean_line(piece), hint, n))
    return lines


def _xml_text(element) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        if child.tag == "lb":
            yield "\n"
        elif child.tag != "graphic":
            yield from _xml_text(child)
        yield child.tail or ""
