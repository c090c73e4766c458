"""Gold annotations in the ``kg-gold/1`` format: load, validate, hand back plain dataclasses.

A gold file says, for a set of articles, which entities and relations a careful reader finds in
them (the format is documented in ``docs/gold-format.md``). Loading is strict: a gold file with a
typo scores a graph wrongly without anyone noticing, so every problem — a relation type not in
the list, an entity id that no entity has, a misspelt key — raises
:class:`~kg.errors.GoldFormatError` naming the file and the place of the problem.

>>> gold = parse_gold({
...     "format": "kg-gold/1",
...     "articles": [{"id": "A", "file": "a.txt", "title": "China lifts ban"}],
...     "entities": [{"id": "china", "types": ["Country"], "names": ["China", "PRC"], "articles": ["A"]}],
...     "relations": [{"type": "Control", "subject": ["china"], "articles": ["A"], "required": False}],
... })
>>> gold.entities[0].required, gold.relations[0].required, gold.relations[0].object
(True, False, ())
>>> parse_gold({"format": "kg-gold/1", "entities": [], "relations": [
...     {"type": "Sanction", "subject": ["us"]}]}, path="g.json")
Traceback (most recent call last):
...
kg.errors.GoldFormatError: g.json: relations[0].subject: unknown entity id 'us'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import GoldFormatError
from kg.vocab import ENTITY_TYPES, RELATION_TYPES

__all__ = [
    "FORMAT",
    "STATUSES",
    "GoldArticle",
    "GoldEntity",
    "GoldRelation",
    "Gold",
    "load_gold",
    "parse_gold",
]

FORMAT = "kg-gold/1"
#: The values of ``status`` (for Sanction: an announced lifting or a tariff cut is ``lifted``).
STATUSES = ("imposed", "lifted", "threatened")

_ARTICLE_KEYS = {"id", "file", "title"}
_ENTITY_KEYS = {"id", "types", "names", "articles", "required"}
_RELATION_KEYS = {"type", "subject", "object", "substance", "status", "role", "articles", "required", "evidence"}


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article: its id within the gold file, the file it is in, its title."""

    id: str
    file: str
    title: str = ""


@dataclass(frozen=True)
class GoldEntity:
    """An entity a reader finds: any of ``types`` is right, any of ``names`` may label it."""

    id: str
    types: tuple[str, ...]
    names: tuple[str, ...]
    articles: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class GoldRelation:
    """A relation a reader finds. Each role lists acceptable entity ids; ``()`` = not given."""

    index: int
    type: str
    subject: tuple[str, ...]
    object: tuple[str, ...] = ()
    substance: tuple[str, ...] = ()
    status: str | None = None
    role: str | None = None
    articles: tuple[str, ...] = ()
    required: bool = True
    evidence: str = ""


