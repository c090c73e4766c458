"""The values that flow through kg's pipeline: ingest → extract → resolve → graph.

Every stage speaks in these plain, immutable-by-convention dataclasses. All character offsets
(``start``/``end``, half-open) refer to :attr:`Article.text`, the article's cleaned,
NFC-normalised text, so ``article.text[m.start:m.end] == m.text`` holds for every mention and
``article.text[e.start:e.end] == e.text`` for every evidence.

>>> a = Article.from_parts(title="China bans fentanyl", body=["China scheduled fentanyl in 2019."],
...                        source="example.txt")
>>> a.text
'China bans fentanyl\\n\\nChina scheduled fentanyl in 2019.'
>>> [(s.kind, a.text[s.start:s.end]) for s in a.sections]
[('title', 'China bans fentanyl'), ('body', 'China scheduled fentanyl in 2019.')]
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

#: The kinds of section an article's text is made of. Captions and bylines are kept (people named
#: there are people) but marked, so that extractors and users can tell them from the story.
SECTION_KINDS = ("title", "body", "caption", "byline")

#: Separator between sections in :attr:`Article.text`.
SECTION_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Section:
    """A run of an article's text with one role: title, body paragraph, caption or byline."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article, cleaned: its text, the sections it is made of, and where it came from.

    The identity of an article is its content: :attr:`id` is a hash of :attr:`text`, so the same
    article read twice, or from two files, is one article.
    """

    text: str
    sections: tuple[Section, ...]
    source: str
    date: str | None = None
    #: Position of the article within its source page (0 for the first post of a page).
    index: int = 0

    @classmethod
    def from_parts(
        cls,
        *,
        title: str,
        body: Iterable[str] = (),
        source: str,
        date: str | None = None,
        index: int = 0,
        parts: Iterable[tuple[str, str]] | None = None,
    ) -> "Article":
        """Assemble an article from its title and paragraphs (or ``(kind, text)`` parts in order)."""
        ordered = [("title", title)]
        ordered += list(parts) if parts is not None else [("body", p) for p in body]
        text, sections, pos = [], [], 0
        for kind, chunk in ordered:
            chunk = unicodedata.normalize("NFC", chunk.strip())
            if not chunk:
                continue
            if text:
                text.append(SECTION_SEPARATOR)
                pos += len(SECTION_SEPARATOR)
            sections.append(Section(kind, pos, pos + len(chunk)))
            text.append(chunk)
            pos += len(chunk)
        return cls("".join(text), tuple(sections), source, date, index)

    @cached_property
    def hash(self) -> str:
        """SHA-256 of the normalised text, hex."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """The article's stable id: the first 16 hex digits of :attr:`hash`."""
        return self.hash[:16]

    @property
    def title(self) -> str:
        for s in self.sections:
            if s.kind == "title":
                return self.text[s.start : s.end]
        return ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    def section_at(self, offset: int) -> Section | None:
        """The section that holds character ``offset``, if any."""
        for s in self.sections:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass(frozen=True)
class Mention:
    """A span of an article's text that names an entity."""

    start: int
    end: int
    text: str
    type: str
    #: Key of the :class:`Entity` this mention resolves to, within the same :class:`Extraction`.
    entity: str
    #: The kind of section the mention is in (``body``, ``title``, ``caption``, ``byline``).
    section: str = "body"
    #: Which rule or lexicon found it, for ``--explain`` style debugging.
    cue: str = ""


@dataclass
class Entity:
    """A person, agency, organisation, country, place or substance, with every name seen.

    ``key`` is stable across articles: lexicon entities use their lexicon key
    (``country/us``), others a minted one (:func:`mint_key`).
    """

    key: str
    type: str
    label: str
    names: set[str] = field(default_factory=set)
    wikidata: str | None = None

    @property
    def alt_labels(self) -> list[str]:
        return sorted(n for n in self.names if n != self.label)


@dataclass(frozen=True)
class Evidence:
    """The sentence (or headline) that states a fact: article id and offsets into its text."""

    article: str
    start: int
    end: int
    text: str


@dataclass
class Relation:
    """A fact between entities, as an n-ary event with qualifiers and evidence.

    ``subject``, ``object`` and ``substance`` are entity keys. Roles per type follow
    the gold format (``SupplyFlow``: subject = origin, object = destination, …).
    """

    type: str
    subject: str
    object: str | None = None
    substance: str | None = None
    status: str | None = None
    role: str | None = None
    date: str | None = None
    confidence: float = 1.0
    extractor: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """What makes two relations the same fact (their evidence is then merged)."""
        return (self.type, self.subject, self.object, self.substance, self.status)


@dataclass
class Extraction:
    """What the extractors found in one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    #: Counts of the work done, summed over extractors and articles ("sentences",
    #: "parsed_sentences": how many the parse layer parsed).
    stats: dict[str, int] = field(default_factory=dict)

    def merge(self, other: "Extraction") -> None:
        """Add what another extractor found in the same article (names of shared entities unite;
        counts add up)."""
        self.mentions.extend(other.mentions)
        for key, count in other.stats.items():
            self.stats[key] = self.stats.get(key, 0) + count
        for key, entity in other.entities.items():
            if key in self.entities:
                self.entities[key].names |= entity.names
            else:
                self.entities[key] = entity
        self.relations.extend(other.relations)


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(name: str, max_length: int = 60) -> str:
    """An ASCII slug of ``name``: lower case, letters and digits joined by hyphens.

    >>> slugify('John "Jabo" Smith <CEO>')
    'john-jabo-smith-ceo'
    >>> slugify("Ministério da Saúde")
    'ministerio-da-saude'
    >>> slugify("\\x00<>")
    ''
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _SLUG_DROP.sub("-", ascii_name.lower()).strip("-")[:max_length].rstrip("-")


def normalize_name(name: str) -> str:
    """The form under which two names count as the same name (case, spacing, quotes, dots)."""
    name = unicodedata.normalize("NFKC", name)
    name = name.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    name = re.sub(r"\s+", " ", name.casefold().replace(".", "")).strip()
    if name.startswith("the "):
        name = name[4:]
    if name.endswith("'s"):
        name = name[:-2]
    return name


def mint_key(type_: str, name: str) -> str:
    """A stable entity key for a name no lexicon knows: ``{type}/{slug}-{hash}``.

    The hash disambiguates names whose slugs collide; it is taken over the normalised name, so
    spelling variants of case and spacing give the same key.

    >>> mint_key("Person", "Antony Blinken") == mint_key("Person", "antony  blinken")
    True
    >>> mint_key("Person", "Antony Blinken").startswith("person/antony-blinken-")
    True
    """
    digest = hashlib.sha1(f"{type_}\x00{normalize_name(name)}".encode("utf-8", "surrogatepass")).hexdigest()[:8]
    slug = slugify(name) or "x"
    return f"{type_.lower()}/{slug}-{digest}"
