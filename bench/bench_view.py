"""Benchmark kg view: time to write the page and to open and draw it in headless Chromium, with
kg's renderer (vis-network, 2D canvas) and with a WebGL one (sigma.js on graphology).

For synthetic kg-shaped graphs (default 500, 5,000 and 50,000 entities, about four facts per
entity, each with one or two evidence sentences) written as Turtle, it measures (median of
``--runs`` runs):

* ``read_s`` — reading the Turtle file and projecting it (``GraphFileStore`` + ``project``);
* ``write_s`` — ``write_view``: selecting, laying out, rendering and writing the page;
* per renderer (``renderers`` → ``"vis-network"`` — kg's page — and ``"sigma"`` — a page that
  draws the same nodes, edges, positions and colours with sigma.js, every entity shown):

  * ``first_frame_s`` — from the start of navigation to the first frame drawn with physics
    stopped (the page sets ``window.kgReady``), by the page's own clock;
  * ``frame_ms`` — one full redraw of what is shown, at the zoom that fits it (a still view);
  * ``pan_frame_ms`` — one redraw while the view is dragged (both hide the edges while moving:
    vis-network's ``hideEdgesOnDrag``, sigma's ``hideEdgesOnMove``);

  each redraw ends with a one-pixel read-back, so the time includes drawing the pixels and not
  only queueing the drawing commands (WebGL queues them all).

Headless Chromium draws with the CPU (``--disable-gpu``; WebGL runs on SwiftShader, Chromium's
software GPU): a desktop browser with a graphics card is faster, and more so for WebGL. sigma.js
and graphology come from ``bench/vendor/`` (``tools/vendor-sigma.sh`` fetches them from npm).
Results go to ``bench/results.json`` under ``"view"`` (other keys are kept).

Run: ``.venv/bin/python bench/bench_view.py [--sizes 500,5000,50000] [--runs 3] [--renderers vis-network,sigma]
[--no-browser]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kg.analyze import GraphFileStore, project  # noqa: E402
from kg.view import view_data, write_view  # noqa: E402
from kg.vocab import BASE, ENTITY_TYPES, NAMESPACE, NIF, RELATION_TYPES, SYMMETRIC_RELATIONS  # noqa: E402

RESULTS = HERE / "results.json"
VENDOR = HERE / "vendor"
RENDERERS = ("vis-network", "sigma")
TYPE_SHARE = {"Country": 0.05, "Agency": 0.2, "Person": 0.3, "Organization": 0.25, "Place": 0.1, "Substance": 0.1}
NO_OBJECT = {"Seizure", "Control"}
WORDS = ("officials said", "according to a statement", "the ministry confirmed", "sources told reporters",
         "a spokesperson said on Tuesday", "documents show")


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def synthetic_turtle(n: int, facts_per_entity: int = 4, seed: int = 0) -> str:
    """A kg-shaped graph in Turtle: ``n`` entities, about ``facts_per_entity`` × ``n`` facts with evidence.

    Links follow preferential attachment (a few hubs, many leaves), like news graphs do.
    """
    import networkx as nx

    rng = random.Random(seed)
    types = rng.choices(list(TYPE_SHARE), weights=list(TYPE_SHARE.values()), k=n)
    assert set(types) <= set(ENTITY_TYPES)
    entity = [f"<{BASE}entity/{t.lower()}/e{i}>" for i, t in enumerate(types)]
    label = [f"{t} {i}" for i, t in enumerate(types)]
    substances = [i for i, t in enumerate(types) if t == "Substance"]
    lines = [f"@prefix kg: <{NAMESPACE}> .", f"@prefix nif: <{NIF}> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .", ""]
    for i, t in enumerate(types):
        lines.append(f"{entity[i]} a kg:{t} ; rdfs:label {_literal(label[i])} ; skos:altLabel {_literal(f'E{i}')} .")
    articles = max(1, n // 10)
    for a in range(articles):
        lines.append(f"<{BASE}article/a{a}> a kg:Article ; kg:title {_literal(f'Article {a}: what happened this week')} .")
    links = nx.barabasi_albert_graph(n, facts_per_entity, seed=seed)
    for r, (u, v) in enumerate(links.edges()):
        type_ = rng.choice(RELATION_TYPES)
        if rng.random() < 0.5 and type_ not in SYMMETRIC_RELATIONS:
            u, v = v, u
        node = f"<{BASE}relation/r{r}>"
        parts = [f"{node} a kg:{type_}", f"kg:subject {entity[u]}"]
        if type_ in NO_OBJECT and substances:
            parts.append(f"kg:substance {entity[rng.choice(substances)]}")
        else:
            parts.append(f"kg:object {entity[v]}")
            if type_ in ("SupplyFlow", "Pledge") and substances:
                parts.append(f"kg:substance {entity[rng.choice(substances)]}")
        if type_ == "Sanction":
            parts.append(f"kg:status {_literal(rng.choice(['imposed', 'lifted', 'threatened']))}")
        parts.append("kg:confidence 0.9")
        evidence = [f"<{BASE}evidence/r{r}-{k}>" for k in range(rng.choice((1, 1, 2)))]
        parts.append("kg:evidence " + ", ".join(evidence))
        lines.append(" ; ".join(parts) + " .")
        for k, ev in enumerate(evidence):
            sentence = f"{label[u]} and {label[v]} were linked by a {type_} in report {r}, {rng.choice(WORDS)}."
            lines.append(f"{ev} a kg:Evidence ; nif:anchorOf {_literal(sentence)} ; nif:beginIndex {k * 200} ; "
                         f"nif:endIndex {k * 200 + len(sentence)} ; nif:referenceContext <{BASE}article/a{rng.randrange(articles)}> .")
    return "\n".join(lines) + "\n"


def _median(runs: list[float]) -> float:
    return round(statistics.median(runs), 3)


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        return None, None
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="kg-bench-chromium-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options), profile


SIGMA_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>kg — sigma.js</title>
<style>html, body {{ margin: 0; height: 100%; }} #graph {{ width: 100vw; height: 100vh; }}</style></head>
<body><div id="graph"></div>
<script>{graphology}</script>
<script>{sigma}</script>
<script type="application/json" id="kg-data">{data}</script>
<script>
const data = JSON.parse(document.getElementById("kg-data").textContent);
const graph = new graphology.MultiDirectedGraph();
for (const n of data.nodes) graph.addNode(n[0], {{x: n[1], y: -n[2], size: n[3] / 3, color: n[4], label: n[5]}});
for (const e of data.edges) graph.addEdge(e[0], e[1], {{color: e[2], size: 1}});
window.kgSigma = new Sigma.Sigma(graph, document.getElementById("graph"), {{hideEdgesOnMove: true}});
requestAnimationFrame(() => {{ window.kgFirstFrame = performance.now(); window.kgReady = true; }});
</script></body></html>
"""

