"""Dependency patterns: relations read from a sentence's tree, as data (``ontology/cues/dependency.ttl``).

A :class:`DependencyPattern` names the lemmas and parts of speech of its trigger words and, for
each argument, the :mod:`paths <kg.extract.relations.paths>` that lead from the trigger to it.
:func:`frames` finds every trigger of every pattern in a parsed sentence and walks the paths; a
:class:`Frame` is one trigger with the words that fill each role. Which words are entities, and
whether the sentence asserts the frame, is decided after (:mod:`kg.extract.relations.reading`).

>>> patterns = load_dependency_patterns()
>>> p = next(p for p in patterns if p.name == "sanction-verb")
>>> p.relation_type, p.status, "designate" in p.lemmas, [q.text for q in p.subject.paths][:2]
('Sanction', 'imposed', True, ['agent/pobj', 'nsubj'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path as FilePath
from typing import Iterable

import pyoxigraph as ox

from kg.errors import LexiconError
from kg.extract.cues import cue_files
from kg.extract.relations.paths import Path, PathError, walk
from kg.vocab import KG, NAMESPACE

__all__ = ["DependencyRole", "DependencyPattern", "Frame", "TriggerWords", "load_dependency_patterns", "frames",
           "trigger_forms"]

PATTERN_BASE = "https://w3id.org/kg-news/cues/dependency/"


@dataclass(frozen=True)
class DependencyRole:
    """Where one argument is in the tree, seen from the trigger, and what it may be."""

    paths: tuple[Path, ...]
    types: frozenset[str] = frozenset()
    optional: bool = False
    #: When no path reaches it (an agentless passive): the subject of the article's last relation
    #: of the same type ("X was designated" after "OFAC designated Y").
    inherit: bool = False
    #: When no path reaches it: the other country a deal between two countries is about.
    counterpart: bool = False
    #: When no path reaches it: the body of that kind the text spoke of last ("joining over 80
    #: countries …" after naming the coalition).
    recent: bool = False
    #: When no path reaches it: the one entity of its types the sentence names, if it names one
    #: ("captagon, … produced in Syria, has been smuggled overland through Jordan to Saudi Arabia").
    from_sentence: bool = False
    #: A counted noun as the argument ("designated six individuals and two companies") stands for
    #: the people and bodies of those kinds named first after it (after a colon in its sentence,
    #: or in the next sentences), up to the count.
    counted: bool = False
    #: When no path reaches it: the countries and bodies these paths reach, but the subject's own
    #: ("Thailand promised to train *Lao and Myanmar* drug officers"); never a person.
    fallback: tuple[Path, ...] = ()
    #: How many sentences back an inherited subject may have been stated.
    inherit_within: int = 24
    #: With no relation of the type before: the public body the sentence before named last
    #: ("Officers from the Royal Malaysia Police raided a warehouse. Three men … were arrested").
    inherit_body: bool = False
    #: A person fills the role only as an official: when the article affiliates them with a
    #: country or a public body ("Foreign Minister X pledged …", not "the coach promised …").
    officials_only: bool = False
    #: Only a name of the sentence fills the role, not a pronoun or description standing for one
    #: ("It agreed to pay $13m": which "it" made the promise is too often unclear).
    named_only: bool = False


@dataclass(frozen=True)
class DependencyPattern:
    """A way of stating a relation, read from the tree (see ``ontology/cues/dependency.ttl``)."""

    name: str
    relation_type: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    subject: DependencyRole
    object: DependencyRole | None = None
    substance: DependencyRole | None = None
    #: Where a flow passes on its way ("smuggled *through Jordan* to Saudi Arabia"): the end of
    #: one leg and the start of the next.
    via: DependencyRole | None = None
    status: str | None = None
    weight: float = 0.8
    #: The trigger's head must have one of these lemmas (a light verb: "took *action* against").
    governors: frozenset[str] = frozenset()
    #: Words that, as the trigger's dependents, make it something else ("the *designated* driver").
    blockers: frozenset[str] = frozenset()
    #: Surface forms of the trigger words beyond the regular inflections of ``lemmas``.
    forms: frozenset[str] = frozenset()
    #: Paths of which one must reach some word for the trigger to count ("added … *to the Entity List*").
    required: tuple[Path, ...] = ()
    #: The trigger must not be a verb's object ("*U.S. sanctions on Iran* remain", not "lifted
    #: U.S. sanctions on Iran", which another pattern reads).
    standalone: bool = False
    #: Whether a sentence holding its trigger is parsed for it (else it reads only sentences
    #: parsed for other patterns: its trigger words are too common to pay a parse for).
    selects: bool = True
    #: Whether it selects a sentence only right after one that holds a trigger of its type (the
    #: names of a list a sanction or a charge just counted: "The four were A, B, C and D").
    follows: bool = False

    def roles(self) -> dict[str, DependencyRole]:
        return {name: role for name, role in (("subject", self.subject), ("object", self.object),
                                              ("substance", self.substance), ("via", self.via)) if role is not None}


@dataclass
class Frame:
    """One trigger of a pattern in a parsed sentence, with the words each role's paths reach."""

    pattern: DependencyPattern
    trigger: object  # a spaCy token
    fillers: dict[str, list] = field(default_factory=dict)
    #: Per role, the positions of the words reached by climbing to a head (the name a title
    #: belongs to: "Minister *Juan Ruiz* and Ana Torres"): they stand for themselves, not for the
    #: names coordinated with them.
    heads: dict[str, set[int]] = field(default_factory=dict)
    #: Per role, the words its fallback paths reach.
    fallback: dict[str, list] = field(default_factory=dict)


