"""kg — build an RDF knowledge graph from news articles.

The public API (the CLI is a thin layer over it)::

    import kg
    result = kg.read_paths(["seeds/"])   # ingest: articles, problems, skipped files
"""

__version__ = "0.1.0"

from kg.ingest import read_paths  # noqa: E402  (kg.read_paths; needs __version__ set first)

__all__ = ["__version__", "read_paths"]
