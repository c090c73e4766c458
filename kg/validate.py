"""Checking graphs against ``ontology/shapes.ttl``: pySHACL, and a fast check compiled from it.

``kg validate`` checks a store (the union of its article graphs) or an RDF file with pySHACL.
Exit codes follow pySHACL: 0 conforms, 1 does not, 2 error.

``kg build`` checks every article graph it is about to write, and writes nothing when they do not
conform. pySHACL is too slow for that (about 30 s for the 340,000 triples of a 2,225-article
build), so :func:`check_quads` runs the same shapes compiled to SPARQL (:func:`compile_shapes`)
on an in-memory Oxigraph store: about a second. The compiler knows the SHACL subset the shapes
use (targets by class, ``sh:property`` with an IRI path, min/max count, datatype, ``sh:in``,
class, pattern, min length, min/max inclusive, node kind, ``sh:node``, ``sh:or`` of simple
alternatives) and refuses any other term, so a shape added later cannot be skipped silently; the
tests run both on the same graphs, broken in many ways, and require the same answers.

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
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kg.errors import InputError, KGError
from kg.graph.terms import to_rdflib
from kg.store.base import BaseStore
from kg.paths import ontology_path

__all__ = ["ValidationReport", "Violation", "ShapeError", "validate", "validate_quads", "check_quads", "compile_shapes",
           "Check", "shapes", "RDF_SUFFIXES"]

#: File suffix → rdflib parser name, for ``kg validate FILE``.
RDF_SUFFIXES = {
    ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld",
    ".rdf": "xml", ".xml": "xml", ".n3": "n3",
}
_QUAD_FORMATS = {"nquads", "trig"}
_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML, "n3": ox.RdfFormat.N3,
}


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


def validate(source: "Graph | BaseStore | str | Path", *, fast: bool = False) -> ValidationReport:
    """Validate an rdflib graph, a store (the union of its graphs), or an RDF file by path.

    pySHACL by default; ``fast=True`` runs the compiled check (:func:`check_quads`) instead.
    """
    if fast:
        if isinstance(source, BaseStore):
            return check_quads(source.ox_triples())
        if isinstance(source, Graph):
            from kg.graph.terms import quad_to_oxigraph

            return check_quads(quad_to_oxigraph(s, p, o) for s, p, o in source)
        return check_quads(_read_file_quads(Path(source)))
    if isinstance(source, BaseStore):
        graph = Graph()
        for triple in source.triples():
            graph.add(triple)
    elif isinstance(source, Graph):
        graph = source
    else:
        graph = _read_file(Path(source))
    return _run(graph)


def _read_file_quads(path: Path) -> list[ox.Quad]:
    fmt = _format_of(path)
    try:
        return list(ox.parse(path=str(path), format=_OX_FORMATS[fmt]))
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(f"cannot parse as {fmt}: {' '.join(str(error).split())[:300]}", path=str(path)) from None


def validate_quads(quads: Iterable[ox.Quad]) -> ValidationReport:
    """Validate pyoxigraph quads as one graph (the union of their graphs)."""
    graph = Graph()
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return _run(graph)


def _format_of(path: Path) -> str:
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the RDF format from the suffix {path.suffix or '(none)'}", path=str(path),
                         hint="use one of " + ", ".join(sorted(RDF_SUFFIXES)))
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    return fmt


def _read_file(path: Path) -> Graph:
    fmt = _format_of(path)
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
    # the report's own results; the details of an sh:node failure hang below them (sh:detail)
    for result in report_graph.objects(None, SH.result):
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


# ---------------------------------------------------------------------- the fast check


@dataclass(frozen=True)
class Check:
    """One SHACL constraint as a SPARQL query selecting the ``?focus`` nodes that violate it."""

    sparql: str
    path: str
    message: str


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NODE_TERMS = {SH.targetClass, SH.property, SH.nodeKind, SH.node, SH["or"], SH.message, SH.name, SH.description}
_PROPERTY_TERMS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH["class"], SH.pattern, SH.minLength,
                   SH.minInclusive, SH.maxInclusive, SH.nodeKind, SH.node, SH["or"], SH.message, SH.name, SH.description}
_IGNORED = {RDF.type, RDFS.comment, RDFS.label}
_KINDS = {SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})"}


class _Compiler:
    def __init__(self, graph: Graph):
        self.g = graph
        self.checks: list[Check] = []
        self.counter = 0

    def var(self, stem: str) -> str:
        self.counter += 1
        return f"?{stem}{self.counter}"

    def terms(self, node, allowed) -> None:
        for p in set(self.g.predicates(node)) - _IGNORED:
            if p not in allowed:
                raise ValueError(f"the fast check cannot compile {p} (shape {node}); extend kg.validate.compile_shapes")

    def add(self, where: str, report: str, path: str, message: str, group: str | None = None) -> None:
        if group:
            sparql = f"SELECT DISTINCT ?focus WHERE {{ {{ SELECT ({report} AS ?focus) WHERE {{ {where} }} {group} }} }}"
        else:
            sparql = f"SELECT DISTINCT ?focus WHERE {{ {where} BIND({report} AS ?focus) }}"
        self.checks.append(Check(sparql, path, message))

    def node(self, shape, focus: str, f: str, report: str, report_path: str | None) -> None:
        """Constraints of node shape ``shape`` on focus variable ``f``.

        A violation is reported as pySHACL does: on the focus node ``report`` of the shape that
        has a target, with ``report_path`` when reached through ``sh:node`` (``None``: not nested).
        """
        self.terms(shape, _NODE_TERMS)
        message = str(self.g.value(shape, SH.message) or "")
        kind = self.g.value(shape, SH.nodeKind)
        if kind is not None:
            self.add(f"{focus} FILTER(!{_KINDS[kind].format(v=f)})", report, report_path or "", message or f"not a {_local(kind)}")
        alternatives = self.g.value(shape, SH["or"])
        if alternatives is not None:
            test = " || ".join(self.alternative(a, f) for a in Collection(self.g, alternatives))
            self.add(f"{focus} FILTER(!({test}))", report, report_path or "", message or "conforms to none of sh:or")
        for nested in self.g.objects(shape, SH.node):
            self.node(nested, focus, f, report, report_path or "")
        for prop in self.g.objects(shape, SH.property):
            self.property(prop, focus, f, report, report_path)

    def alternative(self, shape, v: str) -> str:
        """A boolean SPARQL expression: does ``v`` conform to the simple shape ``shape``?"""
        preds = set(self.g.predicates(shape)) - _IGNORED
        if preds == {SH.datatype}:
            return f"(isLiteral({v}) && datatype({v}) = <{self.g.value(shape, SH.datatype)}>)"
        if preds == {SH.path, SH.minCount} and int(self.g.value(shape, SH.minCount)) == 1:
            return f"EXISTS {{ {v} <{self.g.value(shape, SH.path)}> {self.var('x')} }}"
        raise ValueError(f"the fast check cannot compile this sh:or alternative ({sorted(map(str, preds))})")

    def property(self, shape, focus: str, f: str, report: str, report_path: str | None) -> None:
        self.terms(shape, _PROPERTY_TERMS)
        path = self.g.value(shape, SH.path)
        if not isinstance(path, URIRef):
            raise ValueError(f"the fast check compiles IRI paths only, not {path!r}")
        name = _local(path) if report_path is None else report_path
        message = str(self.g.value(shape, SH.message) or "")
        v = self.var("v")
        values = f"{focus} {f} <{path}> {v} ."
        min_count = self.g.value(shape, SH.minCount)
        if min_count is not None and int(min_count) > 0:
            self.add(f"{focus} OPTIONAL {{ {f} <{path}> {v} }}", report, name,
                     message or f"fewer than {int(min_count)} values", f"GROUP BY {_group(report, f)} HAVING (COUNT(DISTINCT {v}) < {int(min_count)})")
        max_count = self.g.value(shape, SH.maxCount)
        if max_count is not None:
            self.add(values, report, name, message or f"more than {int(max_count)} values",
                     f"GROUP BY {_group(report, f)} HAVING (COUNT(DISTINCT {v}) > {int(max_count)})")
        tests = []
        datatype = self.g.value(shape, SH.datatype)
        if datatype is not None:
            tests.append(f"(isLiteral({v}) && datatype({v}) = <{datatype}>)")
        members = self.g.value(shape, SH["in"])
        if members is not None:
            tests.append(f"({v} IN ({', '.join(m.n3() for m in Collection(self.g, members))}))")
        cls = self.g.value(shape, SH["class"])
        if cls is not None:
            tests.append(f"EXISTS {{ {v} <{_RDF_TYPE}> <{cls}> }}")
        pattern = self.g.value(shape, SH.pattern)
        if pattern is not None:
            tests.append(f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(pattern)).n3()}))")
        min_length = self.g.value(shape, SH.minLength)
        if min_length is not None:
            tests.append(f"(!isBlank({v}) && STRLEN(STR({v})) >= {int(min_length)})")
        for term, op in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
            bound = self.g.value(shape, term)
            if bound is not None:
                tests.append(f"({v} {op} {bound.n3()})")
        kind = self.g.value(shape, SH.nodeKind)
        if kind is not None:
            tests.append(_KINDS[kind].format(v=v))
        alternatives = self.g.value(shape, SH["or"])
        if alternatives is not None:
            tests.append("(" + " || ".join(self.alternative(a, v) for a in Collection(self.g, alternatives)) + ")")
        for test in tests:
            self.add(f"{values} FILTER(!COALESCE({test}, false))", report, name, message or f"value fails {test}")
        for nested in self.g.objects(shape, SH.node):
            self.node(nested, values, v, report, name)


def _group(report: str, f: str) -> str:
    return report if report == f else f"{report} {f}"


def _local(term) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


@cache
def compile_shapes(graph: Graph | None = None) -> tuple[Check, ...]:
    """The shapes (``ontology/shapes.ttl`` by default) as SPARQL queries selecting violators."""
    graph = shapes() if graph is None else graph
    compiler = _Compiler(graph)
    for shape in sorted(set(graph.subjects(SH.targetClass, None))):
        targets = " ".join(f"<{c}>" for c in sorted(graph.objects(shape, SH.targetClass)))
        f, t = compiler.var("f"), compiler.var("t")
        compiler.node(shape, f"VALUES {t} {{ {targets} }} {f} <{_RDF_TYPE}> {t} .", f, f, None)
    return tuple(compiler.checks)


def check_quads(quads: Iterable[ox.Quad | ox.Triple]) -> ValidationReport:
    """The fast check: the compiled shapes over the union of ``quads`` (or triples), in an in-memory Oxigraph."""
    start = time.perf_counter()
    store = ox.Store()
    triples = {q.triple if isinstance(q, ox.Quad) else q for q in quads}
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    violations = []
    for check in compile_shapes():
        for solution in store.query(check.sparql):
            violations.append(Violation(str(to_rdflib(solution["focus"])), check.path, check.message))
    violations = sorted(set(violations), key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(not violations, violations, len(triples), time.perf_counter() - start)