def frames(tree, patterns: Iterable[DependencyPattern], clause_labels: frozenset[str] = frozenset(),
           transparent: frozenset[str] = frozenset()) -> list[Frame]:
    """Every frame of ``patterns`` in ``tree`` (a parsed sentence), in the order of the triggers.

    ``transparent`` words (quantities and parts: "a new round *of* sanctions", "2 tonnes *of*
    cocaine") are seen through: by the paths, and between a noun trigger and its light verb."""
    by_lemma = _by_lemma(tuple(patterns))
    found = []
    for token in tree:
        candidates = by_lemma.get(token.lemma_.lower()) or by_lemma.get(token.lower_)
        if not candidates:
            continue
        for pattern in candidates:
            if pattern.pos and token.pos_ not in pattern.pos and token.tag_ not in pattern.pos:
                continue
            if pattern.governors and _governor(token, transparent).lemma_.lower() not in pattern.governors:
                continue
            if pattern.standalone and _governor(token, transparent).i != token.i:
                continue
            if pattern.blockers and any(c.lower_ in pattern.blockers for c in token.children):
                continue
            if pattern.required and not any(walk(token, p, clause_labels) for p in pattern.required):
                continue
            frame = Frame(pattern, token)
            for name, role in pattern.roles().items():
                frame.fillers[name], frame.heads[name] = _fill(token, role.paths, clause_labels, transparent)
                if role.fallback:
                    frame.fallback[name] = _fill(token, role.fallback, clause_labels, transparent)[0]
            found.append(frame)
    return found


#: How a noun hangs from its light verb: as its object ("imposed *sanctions*"), passive subject
#: ("*sanctions* were imposed"), a preposition's object ("warned *of* sanctions") or complement.
_GOVERNED = {"dobj", "nsubjpass", "pobj", "attr", "oprd", "conj", "appos"}


def _governor(token, transparent: frozenset[str] = frozenset()):
    """The verb a noun trigger is the object of, over a preposition ("warned *of* sanctions") and
    over quantities and parts ("announced a new round *of* sanctions"); the trigger itself when
    it is not governed so (the subject of a verb, the head of its sentence)."""
    word = token
    for _ in range(6):
        if word.dep_ not in _GOVERNED or word.head.i == word.i:
            return word
        head = word.head
        if word.dep_ in {"conj", "appos"}:  # "imposed sanctions and *tariffs*": as the first is
            word = head
            continue
        if head.pos_ == "ADP" and head.head.i != head.i:
            if head.lower_ == "of" and head.head.lower_ in transparent:
                word = head.head  # "a round of sanctions": go on from "round"
                continue
            return head.head
        return head
    return word


