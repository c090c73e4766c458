"""Extractors: an article in; mentions, entities and relations with evidence out.

Every extractor — the built-in ones and a user's plug-in — follows one small contract
(:class:`Extractor`) and is registered by name under the ``kg.extractors`` entry-point group::

    # a plug-in's pyproject.toml
    [project.entry-points."kg.extractors"]
    my-ner = "my_package.ner:MyExtractor"

``kg build --extractor NAME`` runs the named ones, in the order given; by default the built-ins
(:data:`DEFAULT_EXTRACTORS`). Each extractor sees what the ones before it found in the same
article (the entity extractor's mentions are the relation extractor's arguments) and returns only
what it adds.

The stage boundary of a build is :class:`Pipeline`: an article in, its extraction out — a pure,
picklable function of the article and the loaded ontology. Every executor of ``kg build`` (in
process, a process pool with ``--jobs``, a Dask cluster with ``--scheduler``) calls the same
pipeline; what travels to a worker is the list of extractor references, and each worker process
loads them once.
"""

from __future__ import annotations

import pickle
from importlib import import_module
from importlib.metadata import entry_points
from typing import Iterable, Mapping, Protocol, Sequence, Union, runtime_checkable

from kg.errors import ExtractorError
from kg.model import Article, Extraction

__all__ = ["Extractor", "Pipeline", "DEFAULT_EXTRACTORS", "available", "load", "run", "run_many"]

ENTRY_POINT_GROUP = "kg.extractors"

#: What ``kg build`` runs when no ``--extractor`` is given.
DEFAULT_EXTRACTORS: tuple[str, ...] = ("entities", "relations")


@runtime_checkable
class Extractor(Protocol):
    """The contract. ``name`` and ``version`` end up on every relation as ``kg:extractor``."""

    name: str
    version: str

    def extract(self, article: Article, found: Extraction) -> Extraction:
        """Return what this extractor finds in ``article``.

        ``found`` holds what the extractors before it found (read it, do not change it). The
        result is a new :class:`~kg.model.Extraction` of the same article with only the additions;
        relation arguments must be keys of entities in ``found`` or in the result.

        An extractor may also have ``extract_many(articles, found)``: ``extract`` of each
        article, at once (the built-in ones parse the sentences of all of them in one batch).
        """
        ...


