"""docs/gold-format.md stays true: its gold example loads, its report example is real output."""

from __future__ import annotations

import json
import re
from pathlib import Path

from test_eval_cli import HAND_ENTITIES, HAND_GOLD, HAND_RELATIONS

from evalkit import write_gold, write_turtle
from kg.cli import main
from kg.eval.gold import parse_gold

DOC = (Path(__file__).resolve().parent.parent / "docs" / "gold-format.md").read_text(encoding="utf-8")


def test_docs_gold_example_is_valid_kg_gold():
    example = re.search(r"```json\n(.*?)```", DOC, re.S).group(1)
    gold = parse_gold(json.loads(example), path="docs/gold-format.md")
    assert [r.type for r in gold.relations] == ["Sanction", "SupplyFlow", "PartOf"]


def test_docs_report_example_is_real_output(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_gold(tmp_path / "gold.json", HAND_GOLD)
    write_turtle(tmp_path / "graph.ttl", HAND_ENTITIES, HAND_RELATIONS)
    shown = re.search(r"\$ kg eval gold.json --graph graph.ttl --explain\n(.*?)```", DOC, re.S).group(1)
    result = runner.invoke(main, ["eval", "gold.json", "--graph", "graph.ttl", "--explain"])
    assert result.output == shown
