// kg viewer: draws the graph embedded in #kg-data with vis-network and wires search, filters,
// legend and the details panel. Article text is data: it only ever reaches the page through
// textContent or createElement — never innerHTML — so markup in an article shows as text.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const entities = data.entities;
  const facts = data.facts;
  const relationStyles = new Map(data.legend.relations.map((r) => [r.key, r]));
  const SVG = "http://www.w3.org/2000/svg";
  const WIKIDATA_ID = /^Q[1-9][0-9]*$/;

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const progress = document.getElementById("progress");
  const network = new vis.Network(document.getElementById("graph"), { nodes, edges }, data.options);
  const hiddenTypes = new Set();
  const hiddenRelations = new Set();
  // A large graph opens on its story: entities with at least story.minLinks links (plus those
  // added around a selection) are in view, the rest wait behind the "grow" controls.
  const story = data.meta.story || null;
  let minLinks = story ? story.minLinks : 0;
  const added = new Set();
  const labelled = story ? data.nodes.filter((n) => !n.hidden).slice(0, story.labelled).map((n) => n.id) : [];
  let selected = null;

  function inView(node) {
    return !story || node.links >= minLinks || added.has(node.id);
  }

  window.kgData = data;
  window.kgNetwork = network;
  window.kgReady = false;

  // ------------------------------------------------------------------ ready: drawn, physics stopped

  // the best-linked entities keep a label of about LABEL_PX on screen at any zoom
  const LABEL_PX = 16;
  function sizeLabels() {
    if (!labelled.length) return;
    const scale = network.getScale();
    const size = Math.max(14, LABEL_PX / scale);
    nodes.update(labelled.map((id) => ({ id, font: { size, strokeWidth: size / 4, strokeColor: "#ffffff" } })));
  }

  function markReady() {
    progress.hidden = true;
    if (story) {
      const core = data.nodes.filter((n) => n.core && !n.hidden).map((n) => n.id);
      network.fit({ nodes: core.length ? core : undefined, animation: false });
      sizeLabels();
      network.on("zoom", sizeLabels);
    }
    network.once("afterDrawing", () => {
      window.kgReady = true;
      document.body.dataset.ready = "true";
    });
    network.redraw();
  }

  if (data.options.physics && data.options.physics.enabled && data.nodes.length > 0) {
    network.on("stabilizationProgress", (p) => {
      progress.textContent = "Laying out the graph… " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: false });
      markReady();
    });
  } else {
    markReady();
  }

  // ------------------------------------------------------------------ small DOM helpers

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  function shapeIcon(shape, colour) {
    const icon = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    const paint = { fill: colour, stroke: "#555", "stroke-width": 0.8 };
    const polygons = {
      square: "2,2 14,2 14,14 2,14",
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1.5 15,14.5 1,14.5",
      triangleDown: "1,1.5 15,1.5 8,14.5",
      hexagon: "4.5,1.5 11.5,1.5 15,8 11.5,14.5 4.5,14.5 1,8",
      star: "8,0.8 10.1,5.6 15.3,6 11.3,9.4 12.5,14.5 8,11.8 3.5,14.5 4.7,9.4 0.7,6 5.9,5.6",
    };
    icon.appendChild(polygons[shape]
      ? svg("polygon", { points: polygons[shape], ...paint })
      : svg("circle", { cx: 8, cy: 8, r: 6.5, ...paint }));
    return icon;
  }

  function lineIcon(style) {
    const icon = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" });
    const line = svg("line", { x1: 1, y1: 6, x2: style.arrows ? 25 : 33, y2: 6, stroke: style.color,
      "stroke-width": Math.min(style.width + 0.5, 3.5) });
    if (Array.isArray(style.dashes)) line.setAttribute("stroke-dasharray", style.dashes.join(" "));
    icon.appendChild(line);
    if (style.arrows) icon.appendChild(svg("polygon", { points: "24,1.5 33,6 24,10.5", fill: style.color }));
    return icon;
  }

  // ------------------------------------------------------------------ counts, legend and filters

  function updateCounts() {
    const shownNodes = new Set(nodes.getIds({ filter: (n) => !n.hidden }));
    const shownEdges = edges.get({ filter: (e) => !e.hidden && shownNodes.has(e.from) && shownNodes.has(e.to) });
    const meta = data.meta;
    const counts = document.getElementById("counts");
    counts.textContent = shownNodes.size + " entities and " + shownEdges.length + " facts shown";
    if (meta.drawnEntities !== meta.entities || meta.drawnFacts !== meta.facts) {
      counts.textContent += " (the graph has " + meta.entities + " entities and " + meta.facts + " facts)";
    }
    if (story) updateGrowControls();
  }

  // ------------------------------------------------------------------ growing a large graph's view

  const neighbours = new Map();
  if (story) {
    for (const e of data.edges) {
      if (!neighbours.has(e.from)) neighbours.set(e.from, new Set());
      if (!neighbours.has(e.to)) neighbours.set(e.to, new Set());
      neighbours.get(e.from).add(e.to);
      neighbours.get(e.to).add(e.from);
    }
    document.getElementById("story").hidden = false;
  }
  const growDegree = document.getElementById("grow-degree");
  const growAround = document.getElementById("grow-around");
  const showIsolated = document.getElementById("show-isolated");

  function nextMinLinks() {  // the next smaller number of links some entity out of view has
    let next = 0;
    for (const n of data.nodes) if (n.links < minLinks && n.links > next && !added.has(n.id)) next = n.links;
    return next;
  }

  function hiddenAround(id) {
    return [...(neighbours.get(id) || [])].filter((other) => !inView(nodes.get(other)));
  }

  function updateGrowControls() {
    const out = data.nodes.filter((n) => !inView(n));
    const isolated = out.filter((n) => n.links === 0).length;
    const next = nextMinLinks();
    const more = next ? out.filter((n) => n.links >= next).length : 0;
    const core = data.nodes.filter((n) => n.core).length;
    let note = story.groups > 1
      ? "Opened on the largest group of linked entities (" + core + "); zoom out for the " + (story.groups - 1) + " smaller groups. "
      : "";
    if (!out.length) note += "Every entity is in view.";
    else if (out.length === isolated) note += out.length + " entities linked to no other are out of view.";
    else if (!isolated) note += out.length + " entities with fewer links are out of view.";
    else note += out.length + " entities are out of view, " + isolated + " of them linked to no other.";
    document.getElementById("story-note").textContent = note;
    growDegree.hidden = !more;
    growDegree.textContent = "Show " + more + " more: entities with " + next + (next === 1 ? " link" : " links") + " or more";
    showIsolated.hidden = !isolated;
    showIsolated.textContent = "Show the " + isolated + " entities linked to no other";
    const around = selected === null ? [] : hiddenAround(selected);
    growAround.disabled = !around.length;
    growAround.textContent = selected === null
      ? "Select an entity to show what is linked to it"
      : around.length ? "Show the " + around.length + " entities linked to " + entities[selected].label
        : "Everything linked to " + entities[selected].label + " is in view";
  }

  if (story) {
    growDegree.addEventListener("click", () => {
      const next = nextMinLinks();
      if (next) { minLinks = next; applyFilters(); }
    });
    showIsolated.addEventListener("click", () => { minLinks = 0; applyFilters(); });
    growAround.addEventListener("click", () => {
      if (selected === null) return;
      for (const id of hiddenAround(selected)) added.add(id);
      applyFilters();
    });
  }

  function applyFilters() {
    const nodeChanges = [];
    nodes.forEach((n) => {
      const hide = hiddenTypes.has(n.kind) || !inView(n);
      if (Boolean(n.hidden) !== hide) nodeChanges.push({ id: n.id, hidden: hide });
    });
    const edgeChanges = [];
    edges.forEach((e) => {
      const hide = hiddenRelations.has(e.legendKey);
      if (Boolean(e.hidden) !== hide) edgeChanges.push({ id: e.id, hidden: hide });
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    updateCounts();
  }

  function filterRow(list, icon, text, count, hidden, key) {
    const row = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.key = key;
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(key);
      else hidden.add(key);
      applyFilters();
    });
    label.append(box, icon, el("span", text), el("span", count, "count"));
    row.appendChild(label);
    list.appendChild(row);
  }

  const entityFilters = document.getElementById("entity-filters");
  for (const t of data.legend.entities) {
    filterRow(entityFilters, shapeIcon(t.shape, t.color), t.type, t.count, hiddenTypes, t.type);
  }
  const relationFilters = document.getElementById("relation-filters");
  for (const r of data.legend.relations) {
    filterRow(relationFilters, lineIcon(r), r.label, r.count, hiddenRelations, r.key);
  }
  if (data.meta.colorBy === "community") {
    const note = el("li", "Colour: " + data.legend.communities + " communities (of two entities or more); shape: type", "note");
    entityFilters.appendChild(note);
  }

  function showType(type) {
    if (!hiddenTypes.has(type)) return;
    hiddenTypes.delete(type);
    for (const box of entityFilters.querySelectorAll("input")) {
      if (box.dataset.key === type) box.checked = true;
    }
    applyFilters();
  }

  // ------------------------------------------------------------------ search

  const searchIndex = entities.map((e, id) => ({ id, names: e.names.map((n) => n.toLowerCase()) }));

  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const ranked = [];
    for (const entry of searchIndex) {
      let rank = 3;
      let matched = null;
      entry.names.forEach((name, i) => {
        const r = name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : 3;
        if (r < rank) { rank = r; matched = entities[entry.id].names[i]; }
      });
      if (rank < 3) ranked.push({ id: entry.id, rank, matched });
    }
    ranked.sort((a, b) => a.rank - b.rank || a.id - b.id); // ids are ordered most-linked first
    return ranked.slice(0, 12);
  }

  const search = document.getElementById("search");
  const results = document.getElementById("results");

  function showResults() {
    results.replaceChildren();
    const found = find(search.value);
    for (const hit of found) {
      const entity = entities[hit.id];
      const button = el("button");
      button.type = "button";
      button.append(el("span", entity.label), " ", el("span", entity.type, "type"));
      if (hit.matched !== entity.label) button.appendChild(el("span", "also called " + hit.matched, "also"));
      button.addEventListener("click", () => selectEntity(hit.id));
      const row = el("li");
      row.appendChild(button);
      results.appendChild(row);
    }
    if (search.value.trim() && !found.length) results.appendChild(el("li", "No entity has that name.", "type"));
    return found;
  }

  search.addEventListener("input", showResults);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const found = showResults();
      if (found.length) selectEntity(found[0].id);
    }
  });

  // ------------------------------------------------------------------ selection and details

  const details = document.getElementById("details");
  const body = document.getElementById("details-body");

  function selectEntity(id) {
    const node = nodes.get(id);
    if (!node) return;
    showType(node.kind);
    if (!inView(node)) { added.add(id); applyFilters(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showEntity(id);
  }

  function entityRef(id, label, current) {
    if (id === current) return el("strong", label);
    if (id === null || id === undefined) {
      const span = el("span", label);
      span.title = "not drawn";
      return span;
    }
    const button = el("button", label);
    button.type = "button";
    button.addEventListener("click", () => selectEntity(id));
    return button;
  }

  function factItem(index, current) {
    const fact = facts[index];
    const style = relationStyles.get(fact.type + "|" + (fact.status || "")) || relationStyles.get(fact.type + "|");
    const item = el("li", null, "fact");
    if (style) item.style.borderLeftColor = style.color;
    const head = el("div", null, "fact-head");
    let relation = data.relationLabels[fact.type] || fact.type;
    if (fact.status) relation += " (" + fact.status + ")";
    head.append(entityRef(fact.subject, fact.subjectLabel, current), " — " + relation + " → ");
    if (fact.objectLabel !== null) {
      head.appendChild(entityRef(fact.object, fact.objectLabel, current));
      if (fact.substanceLabel !== null) head.append(" · ", entityRef(fact.substance, fact.substanceLabel, current));
    } else if (fact.substanceLabel !== null) {
      head.appendChild(entityRef(fact.substance, fact.substanceLabel, current));
    }
    item.appendChild(head);
    const meta = [];
    if (fact.date) meta.push(fact.date);
    if (fact.role) meta.push("role: " + fact.role);
    if (fact.confidence !== null && fact.confidence !== undefined) meta.push("confidence " + fact.confidence);
    meta.push(fact.evidence.length + (fact.evidence.length === 1 ? " sentence" : " sentences"));
    item.appendChild(el("div", meta.join(" · "), "fact-meta"));
    const evidence = el("ul", null, "evidence");
    for (const [sentence, title] of fact.evidence) {
      const row = el("li");
      row.append(el("q", sentence), el("cite", title ? "— " + title : "— untitled article"));
      evidence.appendChild(row);
    }
    item.appendChild(evidence);
    return item;
  }

  function openDetails(...children) {
    body.replaceChildren(...children);
    details.hidden = false;
    details.scrollTop = 0;
  }

  function showEntity(id) {
    const entity = entities[id];
    selected = id;
    if (story) updateGrowControls();
    const parts = [el("h2", entity.label), el("div", entity.type + (entity.community ? " · community " + entity.community : ""), "badge")];
    const others = entity.names.filter((n) => n !== entity.label);
    if (others.length) parts.push(el("p", "Also called: " + others.join(", "), "names"));
    if (typeof entity.wikidata === "string" && WIKIDATA_ID.test(entity.wikidata)) {
      const link = el("a", "Wikidata " + entity.wikidata);
      link.href = "https://www.wikidata.org/wiki/" + entity.wikidata;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      const p = el("p");
      p.appendChild(link);
      parts.push(p);
    }
    parts.push(el("h3", entity.facts.length + (entity.facts.length === 1 ? " fact" : " facts")));
    const list = el("ul", null, "facts");
    const first = entity.facts.slice(0, 100);
    for (const index of first) list.appendChild(factItem(index, id));
    parts.push(list);
    if (entity.facts.length > first.length) {
      const more = el("button", "Show all " + entity.facts.length + " facts");
      more.type = "button";
      more.addEventListener("click", () => {
        for (const index of entity.facts.slice(first.length)) list.appendChild(factItem(index, id));
        more.remove();
      });
      parts.push(more);
    }
    openDetails(...parts);
  }

  function showFact(index) {
    const list = el("ul", null, "facts");
    list.appendChild(factItem(index, null));
    openDetails(el("h2", data.relationLabels[facts[index].type] || facts[index].type), list);
  }

  network.on("click", (params) => {
    if (params.nodes.length) showEntity(params.nodes[0]);
    else if (params.edges.length) showFact(params.edges[0]);
    else details.hidden = true;
  });
  document.getElementById("close-details").addEventListener("click", () => { details.hidden = true; });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") details.hidden = true;
  });

  updateCounts();
})();
