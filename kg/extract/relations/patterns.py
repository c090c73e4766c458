"""Relation patterns, read from ``ontology/cues/*.ttl``, and the matching of their triggers.

See ``ontology/cues/relations.ttl`` for the pattern language. A trigger such as
``"add* ... to the Entity List"`` compiles to a sequence of word tests and one gap; matching runs
over a sentence's lower-cased tokens.

>>> patterns = load_patterns()
>>> sorted({p.relation_type for p in patterns})[:3]
['Affiliation', 'Charge', 'Control']
>>> p = next(p for p in patterns if p.name == "sanction-entity-list")
>>> p.status, p.subject.side, p.object.antecedent
('imposed', 'before', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox

from kg.errors import LexiconError
from kg.extract.cues import cue_files
from kg.vocab import KG, NAMESPACE

__all__ = ["Role", "Pattern", "Trigger", "load_patterns", "TriggerIndex", "trigger_index"]

PATTERN_BASE = "https://w3id.org/kg-news/cues/relation/"
GAP = "..."
GAP_WORDS = 12
_SIDES = {"before", "after", "any", "inside"}


@dataclass(frozen=True)
class Role:
    """Where one argument of a relation is found, relative to the trigger."""

    side: str = "after"
    prepositions: tuple[str, ...] = ()
    types: frozenset[str] = frozenset()
    optional: bool = False
    antecedent: bool = False
    recent: bool = False
    inherit: bool = False
    counterpart: bool = False
    modifier: bool = False
    #: Every name that opens an item of the list after the trigger ("The individuals are A, a
    #: financier; B, who runs …; and C").
    listing: bool = False
    window: int = 12


@dataclass(frozen=True)
class Trigger:
    """A compiled trigger: each element is a set of words, a stem (``prefix*``) or the gap."""

    text: str
    elements: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]

    @classmethod
    def compile(cls, text: str) -> "Trigger":
        elements = []
        for word in text.lower().split():
            if word == GAP:
                elements.append(("gap", frozenset(), ()))
                continue
            exact, stems = set(), []
            for alternative in word.split("|"):
                if alternative.endswith("*") and len(alternative) > 1:
                    stems.append(alternative[:-1])
                else:
                    exact.add(alternative)
            elements.append(("word", frozenset(exact), tuple(stems)))
        return cls(text, tuple(elements))

    @staticmethod
    def _accepts(element, word: str) -> bool:
        _, exact, stems = element
        return word in exact or any(word.startswith(s) for s in stems)

    def match(self, words: Sequence[str], start: int) -> tuple[int, tuple[int, int] | None] | None:
        """Match at ``words[start]``: the end index and the gap's (start, end), or None."""
        return self._match(words, start, 0, None)

    def _match(self, words, i, k, gap):
        elements, n = self.elements, len(words)
        while k < len(elements):
            kind, exact, stems = elements[k]
            if kind == "gap":
                for skip in range(0, GAP_WORDS + 1):
                    if i + skip > n:
                        break
                    found = self._match(words, i + skip, k + 1, (i, i + skip))
                    if found is not None:
                        return found
                return None
            if i >= n or not (words[i] in exact or words[i].startswith(stems)):
                return None
            i += 1
            k += 1
        return i, gap

    def first_words(self) -> tuple[frozenset[str], tuple[str, ...]]:
        _, exact, stems = self.elements[0]
        return exact, stems


@dataclass(frozen=True)
class Pattern:
    """A way of stating a relation of one type (see ``ontology/cues/relations.ttl``)."""

    name: str
    relation_type: str
    triggers: tuple[Trigger, ...]
    subject: Role
    object: Role | None = None
    substance: Role | None = None
    status: str | None = None
    weight: float = 0.8
    #: Words that, right before the trigger, make it a noun rather than a statement.
    not_after: frozenset[str] = frozenset()


