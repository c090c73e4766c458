"""The named queries users need on day one, read without loading any RDF library.

Named queries are data: ``ontology/queries/NAME.rq``, each opening with a comment that says what
it is and which values it takes::

    # title: Everything about an entity
    # description: What the graph knows about one entity …
    # bind: entity — a name or the entity's IRI
    # bind: about (default: *) — … ; * for every fact

A ``bind`` without a default must be given (``--bind entity=Blinken``); one with a default may be.

>>> sorted(named_queries())[:3]
['articles', 'entities', 'entity']
>>> named_queries()["entity"].binds[0].name
'entity'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.errors import QueryError
from kg.paths import ontology_path

__all__ = ["Bind", "NamedQuery", "named_queries"]


@dataclass(frozen=True)
class Bind:
    """A value a named query takes."""

    name: str
    description: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    binds: tuple[Bind, ...] = field(default_factory=tuple)


_HEADER = re.compile(r"^#\s*(title|description|bind):\s*(.*?)\s*$")
_BIND = re.compile(r"^(\w+)(?:\s*\(default:\s*(.*?)\))?\s*(?:—|--|-)\s*(.*)$")


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query in ``ontology/queries/``, by name."""
    found = {}
    for path in sorted(ontology_path("queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        fields: dict[str, str] = {}
        binds = []
        for line in text.splitlines():
            match = _HEADER.match(line)
            if not match:
                if line.strip() and not line.startswith("#"):
                    break
                continue
            key, value = match.groups()
            if key == "bind":
                b = _BIND.match(value)
                if not b:
                    raise QueryError(f"malformed bind line {value!r}", path=str(path),
                                     hint="write: # bind: NAME (default: VALUE) — description")
                binds.append(Bind(b.group(1), b.group(3), b.group(2)))
            else:
                fields[key] = value
        found[path.stem] = NamedQuery(path.stem, fields.get("title", path.stem), fields.get("description", ""),
                                      text, tuple(binds))
    return found
