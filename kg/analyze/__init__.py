"""Graph analytics on a networkx projection of the RDF graph.

::

    from kg.analyze import open_source, project, centrality, communities, paths

    with open_source(graph="out/graph.ttl") as source:     # or open_source(store=".kg")
        graph = project(source)
    centrality(graph, top=10, by="pagerank")              # who matters
    communities(graph)                                     # who clusters together
    paths(graph, "China", "United States", k=3)            # how two entities are linked
"""

from kg.analyze.measures import MEASURES, centrality, communities, community_of, linked, scores
from kg.analyze.paths import paths, resolve
from kg.analyze.project import project
from kg.analyze.source import DEFAULT_STORE, GraphFileStore, open_source

__all__ = [
    "project",
    "GraphFileStore",
    "open_source",
    "DEFAULT_STORE",
    "scores",
    "centrality",
    "communities",
    "community_of",
    "linked",
    "MEASURES",
    "paths",
    "resolve",
]
