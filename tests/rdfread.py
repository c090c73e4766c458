"""Read a graph file with rdflib, independently of kg's own pyoxigraph-based reader, so tests
check kg's outputs against a second implementation."""

from __future__ import annotations

import warnings

from rdflib import Dataset, Graph


def rdflib_union(path) -> Graph:
    """The union of the file's graphs, as rdflib reads it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's TriG parser uses its own deprecated API
        dataset = Dataset()
        dataset.parse(path)
    union = Graph()
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    return union
