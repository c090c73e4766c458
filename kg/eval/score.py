"""Score a graph against gold annotations, exactly as ``/work/shared/gold/FORMAT.md`` says.

Pure: a :class:`~kg.eval.gold.Gold` and a :class:`~kg.eval.graph.GraphView` in, a
:class:`Report` out — the counts behind every precision, recall and F1, and every wrong and every
missed item with the reason, so a developer sees why.

The rules (FORMAT.md, with the choices it leaves open written down):

* Names are compared after :func:`kg.model.normalize_name`.
* A graph entity *matches* a gold entity when one of its names equals one of the gold names and
  one of its types is among the gold types.
* Entity precision = right ÷ graph entities. A graph entity is right when it matches some gold
  entity (required or optional), is not named like a ``not_entities`` string, and is not a
  duplicate. Duplicates are decided by a maximum matching between graph and gold entities, taking
  graph nodes in id order: a node is a duplicate when every gold entity it matches is already
  matched by an earlier node (one that cannot be given another gold entity it matches).
* Entity recall = required gold entities that some graph entity matches ÷ required gold entities.
* A graph node stands for the gold ids of every gold entity it matches (an unmatched node, or a
  node that is not an entity, stands for none and so cannot match any role).
* A relation key (type, subject, object, substance, status) matches a gold relation when the
  types are equal, the subject stands for one of the gold subjects, and for each of object,
  substance and status the gold relation gives, the key gives a matching one (extra roles in the
  graph are fine). For symmetric types (Cooperation, Meeting) subject and object may be swapped.
  Statuses compare case-insensitively.
* Relation precision = distinct keys that match some gold relation ÷ distinct keys; relation
  recall = required gold relations some key matches ÷ required gold relations.
* F1 = 2PR/(P+R); 0 when P or R is 0. A ratio with nothing to divide by (no graph items, no
  required gold items) is undefined (``None``), and so is an F1 built on it.
* Lines: entities, core relations (:data:`kg.vocab.CORE_RELATIONS`), all relations, then each
  entity type (a graph or gold entity counts under each of its types) and each relation type.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from kg.eval.gold import Gold, GoldEntity, GoldRelation
from kg.eval.graph import GraphEntity, GraphView, RelationKey
from kg.model import normalize_name
from kg.vocab import CORE_RELATIONS, ENTITY_TYPES, RELATION_TYPES, SYMMETRIC_RELATIONS

__all__ = ["Score", "Item", "Report", "score", "f1"]


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """2PR/(P+R); 0 when either is 0; ``None`` when either is undefined.

    >>> f1(0.5, 1.0), f1(0.0, 0.0), f1(None, 0.0), f1(None, 0.5)
    (0.6666666666666666, 0.0, 0.0, None)
    """
    if precision == 0 or recall == 0:
        return 0.0
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Score:
    """One line of the report: the counts and the ratios built on them."""

    name: str
    #: ``total`` (entities, core relations, all relations), ``entity type`` or ``relation type``.
    group: str
    right: int
    graph: int
    found: int
    required: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.right, self.graph)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.required)

    @property
    def f1(self) -> float | None:
        return f1(self.precision, self.recall)

    def to_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Item:
    """A wrong graph item or a missed gold item, and why."""

    verdict: str  # "wrong" or "missed"
    kind: str  # "entity" or "relation"
    type: str
    text: str
    reason: str
    #: The graph node (wrong items) or the gold id / relation index (missed items).
    ref: str = ""
    evidence: str = ""


@dataclass
class Report:
    """The outcome of scoring: :attr:`scores` in display order, and every wrong and missed item."""

    gold: str
    graph: str
    scores: list[Score] = field(default_factory=list)
    wrong: list[Item] = field(default_factory=list)
    missed: list[Item] = field(default_factory=list)
    #: Relation nodes the graph types as a relation but gives no subject.
    without_subject: list[str] = field(default_factory=list)
    #: Sizes: gold articles, entities, relations (and how many required); graph triples,
    #: entities, relation nodes and keys.
    counts: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Score:
        for s in self.scores:
            if s.name == name:
                return s
        raise KeyError(name)

    def to_dict(self) -> dict:
        return {
            "gold": self.gold,
            "graph": self.graph,
            "scores": [s.to_dict() for s in self.scores],
            "wrong": [asdict(i) for i in self.wrong],
            "missed": [asdict(i) for i in self.missed],
            "without_subject": list(self.without_subject),
            "counts": dict(self.counts),
        }


# ---------------------------------------------------------------- entities


@dataclass
class _EntityMatch:
    #: normalised name → the gold entities that have it (whatever their type)
    gold_by_name: dict[str, list[GoldEntity]]
    #: graph node → its normalised names
    names: dict[str, set[str]]
    #: graph node → ids of the gold entities it matches
    matches: dict[str, set[str]]
    #: graph node → the not_entities string it is named like
    furniture: dict[str, str]
    #: gold id → the graph node counted right for it (a maximum matching)
    owner: dict[str, str]


def _match_entities(gold: Gold, view: GraphView) -> _EntityMatch:
    gold_by_name: dict[str, list[GoldEntity]] = defaultdict(list)
    for g in gold.entities:
        for n in {normalize_name(n) for n in g.names}:
            gold_by_name[n].append(g)
    not_names = {normalize_name(s): s for s in gold.not_entities}

    names: dict[str, set[str]] = {}
    matches: dict[str, set[str]] = {}
    furniture: dict[str, str] = {}
    for node, e in view.entities.items():
        names[node] = {normalize_name(n) for n in e.names}
        matches[node] = {g.id for n in names[node] for g in gold_by_name.get(n, ()) if set(g.types) & set(e.types)}
        hit = next((not_names[n] for n in sorted(names[node]) if n in not_names), None)
        if hit is not None:
            furniture[node] = hit

    # A maximum matching (augmenting paths, nodes in id order): a node stays right once matched,
    # so of two nodes matching only the same gold entity the first is right, the second a duplicate.
    owner: dict[str, str] = {}

    def augment(node: str, seen: set[str]) -> bool:
        for gid in sorted(matches[node]):
            if gid not in seen:
                seen.add(gid)
                if gid not in owner or augment(owner[gid], seen):
                    owner[gid] = node
                    return True
        return False

    for node in sorted(matches):
        if matches[node] and node not in furniture:
            augment(node, set())
    return _EntityMatch(gold_by_name, names, matches, furniture, owner)


def _entity_text(e: GraphEntity) -> str:
    return f"{'|'.join(e.types)} {e.label!r}" if e.names else f"{'|'.join(e.types)} {e.id}"


def _why_wrong_entity(e: GraphEntity, em: _EntityMatch, view: GraphView) -> str:
    if e.id in em.furniture:
        return f"named like the not_entities string {em.furniture[e.id]!r}"
    if em.matches[e.id]:
        gid = sorted(em.matches[e.id])[0]
        other = em.owner[gid]
        return f"duplicate: gold {gid!r} is already matched by {view.name_of(other)!r} ({other})"
    if not e.names:
        return "has no name (rdfs:label, skos:prefLabel or skos:altLabel)"
    same_name = [g for n in sorted(em.names[e.id]) for g in em.gold_by_name.get(n, ())]
    if same_name:
        g = same_name[0]
        return f"gold {g.id!r} has this name but is {'|'.join(g.types)}"
    return "no gold entity has this name"


def _why_missed_entity(g: GoldEntity, em: _EntityMatch, view: GraphView) -> str:
    names = {normalize_name(n) for n in g.names}
    for node, node_names in em.names.items():
        if names & node_names:
            e = view.entities[node]
            return f"the graph has {e.label!r} as {'|'.join(e.types)}, not {'|'.join(g.types)}"
    return "no graph entity has any of its names"


# ---------------------------------------------------------------- relations


def _failures(key: RelationKey, g: GoldRelation, ids, view: GraphView) -> list[str]:
    """What stops ``key`` from matching ``g`` (empty: it matches). Symmetric: the better order."""
    orders = [(key.subject, key.object)]
    if g.type in SYMMETRIC_RELATIONS and key.object is not None:
        orders.append((key.object, key.subject))
    best: list[str] | None = None
    for subject, obj in orders:
        fails = []
        roles = (("subject", subject, g.subject), ("object", obj, g.object), ("substance", key.substance, g.substance))
        for role, node, wanted in roles:
            if wanted and not (ids(node) & set(wanted)):
                have = f"{view.name_of(node)!r}" if node is not None else "none"
                fails.append(f"{role} {have} is not {'|'.join(wanted)}")
        if g.status and (key.status or "").strip().casefold() != g.status:
            fails.append(f"status {key.status or 'none'} is not {g.status}")
        if best is None or len(fails) < len(best):
            best = fails
    return best or []


def _gold_text(g: GoldRelation) -> str:
    text = f"{g.type} {'|'.join(g.subject)}"
    if g.object:
        text += f" → {'|'.join(g.object)}"
    if g.substance:
        text += f" substance={'|'.join(g.substance)}"
    if g.status:
        text += f" status={g.status}"
    return text


def _key_text(key: RelationKey, view: GraphView) -> str:
    text = f"{key.type} {view.name_of(key.subject)!r}"
    if key.object is not None:
        text += f" → {view.name_of(key.object)!r}"
    if key.substance is not None:
        text += f" substance={view.name_of(key.substance)!r}"
    if key.status is not None:
        text += f" status={key.status}"
    return text


def _closest(candidates: list, failures_of) -> tuple[object, list[str]]:
    """The first of ``candidates`` with the fewest failures, and those failures."""
    return min(((c, failures_of(c)) for c in candidates), key=lambda pair: len(pair[1]))


# ---------------------------------------------------------------- the report


def score(gold: Gold, view: GraphView, *, graph_name: str = "graph") -> Report:
    """Score ``view`` against ``gold``; see the module docstring for the rules."""
    keys = view.keys()
    counts = {
        "gold articles": len(gold.articles),
        "gold entities": len(gold.entities),
        "gold required entities": sum(g.required for g in gold.entities),
        "gold relations": len(gold.relations),
        "gold required relations": sum(g.required for g in gold.relations),
        "graph triples read": view.triples,
        "graph entities": len(view.entities),
        "graph relation nodes": len(view.relations),
        "graph relation keys": len(keys),
    }
    report = Report(gold=gold.path, graph=graph_name, without_subject=list(view.without_subject), counts=counts)
    em = _match_entities(gold, view)

    # entities
    right_entities = set(em.owner.values())
    found_entities = {gid for m in em.matches.values() for gid in m}
    for node, e in view.entities.items():
        if node not in right_entities:
            reason = _why_wrong_entity(e, em, view)
            report.wrong.append(Item("wrong", "entity", "|".join(e.types), _entity_text(e), reason, ref=node))
    for g in gold.entities:
        if g.required and g.id not in found_entities:
            types = "|".join(g.types)
            reason = _why_missed_entity(g, em, view)
            report.missed.append(Item("missed", "entity", types, f"{types} {g.names[0]!r} ({g.id})", reason, ref=g.id))

    # relations
    def ids(node: str | None) -> set[str]:
        return em.matches.get(node, set()) if node is not None else set()

    by_type: dict[str, list[GoldRelation]] = defaultdict(list)
    for g in gold.relations:
        by_type[g.type].append(g)
    right_keys: set[RelationKey] = set()
    found_relations: set[int] = set()
    for key in keys:
        hits = [g for g in by_type[key.type] if not _failures(key, g, ids, view)]
        if hits:
            right_keys.add(key)
            found_relations.update(g.index for g in hits)
            continue
        reason = _why_wrong_relation(key, by_type[key.type], ids, view)
        report.wrong.append(Item("wrong", "relation", key.type, _key_text(key, view), reason, ref=key.subject))
    keys_by_type: dict[str, list[RelationKey]] = defaultdict(list)
    for key in keys:
        keys_by_type[key.type].append(key)
    for g in gold.relations:
        if g.required and g.index not in found_relations:
            reason = _why_missed_relation(g, keys_by_type[g.type], ids, view, found_entities)
            report.missed.append(
                Item("missed", "relation", g.type, _gold_text(g), reason, ref=f"relations[{g.index}]", evidence=g.evidence)
            )

    # the lines
    def entity_line(name: str, group: str, wanted) -> Score:
        graph_nodes = [n for n, e in view.entities.items() if wanted(e.types)]
        required = [g for g in gold.entities if g.required and wanted(g.types)]
        right = sum(n in right_entities for n in graph_nodes)
        return Score(name, group, right, len(graph_nodes), sum(g.id in found_entities for g in required), len(required))

    def relation_line(name: str, group: str, types) -> Score:
        type_keys = [k for k in keys if k.type in types]
        required = [g for g in gold.relations if g.required and g.type in types]
        right = sum(k in right_keys for k in type_keys)
        return Score(name, group, right, len(type_keys), sum(g.index in found_relations for g in required), len(required))

    report.scores.append(entity_line("entities", "total", lambda types: True))
    report.scores.append(relation_line("core relations", "total", CORE_RELATIONS))
    report.scores.append(relation_line("all relations", "total", set(RELATION_TYPES)))
    present_entity_types = {t for e in view.entities.values() for t in e.types} | {t for g in gold.entities for t in g.types}
    for t in ENTITY_TYPES:
        if t in present_entity_types:
            report.scores.append(entity_line(t, "entity type", lambda types, t=t: t in types))
    present_relation_types = {k.type for k in keys} | {g.type for g in gold.relations}
    for t in RELATION_TYPES:
        if t in present_relation_types:
            report.scores.append(relation_line(t, "relation type", {t}))
    return report


def _why_wrong_relation(key: RelationKey, candidates: list[GoldRelation], ids, view: GraphView) -> str:
    if key.subject not in view.entities:
        return f"subject {key.subject} is not an entity of the graph"
    if not ids(key.subject):
        return f"subject {view.name_of(key.subject)!r} matches no gold entity"
    if not candidates:
        return f"the gold has no {key.type}"
    g, fails = _closest(candidates, lambda g: _failures(key, g, ids, view))
    return f"closest gold {_gold_text(g)}: {'; '.join(fails)}"


def _why_missed_relation(g: GoldRelation, candidates: list[RelationKey], ids, view: GraphView, found: set[str]) -> str:
    for role in ("subject", "object", "substance"):
        wanted = getattr(g, role)
        if wanted and not found & set(wanted):
            return f"no graph entity matches the {role} {'|'.join(wanted)}"
    if not candidates:
        return f"the graph has no {g.type}"
    key, fails = _closest(candidates, lambda k: _failures(k, g, ids, view))
    return f"closest graph relation {_key_text(key, view)}: {'; '.join(fails)}"
