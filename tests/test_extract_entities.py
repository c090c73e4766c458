"""The entity extractor: which names it finds, how it types them, and how it resolves them.

Sentences come from the field (drug policy and trafficking news), most of them not from the seeds.
Expectations are (text of the mention, type); a mention's text is exactly the article's characters.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.entities import EntityExtractor
from kg.model import Article


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def extract(extractor, *body: str, title: str = "Report", parts=None):
    article = Article.from_parts(title=title, body=body, source="test.txt", parts=parts)
    return extractor.extract(article)


def mentions(found) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in found.mentions}


def label_of(found, text: str) -> str:
    mention = next(m for m in found.mentions if m.text == text)
    return found.entities[mention.entity].label


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # people: after a title or role
        ("Secretary of State Antony Blinken met Mexican officials.", {("Antony Blinken", "Person"), ("Mexican", "Country")}),
        ("National Security Advisor Jake Sullivan said on Monday that talks would continue.", {("Jake Sullivan", "Person")}),
        ("Chinese Foreign Ministry spokesperson Mao Ning said Beijing opposed the decision.", {("Mao Ning", "Person")}),
        ("CBS News Chief Foreign Affairs Correspondent Margaret Brennan asked the question.",
         {("CBS News", "Organization"), ("Margaret Brennan", "Person")}),
        ("Minister of Public Security Wang Xiaohong received the delegation.", {("Wang Xiaohong", "Person")}),
        # people: after an honorific
        ("Mr. Robinson said the door remains open.", {("Robinson", "Person")}),
        ("Dr. Nora Volkow warned about xylazine.", {("Nora Volkow", "Person"), ("xylazine", "Substance")}),
        # people: apposition with a role or an age
        ("Todd D. Robinson, Assistant Secretary for narcotics affairs, spoke first.", {("Todd D. Robinson", "Person")}),
        ("Rahul Mehta, a spokesman for the company, declined to comment.", {("Rahul Mehta", "Person")}),
        ("Ovidio Guzman Lopez, 33, was extradited last year.", {("Ovidio Guzman Lopez", "Person")}),
        # people: next to a verb of saying, or a known given name
        ("“We will not stop,” Wang Wenbin said.", {("Wang Wenbin", "Person")}),
        ("Kathleen Li reported the story from Hong Kong.", {("Kathleen Li", "Person")}),
        # names with a joined particle or a generational suffix
        ("Syrian Foreign Minister Asaad al-Shaibani arrived in Amman.", {("Asaad al-Shaibani", "Person")}),
        ("Frank A. Tarentino III, special agent in charge, said the lab was dismantled.",
         {("Frank A. Tarentino III", "Person")}),
        ("Interior Secretary Benjamin Abalos Jr. announced the raid.", {("Benjamin Abalos Jr.", "Person")}),
        # people listed after a plural noun for people
        ("Prosecutors charged three executives – Wang Wei, Li Qiang and Chen Jie.",
         {("Wang Wei", "Person"), ("Li Qiang", "Person"), ("Chen Jie", "Person")}),
    ],
)
def test_entities_find_people_from_cues(extractor, sentence, expected):
    assert expected <= mentions(extract(extractor, sentence))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # head words at the end or the start of a name
        ("The National Narcotics Control Commission announced new rules.",
         {("National Narcotics Control Commission", "Agency")}),
        ("Officials at the Sinaloa Health Secretariat met on Tuesday.", {("Sinaloa Health Secretariat", "Agency")}),
        ("The Daily Caller News Foundation noted the deal.", {("Daily Caller News Foundation", "Organization")}),
        ("Hubei Amarvel Biotech Co. shipped the chemicals.", {("Hubei Amarvel Biotech Co.", "Organization")}),
        ("It joined the Global Coalition to Address Synthetic Drug Threats.",
         {("Global Coalition to Address Synthetic Drug Threats", "Agency")}),
        # a possessive names two bodies, one part of the other
        ("It lifted sanctions on the Ministry of Public Security’s Institute of Forensic Science.",
         {("Ministry of Public Security", "Agency"), ("Institute of Forensic Science", "Agency")}),
        # lower-case heads after a name
        ("Members of the Jalisco cartel were arrested.", {("Jalisco cartel", "Organization")}),
        # an acronym defined in parentheses
        ("The Northern Border Drug Control Agency (NBDCA) said seizures rose. The NBDCA declined to say more.",
         {("Northern Border Drug Control Agency", "Agency"), ("NBDCA", "Agency")}),
        # a place's body: a place and a head word ("Foreign Ministry" alone names no body)
        ("Officers of the Dubai Police arrested two men.", {("Dubai Police", "Agency")}),
        ("The Punjab Police seized heroin near Amritsar.", {("Punjab Police", "Agency"), ("Amritsar", "Place")}),
        # … also when a word of a law's name stands inside it ("Law" is no head here)
        ("The National Drug Law Enforcement Agency (NDLEA) seized tramadol. NDLEA officers arrested two men.",
         {("National Drug Law Enforcement Agency", "Agency"), ("NDLEA", "Agency")}),
    ],
)
def test_entities_find_bodies_from_head_words(extractor, sentence, expected):
    assert expected <= mentions(extract(extractor, sentence))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("An agent checks cars in San Ysidro, Calif., every day.", {("San Ysidro", "Place")}),
        ("Fentanyl seizures rose in Guangdong Province last year.", {("Guangdong Province", "Place")}),
        ("Labs found para-fluorofentanyl and isotonitazene in the samples.",
         {("para-fluorofentanyl", "Substance"), ("isotonitazene", "Substance")}),
        ("Chinese companies sell precursor chemicals online.", {("Chinese", "Country"), ("precursor chemicals", "Substance")}),
        ("The U.S.-China talks resumed.", {("U.S.", "Country"), ("China", "Country")}),
    ],
)
def test_entities_find_places_substances_and_countries(extractor, sentence, expected):
    assert expected <= mentions(extract(extractor, sentence))


@pytest.mark.parametrize(
    "sentence, text, type_",
    [
        ("Beijing said it opposed the move.", "Beijing", "Country"),
        ("The talks were held at a hotel in Beijing.", "Beijing", "Place"),
        ("Beijing’s reluctance to engage alarmed its neighbours.", "Beijing", "Country"),
        ("He spoke at the State Department in Washington on Friday.", "Washington", "Place"),
    ],
)
def test_entities_read_capitals_as_government_or_city_by_context(extractor, sentence, text, type_):
    assert (text, type_) in mentions(extract(extractor, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Reportedly Global Efforts grew stronger over the summer.",
        "Sources familiar with the matter said nothing.",
        "Nonetheless Anything Could Happen, the pundits wrote.",
        "The Foreign Ministry said the talks went well.",
    ],
)
def test_entities_never_guess_a_type_without_a_cue(extractor, sentence):
    assert not [m for m in extract(extractor, sentence).mentions if m.type in {"Person", "Organization", "Agency"}]


def test_entities_in_headline_style_lines_come_from_lexicons_only(extractor):
    found = extract(extractor, "The article body.", title="US State Department Says No Reply From Beijing About Plan")
    types = {(m.text, m.type) for m in found.mentions if m.section == "title"}
    assert ("Beijing", "Country") in types
    assert not [t for t in types if t[1] in {"Person", "Organization"}]


def test_entities_captions_and_bylines_give_people_marked_as_such(extractor):
    found = extract(extractor, parts=[
        ("body", "The agency released the figures."),
        ("caption", "An agent checks a car in San Ysidro, Calif. (Alexander Drago/Pool/AFP via Getty Images)"),
        ("byline", "Kathleen Li and Angela Bright contributed to this report."),
    ])
    people = {(m.text, m.section) for m in found.mentions if m.type == "Person"}
    assert {("Alexander Drago", "caption"), ("Kathleen Li", "byline"), ("Angela Bright", "byline")} <= people
    assert "Pool" not in {m.text for m in found.mentions}


def test_entities_resolve_surnames_and_honorifics_to_the_full_name(extractor):
    found = extract(extractor, "Secretary of State Antony Blinken arrived on Monday.",
                    "Mr. Blinken met officials. Blinken said progress was slow.")
    people = [e for e in found.entities.values() if e.type == "Person"]
    assert [p.label for p in people] == ["Antony Blinken"]
    assert {"Antony Blinken", "Blinken"} <= people[0].names
    assert len([m for m in found.mentions if m.entity == people[0].key]) == 3


@pytest.mark.parametrize("full, later", [
    ("Bashar al-Assad", "Assad"),
    ("Ahmed al-Sharaa", "al-Sharaa"),
    ("Frank A. Tarentino III", "Tarentino"),
    ("Ferdinand Marcos Jr.", "Marcos"),
])
def test_entities_resolve_a_surname_without_its_particle_or_suffix(extractor, full, later):
    found = extract(extractor, f"President {full} arrived on Monday.", f"Later {later} said the labs would close.")
    people = [e for e in found.entities.values() if e.type == "Person"]
    assert [p.label for p in people] == [full]
    assert len([m for m in found.mentions if m.entity == people[0].key]) == 2


def test_entities_resolve_a_misspelt_given_name_to_one_person(extractor):
    found = extract(extractor, "U.S. Secretary of State Anthony Blinken said the plan was ready.",
                    "U.S. Secretary of State Antony Blinken at the State Department.")
    people = [e for e in found.entities.values() if e.type == "Person"]
    assert len(people) == 1 and {"Anthony Blinken", "Antony Blinken"} <= people[0].names


def test_entities_resolve_a_family_name_written_first(extractor):
    found = extract(extractor, "Chinese President Xi Jinping arrived.", "Xi again agreed to launch a crackdown.")
    xi = [m for m in found.mentions if m.type == "Person"]
    assert {m.text for m in xi} == {"Xi Jinping", "Xi"} and len({m.entity for m in xi}) == 1


def test_entities_resolve_an_acronym_and_its_long_form(extractor):
    found = extract(extractor, "The Northern Border Drug Control Agency (NBDCA) said seizures rose.",
                    "The NBDCA declined to say more.")
    agencies = [e for e in found.entities.values() if e.type == "Agency"]
    assert len(agencies) == 1 and {"Northern Border Drug Control Agency", "NBDCA"} <= agencies[0].names


def test_entities_lexicon_names_resolve_to_one_entity_with_wikidata(extractor):
    found = extract(extractor, "The United States and the U.S. Congress; America first; the US said.")
    us = {m.entity for m in found.mentions if m.type == "Country"}
    assert us == {"country/us"}
    assert found.entities["country/us"].wikidata == "Q30"


@pytest.mark.parametrize("sentence", [
    "The NDLEA Chairman, Brig. Gen. Musa Abdullahi Garba, commended the officers.",
    "Det. Supt. Ann Lee, Lt. Col. Omar Haddad and Capt. Luis Ruiz met the press.",
    "Sgt. Maj. Tomas Berg and Cmdr. Sarah Holt of the Coast Guard boarded the vessel.",
])
def test_entities_an_abbreviated_title_ends_no_sentence(sentence):
    from kg.extract.text import analyze

    article = Article.from_parts(title="Report", body=[sentence], source="t.txt")
    assert [s.text for s in analyze(article).sentences] == ["Report", sentence]


@pytest.mark.parametrize("web_furniture", ["Connect with us", "Continue Reading", "Leave a Reply", "Source link"])
def test_entities_furniture_words_are_not_entities(extractor, web_furniture):
    assert not extract(extractor, f"{web_furniture}.").mentions


def test_entities_mention_offsets_are_the_articles_own_characters(extractor, seeds):
    from kg.ingest import read_paths

    for article in read_paths([seeds]).articles:
        for m in extractor.extract(article).mentions:
            assert article.text[m.start : m.end] == m.text
            assert m.entity


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_entities_arbitrary_text_never_crashes_and_spans_stay_inside(extractor, text):
    article = Article.from_parts(title="T", body=[text], source="x")
    found = extractor.extract(article)
    for m in found.mentions:
        assert 0 <= m.start < m.end <= len(article.text)
        assert article.text[m.start : m.end] == m.text
        assert m.entity in found.entities


@pytest.fixture(scope="module")
def trained_pipeline(tmp_path_factory):
    """A spaCy pipeline on disk whose NER knows one person no rule would find: what a user's
    installed, trained model would add."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Zorblat Quux"}])
    path = tmp_path_factory.mktemp("pipeline") / "ner"
    nlp.to_disk(path)
    return path


