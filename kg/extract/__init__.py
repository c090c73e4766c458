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


def load(name: str) -> Extractor:
    """Instantiate the extractor registered as ``name``."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            factory = ep.load()
            extractor = factory() if isinstance(factory, type) or callable(factory) else factory
            if not isinstance(extractor, Extractor):
                raise ExtractorError(f"extractor {name!r} ({ep.value}) does not follow the extractor contract")
            return extractor
    choices = ", ".join(sorted(available())) or "none installed"
    raise ExtractorError(f"no extractor named {name!r}", hint=f"available extractors: {choices}")


def run(article: Article, extractors: Iterable[Extractor]) -> Extraction:
    """Run extractors in order on one article and merge what they find."""
    found = Extraction(article)
    for extractor in extractors:
        found.merge(extractor.extract(article, found))
    return found
