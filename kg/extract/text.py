"""Text analysis shared by the extractors: tokens, sentences and sections, with no trained model.

spaCy's rule-based English tokenizer gives robust character offsets; kg adds its own sentence
boundaries (a quote or bracket that opens a sentence belongs to it, a section break always ends
one). The text is tokenised in a *matching form* where curly quotes and non-breaking spaces are
replaced by their plain equivalents — one character for one, so every offset is still an offset
into :attr:`kg.model.Article.text`.

>>> a = Article.from_parts(title="Title", body=["He said: “Yes.” Then he left.", "Next."], source="x")
>>> [s.text for s in analyze(a).sentences]
['Title', 'He said: "Yes."', 'Then he left.', 'Next.']
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from kg.model import Article, Section

__all__ = ["Analysis", "analyze", "nlp", "matching_form"]

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


@Language.component("kg_sentences")
def _set_sentence_starts(doc: Doc) -> Doc:
    """Sentence boundaries: after terminal punctuation — and after the quotes or brackets that
    close it, written right against it — and at every line break."""
    start_next, after_terminal = True, False
    for i, token in enumerate(doc):
        if after_terminal and token.text in _CLOSING and not doc[i - 1].whitespace_:
            token.is_sent_start = False
            continue
        if after_terminal:
            start_next, after_terminal = True, False
        token.is_sent_start = start_next
        start_next = False
        if token.is_space and "\n" in token.text:
            start_next = True
        elif token.text in _TERMINAL:
            after_terminal = True
    return doc


@cache
def nlp() -> Language:
    """A blank English pipeline: spaCy's tokenizer plus kg's sentence boundaries."""
    pipeline = spacy.blank("en")
    # "U.S.-China" is one token by default: split a hyphen that follows an abbreviation's dot.
    infixes = list(pipeline.Defaults.infixes) + [r"(?<=\.)-(?=[A-Za-z])", r"(?<=[A-Za-z])/(?=[A-Z])"]
    pipeline.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    pipeline.add_pipe("kg_sentences")
    return pipeline


@dataclass
class Analysis:
    """An article's tokens and sentences, and the section of each."""

    article: Article
    doc: Doc

    @property
    def sentences(self) -> list[Span]:
        """The sentences, without the white space around them."""
        found = []
        for sent in self.doc.sents:
            start, end = sent.start, sent.end
            while start < end and self.doc[start].is_space:
                start += 1
            while end > start and self.doc[end - 1].is_space:
                end -= 1
            if start < end:
                found.append(self.doc[start:end])
        return found

    def section(self, char: int) -> Section | None:
        return self.article.section_at(char)

    def section_kind(self, char: int) -> str:
        section = self.article.section_at(char)
        return section.kind if section else "body"


_CACHE: OrderedDict[str, Analysis] = OrderedDict()
_CACHE_SIZE = 8


def analyze(article: Article) -> Analysis:
    """Tokenise an article once; extractors running on the same article share the result."""
    found = _CACHE.get(article.hash)
    if found is not None and found.article == article:
        _CACHE.move_to_end(article.hash)
        return found
    analysis = Analysis(article, nlp()(matching_form(article.text)))
    _CACHE[article.hash] = analysis
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return analysis
