"""The built-in entity extractor: people, agencies, organisations, countries, places, substances.

Three stages, each a module with a pure core:

1. :mod:`~kg.extract.entities.lexmatch` finds the names the lexicons of ``ontology/lexicon/`` know,
   and :func:`~kg.extract.entities.select.decide_lexical` reads them in context (metonyms,
   shared and ambiguous labels);
2. :mod:`~kg.extract.entities.rules` finds names no lexicon knows, from cues in the prose
   (``ontology/cues/entities.ttl``), and :mod:`~kg.extract.entities.context` what the words around
   a name say it is (a legal form, a phrase in apposition, a locative phrase, an alias);
   :func:`~kg.extract.entities.select.select` keeps one winner per stretch of text;
3. :mod:`~kg.extract.entities.local` groups the winners into the article's entities.

Across articles, :mod:`kg.resolve` makes one entity of the same person, agency or country.

>>> from kg.model import Article
>>> article = Article.from_parts(title="Talks", body=[
...     "Secretary of State Antony Blinken met Mexican officials. Blinken said cooperation mattered."],
...     source="example.txt")
>>> found = EntityExtractor().extract(article, None)
>>> sorted((e.type, e.label) for e in found.entities.values())
[('Country', 'Mexico'), ('Person', 'Antony Blinken')]
>>> [m.text for m in found.mentions if m.type == "Person"]
['Antony Blinken', 'Blinken']
"""

from __future__ import annotations

from kg.extract.entities.base import Candidate, words
from kg.extract.entities.context import context_candidates
from kg.extract.entities.lexmatch import matcher_for
from kg.extract.entities.local import resolve_article
from kg.extract.entities.rules import find_candidates, headline_tokens
from kg.extract.entities.parsed import MODEL_TYPES, parsed_candidates, worth_parsing
from kg.extract.entities.select import decide_lexical, select
from kg.extract.syntax import Parser, parser_name, run
from kg.extract.text import Analysis, analyze, matching_form
from kg.model import Article, Extraction

__all__ = ["EntityExtractor"]



class EntityExtractor:
    """Finds and resolves the entities an article names (see the module's documentation).

    ``model`` names an installed, trained spaCy pipeline whose NER adds candidates of its own over
    the whole article — weaker than the lexicons' and the rules', so it fills gaps rather than
    overriding them. Without ``model`` the parse layer's pipeline (:mod:`kg.extract.syntax`), when
    one is installed, adds the names it finds in the sentences it parses (those that may state a
    fact); ``model="none"`` turns it off. kg never downloads a model.
    """

    name = "kg.entities"
    version = "8"

    def __init__(self, lexicon=None, model: str | None = None):
        own_lexicon = lexicon is None
        if lexicon is None:
            from kg.lexicon import load_lexicon

            lexicon = load_lexicon()
        self.lexicon = lexicon
        self._own_lexicon = own_lexicon
        self.model = model
        chosen = parser_name(model)
        self._parser = Parser(chosen) if chosen else None
        self._whole_text = bool(chosen and model)  # a pipeline asked for by name reads every sentence
        if self._parser is not None:  # what it finds depends on the model: articles built without it are re-extracted
            self.version = f"{type(self).version}+{self._parser.tag}"

    def __getstate__(self):
        """Picklable for worker processes: the built-in lexicon is loaded again where it is used."""
        state = dict(self.__dict__)
        if state.get("_own_lexicon"):
            state["lexicon"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        if self.lexicon is None:
            from kg.lexicon import load_lexicon

            self.lexicon = load_lexicon()

    def prepare(self) -> None:
        """Build now what the first article would (the lexicon's phrase matcher, the cue words, the
        trigger index): before a build forks its workers, which then share it instead of each
        building its own."""
        matcher_for(self.lexicon)
        words()
        if self._parser is not None:
            from kg.extract.relations.patterns import trigger_index

            trigger_index()

    def extract(self, article: Article, found: Extraction | None = None) -> Extraction:
        return self.extract_many([article])[0]

    def extract_many(self, articles: list[Article], found: list[Extraction] | None = None) -> list[Extraction]:
        """:meth:`extract` of each article, the sentences all of them have the parse layer parse
        parsed in one batch (what :class:`~kg.extract.Pipeline` calls on the articles a worker
        is handed at a time)."""
        w = words()
        analyses = [analyze(article) for article in articles]
        proposed = [self._propose(analysis, w) for analysis in analyses]
        parses: list[dict] = [{} for _ in analyses]
        if self._parser is not None and not self._whole_text:
            parses = self._parser.parse_many([(a, worth_parsing(a, p)) for a, p in zip(analyses, proposed)])
        return [self._resolve(a, p, parsed, w) for a, p, parsed in zip(analyses, proposed, parses)]

    def _propose(self, analysis: Analysis, w) -> list[Candidate]:
        known = matcher_for(self.lexicon).candidates(analysis.doc)
        places = [c for c in known if c.type == "Place"]
        lexical = decide_lexical(analysis.doc, known, w, self.lexicon, headline_tokens(analysis))
        proposed = _redefined(analysis.doc, context_candidates(
            analysis, w, lexical + find_candidates(analysis, w, lexical, places), self.lexicon))
        if self._parser is not None and self._whole_text:
            proposed += _model_candidates(self._parser.nlp, analysis)
        return proposed

    def _resolve(self, analysis: Analysis, proposed: list[Candidate], parses: dict, w) -> Extraction:
        stats = {}
        if self._parser is not None and not self._whole_text:
            proposed, stats = parsed_candidates(parses, analysis, proposed, w)
        mentions, entities = resolve_article(analysis, select(proposed), w)
        return Extraction(analysis.article, mentions, entities, stats=stats)


def _redefined(doc, proposed: list[Candidate]) -> list[Candidate]:
    """``proposed`` without the lexicon's reading of an acronym the article defines as a name of
    another type ("the Anti-Terrorism Service (ATS)": ATS is no amphetamine-type stimulant there)."""
    defined = {alias: c.type for c in proposed if c.cue == "acronym" for alias in c.aliases}
    if not defined:
        return proposed
    return [c for c in proposed if not (c.cue == "lexicon" and c.type != defined.get(doc[c.start:c.end].text, c.type))]


def _model_candidates(model_nlp, analysis: Analysis) -> list[Candidate]:
    doc, = run(model_nlp, [matching_form(analysis.article.text)])
    found = []
    for ent in doc.ents:
        type_ = MODEL_TYPES.get(ent.label_)
        span = analysis.doc.char_span(ent.start_char, ent.end_char, alignment_mode="contract")
        if type_ is not None and span is not None and len(span) > 0:
            found.append(Candidate(span.start, span.end, type_, "model"))
    return found
