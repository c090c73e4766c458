"""The scorer applies each rule of FORMAT.md to real graph files written by the test."""

from __future__ import annotations

import json

import pytest

from evalkit import ID, KG, graph_from_gold, triples, write_gold, write_turtle
from kg.eval import evaluate
from kg.vocab import CORE_RELATIONS

GOLD = {
    "format": "kg-gold/1",
    "articles": [{"id": "A", "file": "a.txt"}],
    "entities": [
        {"id": "blinken", "types": ["Person"], "names": ["Antony Blinken", "Blinken"]},
        {"id": "china", "types": ["Country"], "names": ["China", "PRC"]},
        {"id": "us", "types": ["Country"], "names": ["United States", "U.S."]},
        {"id": "commerce", "types": ["Agency"], "names": ["Commerce Department"]},
        {"id": "ifs", "types": ["Agency"], "names": ["Institute of Forensic Science"]},
        {"id": "fentanyl", "types": ["Substance"], "names": ["fentanyl"]},
        {"id": "coalition", "types": ["Agency", "Organization"], "names": ["Global Coalition"], "required": False},
    ],
    "relations": [
        {"type": "SupplyFlow", "subject": ["china"], "object": ["us"], "substance": ["fentanyl"]},
        {"type": "Sanction", "subject": ["commerce", "us"], "object": ["ifs"], "status": "imposed"},
        {"type": "Cooperation", "subject": ["us"], "object": ["china"]},
        {"type": "Affiliation", "subject": ["blinken"], "object": ["us"], "role": "Secretary of State"},
        {"type": "Membership", "subject": ["us"], "object": ["coalition"], "required": False},
    ],
    "not_entities": ["Leave a Reply"],
}

ENTITIES = [
    ("blinken", "Person", ["Antony Blinken"]),
    ("china", "Country", ["China"]),
    ("us", "Country", ["United States"]),
    ("commerce", "Agency", ["Commerce Department"]),
    ("ifs", "Agency", ["Institute of Forensic Science"]),
    ("fentanyl", "Substance", ["fentanyl"]),
]
RELATIONS = [
    ("r0", "SupplyFlow", {"subject": "china", "object": "us", "substance": "fentanyl"}),
    ("r1", "Sanction", {"subject": "commerce", "object": "ifs", "status": "imposed"}),
    ("r2", "Cooperation", {"subject": "us", "object": "china"}),
    ("r3", "Affiliation", {"subject": "blinken", "object": "us"}),
]


def run(tmp_path, entities=ENTITIES, relations=RELATIONS, gold=GOLD, **namespaces):
    gold_path = write_gold(tmp_path / "gold.json", gold)
    graph = write_turtle(tmp_path / "graph.ttl", entities, relations, **namespaces)
    return evaluate(gold_path, graph=graph)


def counts(report, line):
    s = report[line]
    return s.right, s.graph, s.found, s.required


def reasons(report, verdict):
    return [(i.kind, i.reason) for i in getattr(report, verdict)]


def replace(rows, node, new):
    return [new if r[0] == node else r for r in rows]


# ---------------------------------------------------------------- the perfect graph


@pytest.mark.parametrize("optional", [True, False])
def test_score_graph_equal_to_seeds_gold_is_perfect(tmp_path, seeds, optional):
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))
    entities, relations = graph_from_gold(gold)
    if not optional:  # leave out the optional relations: recall stays 1.0
        relations = [r for r, g in zip(relations, gold["relations"]) if g["required"]]
    graph = write_turtle(tmp_path / "graph.ttl", entities, relations)
    report = evaluate(seeds / "gold.json", graph=graph)
    assert report.wrong == [] and report.missed == []
    for s in report.scores:
        for value in (s.precision, s.recall, s.f1):
            assert value in (1.0, None), s
    for line in ("entities", "core relations", "all relations"):
        assert (report[line].precision, report[line].recall, report[line].f1) == (1.0, 1.0, 1.0)
    assert report["entities"].graph == len(gold["entities"])
    assert report["all relations"].required == sum(r["required"] for r in gold["relations"])


def test_score_small_graph_equal_to_gold_is_perfect(tmp_path):
    report = run(tmp_path)
    assert counts(report, "entities") == (6, 6, 6, 6)
    assert counts(report, "all relations") == (4, 4, 4, 4)
    assert counts(report, "core relations") == (2, 2, 2, 2)
    assert report.wrong == report.missed == []