def available() -> dict[str, str]:
    """Registered extractor names → the object reference they load (``module:attr``)."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load(name: str, **options) -> Extractor:
    """Instantiate the extractor registered as ``name``, or found at ``module:attr``.

    A ``module:attr`` reference (``my_package.ner:MyExtractor``) lets a user or a test plug an
    extractor in without packaging it. ``attr`` may be a class, a factory or an instance.
    ``options`` are passed to the class or factory (``load("entities", model="en_core_web_sm")``).
    """
    if ":" in name:
        return _instantiate(name, _import(name), name, options)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            try:
                factory = ep.load()
            except Exception as error:
                raise ExtractorError(f"extractor {name!r} ({ep.value}) cannot be loaded: {error}") from None
            return _instantiate(name, factory, ep.value, options)
    choices = ", ".join(sorted(available())) or "none installed"
    raise ExtractorError(f"no extractor named {name!r}",
                         hint=f"available extractors: {choices}; or give one as module:attr")


def _import(reference: str):
    module_name, _, attr = reference.partition(":")
    if not module_name or not attr:
        raise ExtractorError(f"extractor reference {reference!r} is not module:attr", hint="e.g. my_package.ner:MyExtractor")
    try:
        obj = import_module(module_name)
    except Exception as error:
        raise ExtractorError(f"cannot import module {module_name!r} for extractor {reference!r}: {error}") from None
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise ExtractorError(f"module {module_name!r} has no {attr!r}", hint=f"check the extractor reference {reference!r}") from None
    return obj


def _instantiate(name: str, factory, where: str, options: dict | None = None) -> Extractor:
    callable_factory = isinstance(factory, type) or (callable(factory) and not isinstance(factory, Extractor))
    if options and not callable_factory:
        raise ExtractorError(f"extractor {name!r} ({where}) is an instance and takes no options")
    try:
        extractor = factory(**(options or {})) if callable_factory else factory
    except ExtractorError:
        raise
    except Exception as error:
        raise ExtractorError(f"extractor {name!r} ({where}) failed to start: {error}") from None
    if not isinstance(extractor, Extractor):
        raise ExtractorError(f"extractor {name!r} ({where}) does not follow the extractor contract",
                             hint="it needs name, version and extract(article, found)")
    return extractor


def run(article: Article, extractors: Iterable[Extractor]) -> Extraction:
    """Run extractors in order on one article and merge what they find."""
    return run_many([article], extractors)[0]


#: Articles extracted together at most (each process keeps the analyses and parses of twice as many).
TOGETHER = 16


def run_many(articles: Sequence[Article], extractors: Iterable[Extractor]) -> list[Extraction]:
    """:func:`run` on each article, :data:`TOGETHER` articles at a time: each extractor in turn
    on all of them (through its ``extract_many`` when it has one). The result of an article is
    the one it has alone."""
    extractors = list(extractors)
    found = []
    for first in range(0, len(articles), TOGETHER):
        together = list(articles[first : first + TOGETHER])
        extractions = [Extraction(article) for article in together]
        for extractor in extractors:
            many = getattr(extractor, "extract_many", None)
            if callable(many):
                results = many(together, extractions)
            else:
                results = [extractor.extract(article, x) for article, x in zip(together, extractions)]
            for extraction, result in zip(extractions, results):
                extraction.merge(result)
        found += extractions
    return found


#: How a pipeline names an extractor: a registered name or ``module:attr``, with options or not,
#: or an extractor object.
ExtractorRef = Union[str, "tuple[str, Mapping]", Extractor]

#: Loaded extractors by the references they were loaded from, once per process (workers too).
_LOADED: dict[tuple, list[Extractor]] = {}


class Pipeline:
    """The extractors of a build, as one callable: ``pipeline(article) -> Extraction``.

    ``refs`` are registered names or ``module:attr`` references (``"entities"``), pairs of such a
    reference and its options (``("entities", {"model": "en_core_web_sm"})``), or extractor
    objects. A pipeline pickles as its references, so sending it to a worker process costs
    nothing and the worker loads the extractors (lexicons, patterns, models) once; extractor
    objects are pickled as they are.

    >>> from kg.model import Article
    >>> pipeline = Pipeline(["entities"])
    >>> article = Article.from_parts(title="t", body=["Mexico seized fentanyl."], source="x")
    >>> sorted(e.label for e in pipeline(article).entities.values())
    ['Mexico', 'fentanyl']
    >>> copy = pickle.loads(pickle.dumps(pipeline))
    >>> copy(article).entities.keys() == pipeline(article).entities.keys()
    True
    """

    def __init__(self, refs: Sequence[ExtractorRef]):
        self.refs = tuple(_freeze(r) for r in refs)
        self._extractors: list[Extractor] | None = None

    @property
    def extractors(self) -> list[Extractor]:
        """The loaded extractors (loaded on first use, once per process)."""
        if self._extractors is None:
            key = tuple(r if isinstance(r, (str, tuple)) else id(r) for r in self.refs)
            if key not in _LOADED:
                _LOADED[key] = [_load_ref(r) for r in self.refs]
            self._extractors = _LOADED[key]
        return self._extractors

    @property
    def signature(self) -> frozenset[str]:
        """``name/version`` of every extractor: what the store records as ``kg:extractedBy``."""
        return frozenset(f"{e.name}/{e.version}" for e in self.extractors)

    def prepare(self) -> "Pipeline":
        """Load everything now (before worker processes are forked from this one)."""
        for extractor in self.extractors:
            prepare = getattr(extractor, "prepare", None)
            if callable(prepare):
                prepare()
        return self

    def __call__(self, article: Article) -> Extraction:
        return run(article, self.extractors)

    def many(self, articles: Sequence[Article]) -> list[Extraction]:
        """``[pipeline(a) for a in articles]``, computed together: what executors call on the
        articles they hand a worker at a time."""
        return run_many(articles, self.extractors)

    def check_picklable(self) -> None:
        """Raise :class:`ExtractorError` if this pipeline cannot be sent to another process."""
        try:
            pickle.dumps(self)
        except Exception as error:
            raise ExtractorError(f"an extractor cannot be sent to worker processes: {error}",
                                 hint="run with --jobs 1, or register the extractor by name") from None

    def __getstate__(self) -> dict:
        return {"refs": self.refs}

    def __setstate__(self, state: dict) -> None:
        self.refs = state["refs"]
        self._extractors = None


def _freeze(ref: ExtractorRef):
    if isinstance(ref, tuple):
        name, options = ref
        return (name, tuple(sorted(dict(options).items())))
    return ref


def _load_ref(ref) -> Extractor:
    if isinstance(ref, str):
        return load(ref)
    if isinstance(ref, tuple):
        name, options = ref
        return load(name, **dict(options))
    return ref
