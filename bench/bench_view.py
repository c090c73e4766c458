"""Benchmark kg view: time to write the page and to open it in headless Chromium.

For synthetic kg-shaped graphs (default 500 and 5,000 entities, about four facts per entity, each
with one or two evidence sentences) written as Turtle, it measures (median of ``--runs`` runs):

* ``read_s`` — reading the Turtle file and projecting it (``GraphFileStore`` + ``project``);
* ``write_s`` — ``write_view``: selecting, laying out, rendering and writing the page;
* ``open_s`` — opening the page in headless Chromium until the network is drawn and physics has
  stopped (the page sets ``window.kgReady``);
* ``frame_ms`` — one full redraw of the whole graph at the zoom that fits it (what a still view
  costs to draw);
* ``pan_frame_ms`` — one redraw while the view is dragged: what panning costs, frame by frame
  (a large graph hides its edges while it is dragged or zoomed, and draws them again after).

Headless Chromium draws with the CPU (``--disable-gpu``): a desktop browser is faster.
Results go to ``bench/results.json`` under ``"view"`` (other keys are kept).

Run: ``.venv/bin/python bench/bench_view.py [--sizes 500,5000] [--runs 3] [--no-browser]``
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
from kg.view import write_view  # noqa: E402
from kg.vocab import BASE, ENTITY_TYPES, NAMESPACE, NIF, RELATION_TYPES, SYMMETRIC_RELATIONS  # noqa: E402

RESULTS = HERE / "results.json"
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


def _open(browser, page: Path, timeout: float = 120.0) -> tuple[float, float, float]:
    """Seconds until the page is drawn with physics stopped; ms of one full redraw, and of one while panning."""
    browser.get("about:blank")
    start = time.perf_counter()
    browser.get(page.resolve().as_uri())
    while not browser.execute_script("return window.kgReady === true"):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{page} did not get ready in {timeout} s")
        time.sleep(0.01)
    opened = time.perf_counter() - start
    redraw = ("kgNetwork.fit({animation: false}); kgNetwork.redraw();"
              "const t = performance.now(); for (let i = 0; i < 5; i++) kgNetwork.redraw();"
              "const ms = (performance.now() - t) / 5; kgNetwork.renderer.dragging = false; return ms;")
    frame = browser.execute_script(redraw)
    # while the view is dragged vis-network hides the edges of a large graph (hideEdgesOnDrag)
    pan = browser.execute_script("kgNetwork.renderer.dragging = true;" + redraw)
    return opened, frame, pan


def bench(sizes: list[int], runs: int, use_browser: bool) -> dict:
    browser, profile = _browser() if use_browser else (None, None)
    figures = {}
    try:
        with tempfile.TemporaryDirectory(prefix="kg-bench-view-") as tmp:
            for n in sizes:
                source = Path(tmp) / f"graph-{n}.ttl"
                source.write_text(synthetic_turtle(n), encoding="utf-8")
                page = Path(tmp) / f"graph-{n}.html"
                read, write, opened, frames, pans = [], [], [], [], []
                for _ in range(runs):
                    t = time.perf_counter()
                    graph = project(GraphFileStore(source))
                    read.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    meta = write_view(graph, page)
                    write.append(time.perf_counter() - t)
                if browser is not None:
                    for _ in range(runs):
                        o, f, p = _open(browser, page)
                        opened.append(o)
                        frames.append(f)
                        pans.append(p)
                figures[str(n)] = {
                    "entities": graph.number_of_nodes(), "facts": meta["facts"],
                    "drawn_entities": meta["drawnEntities"], "drawn_facts": meta["drawnFacts"],
                    "large": meta["large"], "page_mb": round(page.stat().st_size / 1e6, 2),
                    "read_s": _median(read), "write_s": _median(write),
                    "open_s": _median(opened) if opened else None,
                    "frame_ms": round(statistics.median(frames), 1) if frames else None,
                    "pan_frame_ms": round(statistics.median(pans), 1) if pans else None,
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
    parser.add_argument("--sizes", default="500,5000", help="entity counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (the median is kept)")
    parser.add_argument("--no-browser", action="store_true", help="only time writing the page")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file to merge into")
    args = parser.parse_args(argv)
    view = bench([int(s) for s in args.sizes.split(",")], max(1, args.runs), not args.no_browser)
    save(view, args.output)
    columns = [("entities", "entities"), ("facts", "facts"), ("read_s", "read s"), ("write_s", "write s"),
               ("open_s", "open s"), ("frame_ms", "frame ms"), ("pan_frame_ms", "pan frame ms"), ("page_mb", "page MB")]
    print("  ".join(f"{title:>{max(len(title), 8)}}" for _, title in columns))
    for figures in view["graphs"].values():
        print("  ".join(f"{'-' if figures[key] is None else figures[key]:>{max(len(title), 8)}}" for key, title in columns))
    print(f"wrote {args.output} (key \"view\")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
