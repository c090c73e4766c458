"""Cross-article resolution: the same person, agency or place is one node of the whole graph.

Lexicon entities already share their key in every article (``country/us``). Entities kg minted
from names are matched across articles and against what the store already holds:

* people whose full names can be the same person's (same surname, compatible given names:
  "Antony Blinken" / "Anthony Blinken", "Todd D. Robinson" / "Todd Robinson") are one person;
  a surname alone ("Blinken", from an article that never gives the full name) joins the one person
  of the graph with that surname, and stays apart when several people share it;
* other entities are one when they have the same type and share a name (acronyms included);
* two things of different types never merge, whatever their names.

The key and the preferred label of an entity the store already holds never change, so articles
built earlier stay valid and the union graph keeps one label per entity; within one build the
fullest name wins (most words, then most articles, then first seen). This holds for lexicon
entities too: if a lexicon's preferred label is edited, the label already stored stays.

>>> from kg.model import Article, Entity, Extraction, mint_key
>>> def found(title, name, *names):
...     key = mint_key("Person", name)
...     entity = Entity(key, "Person", name, {name, *names})
...     return Extraction(Article.from_parts(title=title, source="x"), entities={key: entity})
>>> a, b = found("a", "Antony Blinken"), found("b", "Anthony Blinken", "Blinken")
>>> [[e.label for e in x.entities.values()] for x in resolve_across([a, b])]
[['Antony Blinken'], ['Antony Blinken']]

A label the store already holds wins, for lexicon entities too:

>>> c = Extraction(Article.from_parts(title="c", source="x"),
...                entities={"country/us": Entity("country/us", "Country", "United States", {"U.S."})})
>>> known = [Entity("country/us", "Country", "USA", {"USA"})]
>>> [(e.label, sorted(e.names)) for e in resolve_across([c], known)[0].entities.values()]
[('USA', ['U.S.', 'USA', 'United States'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable

from kg.extract.entities.local import name_parts, same_person
from kg.model import Entity, Extraction, Relation, normalize_name

__all__ = ["resolve_across"]

_MINTED = re.compile(r"-[0-9a-f]{8}$")


def _minted(key: str) -> bool:
    return bool(_MINTED.search(key))


def _full_names(names: Iterable[str]) -> list[str]:
    return sorted(n for n in names if len(name_parts(n)) >= 2)  # sorted: a set's order follows the hash seed


@dataclass(eq=False)  # one canonical entity is one object: compared by identity
class _Canonical:
    key: str
    type: str
    label: str
    names: set[str] = field(default_factory=set)
    fixed: bool = False  # held by the store: key and label stay
    counts: dict[str, int] = field(default_factory=dict)

    def absorb(self, entity: Entity) -> None:
        self.names |= entity.names
        for name in [entity.label, *sorted(entity.names - {entity.label})]:
            self.counts[name] = self.counts.get(name, 0) + 1
        if not self.fixed:
            order = list(self.counts)
            full_names = set(_full_names(order))
            full = [n for n in order if n in full_names] or order
            self.label = max(full, key=lambda n: (len(n.split()), self.counts[n], -order.index(n)))


def _surname(name: str) -> str:
    parts = name_parts(name)
    return parts[-1].lower() if parts else ""


def _family(name: str) -> str:
    parts = name.split()
    return parts[0].lower() if parts else ""


class _Registry:
    """Canonical entities, with people indexed by surname and by first word so that matching a
    name looks at the few people who could be the same, not at everyone."""

    def __init__(self, known: Iterable[Entity]):
        self.by_surname: dict[str, list[_Canonical]] = {}
        self.by_family: dict[str, list[_Canonical]] = {}
        self.by_name: dict[tuple[str, str], _Canonical] = {}
        for entity in known:
            if _minted(entity.key):
                canonical = _Canonical(entity.key, entity.type, entity.label, set(entity.names) | {entity.label}, True)
                self._index(canonical)

    def _index(self, canonical: _Canonical) -> None:
        if canonical.type == "Person" and _full_names(canonical.names):
            for name in _full_names(canonical.names):
                for index, word in ((self.by_surname, _surname(name)), (self.by_family, _family(name))):
                    bucket = index.setdefault(word, [])
                    if canonical not in bucket:
                        bucket.append(canonical)
        else:
            for name in canonical.names:
                self.by_name.setdefault((canonical.type, normalize_name(name)), canonical)

    def person(self, entity: Entity) -> _Canonical:
        full = _full_names(entity.names)
        seen: set[int] = set()
        for name in full:
            for canonical in self.by_surname.get(_surname(name), ()):
                if id(canonical) in seen:
                    continue
                seen.add(id(canonical))
                if any(same_person(a, b) for a in full for b in _full_names(canonical.names)):
                    return canonical
        return self._new(entity)

    def single_person(self, entity: Entity) -> _Canonical:
        word = entity.label
        by_surname = self.by_surname.get(word.lower(), [])
        by_surname = [c for c in by_surname if any(name_parts(n)[-1] == word for n in _full_names(c.names))]
        if len(by_surname) == 1:
            return by_surname[0]
        if not by_surname:
            by_family = [c for c in self.by_family.get(word.lower(), [])
                         if any(n.split()[0] == word for n in _full_names(c.names))]
            if len(by_family) == 1:
                return by_family[0]
        return self.other(entity)

    def other(self, entity: Entity) -> _Canonical:
        # the label first, then the other names in order: a set's order changes with the hash seed
        for name in [entity.label, *sorted(entity.names - {entity.label})]:
            canonical = self.by_name.get((entity.type, normalize_name(name)))
            if canonical is not None:
                return canonical
        return self._new(entity)

    def _new(self, entity: Entity) -> _Canonical:
        canonical = _Canonical(entity.key, entity.type, entity.label, set(entity.names))
        self._index(canonical)
        return canonical


def resolve_across(extractions: list[Extraction], known: Iterable[Entity] = ()) -> list[Extraction]:
    """Give entities that are the same thing across ``extractions`` (and the store's ``known``
    entities) one key and one label; return the extractions with their keys rewritten."""
    registry = _Registry(known)
    assigned: dict[tuple[int, str], _Canonical] = {}
    minted = [(i, e) for i, x in enumerate(extractions) for e in x.entities.values() if _minted(e.key)]
    people = [(i, e) for i, e in minted if e.type == "Person"]
    for i, entity in [(i, e) for i, e in people if _full_names(e.names)]:
        assigned[i, entity.key] = registry.person(entity)
    for i, entity in [(i, e) for i, e in people if not _full_names(e.names)]:
        assigned[i, entity.key] = registry.single_person(entity)
    for i, entity in [(i, e) for i, e in minted if e.type != "Person"]:
        assigned[i, entity.key] = registry.other(entity)
    mappings: list[dict[str, _Canonical]] = [{} for _ in extractions]
    for (i, key), canonical in assigned.items():
        canonical.absorb(extractions[i].entities[key])
        mappings[i][key] = canonical
    rewritten = [_rewrite(x, mapping) for x, mapping in zip(extractions, mappings)]
    return _stable_labels(rewritten, known)


def _stable_labels(extractions: list[Extraction], known: Iterable[Entity]) -> list[Extraction]:
    """Every key keeps the label the store holds, else the first label this build gives it; a
    label given up stays among the entity's names."""
    labels = {entity.key: entity.label for entity in known}
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            labels.setdefault(key, entity.label)
    for extraction in extractions:
        for key, entity in list(extraction.entities.items()):
            if labels[key] != entity.label:
                extraction.entities[key] = replace(entity, label=labels[key], names=entity.names | {entity.label, labels[key]})
    return extractions


