"""Reading a frame: which entities the words of a dependency pattern's roles stand for, and whether
the sentence asserts it.

A :class:`~kg.extract.relations.dependency.Frame` gives, for each role, the words its paths reach
in the tree. A word stands for

* the entity whose mention it is part of ("Department" in "the Treasury Department");
* the entities joined to it by "and", "or", commas, appositions and "including" ("sanctions on
  Iran, Syria and Cuba"; "the firm, its owner Li Ming");
* the noun its clause is about, when it is a relative pronoun ("the firm, *which* OFAC designated");
* the country or body named in it, when it is a generic word for a state's people
  (``cue:stand-in-noun``: "*Mexican* authorities", "officials *in Lima*", "*Myanmar's* military leaders");
* what it measures, when it is a quantity (``cue:quantity-noun``: "2 tonnes *of cocaine*");
* the entity a pronoun or a definite description refers back to ("it", "the company",
  ``cue:description-*``), given by ``refer``.

:func:`assertion` reads the words above the trigger: a negation, a modal of possibility, a
condition, a verb of refusing or asking, and the sentence states nothing; a verb of threatening or
an announcement makes an imposed sanction threatened.
"""

from __future__ import annotations

from typing import Callable

from kg.extract.relations.context import Arg

__all__ = ["ArgumentIndex", "assertion"]

_LINKS = {"conj", "appos"}
_LISTING = {"including", "like", "among", "notably", "especially", "particularly", "namely"}
_RELATIVE = {"which", "that", "who", "whom", "whose"}
#: Labels through which the words above a trigger scope over it.
_SCOPE = {"xcomp", "ccomp", "dobj", "pobj", "prep", "nsubjpass", "nsubj", "attr", "acomp", "oprd", "dative",
          "compound", "amod", "pcomp", "advmod", "auxpass", "aux"}
_DETERMINERS = {"the", "this", "that", "these", "those", "both"}
_PLACES = frozenset({"Country", "Place"})
#: Names that a common noun after them may head ("the Tren de Aragua *gang*"), unlike a country's.
_NAMED_BODIES = frozenset({"Organization", "Agency", "Person"})
#: Words for a place the text named ("from *there*", "from *where*").
_PLACE_PRO_FORMS = {"there", "where"}


