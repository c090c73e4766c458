"""``kg eval`` as a user types it: the table, --json, --explain, errors; and a hand-checked example."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest

from evalkit import graph_from_gold, write_gold, write_turtle
from kg.cli import main
from kg.eval import gold_article_paths, load_gold
from kg.errors import InputError

HAND_GOLD = {
    "format": "kg-gold/1",
    "articles": [{"id": "A", "file": "a.txt"}],
    "entities": [
        {"id": "china", "types": ["Country"], "names": ["China"]},
        {"id": "us", "types": ["Country"], "names": ["United States", "U.S."]},
        {"id": "fent", "types": ["Substance"], "names": ["fentanyl"]},
        {"id": "blinken", "types": ["Person"], "names": ["Antony Blinken"]},
        {"id": "cbs", "types": ["Organization"], "names": ["CBS News"], "required": False},
    ],
    "relations": [
        {"type": "SupplyFlow", "subject": ["china"], "object": ["us"], "substance": ["fent"]},
        {"type": "Sanction", "subject": ["us"], "object": ["china"], "status": "imposed"},
        {"type": "Cooperation", "subject": ["us"], "object": ["china"]},
    ],
    "not_entities": ["Leave a Reply"],
}
HAND_ENTITIES = [
    ("n1", "Country", ["China"]),
    ("n2", "Country", ["US"]),
    ("n3", "Country", ["the United States"]),
    ("n4", "Substance", ["Fentanyl"]),
    ("n5", "Organization", ["CBS News"]),
    ("n6", "Person", ["Leave a Reply"]),
    ("n7", "Organization", ["Antony Blinken"]),
]
HAND_RELATIONS = [
    ("k1", "SupplyFlow", {"subject": "n1", "object": "n2", "substance": "n4"}),
    ("k1bis", "SupplyFlow", {"subject": "n1", "object": "n2", "substance": "n4"}),
    ("k2", "SupplyFlow", {"subject": "n1", "object": "n3", "substance": "n4"}),
    ("k3", "Sanction", {"subject": "n2", "object": "n1", "status": "lifted"}),
    ("k4", "Cooperation", {"subject": "n1", "object": "n2"}),
    ("k5", "Pledge", {"subject": "n1"}),
]


@pytest.fixture
def hand(tmp_path):
    return (write_gold(tmp_path / "gold.json", HAND_GOLD),
            write_turtle(tmp_path / "graph.ttl", HAND_ENTITIES, HAND_RELATIONS))


def test_eval_hand_checked_example(runner, hand):
    """Worked by hand.

    Entities (7 in the graph): n1 China right; n2 "US" → "us" right (U.S.); n3 "the United
    States" matches us too → duplicate, wrong; n4 "Fentanyl" right; n5 CBS News right (optional
    gold entities count for precision); n6 "Leave a Reply" is page furniture, wrong; n7 "Antony
    Blinken" typed Organization, wrong type. P = 4/7. Required gold: china, us, fent found,
    blinken not: R = 3/4. F1 = 2·(4/7)(3/4) / (4/7 + 3/4) = (6/7) / (37/28) = 24/37.

    Relations: k1 and k1bis are one key (5 distinct keys). k1 right (r0); k2 right too (n3 is a
    duplicate but stands for us); k3 wrong (status lifted, gold imposed); k4 right (Cooperation
    is symmetric); k5 wrong (no gold Pledge). P = 3/5. Required gold: r0, r2 found, r1 missed:
    R = 2/3. F1 = 2·(3/5)(2/3) / (3/5 + 2/3) = (4/5) / (19/15) = 12/19.
    Core relations (SupplyFlow, Sanction, Pledge): keys k1, k2, k3, k5, right k1, k2: P = 2/4;
    required r0, r1, found r0: R = 1/2; F1 = 1/2.
    """
    gold, graph = hand
    result = runner.invoke(main, ["eval", str(gold), "--graph", str(graph), "--json"])
    assert result.exit_code == 0, result.output
    scores = {s["name"]: s for s in json.loads(result.output)["scores"]}
    expected = {
        "entities": (Fraction(4, 7), Fraction(3, 4), Fraction(24, 37)),
        "all relations": (Fraction(3, 5), Fraction(2, 3), Fraction(12, 19)),
        "core relations": (Fraction(1, 2), Fraction(1, 2), Fraction(1, 2)),
        "Sanction": (0, 0, 0),
        "Cooperation": (1, 1, 1),
    }
    for line, (p, r, f) in expected.items():
        s = scores[line]
        assert (s["precision"], s["recall"], s["f1"]) == pytest.approx((float(p), float(r), float(f))), line
    assert (scores["Pledge"]["precision"], scores["Pledge"]["recall"], scores["Pledge"]["f1"]) == (0, None, 0)
    assert [(s["right"], s["graph"], s["found"], s["required"]) for s in map(scores.get, ["entities", "all relations"])] \
        == [(4, 7, 3, 4), (3, 5, 2, 3)]


def test_eval_table_shows_each_line(runner, hand):
    gold, graph = hand
    result = runner.invoke(main, ["eval", str(gold), "--graph", str(graph)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert re.fullmatch(r"entities\s+0\.571\s+0\.750\s+0\.649\s+4/7\s+3/4", lines[4])
    assert re.fullmatch(r"core relations\s+0\.500\s+0\.500\s+0\.500\s+2/4\s+1/2", lines[5])
    assert re.fullmatch(r"all relations\s+0\.600\s+0\.667\s+0\.632\s+3/5\s+2/3", lines[6])
    assert re.search(r"^  Pledge\s+0\.000\s+—\s+0\.000\s+0/1\s+0/0$", result.output, re.M)
    assert "wrong (" not in result.output


def test_eval_explain_lists_every_wrong_and_missed_item(runner, hand):
    gold, graph = hand
    result = runner.invoke(main, ["eval", str(gold), "--graph", str(graph), "--explain"])
    assert result.exit_code == 0
    explained = result.output.split("\nwrong (", 1)[1]
    assert explained.startswith("5):") and "\nmissed (2):" in explained
    for line in [
        "entity    Person 'Leave a Reply' — named like the not_entities string 'Leave a Reply'",
        "entity    Organization 'Antony Blinken' — gold 'blinken' has this name but is Person",
        "relation  Pledge 'China' — the gold has no Pledge",
        "relation  Sanction 'US' → 'China' status=lifted — closest gold Sanction us → china status=imposed: "
        "status lifted is not imposed",
        "entity    Person 'Antony Blinken' (blinken) — the graph has 'Antony Blinken' as Organization, not Person",
    ]:
        assert f"\n  {line}" in explained
    assert "\n  entity    Country 'the United States' — duplicate: gold 'us' is already matched by 'US' (" in explained


def test_eval_json_lists_items_and_counts(runner, hand):
    gold, graph = hand
    data = json.loads(runner.invoke(main, ["eval", str(gold), "--graph", str(graph), "--json"]).output)
    assert data["gold"] == str(gold) and data["graph"] == str(graph)
    assert len(data["wrong"]) == 5 and len(data["missed"]) == 2
    assert data["counts"]["graph relation keys"] == 5 and data["counts"]["graph relation nodes"] == 6
    assert {i["verdict"] for i in data["missed"]} == {"missed"}


def test_eval_seeds_gold_on_perfect_graph_prints_ones(runner, tmp_path, seeds):
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))
    graph = write_turtle(tmp_path / "graph.ttl", *graph_from_gold(gold))
    result = runner.invoke(main, ["eval", str(seeds / "gold.json"), "--graph", str(graph)])
    assert result.exit_code == 0
    for line in ("entities", "core relations", "all relations"):
        assert re.search(rf"^{line}\s+1\.000\s+1\.000\s+1\.000\s", result.output, re.M)


@pytest.mark.parametrize(
    "gold_text, graph_name, graph_text, message",
    [
        ('{"format": "kg-gold/2"}', "g.ttl", "", "gold.json: format: expected 'kg-gold/1', found 'kg-gold/2'"),
        ("[", "g.ttl", "", "gold.json: not JSON"),
        (None, "g.ttl", "", "gold.json: no such gold file"),
        ("GOOD", "g.ttl", "<a> <b> .", "g.ttl: not valid ttl"),
        ("GOOD", "g.json", "{}", "g.json: cannot tell the RDF format from the extension '.json'"),
        ("GOOD", "missing.ttl", None, "missing.ttl: no such graph file or store directory"),
    ],
)
def test_eval_bad_input_exits_2_with_one_line(runner, tmp_path, gold_text, graph_name, graph_text, message):
    gold = tmp_path / "gold.json"
    if gold_text is not None:
        gold.write_text(json.dumps(HAND_GOLD) if gold_text == "GOOD" else gold_text)
    if graph_text is not None:
        (tmp_path / graph_name).write_text(graph_text)
    result = runner.invoke(main, ["eval", str(gold), "--graph", str(tmp_path / graph_name)])
    assert result.exit_code == 2
    error_lines = [line for line in result.stderr.splitlines() if not line.startswith("  hint:")]
    assert len(error_lines) == 1 and error_lines[0].startswith("kg: error: ") and message in error_lines[0]
    assert "Traceback" not in result.output and result.stdout == ""


# ---------------------------------------------------------------- the no-graph path


@pytest.mark.parametrize(
    "layout, articles_arg, found_in",
    [
        ({"gold/gold.json": None, "gold/a.txt": "x"}, None, "gold"),
        ({"gold/gold.json": None, "seeds/a.txt": "x"}, None, "seeds"),
        ({"gold/gold.json": None, "gold/a.txt": "x", "elsewhere/a.txt": "y"}, "elsewhere", "elsewhere"),
    ],
)
def test_eval_gold_articles_are_found(tmp_path, layout, articles_arg, found_in):
    for rel, text in layout.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            write_gold(tmp_path / rel, HAND_GOLD)
        else:
            (tmp_path / rel).write_text(text)
    gold = load_gold(tmp_path / "gold/gold.json")
    paths = gold_article_paths(gold, tmp_path / articles_arg if articles_arg else None)
    assert paths == [tmp_path / found_in / "a.txt"]


def test_eval_gold_articles_missing_is_an_input_error(tmp_path):
    gold = load_gold(write_gold(tmp_path / "gold.json", HAND_GOLD))
    with pytest.raises(InputError, match=r"the gold's article file\(s\) a.txt are not in"):
        gold_article_paths(gold)


def test_eval_without_graph_builds_the_seeds(runner, seeds):
    """Needs ``kg.build`` and ``kg.store.open_store`` (from the build and store issues)."""
    pytest.importorskip("kg.build")
    result = runner.invoke(main, ["eval", str(seeds / "gold.json"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["graph"] == "the gold's 2 article file(s), built in memory"
    assert data["counts"]["graph triples read"] > 0
