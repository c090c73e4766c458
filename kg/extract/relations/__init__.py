"""The built-in relation extractor: sanctions, pledges, supply flows and eight more relation types.

It works on what the entity extractor found — relation arguments are always resolved entities,
never raw strings — sentence by sentence (a headline is a sentence too):

1. triggers of the patterns in ``ontology/cues/relations.ttl`` are found in the sentence;
2. each argument is looked for where the pattern says (before or after the trigger, after a
   preposition, inside a gap, in a relative clause's antecedent, or the body last spoken of);
   arguments joined by "and", "or" and commas each give a relation; "X's Y" as a target means Y;
3. a negation, a modal of possibility or a condition before the trigger, or a question, and the
   sentence states nothing;
4. inside a quote, "we"/"our" stand for the speaker's side (the country or body the speaker is
   affiliated with), "he"/"she" for the person last named.

Affiliations and parts are also read from the shape of names (:mod:`.structural`). The same fact
stated twice in an article is one relation with two evidences.

>>> from kg.model import Article
>>> from kg.extract.entities import EntityExtractor
>>> article = Article.from_parts(title="Sanctions", body=[
...     "The United States imposed sanctions on Iran, Syria and North Korea in 2019."], source="x")
>>> found = EntityExtractor().extract(article)
>>> relations = RelationExtractor().extract(article, found).relations
>>> sorted((r.type, r.subject, r.object, r.status, r.date) for r in relations)  # doctest: +NORMALIZE_WHITESPACE
[('Sanction', 'country/us', 'country/ir', 'imposed', '2019'),
 ('Sanction', 'country/us', 'country/kp', 'imposed', '2019'),
 ('Sanction', 'country/us', 'country/sy', 'imposed', '2019')]
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kg.extract.text import Span

from kg.extract.cues import load_cues
from kg.extract.relations.context import (Arg, Args, asserted, clause_start, date_near, has_cue, is_question,
                                          quotes_and_speakers)
from kg.extract.relations.patterns import Pattern, Role, TriggerIndex, load_patterns
from kg.extract.relations.structural import Structural, affiliations, parts
from kg.extract.syntax import Parser, parsed_already, parser_name, trigger_sentences
from kg.extract.relations.dependency import Frame, frames, load_dependency_patterns
from kg.extract.relations.reading import ArgumentIndex, assertion, description_types
from kg.extract.relations.tree import clause_labels, distance, linked
from kg.extract.text import analyze
from kg.model import Article, Entity, Evidence, Extraction, Relation
from kg.vocab import ENTITY_TYPES, SYMMETRIC_RELATIONS

__all__ = ["RelationExtractor"]

_COORDINATORS = {",", "and", "or", "&", "as", "well", "plus", "the"}
_CLAUSE_END = {";", ".", "?", "!"}
_DEFAULT_TYPES = frozenset(t for t in ENTITY_TYPES if t != "Substance")
_RECENT_SENTENCES = 8
_TREE_WINDOW = 30  # words before the trigger a subject may stand when the tree links it closely
_TREE_ARCS = 2
_LIST_SENTENCES = 2  # a list of those sanctioned follows the sentence that says so closely
_REFER_WITHIN = 300
_ROUTE_SENTENCES = 6
_COUNTERPART_SENTENCES = 2
#: How an argument that is no name of the sentence came to stand for an entity.
_STANDING_FOR = frozenset({"reference", "pronoun", "pair", "there"})  # sentences back the other party of a deal must be named  # sentences a substance's origin is remembered for the next leg of its route  # sentences an agentless passive's agent is inherited across  # words back a pronoun or description may refer


@dataclass
class _Sentence:
    span: Span
    index: int
    #: The sentence's dependency parse (a spaCy ``Doc``, token i = span.start + i), when parsed.
    tree: object | None = None


class RelationExtractor:
    """Finds relations between the entities an earlier extractor found (see the module docs)."""

    name = "kg.relations"
    version = "3"

    def __init__(self, lexicon=None, model: str | None = None):
        self.patterns = load_patterns()
        self.index = TriggerIndex(self.patterns)
        self.dependency_patterns = load_dependency_patterns()
        self._tree_types = frozenset(p.relation_type for p in self.dependency_patterns)
        self._selecting_types = frozenset(p.relation_type for p in self.dependency_patterns if p.selects)
        self.cues = load_cues()
        self._transparent = frozenset(w.lower() for w in self.cues["quantity-noun"])
        self._lexicon = lexicon
        chosen = parser_name(model)
        self._parser = Parser(chosen) if chosen else None
        if self._parser is not None:  # what it finds depends on the parser: stores re-extract
            self.version = f"{type(self).version}+{self._parser.tag}"

    def __getstate__(self):
        """Picklable for worker processes: the lexicon and the parser are loaded again there."""
        state = dict(self.__dict__)
        state["_lexicon"] = None
        return state

    @property
    def lexicon(self):
        if self._lexicon is None:
            from kg.lexicon import load_lexicon

            self._lexicon = load_lexicon()
        return self._lexicon

    @property
    def tag(self) -> str:
        return f"{self.name}/{self.version}"

    def extract_many(self, articles: list[Article], found: list[Extraction]) -> list[Extraction]:
        """:meth:`extract` of each article, the sentences the tree is read in parsed in one batch
        for all of them (what :class:`~kg.extract.Pipeline` calls on the articles a worker is
        handed at a time)."""
        fresh: list[set[int]] = [set() for _ in articles]
        if self._parser is not None:
            requests = []
            for article, f in zip(articles, found):
                analysis = analyze(article)
                requests.append((analysis, self._worth_parsing(analysis, Args(analysis.doc, f))))
            before = [parsed_already(analysis, self._parser.name) for analysis, _ in requests]
            for parsed, already, new in zip(self._parser.parse_many(requests), before, fresh):
                new.update(set(parsed) - already)
        return [self._extract(article, f, new) for article, f, new in zip(articles, found, fresh)]

    def extract(self, article: Article, found: Extraction) -> Extraction:
        return self.extract_many([article], [found])[0]

    def _extract(self, article: Article, found: Extraction, fresh: set[int]) -> Extraction:
        analysis = analyze(article)
        doc = analysis.doc
        args = Args(doc, found)
        sentences = analysis.sentences
        result = Extraction(article)
        if not args.args:
            return result
        entity_keys = {a.key for a in args.args}
        structural = affiliations(doc, sentences, args, self.cues, entity_keys)
        structural += parts(doc, args, self.lexicon, entity_keys)
        side = self._sides(structural)
        speakers = quotes_and_speakers(doc, args, article.sections, self.cues["speech-verb"], self.cues["third-person"])
        self._last_subject: dict[str, Arg] = {}
        self._last_subject_at: dict[str, int] = {}
        self._country_counts: dict[str, int] = {}
        for a in args.args:
            if a.type == "Country":
                self._country_counts[a.key] = self._country_counts.get(a.key, 0) + 1
        trees, result.stats = self._parse(analysis, args, fresh)
        self._sentences, self._args, self._flow_end, self._went = sentences, args, None, {}
        self._subject_counts: dict[str, dict] = {}
        relations: dict[tuple, Relation] = {}
        for s in structural:
            sentence = _sentence_of(sentences, s.token)
            if sentence is not None and s.subject.key != s.object.key:
                self._add(relations, Relation(s.type, s.subject.key, s.object.key, role=s.role,
                                              confidence=s.weight), article, sentence)
        for n, sentence in enumerate(sentences):
            if is_question(sentence):
                continue
            for relation in _most_specific(self._sentence(_Sentence(sentence, n, trees.get(n)), sentences, args,
                                                          speakers, side)):
                self._add(relations, relation, article, sentence)
        result.relations = list(relations.values())
        self._add_implied_entities(result, found)
        return result

    def _add_implied_entities(self, result: Extraction, found: Extraction) -> None:
        """A fact may name an entity the article implies without naming it (a speaker's side: the
        country of the agency they speak for): the lexicon's entity joins the extraction, and a
        fact with an argument nobody knows is dropped."""
        def known(key: str | None) -> bool:
            if key is None or key in found.entities or key in result.entities:
                return True
            entry = self.lexicon.by_key.get(key)
            if entry is None:
                return False
            result.entities[key] = Entity(key, entry.type, entry.label, {entry.label}, entry.wikidata)
            return True

        result.relations = [r for r in result.relations if known(r.subject) and known(r.object) and known(r.substance)]

    # ------------------------------------------------------------------ helpers

    def _worth_parsing(self, analysis, args: Args) -> list[int]:
        """The sentences a dependency pattern may fire in (a trigger, and two names, a substance
        counted: :func:`~kg.extract.syntax.trigger_sentences`)."""
        return trigger_sentences(analysis, lambda s, e: len(args.within(s, e)),
                                 lambda s, e: any(a.type == "Substance" for a in args.within(s, e)))

    def _parse(self, analysis, args: Args, fresh: set[int]) -> tuple[dict, dict[str, int]]:
        """The parses of the sentences worth parsing, and the counts of sentences parsed for this
        extractor (``fresh``: those its batch parsed first)."""
        if self._parser is None:
            return {}, {}
        before = parsed_already(analysis, self._parser.name)
        trees = self._parser.parse(analysis, self._worth_parsing(analysis, args))
        return trees, {"parsed_sentences": len(fresh | (set(trees) - before))}

    def _sides(self, structural: list[Structural]) -> dict[str, Arg]:
        """Person key → the entity whose side they speak for (a country before a body)."""
        side: dict[str, Arg] = {}
        for s in structural:
            if s.type != "Affiliation":
                continue
            current = side.get(s.subject.key)
            target = s.object
            if target.type == "Agency":
                entry = self.lexicon.by_key.get(target.key)
                country = getattr(entry, "jurisdiction", None) if entry is not None else None
                if country:
                    target = Arg(target.start, target.end, country, "Country", country, via="jurisdiction")
            if current is None or (target.type == "Country" and current.type != "Country"):
                side[s.subject.key] = target
        return side

    def _add(self, relations: dict, relation: Relation, article: Article, sentence: Span) -> None:
        if relation.type in SYMMETRIC_RELATIONS and relation.object and relation.object < relation.subject:
            relation.subject, relation.object = relation.object, relation.subject
        relation.extractor = self.tag
        doc = sentence.doc
        start = doc[sentence.start].idx
        end = doc[sentence.end - 1].idx + len(doc[sentence.end - 1])
        evidence = Evidence(article.id, start, end, article.text[start:end])
        existing = relations.get(relation.key)
        if existing is None:
            relation.evidence = [evidence]
            relations[relation.key] = relation
            return
        if evidence not in existing.evidence:
            existing.evidence.append(evidence)
        existing.confidence = max(existing.confidence, relation.confidence)
        existing.date = existing.date or relation.date
        existing.role = existing.role or relation.role

    def _sentence(self, sent: _Sentence, sentences, args: Args, speakers, side) -> list[Relation]:
        span = sent.span
        in_sentence = args.within(span.start, span.end)
        words = span.doc.lowers[span.start : span.end]
        found, read_from_tree = [], frozenset()
        if sent.tree is not None:  # the tree's patterns replace the window's for the types they state
            found = self._from_tree(sent, sentences, args, speakers, side)
            read_from_tree = self._tree_types
        elif self._parser is not None:
            # a sentence no pattern needed parsed states none of the types the patterns choose
            # sentences for; the window reads it only for the others (affiliations by their verbs)
            read_from_tree = self._selecting_types
        matches = []
        for pattern, trigger, i, j, gap in self.index.find(words):
            if pattern.relation_type in read_from_tree:
                continue
            start, end = span.start + i, span.start + j
            if args.covered(start, end) and not _gap_only(args, start, end, gap, span.start):
                continue  # the trigger words are part of a name ("Asia-Pacific Economic Cooperation")
            if start > 0 and span.doc[start - 1].lower_ in pattern.not_after:
                continue  # "his work with the Beatles": a noun, not a statement
            if _inside_capitalised_run(span, start):
                continue  # "… as Specially Designated Nationals": part of a name, not a statement
            matches.append((pattern, start, end, None if gap is None else (span.start + gap[0], span.start + gap[1])))
        matches = _outermost(matches)
        for pattern, start, end, gap in matches:
            found.extend(self._apply(pattern, sent, sentences, start, end, gap, args, in_sentence, speakers, side))
        return found

    def _from_tree(self, sent: _Sentence, sentences, args: Args, speakers, side) -> list[Relation]:
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
            if not any(_yields(frame, other, found_there) for other, found_there in read):
                found.extend(relations)
        return found

    def _read(self, frame: Frame, sent: _Sentence, index: ArgumentIndex, side) -> list[Relation]:
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
            if not filled[name] and role.recent:  # "joining over 80 countries" after naming the coalition
                types = role.types or (frozenset({"Substance"}) if name == "substance" else _DEFAULT_TYPES)
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
            subjects = self._flow_origin(subjects, filled.get("object") or [], {a.key for a in filled["substance"]},
                                         sent, position, trigger)
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
        if pattern.object is not None and not objects and pattern.object.counterpart:
            objects = self._counterpart(subjects, side, sent.span, position)
        substances: list[Arg | None] = filled.get("substance") or []
        for role, values in ((pattern.object, objects), (pattern.substance, substances)):
            if role is not None and not values and not role.optional:
                return []
        if inherited and not (objects or substances):
            return []
        if pattern.relation_type in SYMMETRIC_RELATIONS and not objects:
            if len(subjects) < 2:  # "the United States, Canada and Mexico launched a joint operation"
                return []
            pairs = [(a, b) for n, a in enumerate(subjects) for b in subjects[n + 1:]]
        else:
            pairs = [(s_, o) for s_ in subjects for o in (objects or [None])]
        if pattern.relation_type == "SupplyFlow":  # flows run between countries: a known city stands for its own
            pairs = [(self._country_of(s_), self._country_of(o) if o is not None else None) for s_, o in pairs]
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

    def _flow_origin(self, subjects: list[Arg], objects: list[Arg], substances: set[str], sent: _Sentence,
                     position: int, trigger) -> list[Arg]:
        """The origins of a flow: those its clause names; else where the flow of the same substance
        the sentence stated before it ended ("shipped first to Lomé …, before being re-exported to
        Algeciras"); else, for the next leg of a route the words mark as one ("then", "from
        there", "re-exported": ``cue:route-continuation``), where the text last said the
        substance went, a few sentences before."""
        continued = _continues(trigger, self.cues["route-continuation"])
        there = bool(subjects) and all(a.via == "there" for a in subjects)
        if not subjects and objects and self._flow_end is not None and sent.index == self._flow_end[0]:
            _, end, substance = self._flow_end
            if all(end.key != o.key for o in objects) and (substance is None or substance in substances):
                subjects = [Arg(position, position, end.key, end.type, end.label, via="inherited")]
        if (not subjects or there) and objects and (continued or there):
            known = {self._went[k][1] for k in substances
                     if k in self._went and sent.index - self._went[k][0] <= _ROUTE_SENTENCES}
            if len(known) == 1:
                origin = next(iter(known))
                if all(origin.key != o.key for o in objects):
                    subjects = [Arg(position, position, origin.key, origin.type, origin.label, via="inherited")]
        if objects:
            self._flow_end = (sent.index, objects[-1], next(iter(substances)) if len(substances) == 1 else None)
            for k in substances:
                self._went[k] = (sent.index, objects[-1])
        return subjects

    def _inherited(self, pattern, sent: _Sentence) -> Arg | None:
        """Who acts in an agentless passive ("X was designated", "three men were arrested"): while
        the article keeps stating relations of the type, the one it has act in most of them (the
        first of those: a press release's own agency, not another one it mentions on the way);
        else the public body the sentence before named last ("Officers from the Royal Malaysia
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
        body = self._args.last_before(sent.span.start, allowed, within=sent.span.start - previous.start)
        return body

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

    def _apply(self, pattern: Pattern, sent: _Sentence, sentences, start, end, gap, args: Args,
               in_sentence: list[Arg], speakers, side) -> list[Relation]:
        span = sent.span
        previous = sentences[sent.index - 1] if sent.index > 0 else None
        pseudo = self._pronouns(span, args, speakers, side, previous)
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
        if pattern.relation_type == "SupplyFlow":  # flows run between countries: a known city stands for its own
            pairs = [(self._country_of(s_), self._country_of(o) if o is not None else None) for s_, o in pairs]
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
              sent: _Sentence, sentences, substance: bool = False, side: dict | None = None) -> list[Arg]:
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

    def _country_of(self, arg: Arg) -> Arg:
        """The country a known place lies in ("Surat" → India), else the argument itself."""
        if arg.type != "Place":
            return arg
        entry = self.lexicon.by_key.get(arg.key)
        country = getattr(entry, "located_in", None) or getattr(entry, "capital_of", None)
        if not country or country not in self.lexicon.by_key:
            return arg
        return Arg(arg.start, arg.end, country, "Country", self.lexicon.by_key[country].label, via=arg.via)

    def _counterpart(self, subjects: list[Arg], side: dict, span: Span, start: int) -> list[Arg]:
        """The other country the article is mostly about: the recipient of a pledge made in a deal
        between two countries ("the United States, in turn, committed to …")."""
        own = set()
        for s_ in subjects:
            own.add(s_.key)
            if s_.key in side:
                own.add(side[s_.key].key)
        entry = self.lexicon.by_key.get(next(iter(own))) if own else None
        if entry is not None and getattr(entry, "jurisdiction", None):
            own.add(entry.jurisdiction)
        if not any(key in self._country_counts for key in own):
            return []  # a deal between two countries: the one who promises stands for one of them
        others = [(n, k) for k, n in self._country_counts.items() if k not in own and n >= 2]
        if not others:
            return []
        count, key = max(others)
        if sum(1 for n, _ in others if n == count) > 1:
            return []
        # the deal is the one the text is telling of: the other country named close before
        near = next((n for n, sentence in enumerate(self._sentences) if sentence.start <= start < sentence.end), None)
        if near is not None:
            first = self._sentences[max(0, near - _COUNTERPART_SENTENCES)].start
            if not any(a.key == key for a in self._args.within(first, span.end)):
                return []
        label = self.lexicon.by_key[key].label if key in self.lexicon.by_key else key
        return [Arg(start, start, key, "Country", label, via="counterpart")]

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

    def _recent(self, span: Span, start: int, types, args: Args) -> Arg | None:
        """The body of that kind the text last spoke of ("the coalition"), or the substance it last
        named ("The shipment arrived …")."""
        if set(types) == {"Substance"}:
            return args.last_before(start, {"Substance"}, within=80)
        collective = self.cues["collective-head"]
        first = max(0, span.start - 400)
        for a in reversed(args.args):
            if a.end > start or a.start < first or a.type not in types:
                continue
            words = a.label.lower().split()
            if any(w in collective for w in words):
                return a
        return None


def _continues(trigger, cue) -> bool:
    """Whether a flow's trigger says it is the next leg of a route: "*then* shipped", "shipped
    *on* to", "*re-exported*", "from *there*"."""
    if trigger.lemma_.lower() in cue or trigger.lower_ in cue:
        return True
    for child in trigger.children:
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


def _announced(span: Span, start: int, announcement) -> bool:
    """Whether words right before the trigger make it an announcement ("would impose", "plans to
    impose", "will slap")."""
    doc = span.doc
    return has_cue([doc[i].lower_ for i in range(max(span.start, start - 3), start)], announcement)


def _most_specific(relations: list[Relation]) -> list[Relation]:
    """One sentence states one fact once: drop a relation another one of the sentence says more
    precisely ('shipments of precursors from India' within '… from India reached Mexican ports')."""
    def covers(a: Relation, b: Relation) -> bool:
        return (a is not b and a.type == b.type and a.subject == b.subject and a.status == b.status
                and (b.object is None or b.object == a.object) and (b.substance is None or b.substance == a.substance)
                and (a.object, a.substance) != (b.object, b.substance))
    return [r for r in relations if not any(covers(o, r) for o in relations)]


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


#: A trigger of the first type inside a longer one of the second says less: 'agreed to' (a pledge)
#: in 'agreed to run joint patrols' (cooperation).
_YIELDS = {("Pledge", "Cooperation")}


def _yields(frame: Frame, other: Frame, found_there: list[Relation]) -> bool:
    """Whether ``frame`` says less than ``other``: a pledge whose complement is cooperation
    ("Colombia and Ecuador *agreed to exchange* intelligence" is cooperation, not a pledge)."""
    return (frame.pattern.relation_type, other.pattern.relation_type) in _YIELDS and bool(found_there) \
        and other.trigger.head.i == frame.trigger.i and other.trigger.dep_ == "xcomp"


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


def _sentence_of(sentences: list[Span], token: int) -> Span | None:
    for s in sentences:
        if s.start <= token < s.end:
            return s
    return None