def _fill(token, paths: tuple[Path, ...], clause_labels, transparent=frozenset()) -> tuple[list, set[int]]:
    reached, seen, heads = [], set(), set()
    for path in paths:
        for word in walk(token, path, clause_labels, transparent):
            if path.steps[-1].up:
                heads.add(word.i)
            if word.i not in seen:
                seen.add(word.i)
                reached.append(word)
    return sorted(reached, key=lambda t: t.i), heads


#: The trigger index of each loaded tuple of patterns, by its identity: hashing the patterns (deep
#: frozen dataclasses) for a cache key cost more than the frames themselves.
_INDEXES: dict[int, tuple[tuple, dict]] = {}


def _by_lemma(patterns: tuple[DependencyPattern, ...]) -> dict[str, list[DependencyPattern]]:
    known = _INDEXES.get(id(patterns))
    if known is not None and known[0] is patterns:
        return known[1]
    index: dict[str, list[DependencyPattern]] = {}
    for pattern in patterns:
        for lemma in pattern.lemmas | pattern.forms:
            index.setdefault(lemma, []).append(pattern)
    _INDEXES[id(patterns)] = (patterns, index)
    return index


class TriggerWords:
    """What a sentence must hold for some pattern to fire in it, so that only sentences worth it
    are parsed: a word that may be one of its triggers; for a pattern with required paths that
    name words ("added … *to the Entity List*"), the words of one of those paths; a light verb of
    the pattern's ("*imposed* sanctions"); for a pattern that needs a substance, a substance (or a
    word for one: "the drugs", "consignments"); and two names, or one where the text before may
    give an argument.
    Patterns marked ``kg:selectsSentences false`` read sentences parsed for others only; those
    marked ``kg:followsUp true`` are the words of ``TriggerWords(patterns, follow_ups=True)``,
    asked only of a sentence right after one that holds a trigger of the same type.

    >>> words = TriggerWords(load_dependency_patterns())
    >>> words.any(["ofac", "designated", "two", "firms"]), words.any(["he", "added", "salt", "to", "it"])
    (True, False)
    >>> words.any(["it", "came", "from", "peru"]), words.any(["it", "came", "from", "peru"], substance=True)
    (False, True)
    """

    def __init__(self, patterns: Iterable[DependencyPattern], follow_ups: bool = False):
        self.by_form: dict[str, list] = {}
        for pattern in patterns:
            if not pattern.selects or pattern.follows != follow_ups:
                continue
            # an argument the text before may give ("X was designated", "Mexico is expected to
            # participate"): one name in the sentence is enough
            names = 1 if any(r.inherit or r.recent or r.counterpart for r in pattern.roles().values()) else 2
            needs = (_companions(pattern), pattern.substance is not None and not pattern.substance.optional, names,
                     pattern.relation_type)
            for lemma in pattern.lemmas:
                for form in _inflections(lemma, nominal=pattern.pos <= _NOMINAL) | pattern.forms:
                    self.by_form.setdefault(form, []).append(needs)

    def types(self, words) -> frozenset[str]:
        """The relation types of the patterns whose trigger words ``words`` hold."""
        return frozenset(needs[3] for word in words for needs in self.by_form.get(word, ()))

    def least_names(self, words, types=None) -> tuple[int | None, int | None]:
        """The fewest names a sentence of lower-case ``words`` must hold for some pattern (of
        ``types``, when given) to fire in it: without a substance, and with one (None: no pattern
        can)."""
        present = None
        plain = with_substance = None
        for word in words:
            for companions, needs_substance, needs_names, relation_type in self.by_form.get(word, ()):
                if types is not None and relation_type not in types:
                    continue
                if companions is not None:
                    if present is None:
                        present = set(words)
                    if not any(all(step & present for step in path) for path in companions):
                        continue
                with_substance = needs_names if with_substance is None else min(with_substance, needs_names)
                if not needs_substance:
                    plain = needs_names if plain is None else min(plain, needs_names)
        return plain, with_substance

    def any(self, words, substance: bool = False, names: int = 2) -> bool:
        """Whether some pattern may fire in a sentence of lower-case ``words`` that names a
        substance or not and ``names`` names."""
        present = None
        for word in words:
            for companions, needs_substance, needs_names, _type in self.by_form.get(word, ()):
                if (needs_substance and not substance) or names < needs_names:
                    continue
                if companions is None:
                    return True
                if present is None:
                    present = set(words)
                if any(all(step & present for step in path) for path in companions):
                    return True
        return False


