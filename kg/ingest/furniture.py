"""Web furniture: tell the lines a scraper copied from around an article apart from the article.

A scraped news page carries navigation ("Connect with us", "Home » World"), comment forms and
threads ("Leave a Reply", "Your email address will not be published…", "3 Comments"),
related-link blocks ("You may like"), share bars, adverts ("… $11.29 USD Get it here>>"),
dateline widgets whose date was lost ("Published" / "on"), image file names and the alt text
printed above a caption. None of it is news, and names in it must not become entities.

:func:`classify` gives every line a :class:`Verdict`: kept, or removed by a named rule. The rules
are general — they look at a line's shape (length, sentence form, a price, a link, an imperative
aimed at the reader, a file name, repetition across pages) and at a small vocabulary of generic
widget words kept as data in ``ontology/furniture.toml``; nothing names a site or an article.
Each rule is a small function below whose docstring says what it removes and why.

>>> from kg.ingest.page import lines_from_text
>>> page = "Connect with us\\n\\nChina\\n\\nBiden to lift sanctions\\n\\nPublished\\n\\non\\n\\n" \\
...        "The Biden administration will lift sanctions, Bloomberg reported.\\n\\nYou may like"
>>> [(v.line.text, v.rule) for v in classify(lines_from_text(page))]  # doctest: +NORMALIZE_WHITESPACE
[('Connect with us', 'widget'), ('China', None), ('Biden to lift sanctions', None),
 ('Published', 'dateline'), ('on', 'dangling'),
 ('The Biden administration will lift sanctions, Bloomberg reported.', None), ('You may like', 'widget')]
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterable, Sequence

from kg.errors import LexiconError
from kg.ingest import shapes
from kg.ingest.page import Line
from kg.paths import ontology_path

__all__ = ["Verdict", "Vocabulary", "RULES", "classify", "clean", "repeated_lines", "vocabulary", "fold"]

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_TRIM = " \t•·|*:#>»›→▸►⟶<-–—=~_"
_PRICE = re.compile(
    r"(?:[$€£¥₹]\s?\d[\d,]*(?:\.\d{1,2})?|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:usd|eur|gbp|€)\b|\b(?:usd|eur|gbp|us\$)\s?\d)",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?|heic)$", re.IGNORECASE)
_CAMERA_NAME = re.compile(r"^(?:img|dsc|dscn|dscf|pxl|gettyimages|screenshot|photo|image)[ _-]?\d{3,}", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"^\d{6,}$|^[a-z]?\d{8,}$|^\d+x\d+$", re.IGNORECASE)
_FILE_WORDS = {"scaled", "thumb", "thumbnail", "crop", "cropped", "copy", "final", "edited", "resized", "web", "hd"}
_LONGEST_LABEL = 6
#: Furniture lines are short; past this many words only the link rule can apply (a paragraph
#: of URLs). Every other rule bounds its own line length well below it.
_LONG_LINE_WORDS = 45
_LONG_LINE = 200
_CRUMB_SEPARATOR = re.compile(r"\s+(?:»|›|>|/|\||·|•|→|::)\s+")
_FORM_FIELD = re.compile(r"^[\w'’ -]{1,30}?\s?\*$")
_TIME = re.compile(r"\b\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
_TIMEZONES = {"et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "am", "pm"}


@dataclass(frozen=True)
class Verdict:
    """What the rules decided about one line: ``rule`` is ``None`` when the line is kept.

    ``ends_post`` marks furniture printed after an article (a comment form, related links): a new
    article may start after it. ``opens_comments`` marks the head of a comment thread: what
    follows is readers' comments until a new article starts. ``date`` is the date a dateline
    stated, if any.
    """

    line: Line
    rule: str | None = None
    ends_post: bool = False
    date: str | None = None
    opens_comments: bool = False

    @property
    def kept(self) -> bool:
        return self.rule is None


@dataclass(frozen=True)
class Vocabulary:
    """The generic widget vocabulary of ``ontology/furniture.toml``, ready to match."""

    widgets: dict[str, bool]
    comment_widgets: frozenset[str]
    comment_threads: tuple[re.Pattern, ...]
    comment_thread_max_words: int
    notices: tuple[re.Pattern, ...]
    notice_max_words: int
    notices_end_post: bool
    calls_to_action: tuple[str, ...]
    arrows: tuple[str, ...]
    imperative_verbs: frozenset[str]
    imperative_objects: frozenset[str]
    imperative_max_words: int
    share_words: frozenset[str]
    dateline_words: frozenset[str]
    dangling: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    """Read ``ontology/furniture.toml`` (once). A malformed file raises :class:`~kg.errors.LexiconError`."""
    path = ontology_path("furniture.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        widgets: dict[str, bool] = {}
        comment_widgets: set[str] = set()
        for group in data["widgets"]:
            for phrase in group["phrases"]:
                widgets[fold(phrase)] = bool(group.get("ends_post", False)) or widgets.get(fold(phrase), False)
                if group.get("opens_comments", False):
                    comment_widgets.add(fold(phrase))
        notices = data["notices"]
        return Vocabulary(
            widgets=widgets,
            comment_widgets=frozenset(comment_widgets),
            comment_threads=tuple(re.compile(p, re.IGNORECASE) for p in data["comment_threads"]["patterns"]),
            comment_thread_max_words=int(data["comment_threads"].get("max_words", 25)),
            notices=tuple(re.compile(p, re.IGNORECASE) for p in notices["patterns"]),
            notice_max_words=int(notices.get("max_words", 40)),
            notices_end_post=bool(notices.get("ends_post", True)),
            calls_to_action=tuple(sorted((fold(c) for c in data["adverts"]["calls_to_action"]), key=len, reverse=True)),
            arrows=tuple(data["adverts"]["arrows"]),
            imperative_verbs=frozenset(data["imperatives"]["verbs"]),
            imperative_objects=frozenset(data["imperatives"]["objects"]),
            imperative_max_words=int(data["imperatives"].get("max_words", 6)),
            share_words=frozenset(fold(w) for w in data["share_bar"]["words"]),
            dateline_words=frozenset(w for phrase in data["datelines"]["words"] for w in phrase.split()),
            dangling=frozenset(data["datelines"]["dangling"]),
        )
    except (OSError, KeyError, TypeError, ValueError, re.error) as error:
        raise LexiconError(f"malformed furniture vocabulary: {error}", path=str(path)) from None


def fold(text: str) -> str:
    """The form widget phrases are compared in: case-folded, straight quotes, trimmed of arrows.

    >>> fold("  » Continue Reading >> ")
    'continue reading'
    >>> fold("You’ll Like:")
    "you'll like"
    """
    text = " ".join(text.translate(_QUOTES).casefold().split())
    return text.strip(_TRIM)


# ----------------------------------------------------------------------------- the rules
#
# A rule takes the folded line, the line and the vocabulary, and says whether the line is
# furniture; a rule may instead return a Verdict to add ``ends_post`` or a ``date``.

RuleResult = bool | Verdict
Rule = Callable[[str, Line, Vocabulary], RuleResult]


def widget(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A whole line that is a widget's label: "Leave a Reply", "You may like", "Trending", "Share".

    Matched against the generic vocabulary after folding (case, quotes, arrows, colons). Widgets
    of the comment, related-links and source groups end a post.
    """
    if folded in vocab.widgets:
        return Verdict(line, "widget", ends_post=vocab.widgets[folded], opens_comments=folded in vocab.comment_widgets)
    return False