class ArgumentIndex:
    """The entities a parsed sentence names, by the sentence's token positions.

    ``args`` are the mentions and pronoun stand-ins of the sentence (article token positions);
    ``offset`` is the article position of the tree's first token; ``refer(token_position, types,
    word, how_many)`` resolves a pronoun or description to the earlier entities of ``types`` it
    stands for.
    """

    def __init__(self, tree, offset: int, args: list[Arg], cues, refer: Callable[[int, frozenset, str, int], list[Arg]]):
        self.tree, self.offset, self.cues, self.refer = tree, offset, cues, refer
        self.at: dict[int, Arg] = {}
        opening = _dateline_end(tree)
        for a in sorted(args, key=lambda a: (a.via != "mention", a.end - a.start)):
            for i in range(max(a.start - offset, opening), a.end - offset):
                self.at.setdefault(i, a)

    def entities(self, token, types: frozenset[str], substance: bool = False, joined: bool = True) -> list[Arg]:
        """The entities of ``types`` that ``token`` (a word a role's path reached) stands for, and
        — when ``joined`` — those of the words joined to it."""
        found: list[Arg] = []
        for word in self._group(token) if joined else [token]:
            for a in self._stands_for(word, types, substance, depth=0):
                if a.type in types and all(a.key != b.key for b in found):
                    found.append(a)
        return found

    def _group(self, token) -> list:
        """``token`` and the words joined to it: conjuncts, appositions, "including …"."""
        group, stack, seen = [], [token], set()
        while stack:
            word = stack.pop()
            if word.i in seen:
                continue
            seen.add(word.i)
            group.append(word)
            stack.extend(self._after_semicolon(word))
            if word.dep_ == "pobj":  # "with Europol and *with* Portugal's police"
                stack.extend(c for again in word.head.children if again.dep_ == "conj" and again.lower_ == word.head.lower_
                             for c in again.children if c.dep_ == "pobj")
            for child in word.children:
                if child.dep_ == "appos" and self._nationality(child):
                    continue
                if child.dep_ in _LINKS or self._misparsed_conjunct(word, child) or self._same_name(word, child):
                    stack.append(child)
                elif child.dep_ == "prep" and (child.lower_ in _LISTING or (child.lower_ == "as" and any(
                        c.lower_ == "such" for c in child.children))):
                    stack.extend(c for c in child.children if c.dep_ == "pobj")
        return sorted(group, key=lambda t: t.i)

    def _after_semicolon(self, word) -> list:
        """The next item of a list whose items a semicolon parts, when the parser left it loose
        ("They are A, an Ecuadorian; *B*, a clearing agent; and C")."""
        head = word.head
        if head.i == word.i or self.at.get(word.i) is None:
            return []
        for sibling in head.children:
            if sibling.dep_ == "dep" and sibling.i > word.i and self.at.get(sibling.i) is not None and any(
                    self.tree[k].text == ";" for k in range(word.i + 1, sibling.i)):
                return [sibling]
        return []

    def _same_name(self, word, child) -> bool:
        """A word of the same name below ``word`` ("Co., *Ltd.* and Hebei Tianlan …", where the
        parser hung the next name on the name's last word)."""
        a = self.at.get(word.i)
        return a is not None and a.via == "mention" and self.at.get(child.i) is a and child.i > word.i

    def _nationality(self, word) -> bool:
        """'X, *a Venezuelan* living in Santiago': a demonym with an article says what a person is,
        and is no mention of the country."""
        a = self.at.get(word.i)
        return a is not None and a.type == "Country" and any(
            c.dep_ == "det" and c.lower_ in {"a", "an"} for c in word.children)

    def _misparsed_conjunct(self, word, child) -> bool:
        """A name hung on the next name as a modifier though "and" joins them ("*Villeda Paz* and
        Rivas Mejía were designated", where the parser took "Villeda Paz and Rivas" for parts of one
        name)."""
        if child.dep_ not in {"nmod", "compound"} or child.i > word.i:
            return False
        a, b = self.at.get(child.i), self.at.get(word.i)
        return (a is not None and b is not None and a is not b and a.via == b.via == "mention"
                and any(c.dep_ == "cc" for c in child.children))

    def _stands_for(self, word, types, substance: bool, depth: int) -> list[Arg]:
        if depth > 3:
            return []
        a = self.at.get(word.i)
        if a is not None and (a.via == "mention" or a.type in types):
            if a.group:
                return list(a.group)
            return [self._possessed(word, a, types) or a]
        lower = word.lower_
        copula = _copula_of(word)
        if copula is not None:
            # "China and Mexico are *the primary source countries* for fentanyl trafficked into …"
            subjects = [c for c in copula.children if c.dep_ == "nsubj" and c is not word]
            found = [a for s in subjects for a in self._group_entities(s, types, substance, depth)]
            if found:
                return found
        if lower in _RELATIVE and word.tag_ in {"WDT", "WP", "WP$"}:
            antecedent = _antecedent(word)
            found = self._group_entities(antecedent, types, substance, depth) if antecedent is not None else []
            return found or self._just_before(word, types)
        if substance:
            if _described(word, self.cues) or word.pos_ == "PRON":  # "the finished drug is trafficked north"
                return self.refer(self.offset + word.i, types, self._said(word), _how_many(word))
            if lower in self.cues["quantity-noun"] or word.like_num:
                # "2 tonnes of cocaine", "18 million methamphetamine tablets"; a bare "84 million
                # pills" names no substance
                return self._below(word, {"prep", "compound", "nmod", "amod"}, types, substance, depth, of=True)
            return self._below(word, {"compound", "amod", "nmod"}, types, substance, depth)
        if lower in self.cues["stand-in-noun"] or word.lemma_.lower() in self.cues["stand-in-noun"]:
            if any(c.dep_ == "appos" and (a := self.at.get(c.i)) is not None and a.type == "Person" for c in word.children):
                return []  # "his Colombian counterpart, Lucía Restrepo" is she, not Colombia
            if any(c.dep_ == "nummod" for c in word.children):
                # "four Honduran officials" are four people, not the state; "the two bodies" are
                # the two the text named
                return self.refer(self.offset + word.i, types, self._said(word), _how_many(word)) \
                    if _described(word, self.cues) else []
            return self._below(word, {"amod", "compound", "poss", "nmod", "prep"}, types, substance, depth,
                               prepositions={"of", "from", "in"})
        if types <= _PLACES | {"Person"} and word.pos_ in {"NOUN", "VERB", "ADJ"}:
            # where a flow starts or ends: "*Mexican* laboratories", "buyers *in the United States*",
            # "*Britain's* streets", "*Canadian*-made methamphetamine", "manufacturers that are
            # producing precursors *in China*"
            found = self._below(word, {"amod", "compound", "poss", "nmod", "npadvmod", "prep"}, types, substance,
                                depth, prepositions={"in", "of", "at", "across", "throughout"})
            for clause in word.children:
                if not found and clause.dep_ in {"relcl", "acl"} and clause.lemma_.lower() in self.cues["production-verb"]:
                    found = self._below(clause, {"prep"}, types, substance, depth, prepositions={"in"})
            return found
        named = [a for c in word.children if c.dep_ == "compound" and (a := self.at.get(c.i)) is not None
                 and a.type in types and a.type in _NAMED_BODIES]
        if named and word.pos_ == "NOUN":  # "the Tren de Aragua gang", "the Bai Xinrong network"
            return named[:1]
        joined = [a for c in word.children if c.dep_ == "compound" and c.i == word.i - 2 and self.tree[c.i + 1].text == "-"
                  and (a := self.at.get(c.i)) is not None and a.type in types]
        if joined:  # "the port of *Antwerp*-Bruges"
            return joined
        if word.pos_ == "PRON" or lower in _PLACE_PRO_FORMS:
            return self.refer(self.offset + word.i, types, lower, _how_many(word))
        if "Person" in types and word.pos_ == "NOUN":
            named = self._named_after_of(word)
            if named:  # "arrested the owner of Frutas del Guayas, Jorge Villacís"
                return named
        if _described(word, self.cues):
            return self.refer(self.offset + word.i, types, self._said(word), _how_many(word))
        return []

    def _named_after_of(self, word) -> list[Arg]:
        """The person named in apposition to a role noun, where the parser hung the name on the
        noun's "of" or "to" object ("the owner of Frutas del Guayas, Jorge Villacís": Villacís, not
        the company; "Britain's ambassador to Thailand, Eleanor Whitfield")."""
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"of", "to"}:
                continue
            for pobj in prep.children:
                for child in pobj.children:
                    if child.dep_ != "appos" or child.i < pobj.i:
                        continue
                    people = [a for w in self._group(child) if (a := self.at.get(w.i)) is not None and a.type == "Person"]
                    if people:
                        return people
        return []

    def _said(self, word) -> str:
        """The form of a pronoun or description's word the cue lists hold: "both Indian *firms*"
        is "firm"."""
        lower = word.lower_
        if word.pos_ == "PRON" or description_types(lower, self.cues) or word.tag_ == "NNS" and _how_many(word) < 2:
            return lower  # "the stricken countries" are not the last one named
        return word.lemma_.lower()

    def _possessed(self, word, a: Arg, types) -> Arg | None:
        """The name a possessive joins to ``a`` where the parser hung the possessed name below the
        possessor ("sanctions on the *Ministry of Public Security*'s Institute of Forensic
        Science", parsed with the ministry as the preposition's object): the possessed is meant."""
        end = a.end - self.offset
        if word.dep_ == "poss" or end + 1 >= len(self.tree) or self.tree[end].lower_ not in {"'s", "’s", "'"}:
            return None
        b = self.at.get(end + 1)
        return b if b is not None and b.via == "mention" and b.type in types and b.start - self.offset == end + 1 else None

    def _just_before(self, word, types) -> list[Arg]:
        """The name right before a relative pronoun (over a comma): what the clause is about when
        the parse hung the clause elsewhere ("… the Ministry's Institute of Forensic Science, which
        the Commerce Department added …")."""
        i = word.i - 1
        if i >= 0 and self.tree[i].text == ",":
            i -= 1
        a = self.at.get(i)
        return [a] if a is not None and a.type in types and a.end - self.offset == i + 1 else []

    def _group_entities(self, token, types, substance, depth) -> list[Arg]:
        found = []
        for word in self._group(token):
            found.extend(self._stands_for(word, types, substance, depth + 1))
        return found

    def _below(self, word, labels, types, substance, depth, of: bool = False, prepositions=frozenset()) -> list[Arg]:
        """The entities named in ``word``'s dependents with ``labels`` (a preposition's object
        for "prep": "of" for a quantity, ``prepositions`` for a stand-in)."""
        found = []
        for child in word.children:
            if child.dep_ not in labels:
                continue
            if child.dep_ == "prep":
                if not ((of and child.lower_ == "of") or child.lower_ in prepositions):
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found.extend(self._group_entities(pobj, types, substance, depth))
                continue
            # "*Belgian and Ecuadorian* prosecutors": the modifier with those joined to it
            found.extend(a for a in self._group_entities(child, types, substance, depth + 1) if a not in found)
        return found


