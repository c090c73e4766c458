"""Dependency paths: a compact way to say where an argument stands in a sentence's tree, seen from
its trigger word.

A path is a sequence of steps separated by ``/``; each step moves from the current word to one of
its dependents (``dobj``: the direct object) or, with ``^``, to its head (``^dobj``: the verb the
current word is the direct object of). A step may require the word it reaches to have one of a
few lemmas, in parentheses, and ``|`` separates alternatives of a label or a lemma::

    nsubj                                  the subject: "OFAC designated …"
    agent/pobj                             the agent of a passive: "… was designated by OFAC"
    prep(on|against)/pobj                  "sanctions on Iran", "designated … against"
    ^dobj(impose|announce)/nsubj           "Canada imposed sanctions": from the noun to the doer
    ^relcl                                 "the firm, which OFAC designated": the noun the clause is about
    xcomp/**                               anything in the trigger's complement ("pledged to curb fentanyl exports")

``**`` as the last step is every word below, except inside a clause of its own (a relative or
adverbial clause, a parenthetical: :func:`kg.extract.relations.tree.clause_labels`);
``**(list)`` every such word with that lemma. ``^^`` goes up to the nearest verb above that heads a
clause, however far ("*will crack down* on companies making precursors for fentanyl in exchange
for …").

A verb with no subject of its own shares that of the verb it complements or is coordinated with:
a step down to ``nsubj`` or ``nsubjpass`` from such a verb finds the subject above it ("China
*agreed to lift* …", "X was arrested *and charged*", "OFAC acted on Tuesday, *designating* …").

The labels are those of spaCy's English pipelines (ClearNLP dependencies). A path compiles to a
pattern of spaCy's :class:`~spacy.matcher.DependencyMatcher` (:meth:`Path.matcher_pattern`), whose
``>`` and ``<`` operators are these steps; kg walks the paths itself, which costs a small part of
what the matcher costs per sentence (measured: 1.8 ms a sentence for 160 matcher patterns), and
the tests check that both find the same words.

>>> path = Path.parse("^dobj(impose|slap)/prep(on|against)/pobj")
>>> [(s.up, sorted(s.labels), sorted(s.lemmas)) for s in path.steps]
[(True, ['dobj'], ['impose', 'slap']), (False, ['prep'], ['against', 'on']), (False, ['pobj'], [])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Step", "Path", "PathError", "walk"]

_STEP = re.compile(r"^(\^?)([a-z*|]+|\*\*|\^)(?:\(([^()]+)\))?$")


class PathError(ValueError):
    """A path that does not follow the path language."""


@dataclass(frozen=True)
class Step:
    """One move in the tree: down to a dependent with one of ``labels`` (``*``: any), or ``up`` to
    the head when the current word's label is one of ``labels``; the word reached must have one of
    ``lemmas`` when any are given. ``subtree``: every word below (the last step only)."""

    up: bool
    labels: frozenset[str]
    lemmas: frozenset[str] = frozenset()
    subtree: bool = False
    #: Up to the nearest verb above, however far (``^^``).
    to_verb: bool = False

    def accepts(self, token) -> bool:
        return not self.lemmas or token.lemma_.lower() in self.lemmas or token.lower_ in self.lemmas


@dataclass(frozen=True)
class Path:
    """A sequence of steps from a trigger word to an argument (see the module's documentation)."""

    text: str
    steps: tuple[Step, ...]

    @classmethod
    def parse(cls, text: str) -> "Path":
        steps = []
        parts = text.strip().split("/")
        for n, part in enumerate(parts):
            match = _STEP.match(part.strip())
            if match is None:
                raise PathError(f"bad step {part!r} in path {text!r}")
            up, label, lemmas = match.groups()
            words = frozenset(w.strip().lower() for w in lemmas.split("|")) if lemmas else frozenset()
            if label == "**":
                if up or n != len(parts) - 1:
                    raise PathError(f"'**' must be the last step of path {text!r}, going down")
                steps.append(Step(False, frozenset({"*"}), words, subtree=True))
                continue
            if label == "^":
                if not up:
                    raise PathError(f"bad step {part!r} in path {text!r}")
                steps.append(Step(True, frozenset({"*"}), words, to_verb=True))
                continue
            steps.append(Step(bool(up), frozenset(label.split("|")), words))
        return cls(text, tuple(steps))

    def matcher_pattern(self, trigger_attrs: dict) -> list[dict]:
        """This path as a :class:`spacy.matcher.DependencyMatcher` pattern anchored at a trigger
        with ``trigger_attrs``; the last node is the argument. (``**`` has no single-node form.)

        >>> Path.parse("^dobj/nsubj").matcher_pattern({"LEMMA": "sanction"})[0]
        {'RIGHT_ID': 'n0', 'RIGHT_ATTRS': {'LEMMA': 'sanction', 'DEP': {'IN': ['dobj']}}}
        """
        nodes = [{"RIGHT_ID": "n0", "RIGHT_ATTRS": dict(trigger_attrs)}]
        for n, step in enumerate(self.steps, start=1):
            if step.subtree or step.to_verb:
                raise PathError(f"path {self.text!r} has '**' or '^^', which a matcher pattern cannot say")
            attrs: dict = {}
            if step.lemmas:
                attrs["LEMMA"] = {"IN": sorted(step.lemmas)}
            labels = sorted(step.labels - {"*"})
            if step.up:
                if labels:  # the label belongs to the word the step leaves
                    nodes[-1]["RIGHT_ATTRS"]["DEP"] = {"IN": labels}
            elif labels:
                attrs["DEP"] = {"IN": labels}
            nodes.append({"LEFT_ID": f"n{n - 1}", "REL_OP": "<" if step.up else ">", "RIGHT_ID": f"n{n}",
                          "RIGHT_ATTRS": attrs})
        return nodes


def walk(token, path: Path, clause_labels: frozenset[str] = frozenset(),
         transparent: frozenset[str] = frozenset()) -> list:
    """The words ``path`` reaches from ``token`` (a spaCy token), in sentence order.

    A step down that reaches one of the ``transparent`` words (a quantity: "2 tonnes *of cocaine*",
    "much *of the methamphetamine*") also reaches what its "of" names, so the next steps go on
    from either."""
    current = [token]
    for step in path.steps:
        reached = []
        for word in current:
            if step.subtree:
                reached.extend(w for w in _below(word, clause_labels) if step.accepts(w))
            elif step.to_verb:
                head = word.head
                while head.i != head.head.i and (head.pos_ not in {"VERB", "AUX"} or head.dep_ in _MODIFYING):
                    head = head.head
                if head.i != word.i and head.pos_ in {"VERB", "AUX"} and step.accepts(head):
                    reached.append(head)
            elif step.up:
                word = _partitive(word, transparent)
                head = word.head
                if head.i != word.i and ("*" in step.labels or word.dep_ in step.labels) and step.accepts(head):
                    reached.append(head)
            else:
                reached.extend(_through(_down(word, step), transparent))
        current = reached
        if not current:
            return []
    seen, unique = set(), []
    for word in sorted(current, key=lambda t: t.i):
        if word.i not in seen:
            seen.add(word.i)
            unique.append(word)
    return unique


_SUBJECTS = {"nsubj", "nsubjpass"}
#: A verb that only describes a noun ("companies *manufacturing* precursors"): ``^^`` goes on past it.
_MODIFYING = {"acl", "amod", "pcomp"}
#: How a verb without a subject hangs from the verb whose subject it shares.
_SHARING = {"xcomp", "conj", "advcl"}


def _down(word, step: Step) -> list:
    found = [c for c in word.children if ("*" in step.labels or c.dep_ in step.labels) and step.accepts(c)]
    if found or not (step.labels & _SUBJECTS):
        return found
    if "nsubjpass" in step.labels and word.dep_ == "acomp" and word.tag_ == "VBN":
        # "Methamphetamine … is trafficked to Thailand": a participle read as an adjective is a passive
        return [c for c in word.head.children if c.dep_ == "nsubj" and step.accepts(c)]
    while word.dep_ in _SHARING and word.pos_ in {"VERB", "AUX"} and word.head.i != word.i \
            and not any(c.dep_ in _SUBJECTS or c.dep_ == "mark" for c in word.children):
        raised = word.dep_ == "xcomp"
        word = word.head
        # "Mexico is expected to participate": the passive subject of a raising verb is the
        # complement's subject
        labels = step.labels | _SUBJECTS if raised else step.labels
        found = [c for c in word.children if c.dep_ in labels and step.accepts(c)]
        if found:
            return found
    return []


def _partitive(word, transparent: frozenset[str]):
    """The quantity or part ``word`` is measured by, when it is one's "of" ("most of its
    *sanctions*" → most): a step up goes on from there."""
    while word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lower_ in transparent \
            and word.head.head.i != word.head.i:
        word = word.head.head
    return word


def _through(words: list, transparent: frozenset[str]) -> list:
    """``words`` and, for each quantity among them, what its "of" names ("tonnes of *cocaine*")."""
    if not transparent:
        return words
    found = list(words)
    for word in words:
        while word.lower_ in transparent or (word.like_num and word.pos_ == "NUM"):
            nxt = next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), None)
            if nxt is None:
                break
            found.append(nxt)
            word = nxt
    return found


def _below(token, clause_labels) -> list:
    """Every word under ``token``, not entering a finite clause of its own (an infinitive or a
    participle shares the trigger's participants: "pledged $5 million *to help* Peru fight cocaine")."""
    from kg.extract.relations.tree import opens_clause

    found, stack = [], list(token.children)
    while stack:
        word = stack.pop()
        if opens_clause(word, clause_labels):
            continue
        found.append(word)
        stack.extend(word.children)
    return found
