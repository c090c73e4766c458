"""Within-article resolution: the many ways one article names one thing become one entity.

* People: full names with the same surname and compatible given names are one person ("Antony
  Blinken", "Anthony Blinken"; "Todd D. Robinson", "Todd Robinson"); a surname alone, with or
  without an honorific ("Mr. Blinken", "Blinken said"), is the person of that surname; for names
  written family name first ("Xi Jinping") the first word alone ("Xi") also refers to them.
* Acronyms defined in the text ("Immigration and Customs Enforcement (ICE)") are names of the
  entity they abbreviate.
* Once an article has named someone, their name counts wherever it appears in the article —
  also in headlines and with no cue around it ("Brennan followed up by asking…").

The preferred name (label) of a person is their longest full name, the most frequent on a tie.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from kg.extract.cues import CueList, load_cues
from kg.extract.entities.base import Candidate, Words
from kg.extract.text import Analysis, matching_form, nlp
from kg.model import Entity, Mention, mint_key, normalize_name

__all__ = ["resolve_article", "display_name", "same_person", "name_parts"]

_SPACES = re.compile(r"\s+")
_INITIAL = re.compile(r"[A-Z]\.?")
_DEFINITE = {"the", "this", "that", "its"}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def display_name(text: str) -> str:
    """A name as the graph records it: plain quotes, single spaces, no possessive ending."""
    name = _SPACES.sub(" ", text.translate(_QUOTES)).strip()
    if name.endswith("'s"):
        name = name[:-2]
    return name


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _given_compatible(a: list[str], b: list[str]) -> bool:
    """Given names that can be the same person's: equal, an initial of the other, or a spelling
    variant ("Antony"/"Anthony")."""
    if not a or not b:
        return True
    x, y = a[0].lower().rstrip("."), b[0].lower().rstrip(".")
    if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True
    return x[0] == y[0] and min(len(x), len(y)) >= 4 and _edit_distance(x, y) <= max(1, min(len(x), len(y)) // 4)


@lru_cache(maxsize=1)
def _name_cues() -> tuple[CueList, CueList]:
    cues = load_cues()
    return cues["name-suffix"], cues["name-particle"]


def name_parts(name: str) -> tuple[str, ...]:
    """The words of a personal name that tell people apart: no initials, no generational suffix,
    a surname without its joined particle.

    >>> name_parts("Frank A. Tarentino III"), name_parts("Bashar al-Assad")
    (('Frank', 'Tarentino'), ('Bashar', 'Assad'))
    """
    return _name_parts(name)


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, ...]:
    suffixes, particles = _name_cues()
    parts = []
    for part in name.split():
        if _INITIAL.fullmatch(part) or part in suffixes:
            continue
        particle, dash, rest = part.partition("-")
        parts.append(rest if dash and rest and particle in particles else part)
    return tuple(parts)


def same_person(a: str, b: str) -> bool:
    """Whether two full names (two words or more) can name one person.

    >>> same_person("Antony Blinken", "Anthony Blinken"), same_person("Todd D. Robinson", "Todd Robinson")
    (True, True)
    >>> same_person("Joe Biden", "Hunter Biden"), same_person("García Harfuch", "Omar García Harfuch")
    (False, True)
    """
    pa, pb = _name_parts(a), _name_parts(b)
    if len(pa) < 2 or len(pb) < 2 or pa[-1].lower() != pb[-1].lower():
        return False
    shorter, longer = sorted((pa, pb), key=len)
    if [p.lower() for p in longer[-len(shorter):]] == [p.lower() for p in shorter]:
        return True  # "García Harfuch", "Omar García Harfuch": both surnames of a Spanish name
    return _given_compatible(pa[:-1], pb[:-1])


@dataclass
class _Group:
    type: str
    key: str | None = None
    entry: object | None = None
    names: list[str] = field(default_factory=list)
    members: list[Candidate] = field(default_factory=list)

    def label(self) -> str:
        if self.entry is not None:
            return self.entry.label
        counts: dict[str, int] = {}
        for name in self.names:
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=lambda n: (len(n.split()), counts[n], len(n), -self.names.index(n)))


class _Resolver:
    def __init__(self, analysis: Analysis, words: Words):
        self.analysis = analysis
        self.text = analysis.article.text
        self.doc = analysis.doc
        self.words = words
        self.groups: list[_Group] = []
        self.by_candidate: dict[int, _Group] = {}

    def surface(self, c: Candidate) -> str:
        return display_name(self.text[self.doc[c.start].idx : self.doc[c.end - 1].idx + len(self.doc[c.end - 1])])

    def group_of(self, c: Candidate) -> _Group:
        return self.by_candidate[id(c)]

    def join(self, c: Candidate, group: _Group) -> None:
        group.members.append(c)
        if c.is_name:
            group.names.append(c.name or self.surface(c))
        group.names.extend(c.aliases)
        self.by_candidate[id(c)] = group

    def resolve(self, chosen: list[Candidate]) -> None:
        people = [c for c in chosen if c.type == "Person" and c.entry is None]
        full = sorted((c for c in people if len(name_parts(self.surface(c))) >= 2),
                      key=lambda c: -len(self.surface(c)))
        single = [c for c in people if len(name_parts(self.surface(c))) < 2]
        by_key: dict[str, _Group] = {}
        by_name: dict[tuple[str, str], _Group] = {}
        for c in chosen:
            if c.type == "Person" and c.entry is None:
                continue
            if c.entry is not None:
                group = by_key.get(c.entry.key)
                if group is None:
                    group = by_key[c.entry.key] = _Group(c.entry.type, c.entry.key, c.entry)
                    self.groups.append(group)
            else:
                name = c.name or self.surface(c)
                # A generic name ("Foreign Ministry") is one entity per country it belongs to.
                scoped = f"{name} ({c.country.label})" if c.country is not None else name
                key = (c.type, normalize_name(scoped))
                group = by_name.get(key) or self._by_alias(c)
                if group is None:
                    group = by_name[key] = _Group(c.type)
                    if c.country is not None:
                        group.key = mint_key(c.type, scoped)
                    self.groups.append(group)
            self.join(c, group)
        self._merge_capitals()
        person_groups: list[_Group] = []
        for c in full:
            name = self.surface(c)
            named = next((g for g in self.groups if g.type != "Person" and name in g.names), None)
            if named is not None:  # "Textil Altamira", the short name the article gave a company
                self.join(c, named)
                continue
            group = next((g for g in person_groups if any(same_person(name, n) for n in g.names)), None)
            if group is None:
                group = _Group("Person")
                person_groups.append(group)
            self.join(c, group)
        for c in single:
            group = self._person_for_word(self.surface(c), person_groups)
            if group is None:
                group = next((g for g in person_groups if self.surface(c) in g.names), None)
            if group is None:
                group = _Group("Person")
                person_groups.append(group)
            self.join(c, group)
        self.groups.extend(person_groups)

    def _merge_capitals(self) -> None:
        """A name written in capitals ("TAPACHULA, Mexico —", a dateline) is the entity of the same
        type the article names in ordinary case."""
        for group in [g for g in self.groups if g.entry is None and g.names and all(n.isupper() for n in g.names)]:
            other = next((g for g in self.groups if g is not group and g.type == group.type
                          and any(n.title() in g.names for n in group.names)), None)
            if other is None:
                continue
            for c in group.members:
                self.join(c, other)
            self.groups.remove(group)

    def _by_alias(self, c: Candidate) -> _Group | None:
        name = c.name or self.surface(c)
        for group in self.groups:
            if group.type == c.type and (name in group.names or any(a in group.names for a in c.aliases)):
                return group
        return None

    def _person_for_word(self, word: str, groups: list[_Group]) -> _Group | None:
        """The one person of the article whose surname is ``word`` — or whose family name, written
        first, is ``word`` ("Xi" for "Xi Jinping")."""
        by_last = [g for g in groups if any(len(_name_parts(n)) >= 2 and _name_parts(n)[-1] == word for n in g.names)]
        if len(by_last) == 1:
            return by_last[0]
        if by_last:
            return None
        # "Macías" for "José Adolfo Macías Villamar": the first of two surnames
        by_inner = [g for g in groups if any(len(_name_parts(n)) >= 3 and word in _name_parts(n)[1:-1] for n in g.names)]
        if len(by_inner) == 1 and not self.words.is_given_name(word):
            return by_inner[0]
        by_first = [
            g for g in groups
            if any(len(_name_parts(n)) >= 2 and _name_parts(n)[0] == word for n in g.names)
        ]
        if len(by_first) == 1 and not self.words.is_given_name(word):
            return by_first[0]
        return None

    def known_names(self, chosen: list[Candidate]) -> None:
        """More mentions: every name the article has already given an entity, wherever it recurs."""
        doc = self.doc
        taken = set()
        for c in chosen:
            taken.update(range(c.start, c.end))
        lookup: dict[tuple[str, ...], _Group] = {}
        people = [g for g in self.groups if g.type == "Person"]
        for group in self.groups:
            if group.entry is not None:
                continue
            for name in set(group.names):
                tokens = _name_tokens(name)
                if tokens:
                    lookup.setdefault(tokens, group)
        for group in people:
            for name in set(group.names):
                parts = name_parts(name)
                if len(parts) >= 2:
                    for word in {parts[-1], parts[0]}:
                        if self._person_for_word(word, people) is group:
                            lookup.setdefault((word,), group)
        lengths: dict[str, list[int]] = {}  # first word of a name → the names' lengths, longest first
        for key in lookup:
            lengths.setdefault(key[0], []).append(len(key))
        for first, found in lengths.items():
            lengths[first] = sorted(set(found), reverse=True)
        texts = doc.texts
        i = 0
        while i < len(texts):
            if i in taken or texts[i] not in lengths or not texts[i][:1].isupper():
                i += 1
                continue
            for n in lengths[texts[i]]:
                if n > len(texts) - i:
                    continue
                key = tuple(texts[i : i + n])
                group = lookup.get(key)
                if group is not None and not any(k in taken for k in range(i, i + n)):
                    c = Candidate(i, i + n, group.type, "known-name")
                    group.members.append(c)
                    self.by_candidate[id(c)] = group
                    taken.update(range(i, i + n))
                    i += n - 1
                    break
            i += 1
        self._definite(taken)

    def _definite(self, taken: set[int]) -> None:
        """'the coalition', 'this ministry', 'the administration': a definite description whose
        noun is the head word of exactly one agency or organisation the article named before."""
        doc, w = self.doc, self.words
        heads = {w_.lower() for name in ("agency-head", "organization-head", "ambiguous-head",
                                          "lowercase-agency-head", "lowercase-organization-head")
                 for w_ in w.cue(name)}
        by_head: dict[str, list[_Group]] = {}
        first_seen: dict[int, int] = {}
        for group in self.groups:
            if group.type not in {"Agency", "Organization"} or not group.members:
                continue
            first_seen[id(group)] = min(c.start for c in group.members)
            words = {t.lower() for name in set(group.names) for t in name.split() if t.lower() in heads}
            for head in words:
                by_head.setdefault(head, []).append(group)
        for i in range(1, len(doc)):
            head = doc[i].lower_
            if head not in by_head or i in taken or doc[i - 1].lower_ not in _DEFINITE:
                continue
            if not doc[i].text.islower():
                continue
            groups = [g for g in by_head[head] if first_seen[id(g)] < i]
            if len(groups) != 1:
                continue
            c = Candidate(i, i + 1, groups[0].type, "definite", is_name=False)
            groups[0].members.append(c)
            self.by_candidate[id(c)] = groups[0]
            taken.add(i)


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t.text for t in nlp().make_doc(matching_form(name)))


def resolve_article(analysis: Analysis, chosen: list[Candidate], words: Words) -> tuple[list[Mention], dict[str, Entity]]:
    """Group an article's winning candidates into entities; return its mentions and entities."""
    resolver = _Resolver(analysis, words)
    resolver.resolve(chosen)
    resolver.known_names(chosen)
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    text, doc = analysis.article.text, analysis.doc
    for group in resolver.groups:
        label = group.label() if (group.names or group.entry is not None) else None
        if label is None:
            continue
        key = group.key or mint_key(group.type, label)
        entity = entities.get(key)
        if entity is None:
            wikidata = getattr(group.entry, "wikidata", None)
            entity = entities[key] = Entity(key, group.type, label, {label}, wikidata)
        entity.names.update(group.names)
        for c in group.members:
            start = doc[c.start].idx
            end = doc[c.end - 1].idx + len(doc[c.end - 1])
            mentions.append(
                Mention(start, end, text[start:end], group.type, key, analysis.section_kind(start), c.cue)
            )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, entities