def _companions(pattern: DependencyPattern):
    """What a sentence must hold beside a trigger word for the pattern to fire in it: one or more
    alternatives, each a tuple of word sets a sentence must hold a word of every one of — the
    words of each step of a required path that names some, and the pattern's light verbs. None
    when nothing is needed (no light verbs, and no required path, or one that names no word)."""
    governors = (frozenset().union(*(_inflections(w) for w in pattern.governors)),) if pattern.governors else ()
    if not pattern.required:
        return (governors,) if governors else None
    paths = []
    for path in pattern.required:
        steps = tuple(frozenset().union(*(_inflections(w) for w in step.lemmas)) for step in path.steps if step.lemmas)
        if not steps:
            return (governors,) if governors else None
        paths.append(steps + governors)
    return tuple(paths)


def trigger_forms(patterns: Iterable[DependencyPattern]) -> frozenset[str]:
    """Every lower-case word that may be a trigger of ``patterns``: the lemmas, their regular
    inflections and the forms the patterns list.

    >>> sorted(_inflections("designate"))
    ['designate', 'designated', 'designates', 'designating']
    """
    words = set()
    for pattern in patterns:
        for lemma in pattern.lemmas:
            words |= _inflections(lemma)
        words |= pattern.forms
    return frozenset(words)


#: English verbs whose forms are no regular inflection of their lemma (the light verbs and
#: companions patterns name).
_IRREGULAR = {
    "be": "am is are was were been being", "have": "has had having", "do": "does did done doing",
    "make": "made", "take": "took taken", "give": "gave given", "hold": "held", "meet": "met",
    "send": "sent", "sell": "sold", "bring": "brought", "find": "found", "come": "came", "go": "went gone goes",
    "run": "ran running", "set": "setting", "put": "putting", "freeze": "froze frozen", "lead": "led",
    "swear": "swore sworn", "undertake": "undertook undertaken", "fly": "flew flown flies", "drive": "drove driven",
    "seek": "sought", "buy": "bought", "cut": "cutting", "begin": "began begun", "win": "won", "lay": "laid",
    "strike": "struck stricken", "speak": "spoke spoken", "sit": "sat sitting", "wind": "wound", "hit": "hitting",
    "shut": "shutting", "bind": "bound", "slap": "slapped slapping", "ban": "banned banning",
}


#: Parts of speech whose words take no verb's endings ("unit" is never "united").
_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON", "ADJ"})


