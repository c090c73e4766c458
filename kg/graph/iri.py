"""Minting IRIs and literals that are always valid, whatever text they are made from.

Keys come from lexicons, from :func:`kg.model.mint_key`, or from a plug-in that may hand us any
string at all. Every IRI kg mints goes through one gate, :func:`checked`, which asks pyoxigraph's
strict parser (``NamedNode``) whether it is a valid absolute IRI: rdflib accepts bad IRIs and fails
late, pyoxigraph refuses them at once. Nothing reaches a graph without passing the gate, so no name
can produce an invalid IRI or smuggle triples into a serialisation.

* Entity ``https://w3id.org/kg-news/id/{key}``: the key percent-encoded, keeping unreserved
  characters and ``/``; ``%`` is encoded too, so distinct keys stay distinct IRIs.
* Article ``…/id/article/{article id}``, also the name of the article's graph.
* Relation ``…/id/relation/{type lower}/{hash of the relation's key}``: the same fact stated in
  several sentences or articles is one node.
* Evidence ``{article IRI}#char={start},{end}`` (RFC 5147 fragment, NIF style).

>>> entity_iri("country/us")
'https://w3id.org/kg-news/id/country/us'
>>> entity_iri('person/John "Jabo" Smith <CEO>')
'https://w3id.org/kg-news/id/person/John%20%22Jabo%22%20Smith%20%3CCEO%3E'
>>> entity_iri("x> . <a> <b> <c")
'https://w3id.org/kg-news/id/x%3E%20.%20%3Ca%3E%20%3Cb%3E%20%3Cc'
>>> key_from_iri(entity_iri("person/100% sure"))
'person/100% sure'
>>> evidence_iri(article_iri("0123456789abcdef"), 10, 42)
'https://w3id.org/kg-news/id/article/0123456789abcdef#char=10,42'

Literal policy (:func:`safe_text`): text is written as given, except the code points no RDF
serialisation can carry everywhere — lone surrogates, and the control characters XML 1.0 forbids
(GraphML and RDF/XML are XML) — each replaced by U+FFFD. The replacement is one code point for one,
so character offsets into an article's text stay right.

>>> safe_text("a\\x00b\\ud800c\\td")
'a\\ufffdb\\ufffdc\\td'
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, unquote

import pyoxigraph

from kg.vocab import BASE

__all__ = [
    "RESERVED_KINDS",
    "safe_text",
    "checked",
    "entity_iri",
    "key_from_iri",
    "is_entity_iri",
    "article_iri",
    "article_id_from_iri",
    "relation_iri",
    "evidence_iri",
]

#: First path segments of IRIs kg mints for things that are not entities; no entity key may use them.
RESERVED_KINDS = ("article", "relation")

_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")


def safe_text(text: str) -> str:
    """``text`` with lone surrogates and XML-forbidden control characters replaced by U+FFFD."""
    if text.isascii() and text.isprintable():  # most names and titles: nothing to look for
        return text
    return _UNSAFE_TEXT.sub("\ufffd", text)


def checked(iri: str) -> str:
    """``iri`` if pyoxigraph accepts it as an absolute IRI; ``ValueError`` otherwise.

    >>> checked("https://example.org/a b")
    Traceback (most recent call last):
    ...
    ValueError: not a valid IRI: 'https://example.org/a b' (Invalid IRI code point ' ')
    """
    try:
        pyoxigraph.NamedNode(iri)
    except (ValueError, TypeError) as error:
        raise ValueError(f"not a valid IRI: {iri!r} ({error})") from None
    return iri


def _encode_path(key: str) -> str:
    segments = quote(safe_text(key), safe="/").split("/")
    # "." and ".." segments would be collapsed by IRI resolution; keep them literal.
    return "/".join(s.replace(".", "%2E") if s.strip(".") == "" else s for s in segments)


def entity_iri(key: str) -> str:
    """The IRI of the entity with ``key`` (``ValueError`` for an empty or reserved key)."""
    if not key or not key.strip():
        raise ValueError("an entity key may not be empty")
    if key.split("/", 1)[0] in RESERVED_KINDS:
        raise ValueError(f"entity key {key!r} starts with a reserved kind ({', '.join(RESERVED_KINDS)})")
    return checked(BASE + _encode_path(key))


def is_entity_iri(iri: str) -> bool:
    """Whether ``iri`` is one kg mints for entities."""
    return iri.startswith(BASE) and iri[len(BASE) :].split("/", 1)[0] not in RESERVED_KINDS


def key_from_iri(iri: str) -> str:
    """The entity key an entity IRI was minted from (inverse of :func:`entity_iri`)."""
    if not is_entity_iri(iri):
        raise ValueError(f"not an entity IRI minted by kg: {iri!r}")
    return unquote(iri[len(BASE) :])


def article_iri(article_id: str) -> str:
    """The IRI of an article, and the name of its graph."""
    if not _ARTICLE_ID.fullmatch(article_id):
        raise ValueError(f"not an article id (16 hex digits): {article_id!r}")
    return checked(f"{BASE}article/{article_id}")


def article_id_from_iri(iri: str) -> str:
    """The article id of an article IRI."""
    prefix = f"{BASE}article/"
    if not iri.startswith(prefix) or not _ARTICLE_ID.fullmatch(iri[len(prefix) :]):
        raise ValueError(f"not an article IRI minted by kg: {iri!r}")
    return iri[len(prefix) :]


def relation_iri(relation_type: str, key: tuple) -> str:
    """The IRI of the event node for a relation with ``key`` (type, subject, object, substance, status).

    >>> relation_iri("Sanction", ("Sanction", "country/us", "country/cn", None, "imposed"))
    'https://w3id.org/kg-news/id/relation/sanction/3b903d6a8af8b4dd'
    """
    if not re.fullmatch(r"[A-Za-z]+", relation_type):
        raise ValueError(f"not a relation type: {relation_type!r}")
    material = "\x1f".join("" if part is None else str(part) for part in key)
    digest = hashlib.sha1(material.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return checked(f"{BASE}relation/{relation_type.lower()}/{digest}")


def evidence_iri(article: str, start: int, end: int) -> str:
    """The IRI of the evidence span ``[start, end)`` of the article with IRI ``article``."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        raise ValueError(f"not a span: {start!r}, {end!r}")
    return checked(f"{article}#char={start},{end}")