class TriggerIndex:
    """Finds every trigger of every pattern in a sentence, looked up by its first word."""

    def __init__(self, patterns: Iterable[Pattern]):
        self._exact: dict[str, list[tuple[Pattern, Trigger]]] = {}
        self._stems: dict[str, list[tuple[str, Pattern, Trigger]]] = {}
        for pattern in patterns:
            for trigger in pattern.triggers:
                exact, stems = trigger.first_words()
                for word in exact:
                    self._exact.setdefault(word, []).append((pattern, trigger))
                for stem in stems:
                    self._stems.setdefault(stem[:3], []).append((stem, pattern, trigger))

    def find(self, words: Sequence[str]) -> list[tuple[Pattern, Trigger, int, int, tuple[int, int] | None]]:
        """(pattern, trigger, start, end, gap) for every match; the longest per pattern and start."""
        found = []
        by_word, by_stem = self._exact, self._stems
        for i, word in enumerate(words):
            options, stemmed = by_word.get(word), by_stem.get(word[:3])
            if stemmed is None:
                if options is None:
                    continue
            else:
                options = list(options or ())
                options += [(p, t) for stem, p, t in stemmed if word.startswith(stem)]
            best: dict[str, tuple] = {}
            for pattern, trigger in options:
                matched = trigger.match(words, i)
                if matched is None:
                    continue
                end, gap = matched
                previous = best.get(pattern.name)
                if previous is None or end > previous[3]:
                    best[pattern.name] = (pattern, trigger, i, end, gap)
            found.extend(best.values())
        return found

    def any_trigger(self, words: Sequence[str]) -> bool:
        """Whether some trigger matches somewhere in ``words``."""
        for i, word in enumerate(words):
            options = list(self._exact.get(word, ()))
            options += [(p, t) for stem, p, t in self._stems.get(word[:3], ()) if word.startswith(stem)]
            if any(trigger.match(words, i) is not None for _, trigger in options):
                return True
        return False


@cache
def trigger_index() -> TriggerIndex:
    """The index of the built-in patterns' triggers, built once per process."""
    return TriggerIndex(load_patterns())


def _literal_values(rows, predicate) -> list[str]:
    return [q.object.value for q in rows if q.predicate.value == str(predicate)]


def _role(node, by_subject, path: Path) -> Role:
    rows = by_subject.get(node, [])
    side = (_literal_values(rows, KG.side) or ["after"])[0]
    if side not in _SIDES:
        raise LexiconError(f"relation pattern role has side {side!r}; expected one of {sorted(_SIDES)}", path=str(path))
    types = frozenset(v[len(NAMESPACE) :] for v in _literal_values(rows, KG.entityType))
    window = _literal_values(rows, KG.window)
    return Role(
        side=side,
        prepositions=tuple(sorted(v.lower() for v in _literal_values(rows, KG.preposition))),
        types=types,
        optional="true" in _literal_values(rows, KG.optional),
        antecedent="true" in _literal_values(rows, KG.antecedent),
        recent="true" in _literal_values(rows, KG.recent),
        inherit="true" in _literal_values(rows, KG.inherit),
        modifier="true" in _literal_values(rows, KG.modifier),
        listing="true" in _literal_values(rows, KG.listing),
        counterpart="true" in _literal_values(rows, KG.counterpart),
        window=int(window[0]) if window else 12,
    )


def _parse(path: Path) -> list[Pattern]:
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as error:
        raise LexiconError(f"cannot read relation patterns: {error}", path=str(path)) from None
    by_subject: dict = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)
    patterns = []
    for subject, rows in by_subject.items():
        types = {q.object.value for q in rows if q.predicate.value.endswith("#type") or q.predicate.value.endswith("ns#type")}
        if str(KG.RelationPattern) not in types:
            continue
        name = subject.value[len(PATTERN_BASE) :] if subject.value.startswith(PATTERN_BASE) else subject.value
        relation = _literal_values(rows, KG.relationType)
        if not relation:
            raise LexiconError(f"relation pattern {name} has no kg:relationType", path=str(path))
        roles = {}
        for predicate in (KG.subjectRole, KG.objectRole, KG.substanceRole):
            nodes = [q.object for q in rows if q.predicate.value == str(predicate)]
            roles[predicate] = _role(nodes[0], by_subject, path) if nodes else None
        if roles[KG.subjectRole] is None:
            raise LexiconError(f"relation pattern {name} has no kg:subjectRole", path=str(path))
        weight = _literal_values(rows, KG.weight)
        status = _literal_values(rows, KG.yieldsStatus)
        patterns.append(
            Pattern(
                name=name,
                relation_type=relation[0][len(NAMESPACE) :],
                triggers=tuple(Trigger.compile(t) for t in sorted(_literal_values(rows, KG.trigger))),
                subject=roles[KG.subjectRole],
                object=roles[KG.objectRole],
                substance=roles[KG.substanceRole],
                status=status[0] if status else None,
                weight=float(weight[0]) if weight else 0.8,
                not_after=frozenset(w.lower() for w in _literal_values(rows, KG.notAfter)),
            )
        )
    return patterns


@cache
def _load(paths: tuple[Path, ...]) -> tuple[Pattern, ...]:
    return tuple(p for path in paths for p in _parse(path))


def load_patterns(extra_dirs: Iterable[Path] = ()) -> tuple[Pattern, ...]:
    """Every relation pattern of ``ontology/cues/`` plus those of ``extra_dirs``."""
    return _load(cue_files(extra_dirs))