def test_entities_model_ner_adds_names_the_rules_miss(trained_pipeline):
    body = ["The shipment was traced by zorblat analysts, and Zorblat Quux signed the papers."]
    without = extract(EntityExtractor(), *body)
    with_model = extract(EntityExtractor(model=str(trained_pipeline)), *body)
    assert ("Zorblat Quux", "Person") not in mentions(without)
    assert ("Zorblat Quux", "Person") in mentions(with_model)


def test_entities_model_changes_the_extractor_version(trained_pipeline):
    assert EntityExtractor(model=str(trained_pipeline)).version != EntityExtractor().version


@pytest.mark.parametrize("args", [["--model", "no_such_pipeline_xyz"]])
def test_entities_cli_unknown_model_is_a_clear_error(runner, tmp_path, monkeypatch, args):
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Title\n\nChina scheduled fentanyl.", encoding="utf-8")
    result = runner.invoke(main, ["build", "a.txt", *args])
    assert result.exit_code == 2
    assert "no spaCy pipeline named 'no_such_pipeline_xyz'" in result.output and "Traceback" not in result.output


def test_entities_cli_model_is_used_by_build(runner, tmp_path, monkeypatch, trained_pipeline):
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Title\n\nZorblat Quux met officials in Mexico.", encoding="utf-8")
    result = runner.invoke(main, ["build", "a.txt", "--store", "memory", "--model", str(trained_pipeline), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["entities"].get("Person") == 1 and any("+" in e for e in report["extractors"])
