"""The viewer page: one self-contained HTML file, rendered from the view data. Pure but for
:func:`write_page`.

Everything the page needs is inside it — pyvis's bundled vis-network script and style, kg's own
script and style, the graph as JSON — so it opens offline, from any folder, with no ``lib/``
beside it and no request beyond the file itself. kg renders through its own Jinja template with
autoescape on (pyvis's template pulls Bootstrap from a CDN and shows tooltips with ``innerHTML``),
and the page carries a Content-Security-Policy that allows only its own two scripts (by hash), no
inline event handlers, and no network at all: even markup that slipped into the page could neither
run nor call out.

The graph's JSON (15 MB for 5,000 entities) never becomes part of a Python string: orjson writes
it as UTF-8, with ``< > & '`` escaped as Jinja's ``|tojson`` escapes them, and :func:`render_utf8`
puts those bytes where the rendered template has its data slot. Decoding the JSON into the page's
string and encoding the page back took three times as long as writing the JSON.

>>> page = render({"nodes": [], "edges": [], "entities": [], "facts": [], "options": {},
...                "legend": {"entities": [], "relations": [], "communities": 0}, "relationLabels": {},
...                "meta": {"entities": 0, "facts": 0, "drawnEntities": 0, "drawnFacts": 0}},
...               title="<kg>")
>>> "<title>&lt;kg&gt;</title>" in page, "http://" in page.split("<style>")[0]
(True, False)
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path

import jinja2
import orjson
import pyvis
from markupsafe import Markup

from kg import __version__
from kg.errors import KGError
from kg.files import write_atomic

__all__ = ["render", "render_utf8", "write_page", "vis_assets"]

HERE = Path(__file__).resolve().parent
_CLOSING = re.compile(r"</(script|style)|<!--", re.IGNORECASE)
# where the data goes: unique in the rendered page, as no inlined file may hold "<!--" (_inline) and
# every other value is escaped
_DATA_SLOT = Markup("<!--kg-data-->")
_HTML_UNSAFE = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"), (b"'", b"\\u0027"))


@cache
def vis_assets() -> tuple[str, str]:
    """The vis-network script and style bundled with pyvis (its newest copy)."""
    found = sorted(Path(pyvis.__file__).parent.glob("lib/vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise KGError("pyvis's bundled vis-network is missing", path=str(Path(pyvis.__file__).parent),
                      hint="reinstall pyvis: pip install --force-reinstall pyvis")
    script = found[-1].read_text(encoding="utf-8")
    style = found[-1].with_name("vis-network.css").read_text(encoding="utf-8")
    return script, style


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)


def _json(value) -> bytes:
    """``value`` as compact UTF-8 JSON that cannot end its ``<script>`` element: orjson, with
    ``< > & '`` as ``\\u`` escapes. orjson refuses a lone surrogate (kg's stores never hold one, a
    graph built in Python may): the json module passes it on, and it is replaced by ``?``."""
    try:
        text = orjson.dumps(value)
    except orjson.JSONEncodeError:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", errors="replace")
    for character, escape in _HTML_UNSAFE:
        text = text.replace(character, escape)
    return text


def _inline(text: str, what: str) -> Markup:
    """Mark a trusted script or style safe to inline, after making sure it cannot end its element."""
    if _CLOSING.search(text):
        raise KGError(f"{what} contains </script, </style or <!-- and cannot be inlined safely")
    return Markup(text)


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render(data: dict, *, title: str = "kg — knowledge graph") -> str:
    """The page for ``data`` (:func:`kg.view.data.view_data`), as an HTML string."""
    return render_utf8(data, title=title).decode("utf-8")


def render_utf8(data: dict, *, title: str = "kg — knowledge graph") -> bytes:
    """The page for ``data``, as the UTF-8 bytes :func:`write_page` writes."""
    vis_js, vis_css = vis_assets()
    app_js = (HERE / "viewer.js").read_text(encoding="utf-8")
    app_css = (HERE / "viewer.css").read_text(encoding="utf-8")
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_hash(vis_js)} {_hash(app_js)}",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    example = data["entities"][0]["label"] if data["entities"] else "China"
    meta = data["meta"]
    notes = "Drag to pan, scroll to zoom, click an entity or a fact for its evidence."
    if meta.get("large"):
        notes += (" Large graph: laid out beforehand, physics off; links hide while panning or zooming."
                  " Zoom in to read more names; grow the view with the buttons above.")
    template = _environment().get_template("template.html.j2")
    head, tail = template.render(
        title=title, version=__version__, csp=csp, example_name=example, notes=notes, data=_DATA_SLOT,
        vis_js=_inline(vis_js, "vis-network.min.js"), vis_css=_inline(vis_css, "vis-network.css"),
        app_js=_inline(app_js, "viewer.js"), app_css=_inline(app_css, "viewer.css"),
    ).split(_DATA_SLOT)
    return b"".join([head.encode("utf-8", errors="replace"), _json(data), tail.encode("utf-8", errors="replace")])


def write_page(html: str | bytes, path: str | os.PathLike) -> Path:
    """Write ``html`` (a string, or :func:`render_utf8`'s bytes) to ``path`` as UTF-8, atomically:
    a reader sees the old page or the new one."""
    return write_atomic(path, html if isinstance(html, bytes) else html.encode("utf-8", errors="replace"))