# ---------------------------------------------------------------- entities


def test_score_duplicate_entity_counts_wrong(tmp_path):
    report = run(tmp_path, ENTITIES + [("blinken2", "Person", ["Blinken"])])
    assert counts(report, "entities") == (6, 7, 6, 6)
    assert counts(report, "Person") == (1, 2, 1, 1)
    [item] = report.wrong
    assert (item.ref, item.reason) == (ID + "blinken2", f"duplicate: gold 'blinken' is already matched by 'Antony Blinken' ({ID}blinken)")


def test_score_duplicate_is_the_later_node(tmp_path):
    report = run(tmp_path, ENTITIES + [("aaa", "Country", ["PRC"])])
    assert [(i.ref, i.reason) for i in report.wrong] == [
        (ID + "china", f"duplicate: gold 'china' is already matched by 'PRC' ({ID}aaa)")]


@pytest.mark.parametrize(
    "nodes, right",
    [
        # "a" matches china and us; "b" only china: a moves over to us, both are right
        ([("a", "Country", ["China", "United States"]), ("b", "Country", ["PRC"])], 6),
        # …and a third node for us has nothing left: a duplicate
        ([("a", "Country", ["China", "United States"]), ("b", "Country", ["PRC"]), ("c", "Country", ["U.S."])], 6),
        ([("a", "Country", ["China", "United States"])], 5),
    ],
)
def test_score_entity_matching_two_gold_entities_counts_once(tmp_path, nodes, right):
    """Right entities are a maximum matching between graph nodes and gold entities."""
    others = [e for e in ENTITIES if e[0] not in ("china", "us")]
    report = run(tmp_path, others + nodes, [])
    assert counts(report, "entities") == (right, len(others) + len(nodes), 6, 6)


def test_score_wrong_type_is_wrong_and_missed(tmp_path):
    report = run(tmp_path, replace(ENTITIES, "blinken", ("blinken", "Organization", ["Antony Blinken"])))
    assert counts(report, "entities") == (5, 6, 5, 6)
    assert reasons(report, "wrong")[0] == ("entity", "gold 'blinken' has this name but is Person")
    assert ("entity", "the graph has 'Antony Blinken' as Organization, not Person") in reasons(report, "missed")
    # its relation cannot match either: the node stands for no gold entity
    assert ("relation", "subject 'Antony Blinken' matches no gold entity") in reasons(report, "wrong")
    assert counts(report, "Affiliation") == (0, 1, 0, 1)


def test_score_any_gold_type_is_right(tmp_path):
    report = run(tmp_path, ENTITIES + [("gc", "Organization", ["Global Coalition"])])
    assert counts(report, "entities") == (7, 7, 6, 6)


@pytest.mark.parametrize("name", ["Leave a Reply", "leave a reply", "The Leave a Reply"])
def test_score_not_entities_string_counts_wrong(tmp_path, name):
    report = run(tmp_path, ENTITIES + [("furniture", "Organization", [name])])
    assert counts(report, "entities") == (6, 7, 6, 6)
    assert reasons(report, "wrong") == [("entity", "named like the not_entities string 'Leave a Reply'")]


def test_score_not_entities_wins_over_a_gold_name(tmp_path):
    """An entity named like page furniture is wrong even when another of its names is right."""
    report = run(tmp_path, replace(ENTITIES, "china", ("china", "Country", ["China", "Leave a Reply"])))
    assert counts(report, "entities") == (5, 6, 6, 6)


@pytest.mark.parametrize(
    "names",
    [["  china  "], ["PRC"], ["prc"], ["The China"], ["China\u2019s"], ["C.h.i.n.a."]],
)
def test_score_entity_names_match_after_normalisation(tmp_path, names):
    report = run(tmp_path, replace(ENTITIES, "china", ("china", "Country", names)))
    assert counts(report, "entities") == (6, 6, 6, 6)
    assert counts(report, "all relations") == (4, 4, 4, 4)


def test_score_unknown_entity_is_wrong(tmp_path):
    report = run(tmp_path, ENTITIES + [("pool", "Person", ["Pool"])])
    assert reasons(report, "wrong") == [("entity", "no gold entity has this name")]


