"""The built-in relation extractor: sanctions, pledges, supply flows and eight more relation types.

It works on what the entity extractor found — relation arguments are always resolved entities,
never raw strings — sentence by sentence (a headline is a sentence too). A sentence that may state
a fact is parsed and read through its dependency tree with the patterns of
``ontology/cues/dependency.ttl`` (:mod:`.from_tree`); the others, and every sentence when no
trained pipeline is installed, are read with the token-window patterns of
``ontology/cues/relations.ttl`` (:mod:`.from_window`). Affiliations and parts are also read from
the shape of names (:mod:`.structural`). The same fact stated twice in an article is one relation
with two evidences.

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

from kg.extract.cues import load_cues
from kg.extract.relations.context import Arg, Args, Sentence, is_question, quotes_and_speakers
from kg.extract.relations.dependency import load_dependency_patterns
from kg.extract.relations.patterns import TriggerIndex, load_patterns
from kg.extract.relations.structural import Structural, affiliations, parts
from kg.extract.relations.from_tree import TreeReading
from kg.extract.relations.from_window import WindowReading, _gap_only, _inside_capitalised_run, _outermost
from kg.extract.syntax import Parser, parsed_already, parser_name, trigger_sentences
from kg.extract.text import Span, analyze
from kg.model import Article, Entity, Evidence, Extraction, Relation
from kg.vocab import SYMMETRIC_RELATIONS

__all__ = ["RelationExtractor"]

#: Sentences back the other party of a deal must be named (a pledge's counterpart).
_COUNTERPART_SENTENCES = 2


class RelationExtractor(TreeReading, WindowReading):
    """Finds relations between the entities an earlier extractor found (see the module docs)."""

    name = "kg.relations"
    version = "12"

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
        self._sentences, self._args, self._flow_end, self._went, self._made = sentences, args, None, {}, {}
        self._subject_counts: dict[str, dict] = {}
        self._counted = []
        relations: dict[tuple, Relation] = {}
        speaking = set(speakers.values())
        for s in structural:
            sentence = _sentence_of(sentences, s.token)
            if sentence is not None and s.subject.key != s.object.key:
                self._add(relations, Relation(s.type, s.subject.key, s.object.key, role=s.role,
                                              confidence=s.weight), article, sentence)
        for n, sentence in enumerate(sentences):
            if is_question(sentence):
                continue
            stated = _most_specific(self._sentence(Sentence(sentence, n, trees.get(n)), sentences, args, speakers,
                                                   side))
            for relation in stated:
                self._add(relations, relation, article, sentence)
            for relation in self._listed(sentence, n, relations.values(), stated, speaking):
                self._add(relations, relation, article, sentence)
        result.relations = [r for r in _not_with_itself(list(relations.values())) if not self._stateless_act(r)]
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

    def _sentence(self, sent: Sentence, sentences, args: Args, speakers, side) -> list[Relation]:
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

    def _stateless_act(self, relation: Relation) -> bool:
        """A seizure or a charge by a body of no state (``cue:stateless-body-category``: UNODC,
        the INCB, the EU): a report of one, not an act of its own."""
        if relation.type not in {"Seizure", "Charge"}:
            return False
        entry = self.lexicon.by_key.get(relation.subject)
        return (entry is not None and entry.type == "Agency" and not getattr(entry, "jurisdiction", None)
                and getattr(entry, "category", None) in self.cues["stateless-body-category"])

    def _flow_ends(self, pairs: list[tuple[Arg, Arg | None]]) -> list[tuple[Arg, Arg | None]]:
        """A flow's ends run between lands: a known city stands for its own country, and a sea or
        an ocean is crossed, never left or reached ("shipped across the Indian Ocean to Kenya")."""
        return [(self._country_of(s_), self._country_of(o) if o is not None else None) for s_, o in pairs
                if not self._water(s_) and (o is None or not self._water(o))]

    def _water(self, arg: Arg) -> bool:
        return getattr(self.lexicon.by_key.get(arg.key), "category", None) == "water"

    def _country_of(self, arg: Arg) -> Arg:
        """The country a known place lies in ("Surat" → India), or the one the text places it in
        ("Nhava Sheva in India", "Guayaquil, Ecuador"), else the argument itself."""
        if arg.type != "Place":
            return arg
        entry = self.lexicon.by_key.get(arg.key)
        country = getattr(entry, "located_in", None) or getattr(entry, "capital_of", None)
        if not country or country not in self.lexicon.by_key:
            return self._placed_in(arg) or arg
        return Arg(arg.start, arg.end, country, "Country", self.lexicon.by_key[country].label, via=arg.via)

    def _placed_in(self, arg: Arg) -> Arg | None:
        """The country the words right after a place put it in: "X in Y", "X, Y"."""
        doc = self._args.doc
        if arg.end + 1 >= len(doc) or doc[arg.end].lower_ not in {"in", ","}:
            return None
        after = self._args.within(arg.end + 1, arg.end + 2)
        country = next((a for a in after if a.start == arg.end + 1 and a.type == "Country"), None)
        return None if country is None else Arg(arg.start, arg.end, country.key, "Country", country.label, via=arg.via)

    def _counterpart(self, subjects: list[Arg], side: dict, span: Span, start: int) -> list[Arg]:
        """The other country the article is mostly about: the recipient of a pledge made in a deal
        between two countries ("the United States, in turn, committed to …"); none for a pledge
        several make together ("Britain, Canada, France … committed to share")."""
        if len({a.key for a in subjects}) > 1:
            return []
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


    def _recent(self, span: Span, start: int, types, args: Args) -> Arg | None:
        """The body of that kind the text last spoke of ("the coalition"), or the substance it last
        named ("The shipment arrived …")."""
        if set(types) == {"Substance"}:
            return args.last_before(start, {"Substance"}, within=160)
        collective = self.cues["collective-head"]
        first = max(0, span.start - 400)
        for a in reversed(args.args):
            if a.end > start or a.start < first or a.type not in types:
                continue
            words = a.label.lower().split()
            if any(w in collective for w in words):
                return a
        return None


def _not_with_itself(relations: list[Relation]) -> list[Relation]:
    """A body does not cooperate with, or meet, the state or body it is part of ("EUBAM works with
    Libya's Ministry of Interior": no cooperation of the ministry with Libya)."""
    parts = {frozenset((r.subject, r.object)) for r in relations if r.type == "PartOf"}
    return [r for r in relations if r.type not in SYMMETRIC_RELATIONS or frozenset((r.subject, r.object)) not in parts]


def _most_specific(relations: list[Relation]) -> list[Relation]:
    """One sentence states one fact once: drop a relation another one of the sentence says more
    precisely ('shipments of precursors from India' within '… from India reached Mexican ports')."""
    def covers(a: Relation, b: Relation) -> bool:
        return (a is not b and a.type == b.type and a.subject == b.subject and a.status == b.status
                and (b.object is None or b.object == a.object) and (b.substance is None or b.substance == a.substance)
                and (a.object, a.substance) != (b.object, b.substance))
    return [r for r in relations if not any(covers(o, r) for o in relations)]


def _sentence_of(sentences: list[Span], token: int) -> Span | None:
    for s in sentences:
        if s.start <= token < s.end:
            return s
    return None
