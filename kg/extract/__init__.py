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
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Iterable, Protocol, runtime_checkable

from kg.errors import ExtractorError
from kg.model import Article, Extraction

__all__ = ["Extractor", "DEFAULT_EXTRACTORS", "available", "load", "run"]

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
    found = Extraction(article)
    for extractor in extractors:
        found.merge(extractor.extract(article, found))
    return found