def test_score_optional_items_cost_nothing(tmp_path):
    with_optional = run(tmp_path, ENTITIES + [("gc", "Agency", ["Global Coalition"])],
                        RELATIONS + [("r4", "Membership", {"subject": "us", "object": "gc"})])
    assert counts(with_optional, "entities") == (7, 7, 6, 6)
    assert counts(with_optional, "all relations") == (5, 5, 4, 4)
    assert counts(with_optional, "Membership") == (1, 1, 0, 0)
    assert with_optional["Membership"].recall is None and with_optional["Membership"].f1 is None
    without = run(tmp_path)
    assert without.missed == [] and without["entities"].recall == without["all relations"].recall == 1.0


# ---------------------------------------------------------------- relations


def test_score_wrong_status_is_wrong_and_missed(tmp_path):
    report = run(tmp_path, relations=replace(RELATIONS, "r1", ("r1", "Sanction", {"subject": "commerce", "object": "ifs", "status": "lifted"})))
    assert counts(report, "core relations") == (1, 2, 1, 2)
    assert reasons(report, "wrong") == [
        ("relation", "closest gold Sanction commerce|us → ifs status=imposed: status lifted is not imposed")]
    [missed] = report.missed
    assert missed.text == "Sanction commerce|us → ifs status=imposed"
    assert missed.reason == ("closest graph relation Sanction 'Commerce Department' → 'Institute of Forensic Science' "
                             "status=lifted: status lifted is not imposed")


@pytest.mark.parametrize("status", ["imposed", "Imposed", " IMPOSED "])
def test_score_status_compares_case_insensitively(tmp_path, status):
    report = run(tmp_path, relations=replace(RELATIONS, "r1", ("r1", "Sanction", {"subject": "commerce", "object": "ifs", "status": status})))
    assert counts(report, "core relations") == (2, 2, 2, 2)


@pytest.mark.parametrize(
    "relation, right",
    [
        (("r1", "Sanction", {"subject": "commerce", "object": "ifs"}), False),  # the gold gives a status
        (("r1", "Sanction", {"subject": "us", "object": "ifs", "status": "imposed"}), True),  # any gold subject
        (("r1", "Sanction", {"subject": "commerce", "object": "china", "status": "imposed"}), False),
        (("r0", "SupplyFlow", {"subject": "china", "object": "us"}), False),  # the gold gives a substance
        (("r3", "Affiliation", {"subject": "blinken", "object": "us", "substance": "fentanyl"}), True),  # extra roles are fine
        (("r3", "Affiliation", {"subject": "blinken", "object": "us", "status": "imposed"}), True),
        (("r3", "Affiliation", {"subject": "blinken"}), False),  # the gold gives an object
    ],
)
def test_score_relation_roles(tmp_path, relation, right):
    report = run(tmp_path, relations=replace(RELATIONS, relation[0], relation))
    assert counts(report, relation[1]) == (int(right), 1, int(right), 1)


@pytest.mark.parametrize(
    "relation, right",
    [
        (("r2", "Cooperation", {"subject": "china", "object": "us"}), True),  # symmetric: either order
        (("r0", "SupplyFlow", {"subject": "us", "object": "china", "substance": "fentanyl"}), False),
        (("r3", "Affiliation", {"subject": "us", "object": "blinken"}), False),
    ],
)
def test_score_reversed_relation_right_only_when_symmetric(tmp_path, relation, right):
    report = run(tmp_path, relations=replace(RELATIONS, relation[0], relation))
    assert counts(report, relation[1]) == (int(right), 1, int(right), 1)


def test_score_relation_keys_are_distinct(tmp_path):
    """Two nodes stating the same fact are one key; a node with two objects is two keys."""
    relations = RELATIONS + [
        ("r0bis", "SupplyFlow", {"subject": "china", "object": "us", "substance": "fentanyl"}),
        ("r1bis", "Sanction", {"subject": "commerce", "object": ["ifs", "china"], "status": "imposed"}),
    ]
    report = run(tmp_path, relations=relations)
    assert counts(report, "SupplyFlow") == (1, 1, 1, 1)
    assert counts(report, "Sanction") == (1, 2, 1, 1)
    assert [i.text for i in report.wrong] == ["Sanction 'Commerce Department' → 'China' status=imposed"]


def test_score_duplicate_entities_relations_still_match(tmp_path):
    report = run(tmp_path, ENTITIES + [("china2", "Country", ["PRC"])],
                 RELATIONS + [("r0bis", "SupplyFlow", {"subject": "china2", "object": "us", "substance": "fentanyl"})])
    assert counts(report, "entities") == (6, 7, 6, 6)
    assert counts(report, "SupplyFlow") == (2, 2, 1, 1)


