"""``kg stats``: how much the store holds — articles, entities by type, relations by type.

>>> from kg.store import open_store
>>> stats(open_store("memory"))["articles"]
0
"""

from __future__ import annotations

from kg.store.base import BaseStore
from kg.vocab import ENTITY_TYPES, RELATION_TYPES

__all__ = ["stats"]


def stats(store: BaseStore) -> dict:
    """Counts over the union graph: articles, entities and relations by type, evidence, triples."""
    by_type = {
        str(row["type"]).rsplit("#", 1)[-1]: int(row["n"])
        for row in store.select(
            "SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type"
        )
    }
    triples = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return {
        "articles": by_type.get("Article", 0),
        "entities": {t: by_type[t] for t in ENTITY_TYPES if by_type.get(t)},
        "relations": {t: by_type[t] for t in RELATION_TYPES if by_type.get(t)},
        "evidence": by_type.get("Evidence", 0),
        "triples": int(triples[0]["n"]) if triples else 0,
    }
