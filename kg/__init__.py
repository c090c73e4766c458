"""kg — build an RDF knowledge graph from news articles.

The public API (the CLI is a thin layer over it)::

    import kg

    report = kg.build(["seeds/"], store=".kg")            # BuildReport: new/unchanged/replaced…
    with kg.open_store(".kg") as store:                   # or kg.open_store("memory")
        answer = kg.query(store, "sanctions")             # a named query, or SPARQL text
        answer = kg.query(store, "entity", {"entity": "Blinken"})
        turtle = kg.export(store, "turtle")               # bytes; or kg.export(store, output="g.ttl")
        report = kg.validate(store)                       # SHACL: report.conforms
        counts = kg.stats(store)                          # articles, entities/relations by type
    report = kg.evaluate("seeds/gold.json", graph="out/graph.ttl")  # scores against gold
    articles = kg.read_paths(["seeds/"]).articles           # ingest only

The names above are functions; their modules (``kg.build``, ``kg.queries``, ``kg.export``,
``kg.validate``, ``kg.stats``, ``kg.store``) are imported with ``from kg.build import BuildReport``.
"""

__version__ = "0.1.0"

from kg.build import build  # noqa: E402
from kg.eval import evaluate  # noqa: E402
from kg.export import export  # noqa: E402
from kg.ingest import read_paths  # noqa: E402
from kg.queries import query  # noqa: E402
from kg.stats import stats  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.validate import validate  # noqa: E402

__all__ = ["__version__", "build", "open_store", "query", "export", "validate", "stats", "evaluate", "read_paths"]
