"""Reading relations from a token window around trigger phrases: the patterns of
``ontology/cues/relations.ttl``, for the sentences no dependency pattern needed parsed and for
every sentence when no trained pipeline is installed.

Each argument is looked for where the pattern says — before or after the trigger, after a
preposition, inside a gap, in a relative clause's antecedent, or the body last spoken of;
arguments joined by "and", "or" and commas each give a relation; "X's Y" as a target means Y. A
negation, a modal of possibility or a condition before the trigger and the sentence states
nothing. Inside a quote, "we"/"our" stand for the speaker's side, "he"/"she" for the person last
named.

:class:`WindowReading` is a part of :class:`~kg.extract.relations.RelationExtractor`; it reads and
keeps the extractor's per-article state.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.relations.context import Arg, Args, Sentence, asserted, clause_start, date_near, has_cue
from kg.extract.relations.patterns import Pattern, Role
from kg.extract.relations.tree import distance, linked
from kg.extract.relations.from_tree import _YIELDS
from kg.extract.text import Span
from kg.model import Relation
from kg.vocab import ENTITY_TYPES, SYMMETRIC_RELATIONS

__all__ = ["WindowReading"]

_COORDINATORS = {",", "and", "or", "&", "as", "well", "plus", "the"}
_CLAUSE_END = {";", ".", "?", "!"}
_DEFAULT_TYPES = frozenset(t for t in ENTITY_TYPES if t != "Substance")
_TREE_WINDOW = 30  # words before the trigger a subject may stand when the tree links it closely
_TREE_ARCS = 2
_LIST_SENTENCES = 2  # a list of those sanctioned follows the sentence that says so closely


class WindowReading:
    """The relations the token-window patterns read (see the module's docs)."""

    def _apply(self, pattern: Pattern, sent: Sentence, sentences, start, end, gap, args: Args,
               in_sentence: list[Arg], speakers, side) -> list[Relation]:
        span = sent.span
        previous = sentences[sent.index - 1] if sent.index > 0 else None
        # an affiliation is read between names ("It was led by Digby Jones, director general of
        # the CBI": not whatever "it" stood for)
        pseudo = [] if pattern.relation_type == "Affiliation" else self._pronouns(span, args, speakers, side, previous)
        candidates = sorted(in_sentence + pseudo, key=lambda a: (a.start, a.end))
        subject_role, subject_candidates = pattern.subject, candidates
        if sent.tree is not None:  # an argument is linked to its trigger through the tree
            candidates = [a for a in candidates if linked(sent.tree, span.start, start, end, a.start, a.end)]
            subject_candidates = candidates
            if subject_role.side == "before":  # the tree vouches for a farther subject it links closely
                subject_role = replace(subject_role, window=max(subject_role.window, _TREE_WINDOW))
                subject_candidates = [a for a in candidates if start - a.end <= pattern.subject.window
                                      or a.start >= start
                                      or distance(sent.tree, span.start, start, end, a.start, a.end) <= _TREE_ARCS]
        subjects = self._fill(subject_role, span, start, end, gap, subject_candidates, args, sent, sentences,
                              side=side)
        # Subjects the sentence does not state outright stand only with a stated object (the
        # destination of "Colombian cocaine reaches the United States", the target of "X was designated").
        needs_object = False
        if not subjects and pattern.subject.modifier and pattern.substance is not None:
            subjects = self._modifier_origin(pattern, span, start, end, gap, candidates, args, sent, sentences)
            needs_object = bool(subjects)
        recent_enough = (pattern.object is None or not pattern.object.listing
                         or sent.index - self._last_subject_at.get(pattern.relation_type, -99) <= _LIST_SENTENCES)
        if not subjects and pattern.subject.inherit and pattern.relation_type in self._last_subject and recent_enough:
            inherited = self._last_subject[pattern.relation_type]
            subjects = [Arg(start, start, inherited.key, inherited.type, inherited.label, via="inherited")]
            needs_object = True
        if not subjects:
            return []
        first_subject = min(a.start for a in subjects)
        check_from = first_subject if first_subject < start else clause_start(span, start)
        if not asserted(span, check_from, start, self.cues["negation"], self.cues["irrealis"],
                        self.cues["condition"], allow_irrealis=pattern.status == "threatened"):
            return []
        if subjects[0].via != "inherited":
            self._last_subject[pattern.relation_type] = subjects[0]
            self._last_subject_at[pattern.relation_type] = sent.index
        objects: list[Arg | None] = [None]
        if pattern.object is not None:
            objects = self._fill(pattern.object, span, start, end, gap, candidates, args, sent, sentences) or []
            if not objects and pattern.object.counterpart:
                objects = self._counterpart(subjects, side, span, start)
            if not objects and needs_object:
                return []
            if not objects:
                if not pattern.object.optional:
                    return []
                objects = [None]
        substances: list[Arg | None] = [None]
        if pattern.substance is not None:
            substances = self._fill(pattern.substance, span, start, end, gap, candidates, args, sent, sentences,
                                    substance=True) or []
            if not substances:
                if not pattern.substance.optional:
                    return []
                substances = [None]
        date = date_near(span, start, end)
        status = pattern.status
        if status == "imposed" and _announced(span, start, self.cues["announcement"]):
            status = "threatened"  # "he would impose a 25% tariff": announced, not done
        relations = []
        symmetric = pattern.relation_type in SYMMETRIC_RELATIONS
        if symmetric and objects == [None]:
            # "the United States and China can and must work together": the coordinated subjects
            if len(subjects) < 2:
                return []
            pairs = [(subjects[0], o) for o in subjects[1:]]
        else:
            pairs = [(s, o) for s in subjects for o in objects]
        if pattern.relation_type == "SupplyFlow":
            pairs = self._flow_ends(pairs)
        for subject, obj in pairs:
            if obj is not None and obj.key == subject.key:
                continue
            for substance in substances:
                via = {subject.via, obj.via if obj else "mention"}
                confidence = pattern.weight * (0.85 if via - {"mention"} else 1.0)
                relations.append(Relation(
                    pattern.relation_type, subject.key, obj.key if obj else None,
                    substance.key if substance else None, status, None, date, round(confidence, 2),
                ))
        return relations

    def _pronouns(self, span: Span, args: Args, speakers, side, previous: Span | None = None) -> list[Arg]:
        """Pronouns of the sentence that stand for an entity: "we"/"our" in a quote for the
        speaker's side, "he"/"she" for the person last named, "it"/"its" for the country or body
        last named — or, opening a sentence, for the first one the sentence before named (its
        topic: "Canada imposed sanctions on Iran. It also sanctioned Russia")."""
        found = self._pairs(span, args)
        first, third, neuter = self.cues["first-person"], self.cues["third-person"], self.cues["neuter-pronoun"]
        for t in span:
            if t.lower_ in neuter and t.i not in args.at:
                bodies = {"Country", "Agency", "Organization"}
                body = None
                if t.i == span.start and previous is not None:  # "Canada sanctioned Iran. It also …": the topic
                    body = next((a for a in args.within(previous.start, previous.end) if a.type in bodies), None)
                body = body or args.last_before(t.i, bodies, within=40)
                if body is not None:
                    found.append(Arg(t.i, t.i + 1, body.key, body.type, body.label, via="pronoun"))
                continue
            if t.lower_ in first and t.i in speakers:
                who = side.get(speakers[t.i])
                if who is not None:
                    found.append(Arg(t.i, t.i + 1, who.key, who.type, who.label, via="speaker"))
            elif t.lower_ in third and t.i not in args.at:
                person = args.last_before(t.i, {"Person"}, within=120)
                if person is not None:
                    found.append(Arg(t.i, t.i + 1, person.key, "Person", person.label, via="pronoun"))
        return found

    def _pairs(self, span: Span, args: Args) -> list[Arg]:
        """'The two leaders agreed …', 'the two countries': the two entities of that kind the text
        named last (in this sentence before the words, or in the two sentences before it)."""
        found = []
        doc = span.doc
        for name in ("pair-of-people", "pair-of-countries"):
            cue = self.cues[name]
            types = {cue.entity_type} if cue.entity_type else {"Person"}
            if cue.entity_type == "Country":
                types = {"Country", "Agency"}
            size = cue.max_words
            for i in range(span.start, span.end):
                for n in range(size, 0, -1):
                    if i + n > span.end or i in args.at:
                        continue
                    words = " ".join(doc[k].lower_ for k in range(i, i + n))
                    if words not in cue:
                        continue
                    pair, seen = [], set()
                    for a in reversed(args.args):
                        if a.end > i or i - a.end > 120 or a.type not in types or a.key in seen:
                            continue
                        seen.add(a.key)
                        pair.append(a)
                        if len(pair) == 2:
                            break
                    if len(pair) == 2:
                        group = tuple(Arg(i, i + n, a.key, a.type, a.label, via="pair") for a in reversed(pair))
                        found.append(Arg(i, i + n, group[0].key, group[0].type, group[0].label, via="pair",
                                         group=group))
                    break
        return found

    def _fill(self, role: Role, span: Span, start: int, end: int, gap, candidates: list[Arg], args: Args,
              sent: Sentence, sentences, substance: bool = False, side: dict | None = None) -> list[Arg]:
        types = role.types or (frozenset({"Substance"}) if substance else _DEFAULT_TYPES)
        allowed = []
        compound = self.cues["compound-modifier"].words
        for a in candidates:
            if _modifies(span.doc, a, compound):
                continue  # "four China-based chemical companies": China describes them, it is not one
            if a.type in types:
                allowed.append(a)
            elif a.type == "Person" and side and a.key in side and side[a.key].type in types:
                # "Damian Williams, the U.S. Attorney …, announced charges": the office he speaks for
                s_ = side[a.key]
                allowed.append(Arg(a.start, a.end, s_.key, s_.type, s_.label, via="speaker"))
        doc = span.doc
        chosen: Arg | None = None
        direction = "right"
        if role.side == "inside" and gap is not None:
            inside = [a for a in allowed if a.start >= gap[0] and a.end <= gap[1]]
            chosen = inside[0] if inside else None
        elif role.side == "before":
            chosen = self._before(role, span, start, allowed)
            direction = "left"
        elif role.side == "after" and role.listing:
            return _list_items(doc, span, end, allowed)
        elif role.side == "after":
            chosen = self._after(role, span, end, allowed)
        elif role.side == "any":
            if role.prepositions:
                chosen = self._after(role, span, end, allowed) or self._preposition_before(role, span, start, allowed)
            else:
                chosen = min(allowed, key=lambda a: _distance(a, start, end), default=None)
                if chosen is not None and _distance(chosen, start, end) > role.window:
                    chosen = None
                if chosen is not None and chosen.end <= start:
                    direction = "left"
        if chosen is None and role.antecedent:
            chosen = self._antecedent(span, start, allowed, self.cues["relative-pronoun"])
        if chosen is None and role.recent and (substance or not any(end <= a.start < end + 12 and a.type != "Substance"
                                                                    for a in candidates)):
            chosen = self._recent(span, start, types, args)
        if chosen is None:
            return []
        if chosen.group:
            return list(chosen.group)
        if direction == "right":
            chosen = _possessed(doc, chosen, allowed)
            listed = _included(doc, span, chosen, allowed)
            if listed is not None:
                chosen = listed
        return _coordinated(doc, chosen, allowed, direction, role.prepositions)

    def _modifier_origin(self, pattern: Pattern, span: Span, start: int, end: int, gap, candidates, args,
                         sent, sentences) -> list[Arg]:
        """'Colombian cocaine reaches the United States', 'Chinese-made precursors': the country named
        as the substance's modifier is where it comes from."""
        doc = span.doc
        substances = self._fill(pattern.substance, span, start, end, gap, candidates, args, sent, sentences,
                                substance=True)
        between = self.cues["origin-modifier-filler"].words
        for substance in substances:
            j = substance.start - 1
            while j >= span.start and doc[j].lower_ in between:
                j -= 1
            modifier = args.at.get(j)
            if modifier is not None and modifier.type == "Country" and j < substance.start:
                return [modifier]
        return []

    @staticmethod
    def _before(role: Role, span: Span, start: int, allowed: list[Arg]) -> Arg | None:
        doc = span.doc
        for a in reversed(allowed):
            if a.end > start:
                continue
            if start - a.end > role.window:
                return None
            if any(_ends_clause(doc, i) for i in range(a.end, start)):
                return None
            if role.prepositions and not _preceded_by(doc, a.start, role.prepositions, span.start):
                continue
            if not role.prepositions and a.type == "Person" and _companion(doc, a.start, span.start):
                continue
            return _across_apposition(doc, span, a, start, allowed) or a
        return None

    def _after(self, role: Role, span: Span, end: int, allowed: list[Arg]) -> Arg | None:
        doc = span.doc
        limit = min(span.end, end + role.window)
        if not role.prepositions:
            for a in allowed:
                if a.start >= end and a.start < limit:
                    if any(_ends_clause(doc, i) for i in range(end, a.start)):
                        return None
                    return a
            return None
        positions = [end - 1] if _ends_preposition(doc, end - 1, role.prepositions, span.start) else []
        positions += [i for i in range(end, limit) if _ends_preposition(doc, i, role.prepositions, span.start)]
        pro_forms = self.cues["place-pro-form"]
        for p in positions:
            if p + 1 < span.end and doc[p + 1].lower_ in pro_forms:
                continue  # "from there to Malaysia": the preposition's place is said already
            for a in allowed:
                if p < a.start <= p + 6 and a.start < span.end:
                    if any(_ends_clause(doc, i) or doc[i].lower_ in role.prepositions for i in range(p + 1, a.start)):
                        break
                    return a
        return None

    @staticmethod
    def _preposition_before(role: Role, span: Span, start: int, allowed: list[Arg]) -> Arg | None:
        doc = span.doc
        for a in reversed(allowed):
            if a.end > start or start - a.end > role.window:
                continue
            for p in range(max(span.start, a.start - 4), a.start):
                if _ends_preposition(doc, p, role.prepositions, span.start):
                    return a
        return None

    @staticmethod
    def _antecedent(span: Span, start: int, allowed: list[Arg], relative) -> Arg | None:
        """'…the Institute of Forensic Science, which the Commerce Department added…' → the Institute."""
        doc = span.doc
        for r in range(start - 1, span.start, -1):
            if doc[r].lower_ in relative:
                k = r - 1
                if k >= span.start and doc[k].text == ",":
                    k -= 1
                for a in allowed:
                    if a.end - 1 == k:
                        return a
                return None
        return None


def _announced(span: Span, start: int, announcement) -> bool:
    """Whether words right before the trigger make it an announcement ("would impose", "plans to
    impose", "will slap")."""
    doc = span.doc
    return has_cue([doc[i].lower_ for i in range(max(span.start, start - 3), start)], announcement)


def _ends_clause(doc, i: int) -> bool:
    """A full stop, semicolon, question or exclamation mark, or a quote closed after a comma or a
    full stop (',” Mr. Robinson said') — not a quoted nickname ('Macías, known as "Fito," …')."""
    text = doc[i].text
    if text in _CLAUSE_END:
        return True
    return text == '"' and i > 0 and doc[i - 1].text in {",", ".", "?", "!"} and i + 1 < len(doc) \
        and not doc[i + 1].text[:1].islower()


def _ends_preposition(doc, i: int, prepositions, first: int) -> bool:
    """Whether a preposition of the role — one word or several ("seized in") — ends at token ``i``."""
    if i < first:
        return False
    if doc[i].lower_ in prepositions:
        return True
    return any(" " in p and " ".join(doc[k].lower_ for k in range(i - p.count(" "), i + 1)) == p
               for p in prepositions if i - p.count(" ") >= first)


def _preceded_by(doc, start: int, prepositions, first: int) -> bool:
    """Whether a preposition of the role ends right before token ``start`` (over a determiner)."""
    i = start - 1
    if i >= first and doc[i].lower_ in {"the", "a", "an"}:
        i -= 1
    return _ends_preposition(doc, i, prepositions, first)


def _modifies(doc, a: Arg, compound) -> bool:
    """Whether the name is the first half of a hyphenated modifier ("China-based", "cartel-linked")."""
    return a.end + 1 < len(doc) and doc[a.end].text == "-" and doc[a.end + 1].lower_ in compound


def _companion(doc, start: int, first: int) -> bool:
    """Whether the person named at ``start`` is someone the doer acts with, not the doer ("Trump
    said he would speak with Chinese President Xi Jinping … and warned that tariffs on China …"):
    "with" right before the name, over a determiner and capitalised title words. (A body after
    "with" is often the doer's own: "investigators with the RCMP seized …".)"""
    i = start - 1
    while i >= first and i >= start - 4 and (doc[i].text[:1].isupper() or doc[i].lower_ in {"the", "a", "an"}):
        i -= 1
    return i >= first and doc[i].lower_ == "with"


def _distance(a: Arg, start: int, end: int) -> int:
    """Words between an argument and the trigger ``start:end``; 0 inside it."""
    if a.start >= start and a.end <= end:
        return 0
    return a.start - end if a.start >= end else start - a.end


def _across_apposition(doc, span: Span, a: Arg, start: int, allowed: list[Arg]) -> Arg | None:
    """'Mexico, home of cartels that … into the U.S., is expected to participate': the subject is
    the name before the apposition, not the last name inside it."""
    commas = [i for i in range(a.end, start) if doc[i].text == ","]
    if not commas:
        return None
    for i in range(a.start - 1, span.start - 1, -1):
        if doc[i].text == ",":
            for b in allowed:
                if b.end == i:
                    return b
            return None
        if doc[i].text in _CLAUSE_END:
            return None
    return None


def _gap_only(args: Args, start: int, end: int, gap, offset: int) -> bool:
    """True when every name inside the trigger's words lies in its gap ("added [Huawei] to the Entity List")."""
    if gap is None:
        return False
    g0, g1 = offset + gap[0], offset + gap[1]
    return all(g0 <= i < g1 for i in range(start, end) if i in args.at)


def _outermost(matches):
    """Drop a trigger lying inside a longer trigger of the same relation type ('sanction' in
    'lifting sanctions on'), or of a type that says more (:data:`_YIELDS`)."""
    kept = []
    for m in matches:
        pattern, start, end, _ = m
        inside = any(
            o is not m and (o[0].relation_type == pattern.relation_type
                            or (pattern.relation_type, o[0].relation_type) in _YIELDS)
            and o[1] <= start and end <= o[2]
            and (o[2] - o[1]) > (end - start)
            for o in matches
        )
        if not inside:
            kept.append(m)
    return kept


def _included(doc, span: Span, chosen: Arg, allowed: list[Arg]) -> Arg | None:
    """'six Mexican criminal groups, including the Sinaloa Cartel, …': the names listed after
    "including" are the arguments, not the adjective before the noun."""
    limit = min(span.end, chosen.end + 6)
    for i in range(chosen.end, limit):
        word = doc[i].lower_
        if word in {"including", "among them", "such as", "namely"}:
            return next((a for a in allowed if i < a.start <= i + 3), None)
        if doc[i].text in _CLAUSE_END or (word != "," and not doc[i].text.islower() and not doc[i].like_num):
            return None
    return None


def _possessed(doc, chosen: Arg, allowed: list[Arg]) -> Arg:
    """'the Ministry of Public Security's Institute of Forensic Science' as a target → the Institute."""
    if chosen.end < len(doc) and doc[chosen.end].text in {"'s", "'"}:
        for a in allowed:
            if a.start == chosen.end + 1:
                return a
    return chosen


def _quantities(doc, start: int, end: int) -> bool:
    """', 390 kilograms of' / 'and more than 10 tonnes of powdered': the words between two
    seized substances in a list of quantities."""
    words = [doc[i] for i in range(start, end)]
    if not words or len(words) > 8 or words[0].text not in {",", "and"}:
        return False
    return all(t.text in {",", "and"} or t.text.islower() or t.like_num for t in words) and any(t.like_num for t in words)


def _coordinated(doc, chosen: Arg, allowed: list[Arg], direction: str, prepositions=()) -> list[Arg]:
    """The argument and those joined to it by 'and', 'or', commas ('Iran, Syria and North Korea')."""
    group = [chosen]
    ordered = sorted(allowed, key=lambda a: a.start)
    if direction == "right":
        current = chosen
        for a in ordered:
            if a.start < current.end:
                continue
            between = [doc[i].lower_ for i in range(current.end, a.start)]
            glue = _COORDINATORS | set(prepositions)  # "from Canada and from Mexico"
            if between and all(w in glue for w in between) and ("and" in between or "," in between or "or" in between):
                group.append(a)
                current = a
            elif _described_conjunct(doc, current.end, a.start) or (
                    a.type == "Substance" == current.type and _quantities(doc, current.end, a.start)):
                group.append(a)  # "Wuhan Jinlong Biotech Co., Ltd. and its sales manager, Chen Mingyu"
                current = a
            elif a.start > current.end:
                break
    else:
        current = chosen
        for a in reversed(ordered):
            if a.end > current.start:
                continue
            between = [doc[i].lower_ for i in range(a.end, current.start)]
            if between and all(w in _COORDINATORS for w in between) and ("and" in between or "," in between or "or" in between):
                group.insert(0, a)
                current = a
            elif a.end < current.start:
                break
    return _unique(group)


def _described_conjunct(doc, start: int, end: int) -> bool:
    """'and its sales manager,' / 'and two of its employees,' / 'and a 45-year-old Thai national,':
    "and", a few words saying who the next one is, a comma; or an aside between the two
    ('and, to a lesser degree,')."""
    words = [doc[i] for i in range(start, end)]
    if len(words) < 3 or len(words) > 9 or words[0].lower_ not in {"and", "or", ","}:
        return False
    if words[0].text == "," and (len(words) < 2 or words[1].lower_ not in {"and", "or"}):
        return False
    return all(t.text.islower() or t.like_num or t.text in {"-", ","} or t.is_title for t in words[1:-1]) \
        and (words[-1].text == "," or words[-2].text == ",")


def _inside_capitalised_run(span: Span, start: int) -> bool:
    """Whether the trigger's first word is capitalised within a run of capitalised words in the
    middle of a sentence ("Specially Designated Nationals")."""
    doc = span.doc
    if start <= span.start or not doc[start].is_title:
        return False
    before = doc[start - 1]
    return before.is_title and before.is_alpha and start - 1 > span.start and doc[start - 2].text not in {".", '"', ":"}


def _list_items(doc, span: Span, end: int, allowed: list[Arg]) -> list[Arg]:
    """The names that open the items of a list after the trigger: items are parted by semicolons
    when the list has any ("A, a financier; B, who runs …; and C"), else by commas and "and";
    the words before a name within its item are lower-case ("his brother-in-law B")."""
    words = range(end, span.end)
    separators = {";"} if any(doc[i].text == ";" for i in words) else {",", "and", "&"}
    items, boundary, taken = [], True, None
    for i in words:
        token = doc[i]
        if token.text in separators or token.lower_ in separators:
            boundary, taken = True, None
            continue
        if token.text in _CLAUSE_END:
            break
        a = next((x for x in allowed if x.start == i), None)
        if a is not None and boundary and taken is None:
            items.append(a)
            taken = a
            boundary = False
            continue
        if not (token.text.islower() or token.lower_ in {"and", "or"} or token.text in {"-", "'s"}):
            boundary = False if a is None and token.text[:1].isupper() else boundary
    return _unique(items)


def _unique(args: list[Arg]) -> list[Arg]:
    """The arguments in order, each entity once."""
    unique, seen = [], set()
    for a in args:
        if a.key not in seen:
            seen.add(a.key)
            unique.append(a)
    return unique
