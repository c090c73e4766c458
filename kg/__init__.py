"""kg — build an RDF knowledge graph from news articles.

The public API (the CLI is a thin layer over it)::

    import kg
    report = kg.evaluate("seeds/gold.json", graph="out/graph.ttl")
"""

__version__ = "0.1.0"

from kg.eval import evaluate  # noqa: E402  (score a graph against gold annotations)
