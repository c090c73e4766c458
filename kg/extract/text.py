"""Text analysis shared by the extractors: tokens, sentences and sections, with no trained model.

spaCy's rule-based English tokenizer gives robust character offsets. The tokens are then copied
once into light :class:`Token` objects — the rules read them many times, and spaCy's own token
objects are costly to create in Python loops — and kg sets its own sentence boundaries: a quote
or bracket that opens a sentence belongs to it, and a section break always ends one.

The text is tokenised in a *matching form* where curly quotes and non-breaking spaces are replaced
by their plain equivalents — one character for one, so every offset is still an offset into
:attr:`kg.model.Article.text`.

>>> a = Article.from_parts(title="Title", body=["He said: “Yes.” Then he left.", "Next."], source="x")
>>> [s.text for s in analyze(a).sentences]
['Title', 'He said: "Yes."', 'Then he left.', 'Next.']
>>> [t.text for t in analyze(Article.from_parts(title="U.S.-China ties", source="x")).doc]
['U.S.', '-', 'China', 'ties']
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from functools import cache
from typing import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex

from kg.model import Article, Section

__all__ = ["Analysis", "Token", "Span", "Tokens", "analyze", "nlp", "matching_form"]

_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ",
        "\u2003": " ", "\u2010": "-", "\u2011": "-",
    }
)
_TERMINAL = {".", "!", "?", "...", "\u2026"}
_CLOSING = {'"', "'", ")", "]", "}"}


def matching_form(text: str) -> str:
    """``text`` with typographic quotes, dashes and spaces made plain, character for character."""
    return text.translate(_PLAIN)


@cache
def nlp() -> Language:
    """A blank English pipeline: spaCy's tokenizer, with hyphens after abbreviations split."""
    pipeline = spacy.blank("en")
    # "U.S.-China" is one token by default: split a hyphen that follows an abbreviation's dot,
    # and a slash between capitalised words ("Drago/Pool/AFP").
    infixes = list(pipeline.Defaults.infixes) + [r"(?<=\.)-(?=[A-Za-z])", r"(?<=[A-Za-z])/(?=[A-Z])"]
    pipeline.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # Abbreviations of legal forms and of titles end no sentence ("Athos Chemicals Pvt. Ltd.",
    # "Brig. Gen. Musa Garba", "Det. Supt. Ann Lee").
    for abbreviation in ("Pvt.", "Pte.", "Pty.", "Ltd.", "Co.", "Corp.", "Inc.", "S.A.", "C.V.", "S.A.S.",
                         "S.R.L.", "S.p.A.", "N.V.", "B.V.", "K.K.", "L.L.C.", "Calif.", "Ariz.", "Tex.",
                         "Brig.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Cpl.", "Cmdr.", "Cdr.", "Cmdt.", "Supt.",
                         "Insp.", "Det.", "Amb.", "Hon.", "Atty.", "Pres.", "Asst.", "Sqn.", "Ldr.", "Mme."):
        pipeline.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return pipeline


class Token:
    """One token: its text, lower-cased text, character offset and a few shape flags.

    Made in bulk by :class:`Tokens`, which computes each attribute for all tokens at once.
    """

    __slots__ = ("i", "text", "lower_", "idx", "whitespace_", "is_space", "is_alpha", "is_title",
                 "is_upper", "like_num")

    def __init__(self, i: int, text: str, lower: str, idx: int, whitespace: str, is_space: bool,
                 is_alpha: bool, is_title: bool, is_upper: bool, like_num: bool):
        self.i = i
        self.text = text
        self.lower_ = lower
        self.idx = idx
        self.whitespace_ = whitespace
        self.is_space = is_space
        self.is_alpha = is_alpha
        self.is_title = is_title
        self.is_upper = is_upper
        self.like_num = like_num

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"Token({self.i}, {self.text!r})"


