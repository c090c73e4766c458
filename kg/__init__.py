"""kg — build an RDF knowledge graph from news articles.

The public API (the CLI is a thin layer over it)::

    import kg
    result = kg.read_paths(["seeds/"])   # ingest: articles, problems, skipped files
    report = kg.evaluate("seeds/gold.json", graph="out/graph.ttl")
"""

__version__ = "0.1.0"

from kg.eval import evaluate  # noqa: E402  (score a graph against gold annotations)
from kg.ingest import read_paths  # noqa: E402  (kg.read_paths; needs __version__ set first)

__all__ = ["__version__", "evaluate", "read_paths"]
