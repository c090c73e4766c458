"""Reading a sentence's dependency tree: whether an argument is linked to its trigger.

A name is an argument of a trigger only when the tree links them without passing into a clause of
its own: on the way up from the name to the lowest word the name and the trigger share, no clause
head — an adverbial clause ("announced *as Canada's envoy visited Beijing*"), a complement or
relative clause, a parenthetical, a clausal subject, or a verb coordinated with another
("*China welcomed* the move") — may lie. The trigger's own side may climb out of its clause: the
subject of "said" is the speaker of what the quote states, the noun a relative clause is about is
its argument ("the Institute, *which the Commerce Department added* to the Entity List").

The dependency labels that start a clause are data (``ontology/cues/syntax.ttl``).
"""

from __future__ import annotations

from functools import cache

__all__ = ["linked", "distance", "clause_labels", "head_of", "opens_clause"]

_NON_FINITE = {"VB", "VBG", "VBN"}


@cache
def clause_labels() -> frozenset[str]:
    from kg.extract.cues import load_cues

    return frozenset(load_cues()["clause-dependency"].words)


def head_of(tree, start: int, end: int):
    """The token of ``tree[start:end]`` whose head lies outside it (the root when none)."""
    for i in range(start, end):
        token = tree[i]
        if token.head.i == token.i or not (start <= token.head.i < end):
            return token
    return tree[start]


def linked(tree, offset: int, start: int, end: int, arg_start: int, arg_end: int) -> bool:
    """Whether the name at tokens ``arg_start:arg_end`` (of the article) is linked through
    ``tree`` — a sentence parsed from token ``offset`` on — to the trigger at ``start:end``."""
    n = len(tree)
    a0, a1, t0, t1 = arg_start - offset, arg_end - offset, start - offset, end - offset
    if not (0 <= a0 < a1 <= n) or not (0 <= t0 < t1 <= n):
        return True  # not in the parsed sentence (an argument from elsewhere): the rules decide
    if a0 < t1 and t0 < a1:
        return True
    if not tree.has_annotation("DEP"):
        return True
    trigger_side = set()
    for i in range(t0, t1):
        token = tree[i]
        while True:
            trigger_side.add(token.i)
            if token.head.i == token.i:
                break
            token = token.head
    labels = clause_labels()
    token = head_of(tree, a0, a1)
    while token.i not in trigger_side:
        if _clause_head(token, labels):
            return False
        if token.head.i == token.i:
            return False  # another root: a second sentence inside kg's one
        token = token.head
    return True


def opens_clause(token, labels) -> bool:
    """Whether ``token`` heads a finite clause of its own (see :func:`linked`)."""
    return _clause_head(token, labels)


def _clause_head(token, labels) -> bool:
    """A finite clause of its own: a clause label on a verb with a tense, a verb coordinated with
    another that has a subject of its own, or one opened by a conjunction ("after meeting …"). An infinitive or a participle ("pledged $5 million *to help* Peru *fight*
    cocaine", "*arriving* from Ecuador") shares the participants of the clause it hangs from; a
    relative clause or a parenthetical never does."""
    if token.dep_ in {"relcl", "parataxis"} and token.dep_ in labels:
        return True
    if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}:  # "…, and China welcomed it"; not "made in Syria flows to …"
        return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    if token.dep_ in labels:
        return token.tag_ not in _NON_FINITE or any(c.dep_ == "mark" for c in token.children)
    return False


def distance(tree, offset: int, start: int, end: int, arg_start: int, arg_end: int) -> int:
    """The number of dependency arcs between the name at ``arg_start:arg_end`` and the nearest
    token of the trigger at ``start:end`` (a large number when either is outside ``tree``)."""
    n = len(tree)
    a0, a1, t0, t1 = arg_start - offset, arg_end - offset, start - offset, end - offset
    if not (0 <= a0 < a1 <= n) or not (0 <= t0 < t1 <= n) or not tree.has_annotation("DEP"):
        return 1 << 16

    def chain(token):
        steps = {token.i: 0}
        k = 0
        while token.head.i != token.i:
            token, k = token.head, k + 1
            steps.setdefault(token.i, k)
        return steps

    up = chain(head_of(tree, a0, a1))
    best = 1 << 16
    for i in range(t0, t1):
        for j, k in chain(tree[i]).items():
            if j in up:
                best = min(best, up[j] + k)
                break
    return best
