"""kg — build an RDF knowledge graph from news articles.

The public API (the CLI is a thin layer over it)::

    import kg
"""

__version__ = "0.1.0"