_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}


def _dateline_end(tree) -> int:
    """Where the words of a wire story's dateline end ("SAO PAULO, June 17 (Meridian News Agency) -
    Brazil's police …"): no word of it is an argument, though the parser may hang it on the verb."""
    if not len(tree) or not (tree[0].is_alpha and tree[0].is_upper and len(tree[0]) > 1):
        return 0
    for token in tree[1:12]:
        if token.text in {"-", "—", "–", "--"} and token.whitespace_:
            return token.i + 1
        if not (token.is_upper or token.is_title or token.is_punct or token.like_num):
            return 0  # "CARICC's members - A, B and C - agreed"
    return 0


def _copula_of(word):
    """The "be" whose predicate ``word`` (a common noun) is: its attribute, or — where the parser
    took the predicate for the subject of the clause that follows it ("China and Mexico are "the
    source countries for fentanyl trafficked into the United States"") — the verb that clause
    hangs from."""
    if word.pos_ != "NOUN":
        return None
    head = word.head
    if word.dep_ == "attr" and head.lemma_ == "be":
        return head
    if word.dep_ == "nsubj" and head.dep_ == "ccomp" and head.head.lemma_ == "be" and not any(
            c.dep_ == "attr" for c in head.head.children):
        return head.head
    return None


def _how_many(word) -> int:
    """How many entities a description stands for: "*both* chemicals", "the *two* leaders"."""
    for child in word.children:
        if child.dep_ in {"det", "nummod", "predet"} and child.lower_ in _NUMBERS:
            return _NUMBERS[child.lower_]
    return 1