@dataclass(frozen=True)
class Gold:
    """A whole gold file."""

    path: str
    articles: tuple[GoldArticle, ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    not_entities: tuple[str, ...] = ()

    def entity(self, entity_id: str) -> GoldEntity:
        return next(e for e in self.entities if e.id == entity_id)


def load_gold(path: str | Path) -> Gold:
    """Read and validate a ``kg-gold/1`` file.

    Raises :class:`~kg.errors.GoldFormatError` if the file is missing, not JSON, or not kg-gold/1.
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldFormatError("no such gold file", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise GoldFormatError(f"cannot read the gold file: {error}", path=str(p)) from None
    except json.JSONDecodeError as error:
        raise GoldFormatError(
            f"not JSON: {error.msg} at line {error.lineno} column {error.colno}",
            path=str(p),
            hint="a gold file is JSON in the kg-gold/1 format (see docs/gold-format.md)",
        ) from None
    return parse_gold(data, path=str(p))


def parse_gold(data: Any, *, path: str = "<gold>") -> Gold:
    """Validate already-decoded JSON as ``kg-gold/1`` (see :func:`load_gold`)."""
    check = _Checker(path)
    check.that(isinstance(data, dict), "", "the gold file must be a JSON object")
    check.that(
        data.get("format") == FORMAT,
        "format",
        f"expected {FORMAT!r}, found {data.get('format')!r}",
    )

    articles = tuple(_article(check, f"articles[{i}]", a) for i, a in enumerate(check.list_of(data, "articles")))
    article_ids = check.unique([a.id for a in articles], "articles")

    entities = tuple(
        _entity(check, f"entities[{i}]", e, article_ids) for i, e in enumerate(check.list_of(data, "entities", required=True))
    )
    entity_ids = check.unique([e.id for e in entities], "entities")

    relations = tuple(
        _relation(check, i, r, entity_ids, article_ids)
        for i, r in enumerate(check.list_of(data, "relations", required=True))
    )

    not_entities = tuple(check.strings(data, "not_entities", "", allow_missing=True))
    return Gold(path, articles, entities, relations, not_entities)


def _article(check: "_Checker", where: str, item: Any) -> GoldArticle:
    check.keys(item, where, _ARTICLE_KEYS, required={"id", "file"})
    title = check.string(item, "title", where) if "title" in item else ""
    return GoldArticle(check.string(item, "id", where), check.string(item, "file", where), title)


def _entity(check: "_Checker", where: str, item: Any, article_ids: set[str]) -> GoldEntity:
    check.keys(item, where, _ENTITY_KEYS, required={"id", "types", "names"})
    types = check.strings(item, "types", where)
    for t in types:
        check.that(t in ENTITY_TYPES, f"{where}.types", f"{t!r} is not an entity type (one of {', '.join(ENTITY_TYPES)})")
    return GoldEntity(
        id=check.string(item, "id", where),
        types=tuple(types),
        names=tuple(check.strings(item, "names", where)),
        articles=tuple(check.references(item, "articles", where, article_ids, "article")),
        required=check.boolean(item, "required", where),
    )


def _relation(check: "_Checker", index: int, item: Any, entity_ids: set[str], article_ids: set[str]) -> GoldRelation:
    where = f"relations[{index}]"
    check.keys(item, where, _RELATION_KEYS, required={"type", "subject"})
    type_ = check.string(item, "type", where)
    check.that(type_ in RELATION_TYPES, f"{where}.type", f"{type_!r} is not a relation type (one of {', '.join(RELATION_TYPES)})")
    status = item.get("status")
    if status is not None:
        check.that(status in STATUSES, f"{where}.status", f"{status!r} is not a status (one of {', '.join(STATUSES)})")
    for optional in ("role", "evidence"):
        if optional in item:
            check.string(item, optional, where)
    return GoldRelation(
        index=index,
        type=type_,
        subject=tuple(check.references(item, "subject", where, entity_ids, "entity", allow_missing=False)),
        object=tuple(check.references(item, "object", where, entity_ids, "entity")),
        substance=tuple(check.references(item, "substance", where, entity_ids, "entity")),
        status=status,
        role=item.get("role"),
        articles=tuple(check.references(item, "articles", where, article_ids, "article")),
        required=check.boolean(item, "required", where),
        evidence=item.get("evidence", ""),
    )


class _Checker:
    """Raises :class:`GoldFormatError` with the file and a JSON path such as ``relations[3].type``."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, where: str, problem: str):
        message = f"{where}: {problem}" if where else problem
        raise GoldFormatError(message, path=self.path, hint="see docs/gold-format.md for the kg-gold/1 format")

    def that(self, condition: bool, where: str, problem: str) -> None:
        if not condition:
            self.fail(where, problem)

    def keys(self, item: Any, where: str, allowed: set[str], required: set[str]) -> None:
        self.that(isinstance(item, dict), where, "must be a JSON object")
        for key in sorted(set(item) - allowed):
            self.fail(where, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(item)):
            self.fail(where, f"missing key {key!r}")

    def list_of(self, data: dict, key: str, required: bool = False) -> list:
        if key not in data:
            self.that(not required, key, "missing")
            return []
        self.that(isinstance(data[key], list), key, "must be a list")
        return data[key]

    def string(self, item: dict, key: str, where: str) -> str:
        value = item[key]
        self.that(isinstance(value, str) and value.strip() != "", f"{where}.{key}", "must be a non-empty string")
        return value

    def boolean(self, item: dict, key: str, where: str) -> bool:
        value = item.get(key, True)
        self.that(isinstance(value, bool), f"{where}.{key}", "must be true or false")
        return value

    def strings(self, item: dict, key: str, where: str, allow_missing: bool = False) -> list[str]:
        at = f"{where}.{key}" if where else key
        if key not in item and allow_missing:
            return []
        value = item[key]
        self.that(isinstance(value, list) and (allow_missing or value), at, "must be a non-empty list of strings")
        for v in value:
            self.that(isinstance(v, str) and v.strip() != "", at, f"{v!r} is not a non-empty string")
        return value

    def references(
        self, item: dict, key: str, where: str, known: set[str], what: str, allow_missing: bool = True
    ) -> list[str]:
        if key not in item and allow_missing:
            return []
        ids = self.strings(item, key, where)
        for i in ids:
            self.that(i in known, f"{where}.{key}", f"unknown {what} id {i!r}")
        return ids

    def unique(self, ids: list[str], where: str) -> set[str]:
        seen: set[str] = set()
        for i in ids:
            self.that(i not in seen, where, f"id {i!r} is used twice")
            seen.add(i)
        return seen
