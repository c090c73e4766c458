"""Reading relations from a sentence's dependency tree: the frames of the dependency patterns
(:mod:`.dependency`) turned into relations — their roles' entities (:mod:`.reading`), asserted or
not, with status and date — and the discourse that fills a role the sentence leaves open: an
agentless passive's agent, a route's next leg, a pronoun's or description's referent.

:class:`TreeReading` is a part of :class:`~kg.extract.relations.RelationExtractor`; it reads and
keeps the extractor's per-article state (the relations stated so far, the article's sentences
and names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from kg.extract.relations.context import Arg, Args, Sentence, date_near
from kg.extract.relations.dependency import Frame, frames
from kg.extract.relations.reading import ArgumentIndex, assertion, description_types
from kg.extract.relations.tree import clause_labels
from kg.extract.syntax import LIST_SENTENCES, number
from kg.model import Relation
from kg.vocab import ENTITY_TYPES, SYMMETRIC_RELATIONS

__all__ = ["TreeReading"]

_DEFAULT_TYPES = frozenset(t for t in ENTITY_TYPES if t != "Substance")
#: Words back a pronoun or description may refer.
_REFER_WITHIN = 300
#: Sentences a substance's last destination is remembered for the next leg of its route.
_ROUTE_SENTENCES = 6
#: How an argument that is no name of the sentence came to stand for an entity.
_STANDING_FOR = frozenset({"reference", "pronoun", "pair", "there"})

#: A trigger of the first type inside a longer one of the second says less: 'agreed to' (a pledge)
#: in 'agreed to run joint patrols' (cooperation).
_YIELDS = {("Pledge", "Cooperation")}


class TreeReading:
    """The relations the dependency patterns read in parsed sentences (see the module's docs)."""

    def _from_tree(self, sent: Sentence, sentences, args: Args, speakers, side) -> list[Relation]:
        """The relations the dependency patterns read in the sentence's tree."""
        span = sent.span
        previous = sentences[sent.index - 1] if sent.index > 0 else None
        pseudo = self._pronouns(span, args, speakers, side, previous)
        index = ArgumentIndex(sent.tree, span.start, args.within(span.start, span.end) + pseudo, self.cues,
                              lambda position, types, word, how_many: self._refer(args, position, types, word, how_many))
        read = [(frame, self._read(frame, sent, index, side))
                for frame in frames(sent.tree, self.dependency_patterns, clause_labels(), self._transparent)]
        found = []
        for frame, relations in read:
            if not any(_yields(frame, relations, other, found_there) for other, found_there in read):
                found.extend(relations)
        return found

    def _read(self, frame: Frame, sent: Sentence, index: ArgumentIndex, side) -> list[Relation]:
        """The relations one frame states: its roles' entities, asserted, with status and date."""
        pattern, trigger = frame.pattern, frame.trigger
        stated, status = assertion(trigger, self.cues, pattern.relation_type, pattern.status)
        if not stated:
            return []
        filled: dict[str, list[Arg]] = {}
        for name, role in pattern.roles().items():
            types = role.types or (frozenset({"Substance"}) if name == "substance" else _DEFAULT_TYPES)
            filled[name] = []
            for word in frame.fillers[name]:
                for a in index.entities(word, types | {"Person"}, substance=name == "substance",
                                        joined=word.i not in frame.heads.get(name, ())):
                    if role.officials_only and a.type == "Person" and not self._official(a, side):
                        continue  # "the coach promised to pick him": no pledge of a state
                    a = _on_side(a, types, side)
                    if a is not None and all(a.key != b.key for b in filled[name]):
                        filled[name].append(a)
            named = [a for a in filled[name] if a.via not in _STANDING_FOR]
            if named or role.named_only:  # "the chemicals … those": the named one
                filled[name] = named
        position = sent.span.start + trigger.i
        for name, role in pattern.roles().items():
            types = role.types or (frozenset({"Substance"}) if name == "substance" else _DEFAULT_TYPES)
            if not filled[name] and role.from_sentence:  # "captagon, … produced in Syria, has been smuggled …"
                named = {a.key: a for a in self._args.within(sent.span.start, sent.span.end) if a.type in types}
                filled[name] = list(named.values()) if len(named) == 1 else []
            if not filled[name] and role.recent:  # "joining over 80 countries" after naming the coalition
                found = self._recent(sent.span, position, types, self._args)
                filled[name] = [found] if found is not None else []
        subjects = filled["subject"]
        inherited = not subjects and pattern.subject.inherit
        if inherited:
            last = self._inherited(pattern, sent)
            if last is None:
                return []
            subjects = [Arg(position, position, last.key, last.type, last.label, via="inherited")]
        if pattern.relation_type == "SupplyFlow" and filled.get("substance"):
            subjects = self._flow_origin(subjects, filled.get("object") or filled.get("via") or [],
                                         {a.key for a in filled["substance"]},
                                         sent, position, trigger)
        if pattern.relation_type == "SupplyFlow" and not subjects and filled.get("object"):
            # "moved through Mali and Niger into Libya": the one leg stated starts where it passes
            subjects, filled["via"] = [a for a in filled.get("via", []) if not self._water(a)], []
        if not subjects:
            return []
        # "OFAC designated five individuals. … Bai is designated for …": who acts stays the topic
        self._last_subject[pattern.relation_type] = subjects[0]
        self._last_subject_at[pattern.relation_type] = sent.index
        if not inherited:
            counts = self._subject_counts.setdefault(pattern.relation_type, {})
            counts[subjects[0].key] = counts.get(subjects[0].key, (0, sent.index, subjects[0]))
            n, first, arg = counts[subjects[0].key]
            counts[subjects[0].key] = (n + 1, first, arg)
        objects: list[Arg | None] = filled.get("object") or []
        if pattern.object is not None and not objects and frame.fallback.get("object"):
            objects = self._fallback(frame, index, pattern.object.types or _DEFAULT_TYPES, subjects, side)
        if pattern.object is not None and not objects and pattern.object.counterpart:
            objects = self._counterpart(subjects, side, sent.span, position)
        if not objects and pattern.object is not None and pattern.object.counted:
            counts = self._counts(frame.fillers["object"])
            if counts:  # "OFAC designated six individuals and five companies": the names follow
                after = sent.span.start + max(c.i for w in frame.fillers["object"] for c in (w, *w.conjuncts)) + 1
                # in the count's own sentence, only a list the words announce: "… four people: A, B"
                after = next((t.i + 1 for t in sent.span.doc[after : sent.span.end] if t.text in _LIST_OPENERS),
                             sent.span.end)
                self._counted.append(_CountedList(pattern.relation_type, status, tuple(subjects), counts, sent.index,
                                                  after, round(pattern.weight * 0.85, 2)))
                return []
        substances: list[Arg | None] = filled.get("substance") or []
        # a route's legs run between lands: "shipped across the Indian Ocean to Kenya" passes no country
        vias = [a for a in filled.get("via", []) if all(a.key != b.key for b in subjects + objects)
                and not self._water(a)]
        for role, values in ((pattern.object, objects or vias), (pattern.substance, substances)):
            if role is not None and not values and not role.optional:
                return []
        if inherited and not (objects or substances):
            return []
        if pattern.relation_type in SYMMETRIC_RELATIONS and not objects:
            if len(subjects) < 2:  # "the United States, Canada and Mexico launched a joint operation"
                return []
            pairs = [(a, b) for n, a in enumerate(subjects) for b in subjects[n + 1:]]
        elif vias:  # "smuggled from Syria through Jordan to Saudi Arabia": the route and its two legs
            pairs = [(s_, o) for s_ in subjects for o in objects] + [(s_, v) for s_ in subjects for v in vias] \
                + [(v, o) for v in vias for o in objects]
        else:
            pairs = [(s_, o) for s_ in subjects for o in (objects or [None])]
        if pattern.relation_type == "SupplyFlow":
            pairs = self._flow_ends(pairs)
        date = date_near(sent.span, position, position + 1)
        relations = []
        for subject, obj in pairs:
            if obj is not None and obj.key == subject.key:
                continue
            for substance in substances or [None]:
                indirect = {subject.via, obj.via if obj else "mention"} - {"mention"}
                confidence = pattern.weight * (0.85 if indirect else 1.0)
                relations.append(Relation(pattern.relation_type, subject.key, obj.key if obj else None,
                                          substance.key if substance else None, status, None, date,
                                          round(confidence, 2)))
        return relations

    def _flow_origin(self, subjects: list[Arg], objects: list[Arg], substances: set[str], sent: Sentence,
                     position: int, trigger) -> list[Arg]:
        """The origins of a flow: those its clause names; else where the flow of the same substance
        the sentence stated before it ended ("shipped first to Lomé …, before being re-exported to
        Algeciras"); else, for the next leg of a route the words mark as one ("then", "from
        there", "re-exported": ``cue:route-continuation``), where the text last said the
        substance went, a few sentences before; else where this sentence or the one before said
        it is made ("Methamphetamine produced in Shan State is reaching Japan")."""
        continued = _continues(trigger, self.cues["route-continuation"])
        there = bool(subjects) and all(a.via == "there" for a in subjects)
        if subjects and not objects and not there:
            for k in substances:
                self._made[k] = (sent.index, subjects[-1])
        if not subjects and objects and not continued:
            made = {self._made[k][1] for k in substances if k in self._made and sent.index - self._made[k][0] <= 1}
            if len(made) == 1 and all(next(iter(made)).key != o.key for o in objects):
                origin = next(iter(made))
                subjects = [Arg(position, position, origin.key, origin.type, origin.label, via="inherited")]
        if not subjects and objects and self._flow_end is not None and sent.index == self._flow_end[0]:
            _, end, substance = self._flow_end
            if all(end.key != o.key for o in objects) and (substance is None or substance in substances):
                subjects = [Arg(position, position, end.key, end.type, end.label, via="inherited")]
        if (not subjects or there) and objects and (continued or there):
            known = {self._went[k][1] for k in substances
                     if k in self._went and sent.index - self._went[k][0] <= _ROUTE_SENTENCES}
            if len(known) == 1:
                origin = next(iter(known))
                if origin.start < position and all(origin.key != o.key for o in objects):  # a route runs forward
                    subjects = [Arg(position, position, origin.key, origin.type, origin.label, via="inherited")]
        if objects:
            self._flow_end = (sent.index, objects[-1], next(iter(substances)) if len(substances) == 1 else None)
            for k in substances:
                self._went[k] = (sent.index, objects[-1])
        return subjects

    def _fallback(self, frame: Frame, index: ArgumentIndex, types, subjects: list[Arg], side) -> list[Arg]:
        """The countries and bodies a role's fallback paths reach, but the subject's own side
        ("Thailand promised to train *Lao and Myanmar* drug officers at its academy")."""
        own = set()
        for a in subjects:
            own.add(a.key)
            if a.key in side:
                own.add(side[a.key].key)
            jurisdiction = getattr(self.lexicon.by_key.get(a.key), "jurisdiction", None)
            if jurisdiction is not None:
                own.add(jurisdiction)
        found: list[Arg] = []
        for word in frame.fallback["object"]:
            if not self._receives(word):
                continue
            for a in index.entities(word, types - {"Person"}, substance=False, joined=False):
                if a.via == "mention" and a.key not in own and all(a.key != b.key for b in found):
                    found.append(a)
        # the body, not the country that opens its name ("the laboratory of Ecuador's National Police")
        return [a for a in found if not (a.type == "Country" and any(
            b.type != "Country" and 0 <= b.start - a.end <= 1 for b in found))]

    def _receives(self, word) -> bool:
        """Whether a word stands where what is promised names those it is for: the object of
        "in", "for", "to", "of", "with" or "through" ("posts *in Laos*", "training *for* …",
        "share data *with* the INCB"), or what qualifies a state's people ("*Lao* drug officers",
        "*Indian* customs": ``cue:stand-in-noun``) — not any name the promise mentions ("to run
        deficits below *the EU* cap")."""
        while word.dep_ == "conj" and word.head.i != word.i:
            word = word.head
        if word.dep_ == "pobj":
            return word.head.lower_ in _FOR_WHOM
        if word.dep_ in {"amod", "compound", "poss", "nmod"}:
            head = word.head
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            return head.lower_ in self.cues["stand-in-noun"]
        return False

    def _counts(self, words) -> dict[str, int]:
        """Entity type → how many a counted argument holds: "six individuals and five companies"
        → Person 6, Organization 5 (a word of ``cue:counted-person-noun`` or ``-body-noun``
        with its number)."""
        counts: dict[str, int] = {}
        for word in words:
            for noun in (word, *word.conjuncts):
                how_many = next((number(c.lower_) for c in noun.children if c.dep_ == "nummod"), None)
                for name in ("counted-person-noun", "counted-body-noun"):
                    cue = self.cues[name]
                    if how_many and noun.lower_ in cue:
                        counts[cue.entity_type] = counts.get(cue.entity_type, 0) + how_many
        return counts

    def _listed(self, sentence, n: int, known: Iterable[Relation], stated: list[Relation],
                speakers: set[str]) -> list[Relation]:
        """The relations on the names a counted argument stood for, stated in sentence ``n``: the
        people and bodies of the counted kinds named first after the count (after a colon in its
        own sentence, or in the next ones), while the count lasts and for at most
        :data:`LIST_SENTENCES` sentences ("… designated six individuals and five companies. At
        the centre of the network is Hernán Restrepo …"). Not on the list:
        anyone named before the count; a speaker or an official of a state or a public body
        ("said Treasury official …"); the one a fact of another kind the sentence states is about
        ("Police in Madrid arrested …"); a person named in a sentence that quotes someone."""
        if not self._counted:
            return []
        types = {a.key: a.type for a in self._args.args}
        officials = {r.subject for r in known
                     if r.type == "Affiliation" and types.get(r.object) in {"Country", "Agency"}}
        busy = {k for r in stated if r.type not in _LIST_COMPANIONS for k in (r.subject, r.object)}
        quoting = any(t.text in _QUOTES for t in sentence)  # "'…,' said Under Secretary X"
        found = []
        for listed in list(self._counted):
            if n < listed.at:
                continue
            if n - listed.at > LIST_SENTENCES:
                self._counted.remove(listed)
                continue
            before = {a.key for a in self._args.within(0, listed.after)}
            for a in self._args.within(max(sentence.start, listed.after), sentence.end):
                if listed.counts.get(a.type, 0) <= 0 or a.key in before or a.key in listed.taken:
                    continue
                if a.key in officials or a.key in speakers or (quoting and a.type == "Person"):
                    continue
                if a.key in busy and listed.type not in _types_of(stated, a.key):
                    continue
                listed.taken.add(a.key)
                listed.counts[a.type] -= 1
                found.extend(Relation(listed.type, subject.key, a.key, None, listed.status, None, None,
                                      listed.confidence) for subject in listed.subjects if subject.key != a.key)
            if not any(listed.counts.values()):
                self._counted.remove(listed)
        return found

    def _inherited(self, pattern, sent: Sentence) -> Arg | None:
        """Who acts in an agentless passive ("X was designated", "three men were arrested"): while
        the article keeps stating relations of the type, the one it has act in most of them (the
        first of those: a press release's own agency, not another one it mentions on the way);
        else the public body the sentence before named first ("Officers from the Royal Malaysia
        Police raided a warehouse. Three men … were arrested")."""
        last = self._last_subject.get(pattern.relation_type)
        if last is not None and sent.index - self._last_subject_at.get(pattern.relation_type, -99) <= pattern.subject.inherit_within:
            counts = self._subject_counts.get(pattern.relation_type, {})
            if counts:  # the one the article has act most, the first of them: a press release's own agency
                return max(counts.values(), key=lambda c: (c[0], -c[1]))[2]
            return last
        if sent.index == 0 or not pattern.subject.inherit_body:
            return None
        previous = self._sentences[sent.index - 1]
        allowed = set(pattern.subject.types) & {"Agency"}
        # the first it names: who acts ("… was carried out by the PDEA together with the police and
        # the Bureau of Customs")
        return next((a for a in self._args.within(previous.start, previous.end) if a.type in allowed), None)

    def _topic(self, position: int, types) -> Arg | None:
        """What a pronoun at ``position`` refers to: the last entity of ``types`` before it in its
        sentence, else the first the sentence before named (what it was about: "The NCB, which
        reports to the Ministry, … In July *its* officers arrested …"), or None."""
        for n, sentence in enumerate(self._sentences):
            if sentence.start <= position < sentence.end:
                here = [a for a in self._args.within(sentence.start, position) if a.type in types]
                if here:
                    return here[-1]
                if n == 0:
                    return None
                previous = self._sentences[n - 1]
                return next((a for a in self._args.within(previous.start, previous.end) if a.type in types), None)
        return None

    def _sentence_end(self, position: int) -> int:
        """The end of the sentence after the one holding token ``position``."""
        for n, sentence in enumerate(self._sentences):
            if sentence.start <= position < sentence.end:
                return self._sentences[min(n + 1, len(self._sentences) - 1)].end
        return position

    def _official(self, a: Arg, side: dict) -> bool:
        """Whether a person acts for a state: the article affiliates them with a country or a
        public body, or a public title stands before their name ("President Trump")."""
        if side.get(a.key, a).type in {"Country", "Agency"}:
            return True
        doc, public = self._args.doc, self.cues["public-role-word"]
        return any(doc[i].lower_ in public for i in range(max(0, a.start - 3), a.start))

    def _refer(self, args: Args, position: int, types: frozenset[str], word: str, how_many: int = 1) -> list[Arg]:
        """The entities a pronoun or a definite description at ``position`` refers back to: the
        last one named before it of a type the word allows and the role takes — or the last
        ``how_many`` of them ("both chemicals")."""
        allowed = description_types(word, self.cues) or (
            {"Person"} if word in self.cues["third-person"] else
            {"Country", "Agency", "Organization", "Substance"} if word in self.cues["neuter-pronoun"]
            or word in self.cues["plural-pronoun"] else {"Country", "Place"} if word in {"there", "where"} else set())
        wanted = set(types) & set(allowed)
        if not wanted:
            return []
        via = "there" if word in {"there", "where"} else "reference"
        if how_many > 1:
            found = _last_several(args, position, wanted, how_many)
            return [Arg(position, position + 1, a.key, a.type, a.label, via=via) for a in found]
        found = None
        if word in self.cues["neuter-pronoun"] or word in self.cues["plural-pronoun"]:
            found = self._topic(position, wanted)  # "the NCB, which reports to the Ministry, … its officers"
        found = found or _last_named(args, position, wanted, word, self._sentence_end(position))
        if found is None:
            return []
        return [Arg(position, position + 1, found.key, found.type, found.label, via=via)]


_QUOTES = frozenset('"“”')
#: What announces a list's names after its count: "… designated four people: A, B and C".
_LIST_OPENERS = frozenset({":", "—", "–"})
#: The prepositions whose object a promise is for ("to equip posts *in* Laos", "share data *with* …").
_FOR_WHOM = frozenset({"in", "for", "to", "of", "with", "through"})
#: Facts about those on a list that leave them on it: who they work for, what they belong to.
_LIST_COMPANIONS = frozenset({"Affiliation", "PartOf", "Membership"})


def _types_of(relations: list[Relation], key: str) -> set[str]:
    return {r.type for r in relations if key in (r.subject, r.object)}


@dataclass
class _CountedList:
    """A relation stated on a counted argument, whose names the next sentences give."""

    type: str
    status: str | None
    subjects: tuple[Arg, ...]
    counts: dict[str, int]
    at: int  # the sentence of the count
    #: Where the names may start: after a colon following the count ("… four people: A, B"), else
    #: in the next sentence.
    after: int
    confidence: float
    taken: set = field(default_factory=set)


def _continues(trigger, cue) -> bool:
    """Whether a flow's trigger says it is the next leg of a route: "*then* shipped", "shipped
    *on* to", "*re-exported*", "from *there*"."""
    if trigger.lemma_.lower() in cue or trigger.lower_ in cue:
        return True
    # a verb coordinated with another shares what opens the clause: "From there it is taken to
    # the coast and smuggled to Europe"
    words = list(trigger.children) + (list(trigger.head.lefts) if trigger.dep_ == "conj" else [])
    for child in words:
        if child.dep_ in {"advmod", "prt", "npadvmod"} and child.lower_ in cue:
            return True
        if child.dep_ == "prep" and any(g.lower_ in cue for g in child.children):
            return True
    return False


def _last_several(args: Args, position: int, types, how_many: int) -> list[Arg]:
    """The last ``how_many`` different entities of ``types`` named before ``position``, or none
    when fewer were."""
    found: list[Arg] = []
    for a in reversed(args.args):
        if a.end > position or a.type not in types or any(a.key == b.key for b in found):
            continue
        if position - a.end > _REFER_WITHIN:
            break
        found.append(a)
        if len(found) == how_many:
            return found
    return []


def _last_named(args: Args, position: int, types, word: str, ahead: int) -> Arg | None:
    """The entity a description or pronoun at ``position`` refers to: the last one before it of
    ``types`` whose name holds the description's word ("the chemicals" → "precursor chemicals"),
    else the first such one before ``ahead`` (the end of the next sentence: "the chemicals …
    moving to Mexico. … producing these precursors in China"), else the last one of ``types``."""
    stem = word.rstrip("s")

    def named(a: Arg) -> bool:
        return len(stem) > 3 and any(w.rstrip("s") == stem for w in a.label.lower().split())

    last = None
    for a in reversed(args.args):
        if a.end > position or a.type not in types:
            continue
        if position - a.end > _REFER_WITHIN:
            break
        if last is None:
            last = a
        if named(a):
            return a
    if len(stem) > 3:
        following = next((a for a in args.args if position < a.start < ahead and a.type in types and named(a)), None)
        if following is not None:
            return following
    return last


def _on_side(a: Arg, types, side: dict) -> Arg | None:
    """``a`` if it has one of ``types``; else, for a person, the body they speak for when it has
    ("Damian Williams, the U.S. Attorney …, announced charges": the office he speaks for)."""
    if a.type in types:
        return a
    s_ = side.get(a.key) if a.type == "Person" else None
    if s_ is not None and s_.type in types:
        return Arg(a.start, a.end, s_.key, s_.type, s_.label, via="speaker")
    return None


def _yields(frame: Frame, found: list[Relation], other: Frame, found_there: list[Relation]) -> bool:
    """Whether ``frame`` (which found ``found``) says less than ``other``: a pledge with no
    recipient whose complement is cooperation ("Colombia and Ecuador *agreed to exchange*
    intelligence" is cooperation, not a pledge; "Syria *undertook to share* data with Jordan" is
    both)."""
    return (frame.pattern.relation_type, other.pattern.relation_type) in _YIELDS and bool(found_there) \
        and other.trigger.head.i == frame.trigger.i and other.trigger.dep_ == "xcomp" \
        and not any(r.object for r in found)
