"""Minting IRIs and literals: whatever the name, the result is valid and distinct."""

from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.graph.iri import (
    article_id_from_iri,
    article_iri,
    entity_iri,
    evidence_iri,
    key_from_iri,
    relation_iri,
    safe_text,
)
from kg.model import mint_key
from kg.vocab import BASE

HOSTILE_KEYS = [
    'person/John "Jabo" Smith <CEO>',
    "x> . <a> <b> <c",
    "person/O'Brien \\ back\\slash",
    "person/nul\x00byte",
    "person/lone \ud800 surrogate",
    "person/{curly} |pipe| ^caret^ `tick`",
    "person/%41 already encoded",
    "../../etc/passwd",
    "person/./x/../y",
    "person/ünïcödé 北京",
    "person/#fragment?query=1",
    "person/tab\tnewline\n",
    mint_key("Person", 'John "Jabo" Smith <CEO>'),
]


@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_iri_entity_iri_is_valid_ascii_and_reversible(key):
    iri = entity_iri(key)
    assert pyoxigraph.NamedNode(iri).value == iri
    assert iri.isascii() and iri.startswith(BASE)
    assert "#" not in iri and "?" not in iri and ".." not in iri
    assert key_from_iri(iri) == safe_text(key)


@given(st.text(min_size=1))
def test_iri_any_key_gives_a_valid_iri_or_a_clear_refusal(key):
    try:
        iri = entity_iri(key)
    except ValueError:
        assert not key.strip() or key.split("/", 1)[0] in ("article", "relation")
        return
    pyoxigraph.NamedNode(iri)
    assert key_from_iri(iri) == safe_text(key)


@pytest.mark.parametrize("a, b", [("a b", "a%20b"), ("a/b", "a%2Fb"), ("person/.", "person/%2E"), ("x", "X")])
def test_iri_distinct_keys_give_distinct_iris(a, b):
    assert entity_iri(a) != entity_iri(b)


@pytest.mark.parametrize("key", ["", "   ", "article/0123456789abcdef", "relation/sanction/x"])
def test_iri_empty_or_reserved_keys_are_refused(key):
    with pytest.raises(ValueError):
        entity_iri(key)


@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("nul\x00", "nul\ufffd"),
    ("lone \ud800 and \udfff", "lone \ufffd and \ufffd"),
    ("bell\x07 vt\x0b ff\x0c", "bell\ufffd vt\ufffd ff\ufffd"),
    ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),
    ("\ufffe\uffff", "\ufffd\ufffd"),
    ("emoji 😀 and 北京", "emoji 😀 and 北京"),
])
def test_iri_safe_text_replaces_only_what_no_serialisation_carries(text, expected):
    assert safe_text(text) == expected
    assert len(safe_text(text)) == len(text)  # offsets stay valid


def test_iri_article_iri_round_trips_and_rejects_non_ids():
    assert article_id_from_iri(article_iri("0123456789abcdef")) == "0123456789abcdef"
    with pytest.raises(ValueError):
        article_iri("../x")


@pytest.mark.parametrize("other", [
    ("Sanction", "country/us", "country/cn", None, "lifted"),
    ("Sanction", "country/cn", "country/us", None, "imposed"),
    ("Sanction", "country/us", None, "country/cn", "imposed"),
])
def test_iri_relation_iri_is_one_per_fact(other):
    fact = ("Sanction", "country/us", "country/cn", None, "imposed")
    assert relation_iri("Sanction", fact) == relation_iri("Sanction", tuple(fact))
    assert relation_iri("Sanction", fact) != relation_iri("Sanction", other)


def test_iri_evidence_iri_is_an_rfc5147_fragment_of_the_article():
    iri = evidence_iri(article_iri("0123456789abcdef"), 3, 17)
    assert iri == f"{BASE}article/0123456789abcdef#char=3,17"
    with pytest.raises(ValueError):
        evidence_iri(article_iri("0123456789abcdef"), 5, 2)