def _antecedent(word):
    """The noun a relative clause opened by ``word`` is about ("the firm, which …" → firm), or the
    name that noun describes ("Thailand's ONCB, *an agency* of the ministry that has worked …")."""
    token = word
    while token.head.i != token.i:
        if token.dep_ == "relcl":
            noun = token.head
            return noun.head if noun.dep_ == "appos" and noun.pos_ == "NOUN" else noun
        token = token.head
    return None


def _described(word, cues) -> bool:
    """A definite description with no name of its own: "the company", "this agency"."""
    if not any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in word.children):
        return False
    if any(c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN" for c in word.children):
        return False
    return any(word.lemma_.lower() in cues[name] or word.lower_ in cues[name] for name in _DESCRIPTIONS)


_DESCRIPTIONS = ("description-organization", "description-agency", "description-country", "description-person",
                 "description-substance")


def description_types(word, cues) -> frozenset[str]:
    """The entity types a description's head word may refer to."""
    types = set()
    for name in _DESCRIPTIONS:
        cue = cues[name]
        if word in cue:
            types.add(cue.entity_type)
    return frozenset(types)


def _scoped(token) -> bool:
    """Whether the word ``token`` depends on scopes over it: it is its object, complement or
    light verb, an infinitive of purpose ("threatened on Sunday *to impose*"), or the noun of a
    that-clause ("claims *that cocaine was flown* …")."""
    if token.head.i == token.i:
        return False
    if token.dep_ in _SCOPE:
        return True
    if token.dep_ == "advcl":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
            and not any(c.dep_ == "mark" for c in token.children)
    return token.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _any(words, cue) -> bool:
    return any(w in cue for w in words)


def assertion(trigger, cues, relation_type: str, status: str | None) -> tuple[bool, str | None]:
    """Whether the words above ``trigger`` leave its frame a stated fact, and the status it has."""
    chain = [trigger]
    token = trigger
    purpose = False  # "delivered remarks … *to share* information": an aim, not a fact
    while _scoped(token):
        purpose = purpose or (token.dep_ == "advcl" and token.head.lemma_.lower() not in cues["enacting-verb"])
        token = token.head
        chain.append(token)
    threatened = False
    for n, word in enumerate(chain):
        words = {word.lower_, word.lemma_.lower()}
        for child in word.children:
            if child.dep_ == "neg":
                return False, status
            if child.dep_ in {"aux", "auxpass"}:
                form = child.lower_
                if form in cues["irrealis"] and form not in {"would", "will"}:
                    return False, status
                if form in cues["announcement"]:
                    threatened = True
            if child.dep_ == "mark" and child.lower_ in cues["condition"]:
                return False, status
            if child.dep_ == "advmod" and child.lower_ in {"how", "whether"}:
                return False, status  # "working on how to unfreeze Libya's assets"
        if n == 0:
            continue
        if _any(words, cues["negation"]):
            return False, status
        if _any(words, cues["threat-verb"]):
            if relation_type != "Sanction":
                return False, status
            threatened = True
            continue
        if _any(words, cues["irrealis"]) or _any(words, cues["unconfirmed-noun"]):
            return False, status
        if relation_type == "Meeting" and _any(words, cues["plan-verb"]):
            return False, status  # "the two presidents agreed to meet again in Bogotá": still to come
    if purpose and not threatened:
        return False, status
    top = chain[-1]
    if top.dep_ in {"acl", "relcl"} and _any({top.head.lower_, top.head.lemma_.lower()}, cues["unconfirmed-noun"]):
        return False, status  # "claims by a lawmaker that cocaine paste was being flown from Peru"
    if relation_type == "Sanction" and status == "imposed" and threatened:
        return True, "threatened"
    return True, status
