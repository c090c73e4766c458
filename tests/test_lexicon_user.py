"""User lexicon folders: same Turtle format as ontology/lexicon/, loaded beside the built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.lexicon import load_lexicon

PREFIXES = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix country: <https://w3id.org/kg-news/id/country/> .
@prefix agency: <https://w3id.org/kg-news/id/agency/> .
@prefix organization: <https://w3id.org/kg-news/id/organization/> .
"""


def write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, surface, key",
    [
        (
            'organization:acme-chemical a kg:Organization ; skos:prefLabel "Acme Chemical Co."@en ;'
            ' skos:altLabel "Acme" ; kg:ambiguousLabel "Acme" ; kg:category "company" .',
            "Acme Chemical Co.",
            "organization/acme-chemical",
        ),
        (
            'agency:mx-fiscalia-sinaloa a kg:Agency ; skos:prefLabel "Fiscalía de Sinaloa"@en ;'
            " kg:jurisdiction country:mx ; owl:sameAs wd:Q123456789 .",
            "Fiscalia de Sinaloa".replace("Fiscalia", "Fiscalía"),
            "agency/mx-fiscalia-sinaloa",
        ),
        ('country:us skos:altLabel "Uncle Sam"@en .', "Uncle Sam", "country/us"),
    ],
)
def test_lexicon_user_folder_adds_entries_and_names(tmp_path, body, surface, key):
    write(tmp_path / "mine", "extra.ttl", body)
    lexicon = load_lexicon([tmp_path / "mine"])
    assert [e.key for e in lexicon.entries_for_label(surface)] == [key]
    assert key in lexicon.by_key
    assert load_lexicon().entries_for_label(surface) == []


def test_lexicon_user_folder_keeps_built_in_names(tmp_path):
    write(tmp_path / "mine", "extra.ttl", 'country:us skos:altLabel "Uncle Sam"@en .')
    us = load_lexicon([tmp_path / "mine"]).by_key["country/us"]
    assert {"U.S.", "Uncle Sam"} <= set(us.alt_labels)
    assert us.wikidata == "Q30"


def test_lexicon_user_given_names_are_added(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "given-names.txt").write_text("# mine\nZebulonia\n", encoding="utf-8")
    assert "Zebulonia" in load_lexicon([tmp_path / "mine"]).given_names


@pytest.mark.parametrize(
    "body, line, problem",
    [
        ('organization:x a kg:Organization ;\n    skos:prefLabel "X"@en\norganization:y a kg:Organization .', 10, "not valid Turtle"),
        ('organization:x a kg:Organization ;\n    skos:altLabel "X"@en .', 8, "exactly one skos:prefLabel"),
        ('organization:x a kg:Organisation ;\n    skos:prefLabel "X"@en .', 8, "exactly one type"),
        ('organization:x a kg:Organization ;\n    skos:prefLabel "X"@en ;\n    kg:demonyme "Xian"@en .', 8, "kg:demonyme is not a lexicon property"),
        ('agency:x a kg:Agency ;\n    skos:prefLabel "X"@en ;\n    kg:jurisdiction country:zz .', 8, "country/zz, which no lexicon defines"),
        ('organization:x a kg:Organization ;\n    skos:prefLabel "X"@en ;\n    kg:ambiguousLabel "Y"@en .', 8, "is not one of its labels"),
        ('agency:x a kg:Organization ;\n    skos:prefLabel "X"@en .', 8, "key starts with organization/"),
        ('organization:x a kg:Organization ;\n    skos:prefLabel "X"@en ;\n    owl:sameAs wd:Q12x .', 8, "not a Wikidata entity"),
        ('country:us skos:prefLabel "USA!"@en .', 8, "exactly one skos:prefLabel"),
        ('country:us owl:sameAs wd:Q31 .', 8, "exactly one wikidata"),
    ],
)
def test_lexicon_malformed_user_file_names_file_line_and_problem(tmp_path, body, line, problem):
    path = write(tmp_path / "bad", "broken.ttl", body)
    with pytest.raises(LexiconError) as raised:
        load_lexicon([tmp_path / "bad"])
    message = str(raised.value)
    assert raised.value.path == str(path)
    assert message.startswith(f"{path}: line {line}: ")
    assert problem in message


def test_lexicon_missing_user_folder_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon folder"):
        load_lexicon([tmp_path / "nowhere"])
