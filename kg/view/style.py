"""How the viewer draws each kind of entity and fact: colours, shapes, line styles, arrows.

Entity types differ by colour *and* shape (readable in grey print and by colour-blind readers);
relation types by colour and line pattern. A sanction's status is its own style — imposed solid
red, lifted dashed green, threatened dotted orange — because lifting a sanction is the opposite of
imposing one. Symmetric relations (cooperation, meeting) have no arrow.
"""

from __future__ import annotations

from kg.vocab import SYMMETRIC_RELATIONS

__all__ = ["ENTITY_STYLES", "RELATION_STYLES", "STATUS_STYLES", "COMMUNITY_COLOURS", "entity_style", "fact_style"]

#: Entity type (each of ``kg.vocab.ENTITY_TYPES``) → vis-network shape and colour.
#: ``Entity``: an argument of a fact whose type no triple states.
ENTITY_STYLES: dict[str, dict] = {
    "Person": {"shape": "dot", "color": "#4e79a7"},
    "Agency": {"shape": "square", "color": "#f28e2b"},
    "Organization": {"shape": "hexagon", "color": "#59a14f"},
    "Country": {"shape": "diamond", "color": "#e15759"},
    "Place": {"shape": "triangle", "color": "#76b7b2"},
    "Substance": {"shape": "star", "color": "#b07aa1"},
    "Entity": {"shape": "dot", "color": "#9d9d9d"},
}

_SOLID, _DASHED, _DOTTED, _LONG = False, [8, 6], [2, 5], [14, 6]

#: Relation type (each of ``kg.vocab.RELATION_TYPES``) → line colour, pattern (vis ``dashes``: false
#: or a dash/gap list) and width.
RELATION_STYLES: dict[str, dict] = {
    "SupplyFlow": {"color": "#7b3fa0", "dashes": _SOLID, "width": 3},
    "Sanction": {"color": "#d62728", "dashes": _SOLID, "width": 2.5},
    "Pledge": {"color": "#1f77b4", "dashes": _LONG, "width": 2},
    "Affiliation": {"color": "#8c8c8c", "dashes": _SOLID, "width": 1},
    "PartOf": {"color": "#8c564b", "dashes": _DASHED, "width": 1},
    "Membership": {"color": "#c49c94", "dashes": _DASHED, "width": 1.5},
    "Cooperation": {"color": "#17becf", "dashes": _SOLID, "width": 2},
    "Meeting": {"color": "#6baed6", "dashes": _DOTTED, "width": 2},
    "Seizure": {"color": "#393b79", "dashes": _SOLID, "width": 2},
    "Control": {"color": "#bcbd22", "dashes": _SOLID, "width": 2},
    "Charge": {"color": "#e377c2", "dashes": _SOLID, "width": 2},
}

#: Sanction status → style, overriding the relation type's.
STATUS_STYLES: dict[str, dict] = {
    "imposed": {"color": "#d62728", "dashes": _SOLID, "width": 2.5},
    "lifted": {"color": "#2ca02c", "dashes": _DASHED, "width": 2.5},
    "threatened": {"color": "#ff7f0e", "dashes": _DOTTED, "width": 2.5},
}

#: Colours for ``--color-by community`` (cycled when there are more communities).
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#bab0ac", "#1f77b4", "#17becf")

_OTHER = {"color": "#8c8c8c", "dashes": _SOLID, "width": 1}


def entity_style(type_: str) -> dict:
    """Shape and colour of an entity type."""
    return ENTITY_STYLES.get(type_, ENTITY_STYLES["Entity"])


def fact_style(type_: str, status: str | None, *, large: bool = False) -> dict:
    """Colour, dashes, width and ``arrows`` (``"to"`` or ``""``) of a fact.

    In a ``large`` graph only sanction statuses keep their dashes: the browser draws a dashed line
    four times slower than a solid one, and there the colour tells the relation types apart.

    >>> fact_style("Sanction", "lifted")["dashes"], fact_style("Meeting", None)["arrows"]
    ([8, 6], '')
    >>> fact_style("PartOf", None)["dashes"], fact_style("PartOf", None, large=True)["dashes"]
    ([8, 6], False)
    """
    style = dict(RELATION_STYLES.get(type_, _OTHER))
    if large:
        style["dashes"] = _SOLID
    if type_ == "Sanction" and status in STATUS_STYLES:
        style.update(STATUS_STYLES[status])
    style["arrows"] = "" if type_ in SYMMETRIC_RELATIONS else "to"
    return style