@pytest.mark.parametrize(
    "relation, reason",
    [
        (("x", "Seizure", {"subject": "china", "substance": "fentanyl"}), "the gold has no Seizure"),
        (("x", "Sanction", {"subject": "nowhere", "object": "ifs"}), f"subject {ID}nowhere is not an entity of the graph"),
        (("x", "Sanction", {"subject": "blinken", "object": "ifs", "status": "imposed"}),
         "closest gold Sanction commerce|us → ifs status=imposed: subject 'Antony Blinken' is not commerce|us"),
    ],
)
def test_score_wrong_relation_says_why(tmp_path, relation, reason):
    report = run(tmp_path, relations=RELATIONS + [relation])
    assert reasons(report, "wrong") == [("relation", reason)]


def test_score_relation_without_subject_is_left_out_and_reported(tmp_path):
    report = run(tmp_path, relations=RELATIONS + [("x", "Sanction", {"object": "ifs"})])
    assert counts(report, "Sanction") == (1, 1, 1, 1)
    assert report.without_subject == [ID + "x"]


def test_score_missed_relation_names_the_missing_entity(tmp_path):
    report = run(tmp_path, [e for e in ENTITIES if e[0] != "ifs"], [r for r in RELATIONS if r[0] != "r1"])
    assert reasons(report, "missed") == [
        ("entity", "no graph entity has any of its names"),
        ("relation", "no graph entity matches the object ifs"),
    ]


# ---------------------------------------------------------------- reading graphs


def test_score_terms_match_by_local_name_in_any_namespace(tmp_path):
    report = run(tmp_path, classes="https://schema.org/", props="http://example.org/vocab/", ids="urn:x:")
    assert counts(report, "entities") == (6, 6, 6, 6)
    assert counts(report, "all relations") == (4, 4, 4, 4)


def test_score_names_come_from_label_preflabel_altlabel(tmp_path):
    rows = [
        f"<{ID}cn> a <{KG}Country> ; <http://www.w3.org/2004/02/skos/core#prefLabel> \"PRC\"@en .",
        f"<{ID}us> a <{KG}Country> ; <http://www.w3.org/2004/02/skos/core#altLabel> \"U.S.\" .",
        f"<{ID}ff> a <{KG}Substance> ; <http://example.org/name> \"fentanyl\" .",  # not a name property
    ]
    gold_path = write_gold(tmp_path / "gold.json", GOLD)
    (tmp_path / "g.ttl").write_text("\n".join(rows), encoding="utf-8")
    report = evaluate(gold_path, graph=tmp_path / "g.ttl")
    assert counts(report, "entities") == (2, 3, 2, 6)
    assert reasons(report, "wrong") == [("entity", "has no name (rdfs:label, skos:prefLabel or skos:altLabel)")]


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_score_named_graphs_are_merged(tmp_path, suffix):
    """Each triple in its own named graph: the scorer still sees one graph."""
    rows = triples(ENTITIES, RELATIONS)
    if suffix == ".nq":
        text = "".join(f"{s} {p} {o} <urn:g:{i % 3}> .\n" for i, (s, p, o) in enumerate(rows))
    else:
        text = "".join(f"<urn:g:{i % 3}> {{ {s} {p} {o} . }}\n" for i, (s, p, o) in enumerate(rows))
    (tmp_path / f"g{suffix}").write_text(text, encoding="utf-8")
    report = evaluate(write_gold(tmp_path / "gold.json", GOLD), graph=tmp_path / f"g{suffix}")
    assert counts(report, "entities") == (6, 6, 6, 6)
    assert counts(report, "all relations") == (4, 4, 4, 4)


def test_score_blank_node_relations_are_read(tmp_path):
    text = "\n".join(f"{s} {p} {o} ." for s, p, o in triples(ENTITIES, [])) + f"""
    [] a <{KG}Cooperation> ; <{KG}subject> <{ID}china> ; <{KG}object> <{ID}us> .
    """
    (tmp_path / "g.ttl").write_text(text, encoding="utf-8")
    report = evaluate(write_gold(tmp_path / "gold.json", GOLD), graph=tmp_path / "g.ttl")
    assert counts(report, "Cooperation") == (1, 1, 1, 1)


def test_score_core_relations_are_the_vocabulary_core():
    assert CORE_RELATIONS == {"SupplyFlow", "Sanction", "Pledge"}
