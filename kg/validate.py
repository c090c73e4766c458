"""Checking graphs against ``ontology/shapes.ttl`` with pySHACL.

``kg validate`` checks a store (the union of its article graphs) or an RDF file; ``kg build``
checks the article graphs it is about to write, all together in one pySHACL run, and writes
nothing when they do not conform. Exit codes follow pySHACL: 0 conforms, 1 does not, 2 error.

>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
import pyshacl
from rdflib import Dataset, Graph
from rdflib.namespace import SH

from kg.errors import InputError, KGError
from kg.graph.terms import to_rdflib
from kg.store.base import BaseStore
from kg.vocab import ontology_path

__all__ = ["ValidationReport", "Violation", "ShapeError", "validate", "validate_quads", "shapes", "RDF_SUFFIXES"]

#: File suffix → rdflib parser name, for ``kg validate FILE``.
RDF_SUFFIXES = {
    ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld",
    ".rdf": "xml", ".xml": "xml", ".n3": "n3",
}
_QUAD_FORMATS = {"nquads", "trig"}


class ShapeError(KGError):
    """A graph kg was about to write does not conform to its shapes (a bug in an extractor or in kg)."""

    exit_code = 1


@dataclass(frozen=True)
class Violation:
    """One result of a SHACL report."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@dataclass
class ValidationReport:
    """Whether a graph conforms, and why not."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    text: str = ""

    def to_dict(self) -> dict:
        return {"conforms": self.conforms, "triples": self.triples, "seconds": round(self.seconds, 3),
                "violations": [vars(v) for v in self.violations]}


@cache
def shapes() -> Graph:
    """The parsed ``ontology/shapes.ttl``."""
    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def validate(source: "Graph | BaseStore | str | Path") -> ValidationReport:
    """Validate an rdflib graph, a store (the union of its graphs), or an RDF file by path."""
    if isinstance(source, BaseStore):
        graph = Graph()
        for triple in source.triples():
            graph.add(triple)
    elif isinstance(source, Graph):
        graph = source
    else:
        graph = _read_file(Path(source))
    return _run(graph)


def validate_quads(quads: Iterable[ox.Quad]) -> ValidationReport:
    """Validate pyoxigraph quads as one graph (the union of their graphs)."""
    graph = Graph()
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return _run(graph)


def _read_file(path: Path) -> Graph:
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the RDF format from the suffix {path.suffix or '(none)'}", path=str(path),
                         hint="use one of " + ", ".join(sorted(RDF_SUFFIXES)))
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        return Graph().parse(path, format=fmt)
    except Exception as error:
        raise InputError(f"cannot parse as {fmt}: {' '.join(str(error).split())[:300]}", path=str(path)) from None


def _run(graph: Graph) -> ValidationReport:
    start = time.perf_counter()
    conforms, report_graph, text = pyshacl.validate(
        graph, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=True
    )
    violations = []
    for result in report_graph.subjects(SH.resultSeverity, None):
        violations.append(Violation(
            focus=str(report_graph.value(result, SH.focusNode)),
            path=_path_name(report_graph.value(result, SH.resultPath)),
            message=str(report_graph.value(result, SH.resultMessage) or ""),
            severity=str(report_graph.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), violations, len(graph), time.perf_counter() - start, text)


def _path_name(path) -> str:
    if path is None:
        return ""
    text = str(path)
    return text.rsplit("#", 1)[-1] if "#" in text else text
