"""Moving RDF terms between pyoxigraph and rdflib, exactly.

kg builds its graphs with pyoxigraph terms (the constructor is the validity gate) and hands rdflib
terms to readers (the :class:`~kg.store.Store` contract). Both directions keep IRIs, blank node ids,
lexical forms, datatypes and language tags as they are.

>>> from rdflib import Literal, URIRef, XSD
>>> to_rdflib(to_oxigraph(Literal("1.5", datatype=XSD.decimal))) == Literal("1.5", datatype=XSD.decimal)
True
>>> to_rdflib(pyoxigraph.Literal("chat", language="fr"))
rdflib.term.Literal('chat', lang='fr')
"""

from __future__ import annotations

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["to_rdflib", "to_oxigraph", "quad_to_rdflib", "quad_to_oxigraph", "XSD_STRING"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term) -> Node | None:
    """The rdflib term for a pyoxigraph term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        # lexical forms are kept as written (no normalisation of "01" to "1")
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    if isinstance(term, pyoxigraph.DefaultGraph):
        return None
    raise TypeError(f"cannot convert {term!r} to rdflib")


def to_oxigraph(term: Node):
    """The pyoxigraph term for an rdflib term (``ValueError`` for an invalid IRI)."""
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) not in (XSD_STRING, _RDF_LANG_STRING):
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to pyoxigraph")


def quad_to_rdflib(quad: pyoxigraph.Quad) -> tuple[Node, Node, Node, Node | None]:
    """``(s, p, o, g)`` in rdflib terms; ``g`` is ``None`` for the default graph."""
    return (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), to_rdflib(quad.graph_name))


def quad_to_oxigraph(s: Node, p: Node, o: Node, g: Node | None = None) -> pyoxigraph.Quad:
    """A pyoxigraph quad from rdflib terms (``g=None``: the default graph)."""
    graph = pyoxigraph.DefaultGraph() if g is None else to_oxigraph(g)
    return pyoxigraph.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)