# one redraw, then a one-pixel read-back that waits for the pixels; the mean ms of five
_FRAME = {
    "vis-network": ("const canvas = document.querySelector('#graph canvas'), ctx = canvas.getContext('2d');"
                    "kgNetwork.fit({animation: false}); kgNetwork.renderer.dragging = arguments[0];"
                    "const draw = () => { kgNetwork.redraw(); ctx.getImageData(0, 0, 1, 1); }; draw();"
                    "const t = performance.now(); for (let i = 0; i < 5; i++) draw();"
                    "const ms = (performance.now() - t) / 5; kgNetwork.renderer.dragging = false; return ms;"),
    # sigma's hideEdgesOnMove is renderEdges off while the camera or the mouse moves
    "sigma": ("const canvas = document.querySelector('#graph canvas'), gl = canvas.getContext('webgl2'),"
              "      px = new Uint8Array(4);"
              "kgSigma.setSetting('renderEdges', !arguments[0]);"
              "const draw = () => { kgSigma.render(); gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); }; draw();"
              "const t = performance.now(); for (let i = 0; i < 5; i++) draw();"
              "const ms = (performance.now() - t) / 5; kgSigma.setSetting('renderEdges', true); return ms;"),
}


def sigma_page(data: dict) -> str:
    """A page that draws the view data's nodes and edges (positions, sizes, colours) with sigma.js."""
    def inline(name: str) -> str:
        return (VENDOR / name).read_text(encoding="utf-8")

    compact = {"nodes": [[n["id"], n["x"], n["y"], n["size"], n["color"], n["label"]] for n in data["nodes"]],
               "edges": [[e["from"], e["to"], e["color"]["color"]] for e in data["edges"]]}
    text = json.dumps(compact, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return SIGMA_PAGE.format(graphology=inline("graphology.umd.min.js"), sigma=inline("sigma.min.js"), data=text)


def _open(browser, page: Path, renderer: str, timeout: float = 600.0) -> tuple[float, float, float]:
    """Seconds from navigation to the first frame drawn with physics stopped; ms of one full
    redraw, and of one while panning."""
    browser.get("about:blank")
    start = time.perf_counter()
    browser.get(page.resolve().as_uri())
    while not browser.execute_script("return window.kgReady === true"):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{page} did not get ready in {timeout} s")
        time.sleep(0.01)
    first = browser.execute_script("return (window.kgFirstFrame || performance.now()) / 1000")
    frame = browser.execute_script(_FRAME[renderer], False)
    pan = browser.execute_script(_FRAME[renderer], True)
    return first, frame, pan


def bench(sizes: list[int], runs: int, use_browser: bool, renderers=RENDERERS) -> dict:
    browser, profile = _browser() if use_browser else (None, None)
    if browser is not None:
        browser.set_script_timeout(600)
    figures = {}
    try:
        with tempfile.TemporaryDirectory(prefix="kg-bench-view-") as tmp:
            for n in sizes:
                source = Path(tmp) / f"graph-{n}.ttl"
                source.write_text(synthetic_turtle(n), encoding="utf-8")
                page = Path(tmp) / f"graph-{n}.html"
                read, write = [], []
                for _ in range(runs):
                    t = time.perf_counter()
                    graph = project(GraphFileStore(source))
                    read.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    meta = write_view(graph, page)
                    write.append(time.perf_counter() - t)
                pages = {"vis-network": page}
                if browser is not None and "sigma" in renderers:
                    pages["sigma"] = Path(tmp) / f"graph-{n}-sigma.html"
                    pages["sigma"].write_text(sigma_page(view_data(graph)), encoding="utf-8")
                drawn = {}
                for renderer in renderers if browser is not None else ():
                    timed = [_open(browser, pages[renderer], renderer) for _ in range(runs)]
                    first, frames, pans = zip(*timed)
                    drawn[renderer] = {"first_frame_s": _median(first), "frame_ms": round(statistics.median(frames), 1),
                                       "pan_frame_ms": round(statistics.median(pans), 1),
                                       "page_mb": round(pages[renderer].stat().st_size / 1e6, 2)}
                figures[str(n)] = {
                    "entities": graph.number_of_nodes(), "facts": meta["facts"],
                    "drawn_entities": meta["drawnEntities"], "drawn_facts": meta["drawnFacts"],
                    "large": meta["large"], "page_mb": round(page.stat().st_size / 1e6, 2),
                    "opened_entities": meta["story"]["opened"] if meta["large"] else meta["drawnEntities"],
                    "read_s": _median(read), "write_s": _median(write), "renderers": drawn,
                }
    finally:
        if browser is not None:
            browser.quit()
            shutil.rmtree(profile, ignore_errors=True)
    return {
        "runs": runs,
        "browser": "headless Chromium, CPU drawing" if browser is not None else None,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "graphs": figures,
    }


def save(view: dict, path: Path = RESULTS) -> None:
    """Merge ``view`` into ``path`` under ``"view"``, keeping what other benchmarks wrote."""
    existing = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    existing["view"] = view
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,5000,50000", help="entity counts, comma-separated")
    parser.add_argument("--renderers", default=",".join(RENDERERS), help="renderers to time, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (the median is kept)")
    parser.add_argument("--no-browser", action="store_true", help="only time writing the page")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file to merge into")
    args = parser.parse_args(argv)
    renderers = tuple(r.strip() for r in args.renderers.split(",") if r.strip())
    unknown = set(renderers) - set(RENDERERS)
    if unknown:
        parser.error(f"unknown renderer {', '.join(sorted(unknown))}: choose among {', '.join(RENDERERS)}")
    view = bench([int(s) for s in args.sizes.split(",")], max(1, args.runs), not args.no_browser, renderers)
    save(view, args.output)
    columns = [("entities", "entities"), ("facts", "facts"), ("read_s", "read s"), ("write_s", "write s")]
    drawn = [("first_frame_s", "first frame s"), ("frame_ms", "frame ms"), ("pan_frame_ms", "pan frame ms"),
             ("page_mb", "page MB")]
    titles = [title for _, title in columns] + ["renderer"] + [title for _, title in drawn]
    print("  ".join(f"{title:>{max(len(title), 11)}}" for title in titles))
    for figures in view["graphs"].values():
        for renderer, timed in (figures["renderers"] or {"-": dict.fromkeys(k for k, _ in drawn)}).items():
            row = [figures[key] for key, _ in columns] + [renderer] + [timed[key] for key, _ in drawn]
            print("  ".join(f"{'-' if v is None else v:>{max(len(t), 11)}}" for v, t in zip(row, titles)))
    print(f"wrote {args.output} (key \"view\")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
