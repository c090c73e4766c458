"""What the entity rules share: candidates, and the word knowledge they consult.

A :class:`Candidate` is a span of tokens that some rule believes names an entity of some type.
Rules only propose; :mod:`kg.extract.entities.select` decides which candidates win where they
overlap, and :mod:`kg.extract.entities.local` groups the winners into entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.extract.text import Token

from kg.extract.cues import CueList, load_cues
from kg.paths import ontology_path

__all__ = ["Candidate", "Words", "words"]

#: How much a rule's candidate is trusted when it overlaps another: higher wins at equal length.
STRENGTH = {
    "lexicon": 90,
    "metonym": 90,
    "legal-form": 82,
    "short-name": 82,
    "acronym": 85,
    "org-head": 80,
    "place-head": 78,
    "place-suffix": 78,
    "descriptor": 76,
    "honorific": 75,
    "alias": 74,
    "locative-noun": 72,
    "title": 70,
    "apposition": 68,
    "credit": 66,
    "byline": 66,
    "listing": 64,
    "coordination": 62,
    "locative": 62,
    "given-name": 60,
    "initialled": 58,
    "speech": 55,
    "place-context": 50,
    "lowercase-head": 50,
    "substance-suffix": 45,
    "demonym": 40,
    "model": 30,
    "known-name": 20,
    "definite": 10,
}


@dataclass
class Candidate:
    """Tokens ``start:end`` of the analysed doc that may name an entity of ``type``."""

    start: int
    end: int
    type: str
    cue: str
    #: The lexicon entry this names, when a lexicon knows it.
    entry: object | None = None
    #: Other lexicon entries the same words could name (decided by context).
    alternatives: tuple = ()
    #: The country a generic agency name belongs to ("China's Foreign Ministry").
    country: object | None = None
    #: The name to record, when it is not the span's own text (None: the span's text).
    name: str | None = None
    #: Whether the span's text is a name of the entity (a demonym or a metonym is not).
    is_name: bool = True
    #: Acronyms defined for this name in the text ("Immigration and Customs Enforcement (ICE)").
    aliases: list[str] = field(default_factory=list)
    #: The words may name something else too ("Jordan"): keep only with a cue from context.
    ambiguous: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def strength(self) -> int:
        return STRENGTH.get(self.cue, 0)

    def overlaps(self, other: "Candidate") -> bool:
        return self.start < other.end and other.start < self.end


_INITIAL = re.compile(r"^([A-Z]\.){1,3}$")
_CAPITALISED = re.compile(r"^[A-Z\u00C0-\u00DE][\w'\-\.\u00C0-\u024F]*$")


def _read_word_file(name: str) -> frozenset[str]:
    path = ontology_path("lexicon", name)
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Words:
    """Word knowledge: cue lists, common English words, given names."""

    cues: dict[str, CueList]
    common: frozenset[str]
    given_names: frozenset[str]
    ambiguous_given_names: frozenset[str]

    def cue(self, name: str) -> CueList:
        return self.cues[name]

    def is_common(self, word: str) -> bool:
        """A frequent English word that is not a personal name ("Law", "Reportedly")."""
        return word.lower() in self.common

    def is_given_name(self, word: str) -> bool:
        return word in self.given_names

    def is_plain_given_name(self, word: str) -> bool:
        """A given name that is not also a common word or a title ("Todd", not "General")."""
        return word in self.given_names and word not in self.ambiguous_given_names

    @staticmethod
    def is_capitalised(token: Token) -> bool:
        """A capitalised word ("Blinken", "O'Brien", "Al-Khalifa", "ICE") or an initial ("D.")."""
        text = token.text
        return bool(_CAPITALISED.match(text)) and any(c.isalpha() for c in text)

    @staticmethod
    def capitalised(texts: list[str]) -> list[bool]:
        """:meth:`is_capitalised` of every token text at once."""
        match = _CAPITALISED.match
        return [match(text) is not None and any(c.isalpha() for c in text) for text in texts]

    @staticmethod
    def is_initial(token: Token) -> bool:
        return bool(_INITIAL.match(token.text))

    def is_name_token(self, token: Token) -> bool:
        """Could be part of a personal name: capitalised, not a title, not a sentence word."""
        text = token.text
        if self.is_initial(token):
            return True
        if not self.is_capitalised(token) or text in self.cues["not-a-name"]:
            return False
        if text.isupper() and len(text) > 1 and not self.is_given_name(text.title()):
            return False  # acronyms are not parts of personal names
        return True


@cache
def words() -> Words:
    """The word knowledge of ``ontology/`` (loaded once)."""
    given = _read_word_file("given-names.txt")
    ambiguous = _read_word_file("given-names-ambiguous.txt")
    return Words(load_cues(), _read_word_file("common-words.txt"), given | ambiguous, ambiguous)