def _rewrite(extraction: Extraction, mapping: dict[str, _Canonical]) -> Extraction:
    if not mapping:
        return extraction
    keys = {old: c.key for old, c in mapping.items()}
    entities: dict[str, Entity] = {}
    for old, entity in extraction.entities.items():
        canonical = mapping.get(old)
        if canonical is None:
            entities[old] = entity
            continue
        merged = entities.get(canonical.key)
        if merged is None:
            merged = entities[canonical.key] = Entity(canonical.key, entity.type, canonical.label,
                                                      set(entity.names), entity.wikidata)
        merged.names |= entity.names
    keys = {old: new for old, new in keys.items() if old != new}
    mentions = [replace(m, entity=keys[m.entity]) if m.entity in keys else m for m in extraction.mentions]
    relations = [_rekey(r, keys) for r in extraction.relations]
    return Extraction(extraction.article, mentions, entities, relations)


def _rekey(relation: Relation, keys: dict[str, str]) -> Relation:
    if not (relation.subject in keys or relation.object in keys or relation.substance in keys):
        return relation
    return replace(
        relation,
        subject=keys.get(relation.subject, relation.subject),
        object=keys.get(relation.object, relation.object) if relation.object else None,
        substance=keys.get(relation.substance, relation.substance) if relation.substance else None,
    )