def widget_label(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A widget label followed by its list: "Tags: China, fentanyl", "Read more: Biden's deal",
    "Posted in World | Tagged China, DEA".

    The label must be an end-of-post widget phrase followed by a colon (or, for a label of two
    or more words, by a space); what follows is a short list of links (at most 15 words), not a
    sentence.
    """
    label, colon, rest = line.text.partition(":")
    if not colon:
        words = folded.split(None, _LONGEST_LABEL)
        for n in range(min(len(words) - 1, _LONGEST_LABEL), 1, -1):
            if vocab.widgets.get(" ".join(words[:n])):
                rest = " ".join(words[n:])
                if not shapes.ends_sentence(rest):
                    label, colon = " ".join(words[:n]), " "
                break
    if not colon or not rest.strip() or shapes.word_count(rest) > 15:
        return False
    if vocab.widgets.get(fold(label)):
        return Verdict(line, "widget-label", ends_post=True, opens_comments=fold(label) in vocab.comment_widgets)
    return False


def comment_thread(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """The head of a comment thread: "3 thoughts on “…”", "12 Comments", "Comments (4)".

    A heading, not a statement: a line ending in a full stop ("Three comments by the minister
    caused an uproar.") is news.

    What follows it, up to the next post, is readers' comments (see :mod:`kg.ingest.split`).
    """
    if line.text.endswith("."):
        return False
    if shapes.word_count(folded) <= vocab.comment_thread_max_words and any(p.search(folded) for p in vocab.comment_threads):
        return Verdict(line, "comment-thread", ends_post=True, opens_comments=True)
    return False


def breadcrumb(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A breadcrumb trail or section menu: "Home » World » Asia", "News | Politics | Business".

    Two or more short parts (at most four words each, twelve in all) joined by separators with
    spaces around them (» › > / | · •), none of them a sentence.
    """
    parts = _CRUMB_SEPARATOR.split(line.text)
    return (
        len(parts) >= 2
        and shapes.word_count(line.text) <= 12
        and all(1 <= shapes.word_count(p) <= 4 and not shapes.ends_sentence(p) for p in parts)
    )


def form_field(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A form field's label with its required-field star: "Name *", "Email *", "Comment*"."""
    return bool(_FORM_FIELD.match(line.text))


def notice(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A sentence about the site rather than the news: comment-form and spam-filter notices,
    cookie banners, copyright lines ("Your email address will not be published", "This site uses
    Akismet to reduce spam", "© 2023 … All rights reserved").

    Recognised by generic notice patterns, and only in lines of at most ``max_words`` words so
    that a long paragraph quoting such a phrase is never removed.
    """
    if shapes.word_count(folded) <= vocab.notice_max_words and any(p.search(folded) for p in vocab.notices):
        return Verdict(line, "notice", ends_post=vocab.notices_end_post)
    return False


def advert(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """An advert: a price and a call to action ("T-Shirt … $11.29 USD Get it here>>"), or a
    short line that makes a call to action and ends in a link arrow ("Get yours today >>").

    News mentions prices all the time ("$1.13bn"); what makes an advert is the call to action
    (a buying verb phrase at the very end, or a link arrow) on the same line.
    """
    arrow = line.text.rstrip().endswith(vocab.arrows)
    call = any(folded.endswith(c) for c in vocab.calls_to_action)
    if not (arrow or call):
        return False
    if _PRICE.search(line.text):
        return True
    first = folded.split()[0] if folded.split() else ""
    return arrow and shapes.word_count(folded) <= 8 and (call or first in {c.split()[0] for c in vocab.calls_to_action})


def link(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A bare link: a line that is mostly web addresses or e-mail addresses.

    A sentence that cites a URL keeps its words; a line whose characters are at least half URLs
    is a link list or a "Source: https://…" footer.
    """
    if "://" not in line.text and "www." not in folded and "@" not in line.text:
        return False
    urls = _URL.findall(line.text)
    return bool(urls) and sum(len(u) for u in urls) >= 0.5 * len(line.text.replace(" ", ""))


def share_bar(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A share bar: two or more words, every one a social network or share action
    ("Facebook Twitter WhatsApp Email", "Share | Tweet | Pin")."""
    if shapes.word_count(folded) > 16:
        return False
    tokens = [t for t in re.split(r"[\s|,•·/]+", folded) if t]
    return len(tokens) >= 2 and all(t.strip(_TRIM) in vocab.share_words for t in tokens)


def dateline(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """A dateline widget: "Published", "Published on July 7, 2023", "Updated: 2023-07-07 10:30 ET",
    "date: 2023-07-07". The date, when there is one, becomes the article's date.

    Only dateline words, a date and a time may be on the line, and one of the words must be a
    publishing verb or "date": "on" alone is left to :func:`dangling`.
    """
    if shapes.word_count(line.text) > 16:
        return False
    date_match = shapes.find_date(line.text)
    rest = line.text[: date_match.start()] + " " + line.text[date_match.end() :] if date_match else line.text
    rest = _TIME.sub(" ", rest.casefold())
    words = [w for w in re.split(r"[\s:,|–—-]+", rest.strip(_TRIM)) if w]
    if not words or not all(w in vocab.dateline_words or w in _TIMEZONES for w in words):
        return False
    if not any(w not in vocab.dangling for w in words):
        return False
    return Verdict(line, "dateline", date=shapes.parse_date(line.text) if date_match else None)


def image_name(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """An image file name left by the scraper: "port-123456789.jpg", "Fentanyl 1031234188 scaled",
    "IMG_2041".

    A short line (at most six words, no sentence punctuation) ending in an image extension, or
    holding a camera-style name or a long digit run (a CMS upload id) among plain words.
    """
    tokens = line.text.split()
    if not 1 <= len(tokens) <= 6 or shapes.ends_sentence(line.text):
        return False
    if _IMAGE_FILE.search(line.text) and len(tokens) <= 3:
        return True
    if _CAMERA_NAME.match(line.text):
        return True
    has_id = any(_LONG_NUMBER.match(t) for t in tokens)
    others_plain = all(_LONG_NUMBER.match(t) or re.fullmatch(r"[A-Za-z][A-Za-z'-]*", t) for t in tokens)
    return has_id and others_plain or (has_id and any(t.lower() in _FILE_WORDS for t in tokens))


def ui_imperative(folded: str, line: Line, vocab: Vocabulary) -> RuleResult:
    """An instruction to the reader about the page: "Connect with us", "Click to comment",
    "Follow us on Telegram", "Continue Reading".

    A short line (at most ``max_words`` words, no full sentence) that starts with an interface
    verb and either is one or two words long or names an interface object (us, comment, link,
    newsletter …). "Follow the money" is a headline, not a widget: its object is not interface.
    """
    words = re.findall(r"[\w']+", folded)
    if not words or len(words) > vocab.imperative_max_words or words[0] not in vocab.imperative_verbs:
        return False
    if shapes.ends_sentence(line.text) and len(words) > 4:
        return False
    return len(words) <= 2 or any(w in vocab.imperative_objects for w in words[1:])


RULES: tuple[tuple[str, Rule], ...] = (
    ("widget", widget),
    ("widget-label", widget_label),
    ("comment-thread", comment_thread),
    ("notice", notice),
    ("advert", advert),
    ("link", link),
    ("share-bar", share_bar),
    ("dateline", dateline),
    ("image-name", image_name),
    ("ui-imperative", ui_imperative),
    ("breadcrumb", breadcrumb),
    ("form-field", form_field),
)
"""The line rules, in the order they are tried; the first that matches names the verdict.

Three more rules look at a line's neighbours (:func:`classify`): ``dangling`` (a lone "on" or
"by" left after a dateline, or a date on its own line right after one), ``alt-text`` (a short
label line printed above a caption) and ``share-button`` (a social network's name alone on a line
next to other share or widget lines). One looks across pages: ``repeated``."""


def classify(lines: Sequence[Line], *, repeated: Iterable[str] = frozenset()) -> list[Verdict]:
    """A :class:`Verdict` for every line of one post, in order.

    ``repeated`` holds folded lines that :func:`repeated_lines` found on several pages of the same
    run; a short one of them is furniture too (``repeated``).
    """
    vocab = vocabulary()
    repeated = frozenset(repeated)
    verdicts: list[Verdict] = []
    for line in lines:
        verdicts.append(_judge(line, vocab, repeated))
    for i, verdict in enumerate(verdicts):
        if not verdict.kept:
            continue
        previous = verdicts[i - 1] if i else None
        if previous is not None and previous.rule in ("dateline", "dangling"):
            text = verdict.line.text
            if text in vocab.dangling or shapes.is_date(text):
                verdicts[i] = Verdict(verdict.line, "dangling", date=shapes.parse_date(text) or previous.date)
                continue
        if _is_alt_text(verdicts, i):
            verdicts[i] = Verdict(verdict.line, "alt-text")
        elif _is_share_button(verdicts, i, vocab):
            verdicts[i] = Verdict(verdict.line, "share-button")
    return verdicts


def clean(lines: Sequence[Line], *, repeated: Iterable[str] = frozenset()) -> tuple[list[Line], list[tuple[Line, str]]]:
    """The kept lines, and each removed line with the name of the rule that removed it.

    >>> from kg.ingest.page import lines_from_text
    >>> kept, removed = clean(lines_from_text("Follow us on Telegram\\n\\nThe navy said it seized two tonnes."))
    >>> [line.text for line in kept], [(line.text, rule) for line, rule in removed]
    (['The navy said it seized two tonnes.'], [('Follow us on Telegram', 'ui-imperative')])
    """
    verdicts = classify(lines, repeated=repeated)
    return [v.line for v in verdicts if v.kept], [(v.line, v.rule) for v in verdicts if not v.kept]


def repeated_lines(pages: Iterable[Sequence[Line]], *, min_pages: int = 3, max_words: int = 12) -> frozenset[str]:
    """Short lines (folded) found on at least ``min_pages`` distinct pages of one run.

    A line a site prints on every page — its name, a newsletter prompt, a section menu — is
    furniture even when no rule knows its words. Only short lines count (at most ``max_words``
    words, and not full sentences), pages with identical lines count once, and the default needs
    three pages so that one article saved twice with different furniture keeps its headline.

    >>> from kg.ingest.page import Line
    >>> pages = [[Line("Daily Example"), Line(f"Story number {i} is here.")] for i in range(3)]
    >>> sorted(repeated_lines(pages))
    ['daily example']
    """
    counts: Counter[str] = Counter()
    seen_pages: set[tuple[str, ...]] = set()
    for lines in pages:
        key = tuple(line.text for line in lines)
        if key in seen_pages:
            continue
        seen_pages.add(key)
        counts.update(
            {fold(line.text) for line in lines if shapes.word_count(line.text) <= max_words and not shapes.is_sentence(line.text)}
        )
    return frozenset(text for text, n in counts.items() if n >= min_pages and text)


def _judge(line: Line, vocab: Vocabulary, repeated: frozenset[str]) -> Verdict:
    if line.hint in ("caption", "byline"):
        return Verdict(line)
    folded = fold(line.text)
    if not folded:
        return Verdict(line, "separator")
    if len(folded) > _LONG_LINE and folded.count(" ") >= _LONG_LINE_WORDS:
        return Verdict(line, "link") if link(folded, line, vocab) else Verdict(line)
    for name, rule in RULES:
        result = rule(folded, line, vocab)
        if isinstance(result, Verdict):
            return result
        if result:
            return Verdict(line, name)
    if folded in repeated and not shapes.is_sentence(line.text) and line.hint != "heading":
        return Verdict(line, "repeated")
    return Verdict(line)


def _is_alt_text(verdicts: list[Verdict], i: int) -> bool:
    """A short label line right above a caption: the image's alt text ("anthony blinken",
    "Epoch Times Photo"). It must sit in the caption's paragraph block, or be all lower case."""
    line = verdicts[i].line
    if shapes.word_count(line.text) > 8 or shapes.ends_sentence(line.text) or line.hint:
        return False
    following = next((v for v in verdicts[i + 1 :] if v.kept), None)
    if following is None:
        return False
    caption = following.line.hint == "caption" or shapes.is_caption(following.line.text)
    if not caption or shapes.is_caption(line.text):
        return False
    return following.line.block == line.block or line.text == line.text.lower()


_SHARE_NEIGHBOURS = {"widget", "widget-label", "share-bar", "share-button", "ui-imperative"}


def _is_share_button(verdicts: list[Verdict], i: int, vocab: Vocabulary) -> bool:
    """A share button on a line of its own ("Twitter", "Facebook"): a share word next to another
    share button or widget line. Alone among paragraphs, "Facebook" may be a subheading."""
    folded = fold(verdicts[i].line.text)
    if folded not in vocab.share_words or len(folded) < 4:
        return False
    neighbours = [verdicts[j] for j in (i - 1, i + 1) if 0 <= j < len(verdicts)]
    return any(v.rule in _SHARE_NEIGHBOURS or (v.kept and fold(v.line.text) in vocab.share_words) for v in neighbours)