class Span:
    """Tokens ``start:end`` of a :class:`Tokens` sequence."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: "Tokens", start: int, end: int):
        self.doc, self.start, self.end = doc, start, end

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx if self.end > self.start else 0

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return self.start_char
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start : self.end])

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, i: int) -> Token:
        return self.doc.tokens[self.start + i] if i >= 0 else self.doc.tokens[self.end + i]

    def __reversed__(self) -> Iterator[Token]:
        return reversed(self.doc.tokens[self.start : self.end])

    def __repr__(self) -> str:
        return f"Span({self.start}, {self.end}, {self.text!r})"


class Tokens:
    """An article's tokens (in matching form) with spaCy's ``Doc`` kept for phrase matchers."""

    def __init__(self, text: str, doc: Doc):
        self.text = text
        self.spacy = doc
        starts, lengths, spaces = doc.to_array([IDX, LENGTH, SPACY]).T.tolist() if len(doc) else ([], [], [])
        self._starts = starts
        #: Each token's text and lower-cased text, for loops that read nothing else.
        self.texts = texts = [text[start : start + length] for start, length in zip(starts, lengths)]
        self.lowers = lowers = list(map(str.lower, texts))
        spaces = [" " if space else "" for space in spaces]
        self.tokens = list(map(Token, range(len(texts)), texts, lowers, starts, spaces, map(str.isspace, texts),
                               map(str.isalpha, texts), map(str.istitle, texts), map(str.isupper, texts),
                               [t.replace(",", "").replace(".", "", 1).isdigit() for t in texts]))

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self.tokens))
            return Span(self, start, max(start, stop))
        return self.tokens[key]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def char_span(self, start: int, end: int, alignment_mode: str = "expand") -> Span | None:
        """The tokens covering characters ``start:end`` (``expand``) or inside them (``contract``)."""
        if end <= start or not self.tokens:
            return None
        first = bisect.bisect_right(self._starts, start) - 1
        last = bisect.bisect_left(self._starts, end)
        first = max(first, 0)
        if alignment_mode == "contract":
            if self.tokens[first].idx < start:
                first += 1
            while last > first and self.tokens[last - 1].idx + len(self.tokens[last - 1].text) > end:
                last -= 1
        if last <= first:
            return None
        return Span(self, first, last)


def _sentence_bounds(tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentences: they end after terminal punctuation — and after the quotes or brackets closing it,
    written right against it — unless a lower-case word follows, and at every line break. White
    space is left out of them."""
    bounds, start, after_terminal = [], 0, False
    for i, token in enumerate(tokens):
        if after_terminal and token.text in _CLOSING and not tokens[i - 1].whitespace_:
            continue
        if after_terminal and token.text[:1].islower() and not token.is_space:
            after_terminal = False  # "…make fentanyl…those have been moving": no new sentence
        if after_terminal or (token.is_space and "\n" in token.text):
            cut = i + 1 if token.is_space else i
            if cut > start:
                bounds.append((start, cut))
            start = cut
            after_terminal = False
            if token.is_space:
                continue
        if token.text in _TERMINAL:
            after_terminal = True
    if start < len(tokens):
        bounds.append((start, len(tokens)))
    trimmed = []
    for s, e in bounds:
        while s < e and tokens[s].is_space:
            s += 1
        while e > s and tokens[e - 1].is_space:
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


class Analysis:
    """An article's tokens and sentences, and the section of each."""

    def __init__(self, article: Article, doc: Tokens):
        self.article = article
        self.doc = doc
        self.sentences = [Span(doc, s, e) for s, e in _sentence_bounds(doc.tokens)]
        #: What the extractors derive from the article and share, computed once (by name).
        self.memo: dict[str, object] = {}

    def section(self, char: int) -> Section | None:
        return self.article.section_at(char)

    def section_kind(self, char: int) -> str:
        section = self.article.section_at(char)
        return section.kind if section else "body"


_CACHE: OrderedDict[str, Analysis] = OrderedDict()
#: Articles whose analyses are kept: more than are extracted together (kg.extract.TOGETHER), so
#: that every extractor, run on each of them in turn, finds them.
_CACHE_SIZE = 32


def analyze(article: Article) -> Analysis:
    """Tokenise an article once; extractors running on the same article share the result."""
    found = _CACHE.get(article.hash)
    if found is not None and found.article == article:
        _CACHE.move_to_end(article.hash)
        return found
    text = matching_form(article.text)
    analysis = Analysis(article, Tokens(text, nlp()(text)))
    _CACHE[article.hash] = analysis
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return analysis
