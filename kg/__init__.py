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

import sys as _sys
import types as _types
from importlib import import_module as _import_module

#: Public name → the module defining it. Imported on first use, so that ``import kg`` (and every
#: ``kg`` command) loads only what it needs: spaCy, pySHACL or the viewer only when used.
_API = {
    "build": "kg.build",
    "evaluate": "kg.eval",
    "export": "kg.export",
    "read_paths": "kg.ingest",
    "query": "kg.queries",
    "stats": "kg.stats",
    "open_store": "kg.store",
    "validate": "kg.validate",
}


def _function(name: str, module: str) -> property:
    def get(_self):
        return getattr(_import_module(module), name)

    def set_(_self, _value):
        pass  # importing the module kg.build sets kg.build: the name stays the function's

    return property(get, set_, doc=f"{module}.{name}")


class _Package(_types.ModuleType):
    """The ``kg`` package, whose public functions are imported when first used."""


for _name, _module in _API.items():
    setattr(_Package, _name, _function(_name, _module))
_sys.modules[__name__].__class__ = _Package

__all__ = ["__version__", "build", "open_store", "query", "export", "validate", "stats", "evaluate", "read_paths"]