def _inflections(lemma: str, nominal: bool = False) -> set[str]:
    """The forms of ``lemma``: a verb's or a noun's (``nominal``: the plural only).

    >>> sorted(_inflections("unit", nominal=True)), sorted(_inflections("agency", nominal=True))
    (['unit', 'units'], ['agencies', 'agency'])
    """
    if " " in lemma:
        return {lemma}
    if nominal:
        if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
            return {lemma, lemma[:-1] + "ies"}
        return {lemma, lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")}
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"} | set(_IRREGULAR.get(lemma, "").split())
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
        forms -= {lemma + "ed", lemma + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    if len(lemma) > 2 and lemma[-1] in "bdgmnprt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # ban → banned, ship → shipping
    return forms


# ---------------------------------------------------------------- reading the data


def _values(rows, predicate) -> list[str]:
    return [q.object.value for q in rows if q.predicate.value == str(predicate)]


def _paths(texts: list[str], where: str) -> tuple[Path, ...]:
    try:
        return tuple(Path.parse(p) for p in sorted(texts))
    except PathError as error:
        raise LexiconError(f"dependency pattern: {error}", path=where) from None


def _role(node, by_subject, where: str) -> DependencyRole:
    rows = by_subject.get(node, [])
    return DependencyRole(
        paths=_paths(_values(rows, KG.path), where),
        types=frozenset(v[len(NAMESPACE):] for v in _values(rows, KG.entityType)),
        optional="true" in _values(rows, KG.optional),
        inherit="true" in _values(rows, KG.inherit),
        counterpart="true" in _values(rows, KG.counterpart),
        recent="true" in _values(rows, KG.recent),
        from_sentence="true" in _values(rows, KG.fromSentence),
        counted="true" in _values(rows, KG.counted),
        fallback=_paths(_values(rows, KG.fallbackPath), where),
        inherit_within=int((_values(rows, KG.inheritWithin) or [24])[0]),
        inherit_body="true" in _values(rows, KG.inheritBody),
        officials_only="true" in _values(rows, KG.officialsOnly),
        named_only="true" in _values(rows, KG.namedOnly),
    )


def _parse(path: FilePath) -> list[DependencyPattern]:
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as error:
        raise LexiconError(f"cannot read dependency patterns: {error}", path=str(path)) from None
    by_subject: dict = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)
    patterns = []
    for subject, rows in by_subject.items():
        if str(KG.DependencyPattern) not in {q.object.value for q in rows if q.predicate.value.endswith("#type")}:
            continue
        name = subject.value[len(PATTERN_BASE):] if subject.value.startswith(PATTERN_BASE) else subject.value
        where = f"{path} ({name})"
        relation = _values(rows, KG.relationType)
        lemmas = frozenset(v.lower() for v in _values(rows, KG.triggerLemma))
        if not relation or not lemmas:
            raise LexiconError(f"dependency pattern {name} needs kg:relationType and kg:triggerLemma", path=str(path))
        roles = {}
        for predicate in (KG.subjectRole, KG.objectRole, KG.substanceRole, KG.viaRole):
            nodes = [q.object for q in rows if q.predicate.value == str(predicate)]
            roles[predicate] = _role(nodes[0], by_subject, where) if nodes else None
        if roles[KG.subjectRole] is None:
            raise LexiconError(f"dependency pattern {name} has no kg:subjectRole", path=str(path))
        status, weight = _values(rows, KG.yieldsStatus), _values(rows, KG.weight)
        patterns.append(DependencyPattern(
            name=name,
            relation_type=relation[0][len(NAMESPACE):],
            lemmas=lemmas,
            pos=frozenset(_values(rows, KG.triggerPos)),
            subject=roles[KG.subjectRole],
            object=roles[KG.objectRole],
            substance=roles[KG.substanceRole],
            via=roles[KG.viaRole],
            status=status[0] if status else None,
            weight=float(weight[0]) if weight else 0.8,
            governors=frozenset(v.lower() for v in _values(rows, KG.governorLemma)),
            blockers=frozenset(v.lower() for v in _values(rows, KG.blocker)),
            forms=frozenset(v.lower() for v in _values(rows, KG.triggerForm)),
            required=_paths(_values(rows, KG.requiredPath), where),
            standalone="true" in _values(rows, KG.standalone),
            selects="false" not in _values(rows, KG.selectsSentences),
            follows="true" in _values(rows, KG.followsUp),
        ))
    return sorted(patterns, key=lambda p: p.name)


@cache
def _load(paths: tuple[FilePath, ...]) -> tuple[DependencyPattern, ...]:
    return tuple(p for path in paths for p in _parse(path))


def load_dependency_patterns(extra_dirs: Iterable[FilePath] = ()) -> tuple[DependencyPattern, ...]:
    """Every dependency pattern of ``ontology/cues/`` plus those of ``extra_dirs``."""
    return _load(cue_files(extra_dirs))
