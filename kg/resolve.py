"""Cross-article resolution: make the entities of many articles agree before they are stored.

``kg build`` calls :func:`resolve_across` with the extractions of the articles it is about to
write and the entities the store already holds. The result is written as it is, one graph per
article, so whatever this function decides is what the union graph says.

This is the *identity* resolver: it keeps every entity key as the extractors gave it (two articles
naming the same key name the same entity; different keys stay different entities), and does one
thing only — it keeps each entity's ``rdfs:label`` stable. Since each article graph describes the
entities it mentions, two articles giving one key two labels would give the entity two labels in
the union; here the label already stored wins, else the first label seen in this build. Merging
entities across articles (aliases, a person's surname alone, …) is the entity issue's resolver,
which replaces this module behind the same signature.

>>> from kg.model import Article, Entity, Extraction
>>> a = Article.from_parts(title="Blinken in Beijing", source="a.txt")
>>> e = Extraction(a, entities={"person/blinken": Entity("person/blinken", "Person", "Blinken", {"Blinken"})})
>>> known = [Entity("person/blinken", "Person", "Antony Blinken", {"Antony Blinken"})]
>>> [x.entities["person/blinken"].label for x in resolve_across([e], known)]
['Antony Blinken']
>>> sorted(resolve_across([e], known)[0].entities["person/blinken"].names)
['Antony Blinken', 'Blinken']
"""

from __future__ import annotations

import dataclasses

from kg.model import Entity, Extraction

__all__ = ["resolve_across"]


def resolve_across(extractions: list[Extraction], known: list[Entity]) -> list[Extraction]:
    """The extractions with entity keys as given and each entity's label made the same everywhere.

    ``known`` are the entities already in the store (:meth:`kg.store.BaseStore.entities`). The
    inputs are not changed; an entity whose label changes keeps its old label among its names.
    """
    labels = {entity.key: entity.label for entity in known}
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            labels.setdefault(key, entity.label)
    resolved = []
    for extraction in extractions:
        entities = {}
        for key, entity in extraction.entities.items():
            label = labels[key]
            if label != entity.label:
                entity = dataclasses.replace(entity, label=label, names=set(entity.names) | {entity.label, label})
            entities[key] = entity
        resolved.append(dataclasses.replace(extraction, entities=entities))
    return resolved
