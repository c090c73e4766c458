"""Cue lists: the words extractors look for, read from ``ontology/cues/*.ttl``.

A cue list is a ``kg:CueList`` with ``kg:word`` values, optionally ``kg:caseSensitive true`` and a
``kg:entityType``. Users extend them by editing those files or adding their own folder of the same
format; no Python changes.

>>> cues = load_cues()
>>> "said" in cues["speech-verb"]
True
>>> cues["agency-head"].entity_type
'Agency'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from kg.errors import LexiconError
from kg.vocab import BASE, KG, NAMESPACE, ontology_path

__all__ = ["CueList", "load_cues", "CUE_BASE"]

CUE_BASE = "https://w3id.org/kg-news/cues/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class CueList:
    """One list of cue words. ``word in cue_list`` follows the list's case rule."""

    name: str
    words: tuple[str, ...]
    case_sensitive: bool = False
    entity_type: str | None = None
    #: The entity key the words stand for (``kg:impliesEntity``), e.g. ``country/us``.
    implies: str | None = None

    def __post_init__(self):
        keys = self.words if self.case_sensitive else tuple(w.lower() for w in self.words)
        object.__setattr__(self, "_keys", frozenset(keys))

    def __contains__(self, word: str) -> bool:
        return (word if self.case_sensitive else word.lower()) in self._keys  # type: ignore[attr-defined]

    def __iter__(self):
        return iter(self.words)

    def prefixes(self) -> frozenset[str]:
        """Every beginning of every word or phrase of the list, in the list's case: a token whose
        text (lower-cased, for a list that ignores case) is none of these starts no phrase of it.

        >>> sorted(CueList("x", ("Port of Entry",)).prefixes())[:3]
        ['p', 'po', 'por']
        """
        found = self.__dict__.get("_prefixes")
        if found is None:
            found = frozenset(k[:n] for k in self._keys for n in range(1, len(k) + 1))  # type: ignore[attr-defined]
            object.__setattr__(self, "_prefixes", found)
        return found

    @property
    def max_words(self) -> int:
        """The number of words of the longest phrase in the list."""
        return max((len(w.split()) for w in self.words), default=0)


def _parse(path: Path) -> dict[str, CueList]:
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as error:
        raise LexiconError(f"cannot read cue list: {error}", path=str(path)) from None
    by_subject: dict[str, list] = {}
    for q in quads:
        by_subject.setdefault(q.subject.value, []).append(q)
    lists: dict[str, CueList] = {}
    for subject, rows in by_subject.items():
        if not any(q.predicate == _RDF_TYPE and q.object.value == str(KG.CueList) for q in rows):
            continue
        if not subject.startswith(CUE_BASE) or "/" in subject[len(CUE_BASE) :]:
            raise LexiconError(f"cue list {subject} is not under {CUE_BASE}", path=str(path))
        words = tuple(sorted({q.object.value for q in rows if q.predicate.value == str(KG.word)}))
        case = any(q.predicate.value == str(KG.caseSensitive) and q.object.value == "true" for q in rows)
        types = [q.object.value for q in rows if q.predicate.value == str(KG.entityType)]
        entity_type = types[0][len(NAMESPACE) :] if types else None
        implied = [q.object.value for q in rows if q.predicate.value == str(KG.impliesEntity)]
        implies = implied[0][len(BASE) :] if implied and implied[0].startswith(BASE) else None
        name = subject[len(CUE_BASE) :]
        lists[name] = CueList(name, words, case, entity_type, implies)
    return lists


@cache
def _load(paths: tuple[Path, ...]) -> dict[str, CueList]:
    merged: dict[str, CueList] = {}
    for path in paths:
        for name, cue_list in _parse(path).items():
            if name in merged:  # a user's list extends the built-in one of the same name
                old = merged[name]
                cue_list = CueList(name, tuple(sorted(set(old.words) | set(cue_list.words))),
                                   old.case_sensitive, old.entity_type or cue_list.entity_type,
                                   old.implies or cue_list.implies)
            merged[name] = cue_list
    return merged


def cue_files(extra_dirs: Iterable[Path] = ()) -> tuple[Path, ...]:
    """The Turtle files of ``ontology/cues/`` and of ``extra_dirs``, in order: what the cue lists,
    the window patterns and the dependency patterns are read from."""
    paths = sorted(ontology_path("cues").glob("*.ttl"))
    for folder in extra_dirs:
        paths += sorted(Path(folder).glob("*.ttl"))
    return tuple(paths)


def load_cues(extra_dirs: Iterable[Path] = ()) -> dict[str, CueList]:
    """All cue lists of ``ontology/cues/`` plus those of ``extra_dirs``, by name."""
    return _load(cue_files(extra_dirs))
