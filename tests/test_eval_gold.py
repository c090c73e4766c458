"""Loading gold files: the seeds' gold loads; every malformed file is refused with the place of the problem."""

from __future__ import annotations

import copy

import pytest

from evalkit import write_gold
from kg.errors import GoldFormatError
from kg.eval.gold import load_gold

VALID = {
    "format": "kg-gold/1",
    "articles": [{"id": "A", "file": "a.txt", "title": "China and the US"}],
    "entities": [
        {"id": "china", "types": ["Country"], "names": ["China"], "articles": ["A"], "required": True},
        {"id": "us", "types": ["Country"], "names": ["United States", "US"], "articles": ["A"]},
        {"id": "gc", "types": ["Agency", "Organization"], "names": ["Global Coalition"], "required": False},
    ],
    "relations": [
        {"type": "Sanction", "subject": ["us"], "object": ["china"], "status": "imposed", "articles": ["A"],
         "required": True, "evidence": "The US sanctioned China."},
        {"type": "Membership", "subject": ["us"], "object": ["gc"], "role": "member", "required": False},
    ],
    "not_entities": ["Leave a Reply"],
}


def test_gold_seeds_file_loads(seeds):
    gold = load_gold(seeds / "gold.json")
    assert [a.id for a in gold.articles] == ["A", "B", "C"]
    assert len(gold.entities) == 51 and len(gold.relations) == 40
    coalition = gold.entity("coalition")
    assert coalition.types == ("Agency", "Organization") and coalition.required
    assert "Akismet" in gold.not_entities
    sanction = next(r for r in gold.relations if r.type == "Sanction" and r.status == "lifted")
    assert sanction.subject == ("us", "biden_admin", "commerce") and sanction.object == ("ifs", "mps")


@pytest.mark.parametrize(
    "case, expected",
    [
        (VALID, (3, 2, True, False, ("Leave a Reply",))),
        ({k: v for k, v in VALID.items() if k != "not_entities"}, (3, 2, True, False, ())),
    ],
)
def test_gold_valid_file_loads_with_defaults(tmp_path, case, expected):
    gold = load_gold(write_gold(tmp_path / "g.json", case))
    assert (len(gold.entities), len(gold.relations), gold.entities[1].required, gold.relations[1].required,
            gold.not_entities) == expected
    assert gold.relations[1].substance == () and gold.relations[1].status is None


def test_gold_minimal_file_needs_no_articles(tmp_path):
    gold = load_gold(write_gold(tmp_path / "g.json", {"format": "kg-gold/1", "entities": [
        {"id": "x", "types": ["Substance"], "names": ["fentanyl"]}], "relations": []}))
    assert gold.articles == () and gold.entities[0].articles == () and gold.entities[0].required


def _broken(path: str, value):
    """VALID with the item at ``path`` (e.g. ``relations.0.type``) set to ``value`` (or deleted: ``...``)."""
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    target = data
    for p in parents:
        target = target[int(p)] if p.isdigit() else target[p]
    key = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return data


@pytest.mark.parametrize(
    "data, message",
    [
        (_broken("format", "kg-gold/2"), "format: expected 'kg-gold/1', found 'kg-gold/2'"),
        (_broken("format", ...), "format: expected 'kg-gold/1', found None"),
        ([], "the gold file must be a JSON object"),
        (_broken("entities", ...), "entities: missing"),
        (_broken("relations", {}), "relations: must be a list"),
        (_broken("relations.0.type", "Sanctoin"), "relations[0].type: 'Sanctoin' is not a relation type"),
        (_broken("relations.0.object", ["mexico"]), "relations[0].object: unknown entity id 'mexico'"),
        (_broken("relations.1.subject", ...), "relations[1]: missing key 'subject'"),
        (_broken("relations.0.subject", "us"), "relations[0].subject: must be a non-empty list of strings"),
        (_broken("relations.0.subject", []), "relations[0].subject: must be a non-empty list of strings"),
        (_broken("relations.0.status", "removed"), "relations[0].status: 'removed' is not a status"),
        (_broken("relations.0.required", "yes"), "relations[0].required: must be true or false"),
        (_broken("relations.0.articles", ["Z"]), "relations[0].articles: unknown article id 'Z'"),
        (_broken("relations.0.requried", False), "relations[0]: unknown key 'requried'"),
        (_broken("entities.0.types", ["Nation"]), "entities[0].types: 'Nation' is not an entity type"),
        (_broken("entities.0.names", []), "entities[0].names: must be a non-empty list of strings"),
        (_broken("entities.0.names", ["China", ""]), "entities[0].names: '' is not a non-empty string"),
        (_broken("entities.1.id", "china"), "entities: id 'china' is used twice"),
        (_broken("entities.0", "china"), "entities[0]: must be a JSON object"),
        (_broken("articles.0.file", ...), "articles[0]: missing key 'file'"),
        (_broken("not_entities", [3]), "not_entities: 3 is not a non-empty string"),
    ],
)
def test_gold_malformed_file_raises_with_place(tmp_path, data, message):
    path = write_gold(tmp_path / "g.json", data)
    with pytest.raises(GoldFormatError) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    "content, message",
    [("{not json", "not JSON: Expecting property name enclosed in double quotes at line 1 column 2"), (None, "no such gold file")],
)
def test_gold_unreadable_file_raises(tmp_path, content, message):
    path = tmp_path / "g.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path)
