"""Names compare as FORMAT.md says: NFKC, curly quotes straight, case folded, dots removed,
a leading "the " and a trailing "'s" dropped, runs of white space made one space."""

from __future__ import annotations

import pytest

from kg.model import normalize_name


@pytest.mark.parametrize(
    "name, normalized",
    [
        ("Antony Blinken", "antony blinken"),
        ("ANTONY  BLINKEN", "antony blinken"),
        ("\tXi\u00a0Jinping \n", "xi jinping"),  # NBSP, tabs and newlines are white space
        ("U.S.", "us"),
        ("Todd D. Robinson", "todd d robinson"),
        ("The State Department", "state department"),
        ("the  State Department", "state department"),
        ("Theresa May", "theresa may"),  # "the" only as a word
        ("The", "the"),
        ("China's", "china"),
        ("China\u2019s", "china"),  # curly apostrophe
        ("The U.S.'s", "us"),
        ("Ministry of Public Security's Institute", "ministry of public security's institute"),  # only trailing
        ("Brothers'", "brothers'"),
        ("\u201cPool\u201d", '"pool"'),  # curly double quotes made straight
        ("\u2018Pool\u2019", "'pool'"),
        ("\uff26\uff45\uff4e\uff54\uff41\uff4e\uff59\uff4c", "fentanyl"),  # full-width letters (NFKC)
        ("\ufb01ve", "five"),  # ligature (NFKC)
        ("Stra\u00dfe", "strasse"),  # case folding, not just lower-casing
    ],
)
def test_normalize_name_follows_format(name, normalized):
    assert normalize_name(name) == normalized


@pytest.mark.parametrize("a, b", [("The U.S.", "US"), ("China\u2019s", "china"), ("Mr. Blinken", "mr  blinken")])
def test_normalize_name_variants_are_equal(a, b):
    assert normalize_name(a) == normalize_name(b)
