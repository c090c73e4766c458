"""The viewer page in a real headless Chromium: offline, complete, searchable, clickable, safe.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them). Without them these
tests skip, unless ``KG_REQUIRE_BROWSER=1`` (set in CI), where a missing browser fails them.

``test_view_screenshot`` saves a picture of the graph for the README: ``docs/graph.png`` by
default (``KG_SCREENSHOT``), of the graph in ``KG_SCREENSHOT_GRAPH``, else ``out/graph.ttl`` when
``make run`` wrote one, else the hand-written fixture.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from kg.cli import main
from kg.view import write_view
from kg.vocab import ENTITY_TYPES, KG, NIF, RELATION_TYPES
from rdfread import rdflib_union

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,900")
READY_TIMEOUT = 60


def _which(candidates) -> str | None:
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _no_browser(reason: str):
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and KG_REQUIRE_BROWSER=1 requires the browser tests to run")
    pytest.skip(f"{reason}: install Debian's chromium and chromium-driver to run the browser tests")


@pytest.fixture(scope="module")
def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _no_browser("selenium is not installed")
    binary, driver = _which(CHROMIUM), _which(CHROMEDRIVER)
    if not binary or not driver:
        _no_browser(f"no Chromium found (looked for {', '.join(CHROMIUM)} and {', '.join(CHROMEDRIVER)})")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    chrome = webdriver.Chrome(service=Service(driver), options=options)
    try:
        yield chrome
    finally:
        chrome.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Page:
    """A viewer page opened in the browser, with the logs of its loading."""

    def __init__(self, driver, path: Path):
        self.driver, self.path, self.url = driver, path, path.resolve().as_uri()
        driver.get("about:blank")
        driver.get_log("performance")  # forget what the browser did before the page
        driver.get_log("browser")
        driver.get(self.url)
        deadline = time.monotonic() + READY_TIMEOUT
        while not driver.execute_script("return window.kgReady === true"):
            assert time.monotonic() < deadline, "the page never reported kgReady"
            time.sleep(0.05)
        self.console = driver.get_log("browser")
        self.requests = [
            message["params"]["request"]["url"]
            for message in (json.loads(entry["message"])["message"] for entry in driver.get_log("performance"))
            if message["method"] == "Network.requestWillBeSent"
        ]

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def node_id(self, iri: str) -> int:
        return self.js("return kgData.entities.findIndex(e => e.iri === arguments[0])", iri)

    def details(self) -> str:
        return self.js("const d = document.getElementById('details'); return d.hidden ? '' : d.textContent")

    def click_node(self, node_id: int) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        self.js("kgNetwork.setOptions({interaction: {dragView: true}}); kgNetwork.fit({animation: false});")
        x, y, width, height = self.js(
            "const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([arguments[0]])[arguments[0]]);"
            "const c = document.querySelector('#graph canvas').getBoundingClientRect();"
            "return [p.x, p.y, c.width, c.height];", node_id)
        canvas = self.driver.find_element("css selector", "#graph canvas")
        ActionChains(self.driver).move_to_element_with_offset(canvas, int(x - width / 2), int(y - height / 2)).click().perform()

    def search(self, text: str) -> None:
        from selenium.webdriver.common.keys import Keys

        box = self.driver.find_element("id", "search")
        box.clear()
        box.send_keys(text, Keys.ENTER)


def _typed(graph: Graph, types) -> set:
    return {s for t in types for s in graph.subjects(RDF.type, KG[t])}


@pytest.fixture
def write_page(runner, tmp_path):
    """Write the viewer page for a graph file with ``kg view``, as a user would."""

    def write(graph_file: Path, *options: str) -> Path:
        out = tmp_path / "page" / "graph.html"
        result = runner.invoke(main, ["view", "--graph", str(graph_file), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        return out

    return write


@pytest.mark.parametrize("graph_name", ["fentanyl.trig", "hostile.ttl", "empty.ttl"])
def test_view_page_loads_offline_with_no_errors(browser, write_page, graph_name):
    out = write_page(REPO / "tests" / "data" / "graphs" / graph_name)
    page = Page(browser, out)
    assert [e for e in page.console if e["level"] == "SEVERE"] == []
    assert page.requests and all(url == page.url or url.startswith("data:") for url in page.requests), page.requests
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.html"]  # no lib/ folder beside it


def test_view_draws_every_entity_and_fact(browser, write_page, fentanyl_graph):
    rdf = rdflib_union(fentanyl_graph)
    page = Page(browser, write_page(fentanyl_graph))
    drawn_nodes, drawn_edges = page.js("return [kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]")
    relations_with_two_ends = {r for r in _typed(rdf, RELATION_TYPES) if rdf.value(r, KG.object) or rdf.value(r, KG.substance)}
    assert drawn_nodes == len(_typed(rdf, ENTITY_TYPES))
    assert drawn_edges == len(relations_with_two_ends)
    assert page.js("return kgNetwork.physics.physicsEnabled") is False  # settled, then stopped


@pytest.mark.parametrize("typed, iri", [
    ("u.s.", "country/us"),
    ("blinken", "person/antony-blinken"),
    ("SEMAR", "agency/semar"),
    ("port of manzanillo", "place/manzanillo"),
])
def test_view_search_focuses_the_entity_by_any_name(browser, write_page, fentanyl_graph, typed, iri):
    rdf = rdflib_union(fentanyl_graph)
    entity = URIRef("https://w3id.org/kg-news/id/entity/" + iri)
    page = Page(browser, write_page(fentanyl_graph))
    page.search(typed)
    assert page.js("return kgNetwork.getSelectedNodes()") == [page.node_id(str(entity))]
    assert str(rdf.value(entity, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) in page.details()


@pytest.mark.parametrize("iri", ["country/cn", "agency/treasury", "substance/fentanyl"])
def test_view_click_shows_the_entitys_evidence(browser, write_page, fentanyl_graph, iri):
    rdf = rdflib_union(fentanyl_graph)
    entity = URIRef("https://w3id.org/kg-news/id/entity/" + iri)
    facts = {r for p in (KG.subject, KG.object, KG.substance) for r in rdf.subjects(p, entity)}
    sentences = {str(rdf.value(e, NIF.anchorOf)) for r in facts for e in rdf.objects(r, KG.evidence)}
    titles = {str(rdf.value(rdf.value(e, NIF.referenceContext), KG.title)) for r in facts for e in rdf.objects(r, KG.evidence)}
    assert sentences
    page = Page(browser, write_page(fentanyl_graph))
    page.click_node(page.node_id(str(entity)))
    shown = page.details()
    assert all(s in shown for s in sentences), (sentences, shown)
    assert all(t in shown for t in titles)
    assert page.js("return kgNetwork.getSelectedNodes()") == [page.node_id(str(entity))]


def test_view_wikidata_link_is_a_real_link(browser, write_page, fentanyl_graph):
    page = Page(browser, write_page(fentanyl_graph))
    page.search("China")
    links = page.js("return [...document.querySelectorAll('#details a')].map(a => [a.href, a.rel])")
    assert links == [["https://www.wikidata.org/wiki/Q148", "noopener noreferrer"]]


def test_view_filters_hide_entity_and_relation_types(browser, write_page, fentanyl_graph):
    rdf = rdflib_union(fentanyl_graph)
    page = Page(browser, write_page(fentanyl_graph))
    total = page.js("return kgNetwork.body.nodeIndices.length")
    countries = len(_typed(rdf, ["Country"]))
    page.driver.find_element("css selector", "#entity-filters input[data-key='Country']").click()
    assert page.js("return kgNetwork.body.nodeIndices.length") == total - countries
    page.driver.find_element("css selector", "#entity-filters input[data-key='Country']").click()
    assert page.js("return kgNetwork.body.nodeIndices.length") == total
    edges = page.js("return kgNetwork.body.edgeIndices.length")
    lifted = sum(1 for r in _typed(rdf, ["Sanction"]) if str(rdf.value(r, KG.status)) == "lifted")
    page.driver.find_element("css selector", "#relation-filters input[data-key='Sanction|lifted']").click()
    assert page.js("return kgNetwork.body.edgeIndices.length") == edges - lifted


def test_view_shows_hostile_article_text_as_text(browser, write_page, hostile_graph):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains

    rdf = rdflib_union(hostile_graph)
    evidence = str(next(rdf.objects(None, NIF.anchorOf)))
    title = str(next(rdf.objects(None, KG.title)))
    label = str(rdf.value(URIRef("https://w3id.org/kg-news/id/entity/organization/acme"),
                          URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    page = Page(browser, write_page(hostile_graph))
    acme = page.node_id("https://w3id.org/kg-news/id/entity/organization/acme")

    page.search("acme")  # the search results, then the details panel
    results = page.js("return document.getElementById('results').textContent")
    assert label in results
    page.click_node(acme)
    shown = page.details()
    for text in (evidence, title, label, "</script><script>window.__xss=3</script>"):
        assert text in shown
    assert page.js("return document.querySelectorAll('#details img, #details script, #details b, #results b').length") == 0
    assert page.js("return [...document.querySelectorAll('a')].map(a => a.href)") == []  # javascript: sameAs is no link

    x, y = page.js("const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([arguments[0]])[arguments[0]]);"
                   "return [p.x, p.y]", acme)
    canvas = page.driver.find_element("css selector", "#graph canvas")
    size = canvas.size
    ActionChains(page.driver).move_to_element_with_offset(canvas, int(x - size["width"] / 2) + 1,
                                                         int(y - size["height"] / 2) + 1).perform()
    deadline = time.monotonic() + 5
    while page.js("const t = document.querySelector('div.vis-tooltip'); return !t || t.style.visibility !== 'visible'"):
        assert time.monotonic() < deadline, "no tooltip appeared"
        time.sleep(0.05)
    tooltip = page.js("const t = document.querySelector('div.vis-tooltip');"
                      "return [t.textContent, [...t.querySelectorAll('*')].map(e => e.tagName)]")
    assert label in tooltip[0] and set(tooltip[1]) <= {"BR"}  # innerText turns line breaks into <br>

    assert page.js("return typeof window.__xss") == "undefined"
    with pytest.raises(NoAlertPresentException):
        page.driver.switch_to.alert.text
    assert [e for e in page.driver.get_log("browser") if e["level"] == "SEVERE"] == []
    assert page.js("return document.title") == "kg — knowledge graph"


def test_view_large_graph_opens_laid_out_without_physics(browser, tmp_path, large_graph):
    graph = large_graph(1500)
    meta = write_view(graph, tmp_path / "large.html")
    assert meta["large"]
    page = Page(browser, tmp_path / "large.html")
    assert page.js("return kgNetwork.body.nodeIndices.length") == graph.number_of_nodes()
    assert page.js("return kgNetwork.physics.physicsEnabled") is False
    assert [e for e in page.console if e["level"] == "SEVERE"] == []


def _shown(page: Page) -> int:
    return page.js("return kgNetwork.body.nodeIndices.length")


@pytest.mark.parametrize("linked, isolated", [(600, 300), (900, 2000)])
def test_view_large_graph_hides_isolated_entities_until_asked(browser, tmp_path, large_graph, linked, isolated):
    meta = write_view(large_graph(linked, isolated=isolated), tmp_path / "large.html")
    assert meta["story"]["isolated"] == isolated
    page = Page(browser, tmp_path / "large.html")
    assert _shown(page) == linked
    assert page.js("return kgData.nodes.filter(n => kgNetwork.body.nodeIndices.includes(n.id) && n.links === 0).length") == 0
    button = page.driver.find_element("id", "show-isolated")
    assert f"{isolated} entities linked to no other" in page.js("return document.getElementById('story').textContent")
    button.click()
    assert _shown(page) == linked + isolated
    assert not button.is_displayed()
    assert [e for e in page.console + page.driver.get_log("browser") if e["level"] == "SEVERE"] == []
    assert all(url == page.url or url.startswith("data:") for url in page.requests), page.requests


def test_view_large_graph_labels_the_best_linked_entities_readably(browser, tmp_path, large_graph):
    graph = large_graph(1200, isolated=500)
    meta = write_view(graph, tmp_path / "large.html")
    page = Page(browser, tmp_path / "large.html")
    # on-screen label size in px of each drawn entity, and whether its centre is inside the canvas
    labels = page.js("""
        const scale = kgNetwork.getScale(), c = document.querySelector('#graph canvas').getBoundingClientRect();
        return kgNetwork.body.nodeIndices.map(id => {
          const n = kgNetwork.body.nodes[id], p = kgNetwork.canvasToDOM({x: n.x, y: n.y});
          return [id, n.options.label, n.options.font.size * scale, p.x >= 0 && p.y >= 0 && p.x <= c.width && p.y <= c.height];
        });""")
    threshold = page.js("return kgNetwork.body.nodes[kgNetwork.body.nodeIndices[0]].options.scaling.label.drawThreshold")
    readable = {label for _, label, px, inside in labels if px >= 12 and inside}
    top = sorted(graph, key=lambda n: (-len(graph.in_edges(n)) - len(graph.out_edges(n)), graph.nodes[n]["label"].casefold(), n))
    top_labels = {graph.nodes[n]["label"] for n in top[:meta["story"]["labelled"]]}
    assert readable == top_labels
    assert all(px < threshold for _, label, px, _ in labels if label not in top_labels)  # the rest: zoom in
    page.js("kgNetwork.moveTo({scale: kgNetwork.getScale() * 4, animation: false})")
    assert all(n >= 12 for n in page.js(
        "return kgNetwork.body.nodeIndices.slice(0, 5).map(id => kgNetwork.body.nodes[id].options.font.size * kgNetwork.getScale())"))


def test_view_large_graph_grows_by_links_and_around_an_entity(browser, tmp_path, large_graph):
    graph = large_graph(2400)
    meta = write_view(graph, tmp_path / "large.html")
    page = Page(browser, tmp_path / "large.html")
    opened = _shown(page)
    assert opened == meta["story"]["opened"] <= 1500 < graph.number_of_nodes()
    in_view = set(page.js("return kgNetwork.body.nodeIndices"))
    hidden_links = page.js("return kgData.edges.filter(e => !arguments[0].includes(e.to) && arguments[0].includes(e.from))"
                           ".map(e => [e.from, e.to])", sorted(in_view))
    centre = hidden_links[0][0]
    around = {b for a, b in hidden_links if a == centre}
    around |= set(page.js("return kgData.edges.filter(e => e.to === arguments[0] && !arguments[1].includes(e.from))"
                          ".map(e => e.from)", centre, sorted(in_view)))
    page.search(page.js("return kgData.entities[arguments[0]].label", centre))
    button = page.driver.find_element("id", "grow-around")
    assert button.is_enabled() and f"Show the {len(around)} entities linked to" in button.text
    button.click()
    assert set(page.js("return kgNetwork.body.nodeIndices")) == in_view | around
    assert not button.is_enabled()
    before = _shown(page)
    page.driver.find_element("id", "grow-degree").click()
    assert _shown(page) > before
    assert [e for e in page.console + page.driver.get_log("browser") if e["level"] == "SEVERE"] == []


def _screenshot_graph() -> Path:
    chosen = os.environ.get("KG_SCREENSHOT_GRAPH")
    if chosen:
        return Path(chosen)
    exported = REPO / "out" / "graph.ttl"
    return exported if exported.is_file() else REPO / "tests" / "data" / "graphs" / "fentanyl.trig"


def test_view_screenshot(browser, write_page):
    """Save a picture of the graph for the README (see the module docstring for which graph)."""
    target = Path(os.environ.get("KG_SCREENSHOT", REPO / "docs" / "graph.png"))
    page = Page(browser, write_page(_screenshot_graph()))
    page.search(page.js("return kgData.entities[0].label"))  # the most linked entity, with its evidence
    page.js("kgNetwork.fit({animation: false});"
            "kgNetwork.moveTo({position: kgNetwork.getViewPosition(), scale: kgNetwork.getScale() * 0.85,"
            "                  offset: {x: -document.getElementById('details').offsetWidth / 2, y: 0}, animation: false});")
    target.parent.mkdir(parents=True, exist_ok=True)
    assert page.driver.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
