"""The relation extractor: sentences of the field → the relations they state (and those they don't).

Relations are compared as (type, subject label, object label, substance label, status), with
entity labels as the graph records them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import run
from kg.extract.entities import EntityExtractor
from kg.extract.relations import RelationExtractor
from kg.model import Article


@pytest.fixture(scope="module")
def extractors():
    return [EntityExtractor(), RelationExtractor()]


def relations(extractors, *body: str, title: str = "Report"):
    found = run(Article.from_parts(title=title, body=body, source="test.txt"), extractors)
    label = {k: e.label for k, e in found.entities.items()}
    return {
        (r.type, label[r.subject], label.get(r.object), label.get(r.substance), r.status)
        for r in found.relations
    }, found


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Sanction: imposed, coordination, passive, relative clause, lifted, threatened
        ("The United States imposed sanctions on Iran, Syria and North Korea.",
         {("Sanction", "United States", "Iran", None, "imposed"),
          ("Sanction", "United States", "Syria", None, "imposed"),
          ("Sanction", "United States", "North Korea", None, "imposed")}),
        ("China's Ministry of Public Security was sanctioned by the United States in 2020.",
         {("Sanction", "United States", "Ministry of Public Security", None, "imposed")}),
        ("The U.S. lifted sanctions on the Institute of Forensic Science, which the Commerce Department "
         "added to the Entity List in 2020.",
         {("Sanction", "United States", "Institute of Forensic Science", None, "lifted"),
          ("Sanction", "Commerce Department", "Institute of Forensic Science", None, "imposed")}),
        ("Washington eased sanctions on Venezuela last week.",
         {("Sanction", "United States", "Venezuela", None, "lifted")}),
        ("President Trump threatened to impose tariffs on Mexico and Canada.",
         {("Sanction", "Trump", "Mexico", None, "threatened"), ("Sanction", "Trump", "Canada", None, "threatened")}),
        ("China's Commerce Ministry placed Skydio Inc. on its unreliable entity list.",
         {("Sanction", "Ministry of Commerce of the People's Republic of China", "Skydio Inc.", None, "imposed")}),
        ("The United States said it would impose a 25% tariff on Canada.",
         {("Sanction", "United States", "Canada", None, "threatened")}),
        ("The European Union, which lifted most of its economic sanctions on Syria in May, is watching.",
         {("Sanction", "European Union", "Syria", None, "lifted")}),
        ("Canada said it would drop most of its retaliatory tariffs on the United States.",
         {("Sanction", "Canada", "United States", None, "lifted")}),
        ("The Treasury Department froze the assets of the Sinaloa Cartel.",
         {("Sanction", "Treasury Department", "Sinaloa Cartel", None, "imposed")}),
        # Pledge
        ("China pledged to curb exports of fentanyl precursors.",
         {("Pledge", "China", None, "precursor chemicals", None)}),
        ("In 2016, China agreed to increase counter-narcotics operations.", {("Pledge", "China", None, None, None)}),
        # SupplyFlow
        ("Manufactured fentanyl had been coming to the United States from China.",
         {("SupplyFlow", "China", "United States", "fentanyl", None)}),
        ("Shipments of precursors from India reached Mexican ports.",
         {("SupplyFlow", "India", "Mexico", "precursor chemicals", None)}),
        ("Fentanyl is smuggled across the northern border from Canada into the United States.",
         {("SupplyFlow", "Canada", "United States", "fentanyl", None)}),
        ("Mexican cartels smuggle fentanyl into the United States.",
         {("SupplyFlow", "Mexico", "United States", "fentanyl", None)}),
        ("Afghanistan has been the source of most of the heroin sold in Europe.",
         {("SupplyFlow", "Afghanistan", "Europe", "heroin", None)}),
        ("Colombian cocaine reaches Spain through the port of Algeciras.",
         {("SupplyFlow", "Colombia", "Spain", "cocaine", None)}),
        ("Police seized 116 tonnes of cocaine in Belgium, most of it arriving from Ecuador.",
         {("SupplyFlow", "Ecuador", "Belgium", "cocaine", None)}),
        ("The heroin was loaded onto trucks in Pakistan for shipment to Iran.",
         {("SupplyFlow", "Pakistan", "Iran", "heroin", None)}),
        # Cooperation and Meeting (symmetric), Membership, Seizure, Control, Charge
        ("Mexico and Canada can and must work together.", {("Cooperation", "Canada", "Mexico", None, None)}),
        ("Mexican authorities seized 500 kilograms of methamphetamine.",
         {("Seizure", "Mexico", None, "methamphetamine", None)}),
        ("China scheduled all fentanyl-related substances in 2019.", {("Control", "China", None, "fentanyl", None)}),
        ("The Justice Department charged three executives – Wang Wei, Li Qiang and Chen Jie.",
         {("Charge", "Justice Department", "Wang Wei", None, None), ("Charge", "Justice Department", "Li Qiang", None, None),
          ("Charge", "Justice Department", "Chen Jie", None, None)}),
    ],
)
def test_relations_sentence_states_relations(extractors, sentence, expected):
    found, _ = relations(extractors, sentence)
    assert expected <= found


@pytest.mark.parametrize(
    "sentence, relation_type",
    [
        ("China has not responded to an invitation to be part of the Global Coalition to Address Synthetic Drug Threats.",
         "Membership"),
        ("Will China lift sanctions on the United States?", "Sanction"),
        ("If Mexico agrees to curb fentanyl, the United States could lift tariffs on Mexico.", "Sanction"),
        ("Beijing's reluctance to engage in talks with Washington alarmed its neighbours.", "Meeting"),
        ("Mexico refused to join the coalition.", "Membership"),
    ],
)
def test_relations_negation_irrealis_and_questions_state_nothing(extractors, sentence, relation_type):
    found, _ = relations(extractors, sentence)
    assert not [r for r in found if r[0] == relation_type]


def test_relations_a_country_describing_the_target_is_not_the_target(extractors):
    found, _ = relations(extractors, "Canada imposed sanctions on four China-based chemical companies.")
    assert not any(r[0] == "Sanction" and r[2] == "China" for r in found)


def test_relations_who_carries_drugs_is_not_where_they_come_from(extractors):
    found, _ = relations(extractors, "Most of the fentanyl is smuggled through ports of entry in cars, "
                                     "often driven by U.S. citizens.")
    assert not any(r[0] == "SupplyFlow" and r[1] == "United States" for r in found)


def test_relations_sanction_threat_is_threatened_not_imposed(extractors):
    found, _ = relations(extractors, "The United States threatened to impose sanctions on Venezuela.")
    assert ("Sanction", "United States", "Venezuela", None, "threatened") in found
    assert ("Sanction", "United States", "Venezuela", None, "imposed") not in found


def test_relations_quotes_count_for_the_speakers_side(extractors):
    found, _ = relations(
        extractors,
        "Murat Nurtleu, Minister of Foreign Affairs for Kazakhstan, spoke at the meeting.",
        "“Our successful partnership with the United States plays a crucial role,” Mr. Nurtleu said.",
    )
    assert ("Cooperation", "Kazakhstan", "United States", None, None) in found


def test_relations_affiliations_come_from_titles_and_appositions(extractors):
    found, _ = relations(
        extractors,
        "Chinese President Xi Jinping arrived in San Francisco.",
        "Murat Nurtleu, Minister of Foreign Affairs for Kazakhstan, spoke.",
        "CBS News Chief Foreign Affairs Correspondent Margaret Brennan asked.",
    )
    assert {
        ("Affiliation", "Xi Jinping", "China", None, None),
        ("Affiliation", "Murat Nurtleu", "Kazakhstan", None, None),
        ("Affiliation", "Margaret Brennan", "CBS News", None, None),
    } <= found


@pytest.mark.parametrize("sentence, expected", [
    ("Hours later Canada's prime minister, Justin Trudeau, said a czar would be appointed.",
     ("Affiliation", "Justin Trudeau", "Canada", None, None)),
    ("Professor Owen Bowden-Jones, who chairs the ACMD, said the drugs were dangerous.",
     ("Affiliation", "Owen Bowden-Jones", "Advisory Council on the Misuse of Drugs", None, None)),
    ("Lina Sarkis, who studies the Captagon economy at the Levant Policy Centre in Beirut, disagreed.",
     ("Affiliation", "Lina Sarkis", "Levant Policy Centre", None, None)),
    # titles and honorifics between the comma and the name
    ("The DEA's Director-General, Prof. Ngozi Ekwueme, said the pills were fake.",
     ("Affiliation", "Ngozi Ekwueme", "Drug Enforcement Administration", None, None)),
    ("The DEA Chairman, Brig. Gen. Musa Abdullahi Garba, praised the officers.",
     ("Affiliation", "Musa Abdullahi Garba", "Drug Enforcement Administration", None, None)),
    # a country's government or embassy employs; a government title just after the country
    ("Juan Perez, a senior official in the Mexican government, said the talks went well.",
     ("Affiliation", "Juan Perez", "Mexico", None, None)),
    ("Ana Ruiz, a diplomat at the US embassy in Lima, confirmed the visit.", ("Affiliation", "Ana Ruiz", "United States", None, None)),
    ("Uzbekistan's delegation was led by Deputy Interior Minister Bakhodir Tashkentov.",
     ("Affiliation", "Bakhodir Tashkentov", "Uzbekistan", None, None)),
    # an envoy of one country to another is the first's
    ("The Ambassador of Japan to Fiji, H.E. Mr. Hiroshi Tanabe, handed over the boats.",
     ("Affiliation", "Hiroshi Tanabe", "Japan", None, None)),
])
def test_relations_affiliations_from_a_possessive_role_or_a_relative_clause(extractors, sentence, expected):
    found, _ = relations(extractors, sentence)
    assert expected in found


@pytest.mark.parametrize("sentence", [
    "The talks followed a visit to Taiwan by then-House Speaker Nancy Pelosi.",
    "Lina Sarkis met the director of the Levant Policy Centre, who studies the trade.",
    # where someone is from, where the employer is, a country describing a noun, a country far off
    "Ivanovic will play 32nd seed Iveta Benesova of the Czech Republic in the first round.",
    "Brian McBride, managing director of T-Mobile in the UK, said the trend was growing.",
    "Jim Press, chief operating officer of Toyota's US sales arm, said that prices rose.",
    "The Romanian and Bulgarian visas scandal led to the resignation of immigration minister Beverley Hughes.",
])
def test_relations_a_body_near_a_title_is_not_always_the_employer(extractors, sentence):
    found, _ = relations(extractors, sentence)
    assert not {r for r in found if r[0] == "Affiliation"}


def test_relations_where_a_substance_is_made_is_its_origin_and_from_there_is_no_new_origin(extractors):
    found, _ = relations(
        extractors,
        "Crystal meth produced in Myanmar is trafficked into Laos and from there to Cambodia and Vietnam.")
    flows = {r for r in found if r[0] == "SupplyFlow"}
    assert ("SupplyFlow", "Myanmar", "Laos", "methamphetamine", None) in flows
    assert not {r for r in flows if r[1] in {"Cambodia", "Vietnam"}}


@pytest.mark.parametrize("sentence, origins, destinations", [
    ("Methamphetamine made in the Netherlands has been seized in Australia and Japan.",
     {"Netherlands"}, {"Australia", "Japan"}),
    ("Methamphetamine, produced in Iran and Afghanistan, is now entering Pakistan in growing quantities.",
     {"Iran", "Afghanistan"}, {"Pakistan"}),
])
def test_relations_a_substance_made_in_one_place_flows_to_where_it_is_seized_or_enters(
        extractors, sentence, origins, destinations):
    found, _ = relations(extractors, sentence)
    assert {("SupplyFlow", o, d, "methamphetamine", None) for o in origins for d in destinations} <= found


def test_relations_part_of_from_possessives(extractors):
    found, _ = relations(extractors, "It lifted sanctions on the Ministry of Public Security’s Institute of Forensic Science.")
    assert ("PartOf", "Institute of Forensic Science", "Ministry of Public Security", None, None) in found


def test_relations_membership_refers_back_to_the_body_named_before(extractors):
    found, _ = relations(
        extractors,
        "Eighty countries have joined the Global Coalition to Address Synthetic Drug Threats.",
        "Mexico is expected to participate.",
    )
    assert ("Membership", "Mexico", "Global Coalition to Address Synthetic Drug Threats", None, None) in found


def test_relations_headline_counts_as_a_statement(extractors):
    found, _ = relations(extractors, "The decision came on Monday.", title="Washington to lift sanctions on Venezuela")
    assert ("Sanction", "United States", "Venezuela", None, "lifted") in found


def test_relations_same_fact_twice_is_one_relation_with_two_evidences(extractors):
    _, found = relations(extractors, "China pledged to curb fentanyl.", "Later, China pledged to curb fentanyl again.")
    pledges = [r for r in found.relations if r.type == "Pledge"]
    assert len(pledges) == 1 and len(pledges[0].evidence) == 2


def test_relations_carry_evidence_confidence_and_extractor(extractors):
    article = Article.from_parts(title="T", body=["The United States imposed sanctions on Iran in 2019."], source="x")
    found = run(article, extractors)
    (sanction,) = [r for r in found.relations if r.type == "Sanction"]
    (evidence,) = sanction.evidence
    assert article.text[evidence.start : evidence.end] == evidence.text == "The United States imposed sanctions on Iran in 2019."
    assert evidence.article == article.id
    assert sanction.extractor == RelationExtractor().tag and sanction.extractor.startswith("kg.relations/12") and 0 < sanction.confidence <= 1 and sanction.date == "2019"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(
    ["China", "imposed", "sanctions", "on", "Mexico", "fentanyl", "from", "to", "the", "United States", ",", "and",
     "which", "not", "?", "“", "”", "Mr.", "Li", "said", "pledged", "joined", "(", ")", "'s", "coalition", "."]),
    max_size=40))
def test_relations_arbitrary_word_salad_never_crashes(extractors, words):
    article = Article.from_parts(title="T", body=[" ".join(words)], source="x")
    found = run(article, extractors)
    for r in found.relations:
        assert r.subject in found.entities and r.evidence
        for e in r.evidence:
            assert article.text[e.start : e.end] == e.text
