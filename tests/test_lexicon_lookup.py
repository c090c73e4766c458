"""The built-in lexicons: coverage, lookups by label, case rules, links and identifiers."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from kg.lexicon import load_lexicon, normalize_surface
from kg.vocab import ENTITY_TYPES


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def keys(lexicon, surface):
    return [e.key for e in lexicon.entries_for_label(surface)]


@pytest.mark.parametrize(
    "alpha2, alpha3, label",
    [
        ("US", "USA", "United States"),
        ("CN", "CHN", "China"),
        ("MX", "MEX", "Mexico"),
        ("CA", "CAN", "Canada"),
        ("IN", "IND", "India"),
        ("GB", "GBR", "United Kingdom"),
        ("KR", "KOR", "South Korea"),
        ("IR", "IRN", "Iran"),
        ("VN", "VNM", "Vietnam"),
        ("BO", "BOL", "Bolivia"),
        ("TW", "TWN", "Taiwan"),
        ("RU", "RUS", "Russia"),
        ("HK", "HKG", "Hong Kong"),
        ("AQ", "ATA", "Antarctica"),
    ],
)
def test_lexicon_country_has_iso_codes_and_common_name(lexicon, alpha2, alpha3, label):
    entry = lexicon.by_key[f"country/{alpha2.lower()}"]
    assert (entry.type, entry.iso_alpha2, entry.iso_alpha3, entry.label) == ("Country", alpha2, alpha3, label)


def test_lexicon_countries_cover_iso_3166_1(lexicon):
    pycountry = pytest.importorskip("pycountry", reason="the full ISO 3166-1 list comes from pycountry (pip install -e '.[lexicon]')")
    codes = {(e.iso_alpha2, e.iso_alpha3) for e in lexicon if e.type == "Country"}
    missing = {(c.alpha_2, c.alpha_3) for c in pycountry.countries} - codes
    assert not missing


def test_lexicon_iso_codes_are_well_formed_and_unique(lexicon):
    countries = [e for e in lexicon if e.type == "Country" and e.iso_alpha2]
    assert len(countries) >= 249
    assert all(re.fullmatch(r"[A-Z]{2}", e.iso_alpha2) and re.fullmatch(r"[A-Z]{3}", e.iso_alpha3) for e in countries)
    assert len({e.iso_alpha2 for e in countries}) == len({e.iso_alpha3 for e in countries}) == len(countries)
    assert all(e.key == f"country/{e.iso_alpha2.lower()}" for e in countries)


@pytest.mark.parametrize(
    "demonym, key",
    [
        ("Chinese", "country/cn"),
        ("Mexican", "country/mx"),
        ("American", "country/us"),
        ("Canadian", "country/ca"),
        ("Indian", "country/in"),
        ("British", "country/gb"),
        ("Russian", "country/ru"),
        ("Kazakh", "country/kz"),
        ("Kazakhstani", "country/kz"),
        ("Colombian", "country/co"),
        ("Filipino", "country/ph"),
    ],
)
def test_lexicon_demonym_names_its_country(lexicon, demonym, key):
    assert keys(lexicon, demonym) == [key]
    assert demonym in lexicon.by_key[key].demonyms


@pytest.mark.parametrize(
    "surface, key",
    [
        ("U.S.", "country/us"),
        ("US", "country/us"),
        ("USA", "country/us"),
        ("America", "country/us"),
        ("United States of America", "country/us"),
        ("PRC", "country/cn"),
        ("People's Republic of China", "country/cn"),
        ("People’s Republic of China", "country/cn"),
        ("mainland China", "country/cn"),
        ("UK", "country/gb"),
        ("Britain", "country/gb"),
        ("UAE", "country/ae"),
        ("DRC", "country/cd"),
        ("Russian Federation", "country/ru"),
        ("Côte d’Ivoire", "country/ci"),
        ("Burma", "country/mm"),
        ("Türkiye", "country/tr"),
        ("DEA", "agency/us-dea"),
        ("Drug Enforcement Administration", "agency/us-dea"),
        ("CBP", "agency/us-cbp"),
        ("OFAC", "agency/us-ofac"),
        ("Bureau of Industry and Security", "agency/us-bis"),
        ("Pentagon", "agency/us-defense-department"),
        ("Ministry of Public Security", "agency/cn-ministry-of-public-security"),
        ("MOFCOM", "agency/cn-mofcom"),
        ("SEDENA", "agency/mx-sedena"),
        ("RCMP", "agency/ca-rcmp"),
        ("Narcotics Control Bureau", "agency/in-ncb"),
        ("UNODC", "agency/unodc"),
        ("Asia Pacific Economic Cooperation", "agency/apec"),
        ("G-20", "agency/g20"),
        ("Foreign Ministry", "agency/generic-foreign-ministry"),
        ("CJNG", "organization/cjng"),
        ("Sinaloa Cartel", "organization/sinaloa-cartel"),
        ("Communist Party of China", "organization/chinese-communist-party"),
        ("Xinjiang Uyghur Autonomous Region", "place/xinjiang"),
        ("Calif.", "place/california"),
        ("St Paul", "place/saint-paul"),
        ("Bombay", "place/mumbai"),
        ("Golden Triangle", "place/golden-triangle"),
        ("NPP", "substance/npp"),
        ("despropionyl fentanyl", "substance/4-anpp"),
        ("1-Boc-4-piperidone", "substance/1-boc-4-piperidone"),
        ("fentanyl precursors", "substance/precursor-chemicals"),
        ("fentanyl-related substances", "substance/fentanyl"),
        ("crystal meth", "substance/methamphetamine"),
    ],
)
def test_lexicon_alternative_label_finds_entry(lexicon, surface, key):
    assert key in keys(lexicon, surface)


@pytest.mark.parametrize(
    "one, other",
    [
        ("Department of Commerce", "Commerce Department"),
        ("Department of State", "State Department"),
        ("Justice Department", "DOJ"),
        ("4-ANPP", "4-anilino-N-phenethylpiperidine"),
        ("N-phenethyl-4-piperidone", "1-(2-phenylethyl)-4-piperidone"),
        ("Jalisco New Generation Cartel", "Cártel de Jalisco Nueva Generación"),
        ("EMCDDA", "European Union Drugs Agency"),
    ],
)
def test_lexicon_synonyms_name_one_entry(lexicon, one, other):
    assert keys(lexicon, one) == keys(lexicon, other) != []


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("us", []),
        ("china", []),
        ("Fentanyl", ["substance/fentanyl"]),
        ("FENTANYL", ["substance/fentanyl"]),
        ("Synthetic Opioids", ["substance/opioids"]),
        ("precursor chemicals", ["substance/precursor-chemicals"]),
    ],
)
def test_lexicon_capitalised_labels_match_case_sensitively_lowercase_ones_in_any_case(lexicon, surface, expected):
    assert keys(lexicon, surface) == expected


@pytest.mark.parametrize(
    "surface, key",
    [
        ("Jordan", "country/jo"),
        ("Chad", "country/td"),
        ("Georgia", "country/ge"),
        ("Georgia", "place/georgia"),
        ("Turkey", "country/tr"),
        ("Victoria", "place/victoria-ca"),
        ("Miss.", "place/mississippi"),
        ("crack", "substance/crack-cocaine"),
        ("tranq", "substance/xylazine"),
    ],
)
def test_lexicon_labels_that_are_common_words_or_names_are_marked_ambiguous(lexicon, surface, key):
    entry = lexicon.by_key[key]
    assert entry in lexicon.entries_for_label(surface)
    assert entry.is_ambiguous(surface)


@pytest.mark.parametrize("word", ["ice", "speed", "acid", "pot", "grass", "weed", "molly", "Of", "Reading"])
def test_lexicon_ordinary_words_are_no_unconditional_label(lexicon, word):
    assert all(e.is_ambiguous(word) for e in lexicon.entries_for_label(word))


def test_lexicon_entries_of_one_type_share_no_plain_label(lexicon):
    owners = defaultdict(set)
    for label, entry in lexicon.labels():
        if not entry.is_ambiguous(label):
            norm = normalize_surface(label)
            owners[(entry.type, norm if any(c.isupper() for c in norm) else norm.casefold())].add(entry.key)
    shared = {label: sorted(k) for label, k in owners.items() if len(k) > 1}
    assert shared == {}


def test_lexicon_wikidata_ids_are_well_formed_and_name_one_entry_each(lexicon):
    qids = [e.wikidata for e in lexicon if e.wikidata]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    assert len(qids) == len(set(qids))
    assert lexicon.by_key["substance/fentanyl"].wikidata == "Q407541"
    assert lexicon.by_key["country/us"].wikidata == "Q30"


def test_lexicon_links_point_at_entries_of_the_right_type(lexicon):
    expected = {
        "jurisdiction": {"Country"},
        "parent": {"Agency"},
        "capital_of": {"Country"},
        "located_in": {"Country", "Place"},
    }
    for entry in lexicon:
        for field, types in expected.items():
            target = getattr(entry, field)
            if target is not None:
                assert lexicon.by_key[target].type in types, (entry.key, field, target)
        for target in entry.broader:
            assert lexicon.by_key[target].type == entry.type, (entry.key, target)


@pytest.mark.parametrize(
    "key, field, target",
    [
        ("agency/us-dea", "parent", "agency/us-justice-department"),
        ("agency/us-cbp", "parent", "agency/us-dhs"),
        ("agency/us-dea", "jurisdiction", "country/us"),
        ("agency/cn-mfa", "jurisdiction", "country/cn"),
        ("place/beijing", "capital_of", "country/cn"),
        ("place/washington-d-c", "capital_of", "country/us"),
        ("place/mexico-city", "capital_of", "country/mx"),
        ("place/tijuana", "located_in", "country/mx"),
        ("place/sinaloa", "located_in", "country/mx"),
    ],
)
def test_lexicon_entry_links(lexicon, key, field, target):
    assert getattr(lexicon.by_key[key], field) == target


def test_lexicon_generic_heads_are_bound_to_no_country(lexicon):
    heads = [e for e in lexicon if e.category == "generic" and e.type == "Agency"]
    assert {"agency/generic-foreign-ministry", "agency/generic-finance-ministry"} <= {e.key for e in heads}
    assert lexicon.by_key["agency/generic-foreign-ministry"].jurisdiction is None
    assert "agency/generic-foreign-ministry" in lexicon.by_key["agency/cn-mfa"].broader


def test_lexicon_every_type_but_person_has_entries(lexicon):
    stats = lexicon.stats()
    assert set(stats) == set(ENTITY_TYPES) - {"Person"}
    assert all(row["labels"] >= row["entries"] > 0 for row in stats.values())


@pytest.mark.parametrize("name", ["Maria", "John", "Jing", "Wei", "Claudia", "Justin", "Rahul", "Amit"])
def test_lexicon_given_names_include_common_names(lexicon, name):
    assert name in lexicon.given_names


@pytest.mark.parametrize("name", ["May", "Will", "June", "Georgia", "China", "Paris", "August", "Sunday"])
def test_lexicon_given_names_that_are_words_or_places_are_set_apart(lexicon, name):
    assert name not in lexicon.given_names
