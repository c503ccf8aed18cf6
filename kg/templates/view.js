/* kg analyst view. Data comes from the JSON block #kg-data; every string from
 * the graph reaches the page through textContent / createTextNode or the
 * canvas, never as markup, so text that looks like markup stays text. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);

  // one source for the colours: the legend is drawn from these tables
  var QUAD = {
    1: { name: "verbal cooperation", color: "#b8e186" },
    2: { name: "material cooperation", color: "#4dac26" },
    3: { name: "verbal conflict", color: "#f1b6da" },
    4: { name: "material conflict", color: "#d01c8b" },
    0: { name: "no quad class", color: "#dddddd" }
  };
  var KIND = {
    Person: { shape: "dot", color: "#4e79a7", css: "round" },
    Country: { shape: "diamond", color: "#e8a33d", css: "diamond" },
    Organization: { shape: "square", color: "#76b7b2", css: "" },
    Group: { shape: "triangle", color: "#b07aa1", css: "" },
    City: { shape: "triangleDown", color: "#9c755f", css: "" },
    Place: { shape: "triangleDown", color: "#c2a58a", css: "" },
    Weapon: { shape: "star", color: "#59595c", css: "" },
    Actor: { shape: "dot", color: "#9aa7b4", css: "round" },
    Entity: { shape: "dot", color: "#bbbbbb", css: "round" }
  };
  var ROLE = {
    source: { color: "#2166ac", text: "source" },
    target: { color: "#e08214", text: "target" },
    actor: { color: "#777777", text: "actor" },
    place: { color: "#8c6d31", text: "place" },
    theme: { color: "#5e3c99", text: "theme" },
    memberOf: { color: "#bbbbbb", text: "member of", dashes: [2, 3] },
    locatedIn: { color: "#bbbbbb", text: "located in", dashes: [2, 3] },
    met: { color: "#2166ac", text: "met" },
    located: { color: "#8c6d31", text: "located in" },
    events: { color: "#888888", text: "events between two actors" }
  };
  var FACT = {
    Actual: { text: "actual", dashes: false },
    Planned: { text: "planned", dashes: [8, 4] },
    Possible: { text: "possible", dashes: [2, 4] },
    Negated: { text: "negated", dashes: false }
  };
  var NEGATED_RED = "#d32f2f";
  var BIG = !!DATA.big;
  // a few nodes: events as boxes with their text; more: small shapes sized by degree, hubs labelled first
  var SMALL = !BIG && DATA.nodes.length <= 40;

  // ---------- small DOM helpers (text only) ----------
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "text") node.textContent = props[k];
        else if (k === "className") node.className = props[k];
        else node.setAttribute(k, props[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function isHttp(url) { return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url); }
  function linkOrText(url) {
    if (!url) return document.createTextNode("");
    if (isHttp(url)) {
      var a = el("a", { rel: "noopener noreferrer nofollow", target: "_blank" }, url);
      a.href = url;
      return a;
    }
    return document.createTextNode(url);
  }
  function rootName(s) { s = String(s || ""); return s === s.toUpperCase() ? s.charAt(0) + s.slice(1).toLowerCase() : s; }
  function truncate(s, n) { s = String(s || ""); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
  function strike(s) { return Array.from(s).map(function (c) { return c + "\u0336"; }).join(""); }

  // ---------- the data ----------
  var byId = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); });
  (DATA.events || []).forEach(function (n) { byId.set(n.id, n); });
  var EVENTS = [];
  byId.forEach(function (n) { if (n.kind === "Event") EVENTS.push(n); });
  var eventActors = new Map();
  EVENTS.forEach(function (ev) {
    eventActors.set(ev.id, new Set((ev.participants || []).map(function (p) { return p.id; })));
  });

  function quadOf(n) { return QUAD[n.quad] || QUAD[0]; }
  function eventLabel(n) {
    var head = (n.cameo || "") + " " + rootName(n.cameo_root_name);
    var f = n.factuality && n.factuality !== "Actual" ? " \u00b7 " + (FACT[n.factuality] || { text: n.factuality }).text : "";
    var body = truncate(n.label, BIG ? 40 : 70);
    if (n.factuality === "Negated") body = strike(body);
    return head.trim() + f + "\n" + body;
  }
  function tooltip(n) {
    var lines = [n.label];
    if (n.kind === "Event") {
      lines.push((n.cameo || "?") + " " + (n.cameo_name || "") + (n.plover ? " \u2014 PLOVER " + n.plover : ""));
      lines.push((n.factuality || "") + (n.date ? " \u00b7 " + n.date : "") + (n.place_label ? " \u00b7 " + n.place_label : ""));
    } else {
      lines.push(n.kind + ((n.aliases || []).length ? " \u00b7 also: " + n.aliases.join(", ") : ""));
    }
    return el("div", { text: lines.join("\n") });
  }
  function visNode(n) {
    var v = { id: n.id };
    if (typeof n.x === "number") { v.x = n.x; v.y = n.y; }
    if (n.kind === "Event") {
      var q = quadOf(n), neg = n.factuality === "Negated";
      var border = neg ? NEGATED_RED : "#333333";
      v.label = eventLabel(n);
      if (!SMALL) {  // boxes of many events would cover each other: hexagons sized by degree, labels below
        v.shape = "hexagon";
        v.value = n.deg || 1;
      } else {
        v.shape = "box";
        v.margin = 6;
        v.widthConstraint = { maximum: 190 };
      }
      v.color = { background: q.color, border: border,
                  highlight: { background: q.color, border: "#000000" }, hover: { background: q.color, border: "#000000" } };
      v.borderWidth = neg ? 3 : 2;
      v.borderWidthSelected = 4;
      v.shapeProperties = { borderDashes: (FACT[n.factuality] || FACT.Actual).dashes };
      v.font = { color: neg ? "#b71c1c" : "#111111", size: 12, face: "sans-serif" };
    } else {
      var k = KIND[n.kind] || KIND.Entity;
      v.label = truncate(n.label, 40);
      v.shape = k.shape;
      v.size = n.kind === "Person" ? 14 : 16;
      if (!SMALL) v.value = n.deg || 1;
      v.color = { background: k.color, border: "#333333",
                  highlight: { background: k.color, border: "#000000" }, hover: { background: k.color, border: "#000000" } };
      v.borderWidth = 1;
      v.font = { size: 14, face: "sans-serif" };
    }
    if (!BIG) v.title = tooltip(n);
    return v;
  }
  function smoothFor(e) {
    if (!e.par) return BIG ? false : { enabled: true, type: "continuous", roundness: 0.2 };
    return { enabled: true, type: e.par % 2 ? "curvedCW" : "curvedCCW", roundness: 0.18 * Math.ceil(e.par / 2) };
  }
  function visEdge(e) {
    var r = ROLE[e.role] || ROLE.actor;
    var ev = e.event ? byId.get(e.event) : null;
    var v = { id: e.id, from: e.from, to: e.to, color: { color: r.color, highlight: "#000000", hover: "#000000" },
              width: 1.5, smooth: smoothFor(e), arrows: { to: { enabled: true, scaleFactor: 0.6 } } };
    if (e.role === "source") { v.from = e.to; v.to = e.from; } // read "source -> event -> target"
    var dashes = r.dashes || false;
    if (ev && FACT[ev.factuality] && FACT[ev.factuality].dashes) dashes = FACT[ev.factuality].dashes;
    v.dashes = dashes;
    var text = r.text;
    if (e.role === "event" && ev) {
      text = truncate(ev.cameo_name || ev.cameo || "event", 28);
      v.color.color = ev.factuality === "Negated" ? NEGATED_RED : quadOf(ev).color;
      v.width = 2.5;
      v.arrows.to.enabled = !!e.directed;
    } else if (e.role === "met") {
      v.width = 2.5;
      v.arrows.to.enabled = false;
    } else if (e.role === "events") {
      text = String(e.weight);
      v.width = 1 + Math.log2(e.weight || 1);
      v.color.color = (QUAD[e.quad] || QUAD[0]).color;
      v.arrows.to.enabled = !!e.directed;
    }
    if (!BIG) v.label = text;
    v.font = { size: 10, color: "#555555", strokeWidth: 3, align: "middle" };
    return v;
  }

  // ---------- filter state ----------
  var state = { view: DATA.aggregated ? "agg" : (DATA.default_view || "full"), fact: new Set(Object.keys(FACT)),
                roots: new Set(), actor: "", from: "", to: "", undated: true, expanded: new Set() };
  var ROOTS = {};
  EVENTS.forEach(function (ev) {
    var r = ev.cameo_root || "?";
    ROOTS[r] = ROOTS[r] || { name: rootName(ev.cameo_root_name) || "unknown", count: 0 };
    ROOTS[r].count++;
    state.roots.add(r);
  });
  var passes = new Map();

  function periodStart(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function periodEnd(d) { return d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d; }
  function eventPasses(ev) {
    if (!state.fact.has(ev.factuality || "Actual")) return false;
    if (!state.roots.has(ev.cameo_root || "?")) return false;
    if (state.actor && !eventActors.get(ev.id).has(state.actor)) return false;
    if (!ev.date) return state.undated || (!state.from && !state.to);
    if (state.from && periodEnd(ev.date) < periodStart(state.from)) return false;
    if (state.to && periodStart(ev.date) > periodEnd(state.to)) return false;
    return true;
  }
  var expandedEvents = new Set(), expandedNodes = new Set();
  function computePasses() {
    passes = new Map();
    EVENTS.forEach(function (ev) { passes.set(ev.id, eventPasses(ev)); });
    // drill-down in the actor view: the events of the expanded actors, and what they involve
    expandedEvents = new Set();
    expandedNodes = new Set();
    state.expanded.forEach(function (id) {
      ((byId.get(id) || {}).events || []).forEach(function (ev) {
        if (!passes.get(ev) || !byId.has(ev) || DATA.aggregated) return;
        expandedEvents.add(ev);
        (byId.get(ev).participants || []).forEach(function (p) { expandedNodes.add(p.id); });
      });
    });
  }
  function isActorNode(n) { return !!n.is_actor || ["Person", "Country", "Organization", "Group", "Actor"].indexOf(n.kind) !== -1; }
  function nodeVisible(n) {
    if (!n) return false;
    if (state.view === "simple" && !n.simple) return false;
    if (state.view === "agg" && !DATA.aggregated) {
      if (n.kind === "Event") return expandedEvents.has(n.id);
      if (!isActorNode(n)) return expandedNodes.has(n.id);
    }
    if (n.kind === "Event") return passes.get(n.id) === true;
    var evs = n.events || [];
    if (!evs.length) return !state.actor; // context-only entity (an affiliation): hidden when focusing an actor
    return evs.some(function (id) { return passes.get(id); });
  }
  var visibleNodes = new Set();
  function edgeVisible(e) {
    if (state.view === "agg" && e.view === "full" && e.event) {
      return expandedEvents.has(e.event) && visibleNodes.has(e.from) && visibleNodes.has(e.to);
    }
    if (e.view !== state.view) return false;
    if (!visibleNodes.has(e.from) || !visibleNodes.has(e.to)) return false;
    if (e.event) return passes.get(e.event) === true;
    if (e.events) return e.events.some(function (id) { return passes.get(id); });
    return true;
  }

  // ---------- the network ----------
  var edgeData = new Map();
  var allEdges = [];
  DATA.edges.forEach(function (e) { allEdges.push(e); });
  (DATA.simple_edges || []).forEach(function (e) { allEdges.push(e); });
  (DATA.agg_edges || []).forEach(function (e) { allEdges.push(e); });
  allEdges.forEach(function (e) { edgeData.set(e.id, e); });

  var FULL = new Map(), FONT = new Map();  // each node's own label and font, for the label pass
  var nodesDS = new vis.DataSet(DATA.nodes.map(function (n) {
    var v = visNode(n);
    FULL.set(v.id, v.label);
    FONT.set(v.id, v.font);
    if (!SMALL) v.label = "";  // the label pass below decides who is labelled, at what size
    return v;
  }));
  var edgesDS = new vis.DataSet(allEdges.map(visEdge));
  function recompute() {
    computePasses();
    visibleNodes = new Set();
    DATA.nodes.forEach(function (n) { if (nodeVisible(n)) visibleNodes.add(n.id); });
  }
  recompute();
  var nodesView = new vis.DataView(nodesDS, { filter: function (v) { return visibleNodes.has(v.id); } });
  var edgesView = new vis.DataView(edgesDS, { filter: function (v) { return edgeVisible(edgeData.get(v.id)); } });

  var options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: !BIG && DATA.nodes.length <= 150 },
    physics: DATA.physics
      ? { enabled: true, solver: "forceAtlas2Based",
          forceAtlas2Based: { gravitationalConstant: -180, centralGravity: 0.01, springLength: 150, springConstant: 0.05, avoidOverlap: 1 },
          stabilization: { enabled: true, iterations: 400, fit: true } }
      : { enabled: false },
    interaction: { hover: !BIG, tooltipDelay: 150, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, multiselect: false },
    nodes: { scaling: { min: 8, max: 34, label: { enabled: false, drawThreshold: 5 } } },
    edges: { selectionWidth: 2 }
  };
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);

  // ---------- labels: readable at any zoom, the best-connected nodes first ----------
  var LABELLED = new Map(), fitScale = 1, relabelQueued = false;
  function labelBudget() {
    // about one label per 6,000 px^2 of canvas at fit zoom; zooming in makes room for more
    var budget = Math.max(30, Math.floor(container.clientWidth * container.clientHeight / 6000));
    var s = network.getScale() || 1;
    return s > fitScale ? Math.round(budget * Math.min(100, (s / fitScale) * (s / fitScale))) : budget;
  }
  function relabel() {
    if (SMALL) return;
    var s = network.getScale() || 1;
    var size = Math.min(12 / s, 600);  // canvas units shown as 12 px
    var ranked = [];
    visibleNodes.forEach(function (id) { var n = byId.get(id); if (n) ranked.push(n); });
    ranked.sort(function (a, b) { return (b.deg || 0) - (a.deg || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
    var want = new Map();
    ranked.slice(0, labelBudget()).forEach(function (n, i) { want.set(n.id, i < 10 ? size * 1.25 : size); });
    var updates = [];
    LABELLED.forEach(function (sz, id) { if (!want.has(id)) updates.push({ id: id, label: "" }); });
    want.forEach(function (sz, id) {
      var had = LABELLED.get(id);
      if (had === undefined || Math.abs(had - sz) > 0.05 * sz) {
        updates.push({ id: id, label: FULL.get(id), font: Object.assign({}, FONT.get(id), { size: sz }) });
      }
    });
    LABELLED = want;
    if (updates.length) nodesDS.update(updates);
  }
  function refit() {
    if (!nodesView.length) return;
    network.fit({ animation: false });
    fitScale = network.getScale() || 1;
    relabel();
  }
  // any change of zoom (the wheel, a fit, focusing a node) relabels once the frame is drawn
  var labelScale = null;
  network.on("afterDrawing", function () {
    var s = network.getScale();
    if (SMALL || relabelQueued || s === labelScale) return;
    relabelQueued = true;
    requestAnimationFrame(function () { relabelQueued = false; labelScale = network.getScale(); relabel(); });
  });

  // vis's storePositions() walks the whole DataSet and fails on nodes the view hides: store the drawn ones only
  function keepPositions() {
    var pos = network.getPositions();
    nodesDS.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }
  function markReady() {
    if (window.__kgReady) return;
    window.__kgReadyAt = performance.now();
    window.__kgReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  if (DATA.nodes.length === 0) {
    markReady();
  } else if (DATA.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      keepPositions(); // so filters and the view toggle keep the layout
      network.once("afterDrawing", markReady);
      refit();
      network.redraw();
    });
  } else {
    network.once("afterDrawing", function () {
      refit();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  }

  // ---------- header, banner, counts ----------
  document.getElementById("kg-title").textContent = DATA.title;
  if (DATA.banner) {
    var banner = document.getElementById("kg-banner");
    banner.textContent = DATA.banner;
    banner.hidden = false;
  }
  var status = document.getElementById("kg-status");
  function updateCounts() {
    document.getElementById("kg-counts").textContent =
      nodesView.length + " nodes \u00b7 " + edgesView.length + " edges shown (graph: " +
      DATA.counts.graph_nodes + " nodes, " + DATA.counts.graph_edges + " edges)";
  }
  function refresh() {
    recompute();
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
    refit();  // a filter re-fits the view to what it left
    drawTimeline();
  }
  updateCounts();

  // ---------- details panel ----------
  var details = document.getElementById("kg-details");
  function entityButton(id, label) {
    var b = el("button", { type: "button", className: "kg-link" }, label || (byId.get(id) || {}).label || id);
    b.addEventListener("click", function () { select(id); });
    return b;
  }
  function dl(pairs) {
    var list = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") return;
      list.appendChild(el("dt", null, p[0]));
      list.appendChild(el("dd", null, p[1]));
    });
    return list;
  }
  function evidenceBlock(ev) {
    var quote = el("blockquote");
    var s = ev.sentence || "";
    if (typeof ev.start === "number" && ev.end > ev.start && ev.end <= s.length) {
      quote.appendChild(document.createTextNode(s.slice(0, ev.start)));
      quote.appendChild(el("mark", null, s.slice(ev.start, ev.end)));
      quote.appendChild(document.createTextNode(s.slice(ev.end)));
    } else {
      quote.appendChild(document.createTextNode(s));
      if (ev.anchor) quote.appendChild(el("div", { className: "kg-doc" }, "mention: ", el("mark", null, ev.anchor)));
    }
    var doc = el("div", { className: "kg-doc" }, "document ", el("strong", null, ev.doc || "?"));
    if (ev.issued) doc.appendChild(document.createTextNode(" (" + ev.issued + ")"));
    if (ev.source) { doc.appendChild(document.createTextNode(" \u2014 ")); doc.appendChild(linkOrText(ev.source)); }
    if (typeof ev.doc_begin === "number") doc.appendChild(document.createTextNode(" \u00b7 chars " + ev.doc_begin + "\u2013" + ev.doc_end));
    return el("div", { className: "kg-evidence" }, quote, doc);
  }
  function showEvent(n) {
    clear(details);
    var h = el("h2", { className: n.factuality === "Negated" ? "kg-negated" : "" }, n.label);
    var q = quadOf(n);
    var type = (n.cameo || "?") + " \u2014 " + (n.cameo_name || "unknown code");
    var root = n.cameo_root ? n.cameo_root + " " + rootName(n.cameo_root_name) : null;
    var place = n.place ? (byId.has(n.place) ? entityButton(n.place, n.place_label) : (n.place_label || n.place)) : null;
    details.appendChild(h);
    details.appendChild(dl([
      ["type", type], ["CAMEO root", root], ["PLOVER", n.plover], ["quad class", n.quad ? n.quad + " " + q.name : null],
      ["date", n.date || "not stated"], ["place", place], ["factuality", n.factuality],
      ["confidence", typeof n.confidence === "number" ? n.confidence.toFixed(2) : null],
      ["Goldstein", typeof n.goldstein === "number" ? String(n.goldstein) : null]
    ]));
    if ((n.participants || []).length) {
      details.appendChild(el("h3", null, "Participants"));
      var ul = el("ul");
      n.participants.forEach(function (p) { ul.appendChild(el("li", null, p.role + ": ", entityButton(p.id, p.label))); });
      details.appendChild(ul);
    }
    details.appendChild(el("h3", null, "Evidence (" + (n.evidence || []).length + ")"));
    (n.evidence || []).forEach(function (ev) { details.appendChild(evidenceBlock(ev)); });
    details.appendChild(el("p", { className: "kg-doc" }, n.id));
  }
  function eventList(ids) {
    var ol = el("ol", { className: "kg-events" });
    ids.forEach(function (id) {
      var ev = byId.get(id);
      if (!ev) return;
      var b = el("button", { type: "button", className: "kg-link" + (ev.factuality === "Negated" ? " kg-negated" : "") }, ev.label);
      b.addEventListener("click", function () { select(id); });
      ol.appendChild(el("li", null, (ev.date || "undated") + " \u00b7 " + (ev.factuality || "") + " \u00b7 ", b));
    });
    return ol;
  }
  function showEntity(n) {
    clear(details);
    details.appendChild(el("h2", null, n.label));
    var qid = n.qid ? linkOrText("https://www.wikidata.org/wiki/" + encodeURIComponent(n.qid)) : null;
    details.appendChild(dl([
      ["kind", n.kind], ["also", (n.aliases || []).join(", ")], ["role", n.role_title], ["ISO3", n.iso3], ["Wikidata", qid]
    ]));
    if (state.view === "agg" && !DATA.aggregated && (n.events || []).length) {
      var open = state.expanded.has(n.id);
      var drill = el("button", { type: "button", id: "kg-drill" }, open ? "Hide its events" : "Show its events in the graph");
      drill.addEventListener("click", function () { toggleExpand(n.id); showEntity(n); });
      details.appendChild(drill);
    }
    details.appendChild(el("h3", null, "Events (" + (n.events || []).length + ", by date)"));
    details.appendChild(eventList(n.events || []));
    details.appendChild(el("p", { className: "kg-doc" }, n.id));
  }
  function showEdge(id) {
    var e = edgeData.get(id);
    if (!e) return;
    if (e.event) { showEvent(byId.get(e.event)); return; }
    clear(details);
    var a = byId.get(e.from) || {}, b = byId.get(e.to) || {};
    details.appendChild(el("h2", null, (a.label || e.from) + " \u2014 " + (ROLE[e.role] || { text: e.role }).text + " \u2014 " + (b.label || e.to)));
    if (e.events) details.appendChild(eventList(e.events.slice().sort(function (x, y) {
      return ((byId.get(x) || {}).date || "9999").localeCompare((byId.get(y) || {}).date || "9999");
    })));
  }
  function show(id) {
    var n = byId.get(id);
    if (!n) return;
    if (n.kind === "Event") showEvent(n); else showEntity(n);
  }
  function select(id) {
    show(id);
    if (visibleNodes.has(id) && nodesView.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
      status.textContent = "";
    } else {
      network.unselectAll();
      status.textContent = "\u201c" + ((byId.get(id) || {}).label || id) + "\u201d is hidden by the filters or the current view.";
    }
  }
  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  function toggleExpand(id) {
    if (state.expanded.has(id)) state.expanded.delete(id); else state.expanded.add(id);
    refresh();
  }
  network.on("doubleClick", function (params) {  // drill down from an actor to its events
    if (state.view !== "agg" || DATA.aggregated || !params.nodes.length) return;
    var n = byId.get(params.nodes[0]);
    if (n && n.kind !== "Event") { toggleExpand(n.id); show(n.id); }
  });

  // ---------- search ----------
  var searchIndex = [];
  var datalist = document.getElementById("kg-search-list");
  var seen = new Set();
  byId.forEach(function (n) {
    [n.label].concat(n.aliases || []).forEach(function (name) {
      if (!name) return;
      searchIndex.push({ key: name.toLowerCase(), id: n.id });
      if (!seen.has(name) && seen.size < 5000) {
        seen.add(name);
        var opt = document.createElement("option");
        opt.value = name;
        datalist.appendChild(opt);
      }
    });
  });
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var hit = searchIndex.find(function (s) { return s.key === q; }) ||
              searchIndex.find(function (s) { return s.key.indexOf(q) === 0; }) ||
              searchIndex.find(function (s) { return s.key.indexOf(q) !== -1; });
    return hit ? hit.id : null;
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (evt) {
    evt.preventDefault();
    var q = document.getElementById("kg-search").value;
    var id = find(q);
    if (id) select(id); else status.textContent = "No node matches \u201c" + q + "\u201d.";
  });

  // ---------- filters ----------
  var factBox = document.getElementById("kg-f-fact");
  Object.keys(FACT).forEach(function (f) {
    var n = EVENTS.filter(function (ev) { return (ev.factuality || "Actual") === f; }).length;
    var cb = el("input", { type: "checkbox", value: f, "data-filter": "factuality" });
    cb.checked = true;
    cb.addEventListener("change", function () { if (cb.checked) state.fact.add(f); else state.fact.delete(f); refresh(); });
    factBox.appendChild(el("label", null, cb, " " + FACT[f].text + " (" + n + ")"));
  });
  var rootBox = document.getElementById("kg-f-root");
  Object.keys(ROOTS).sort().forEach(function (r) {
    var cb = el("input", { type: "checkbox", value: r, "data-filter": "root" });
    cb.checked = true;
    cb.addEventListener("change", function () { if (cb.checked) state.roots.add(r); else state.roots.delete(r); refresh(); });
    rootBox.appendChild(el("label", null, cb, " " + r + " " + ROOTS[r].name + " (" + ROOTS[r].count + ")"));
  });
  // a searchable picker: type a name or an alias, the list narrows as you type
  var actorInput = document.getElementById("kg-f-actor");
  var actorList = document.getElementById("kg-actor-list");
  var actorByName = new Map();
  var actors = [];
  byId.forEach(function (n) { if (n.kind !== "Event" && (n.events || []).length && n.is_actor) actors.push(n); });
  actors.sort(function (a, b) { return b.events.length - a.events.length || a.label.localeCompare(b.label); });
  actors.forEach(function (n) {
    var name = n.label;
    if (actorByName.has(name.toLowerCase())) name = n.label + " (" + n.kind + ")";
    if (actorByName.has(name.toLowerCase())) name = n.label + " (" + n.id + ")";
    actorByName.set(name.toLowerCase(), n.id);
    (n.aliases || []).forEach(function (a) { if (!actorByName.has(a.toLowerCase())) actorByName.set(a.toLowerCase(), n.id); });
    var opt = document.createElement("option");
    opt.value = name;
    opt.label = n.events.length + " event" + (n.events.length === 1 ? "" : "s");
    actorList.appendChild(opt);
  });
  function applyActor() {
    var v = actorInput.value.trim();
    var id = v ? actorByName.get(v.toLowerCase()) : "";
    if (id === undefined) {
      actorInput.setCustomValidity("no actor of that name");
      status.textContent = "No actor named \u201c" + v + "\u201d.";
      return;
    }
    actorInput.setCustomValidity("");
    status.textContent = "";
    state.actor = id;
    refresh();
  }
  actorInput.addEventListener("change", applyActor);
  actorInput.addEventListener("keydown", function (evt) { if (evt.key === "Enter") { evt.preventDefault(); applyActor(); } });
  function dateInput(id, key) {
    var input = document.getElementById(id);
    input.addEventListener("change", function () {
      var v = input.value.trim();
      state[key] = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? v : "";
      input.setCustomValidity(v && !state[key] ? "use YYYY, YYYY-MM or YYYY-MM-DD" : "");
      refresh();
    });
  }
  dateInput("kg-f-from", "from");
  dateInput("kg-f-to", "to");
  document.getElementById("kg-f-undated").addEventListener("change", function (evt) { state.undated = evt.target.checked; refresh(); });
  document.getElementById("kg-f-reset").addEventListener("click", function () {
    document.querySelectorAll("#kg-side input[type=checkbox]").forEach(function (cb) { cb.checked = true; });
    state.fact = new Set(Object.keys(FACT));
    state.roots = new Set(Object.keys(ROOTS));
    state.actor = ""; actorInput.value = ""; actorInput.setCustomValidity("");
    state.from = state.to = ""; state.undated = true;
    document.getElementById("kg-f-from").value = "";
    document.getElementById("kg-f-to").value = "";
    refresh();
  });
  var simpleBox = document.getElementById("kg-simple");
  var actorsBox = document.getElementById("kg-actors");
  actorsBox.checked = state.view === "agg";
  actorsBox.disabled = !!DATA.aggregated;
  actorsBox.addEventListener("change", function () {
    if (actorsBox.checked) simpleBox.checked = false;
    state.view = actorsBox.checked ? "agg" : (simpleBox.checked ? "simple" : "full");
    refresh();
  });
  if (DATA.aggregated) {
    simpleBox.checked = true;
    simpleBox.disabled = true;
    simpleBox.parentNode.lastChild.textContent = " aggregated view";
  } else {
    // each view keeps its own layout: the simple view is laid out once, the first time it is shown
    var savedPositions = {};
    simpleBox.addEventListener("change", function () {
      actorsBox.checked = false;
      savedPositions[state.view] = network.getPositions();
      state.view = simpleBox.checked ? "simple" : "full";
      refresh();
      var saved = savedPositions[state.view];
      if (saved) {
        nodesDS.update(Object.keys(saved).map(function (id) { return { id: id, x: saved[id].x, y: saved[id].y }; }));
        network.fit({ animation: false });
      } else if (DATA.physics) {
        network.once("stabilizationIterationsDone", function () {
          network.setOptions({ physics: { enabled: false } });
          keepPositions();
          network.fit({ animation: false });
        });
        network.setOptions({ physics: { enabled: true } });
        network.stabilize(300);
      } else {
        network.fit({ animation: false });
      }
    });
  }

  // ---------- legend ----------
  var legend = document.getElementById("kg-legend");
  function row(sw, text) { legend.appendChild(el("div", { className: "kg-legend-row" }, sw, text)); }
  function swatch(color, css, style) {
    var s = el("span", { className: "kg-sw " + (css || "") });
    s.style.background = color;
    if (style) Object.keys(style).forEach(function (k) { s.style[k] = style[k]; });
    return s;
  }
  legend.appendChild(el("strong", null, "Actors and places"));
  ["Person", "Country", "Organization", "Group", "City", "Weapon"].forEach(function (k) {
    row(swatch(KIND[k].color, KIND[k].css), k + " (" + KIND[k].shape + ")");
  });
  legend.appendChild(el("strong", null, "Events (" + (BIG ? "hexagon" : "box") + "; colour = quad class)"));
  [1, 2, 3, 4].forEach(function (q) { row(swatch(QUAD[q].color), q + " " + QUAD[q].name); });
  legend.appendChild(el("strong", null, "Factuality (border)"));
  row(swatch("#ffffff", "", { borderStyle: "solid" }), "actual");
  row(swatch("#ffffff", "", { borderStyle: "dashed" }), "planned");
  row(swatch("#ffffff", "", { borderStyle: "dotted" }), "possible");
  row(swatch("#ffffff", "", { borderColor: NEGATED_RED, borderWidth: "3px" }), "negated (red, struck through)");
  legend.appendChild(el("strong", null, "Edges (role)"));
  ["source", "target", "actor", "place", "theme", "memberOf", "met"].forEach(function (r) {
    row(swatch("transparent", "line", { borderColor: ROLE[r].color }), ROLE[r].text);
  });
  legend.appendChild(el("strong", null, "Actor links (actors only)"));
  legend.appendChild(el("div", { className: "kg-hint" },
    "width = number of events, colour = quad class of most of them, arrow = source \u2192 target; " +
    "double-click an actor to show its events"));

  // ---------- timeline: a histogram of the dated events; drag across it to filter by date ----------
  var tlBox = document.getElementById("kg-timeline");
  var tlCanvas = document.getElementById("kg-tl");
  var tlRange = document.getElementById("kg-tl-range");
  function dayNumber(d) {
    var p = periodStart(d).split("-");
    return Math.floor(Date.UTC(+p[0], (+p[1] || 1) - 1, +p[2] || 1) / 86400000);
  }
  function isoDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
  var TL = { bins: [], unit: "day" };
  (function buildTimeline() {
    var dated = EVENTS.filter(function (ev) { return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(ev.date || ""); });
    if (!dated.length) return;
    var days = dated.map(function (ev) { return dayNumber(ev.date); });
    var lo = Math.min.apply(null, days), hi = Math.max.apply(null, days);
    var unit = hi - lo <= 120 ? "day" : hi - lo <= 3660 ? "month" : "year";
    function key(n) {
      var d = new Date(n * 86400000);
      return unit === "day" ? n : unit === "month" ? d.getUTCFullYear() * 12 + d.getUTCMonth() : d.getUTCFullYear();
    }
    function bounds(k) {  // first and last day of a bin
      if (unit === "day") return [k, k];
      if (unit === "month") {
        var y = Math.floor(k / 12), m = k % 12;
        return [Date.UTC(y, m, 1) / 86400000, Date.UTC(y, m + 1, 1) / 86400000 - 1];
      }
      return [Date.UTC(k, 0, 1) / 86400000, Date.UTC(k + 1, 0, 1) / 86400000 - 1];
    }
    var k0 = key(lo), k1 = key(hi);
    for (var k = k0; k <= k1; k++) { var b = bounds(k); TL.bins.push({ from: isoDay(b[0]), to: isoDay(b[1]), events: [] }); }
    dated.forEach(function (ev, i) { TL.bins[key(days[i]) - k0].events.push(ev.id); });
    TL.unit = unit;
    tlBox.hidden = false;
  })();
  var brush = null;  // [first bin, last bin] while dragging or selected
  function drawTimeline() {
    if (!TL.bins.length) return;
    var ratio = window.devicePixelRatio || 1;
    var w = tlCanvas.clientWidth || 600, h = tlCanvas.clientHeight || 56;
    tlCanvas.width = Math.round(w * ratio);
    tlCanvas.height = Math.round(h * ratio);
    var ctx = tlCanvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var max = 1;
    TL.bins.forEach(function (b) { max = Math.max(max, b.events.length); });
    var bw = w / TL.bins.length;
    if (brush) {
      ctx.fillStyle = "rgba(11, 87, 208, 0.12)";
      ctx.fillRect(Math.min(brush[0], brush[1]) * bw, 0, (Math.abs(brush[1] - brush[0]) + 1) * bw, h);
    }
    TL.bins.forEach(function (b, i) {
      var all = b.events.length, shown = b.events.filter(function (id) { return passes.get(id); }).length;
      var x = i * bw + Math.min(1, bw * 0.1), bwi = Math.max(1, bw - 2 * Math.min(1, bw * 0.1));
      ctx.fillStyle = "#d9d9d9";
      ctx.fillRect(x, h - (h - 4) * all / max, bwi, (h - 4) * all / max);
      ctx.fillStyle = "#4e79a7";
      ctx.fillRect(x, h - (h - 4) * shown / max, bwi, (h - 4) * shown / max);
    });
    var first = TL.bins[0].from, last = TL.bins[TL.bins.length - 1].to;
    tlRange.textContent = (state.from || state.to ? (state.from || first) + " \u2013 " + (state.to || last)
                                                  : first + " \u2013 " + last) + " (by " + TL.unit + ")";
  }
  function setDates(from, to) {
    state.from = from || "";
    state.to = to || "";
    document.getElementById("kg-f-from").value = state.from;
    document.getElementById("kg-f-to").value = state.to;
    if (!from && !to) brush = null;
    refresh();
  }
  function binAt(evt) {
    var r = tlCanvas.getBoundingClientRect();
    return Math.max(0, Math.min(TL.bins.length - 1, Math.floor((evt.clientX - r.left) / r.width * TL.bins.length)));
  }
  var dragging = false;
  tlCanvas.addEventListener("pointerdown", function (evt) {
    if (!TL.bins.length) return;
    dragging = true;
    tlCanvas.setPointerCapture(evt.pointerId);
    var b = binAt(evt);
    brush = [b, b];
    drawTimeline();
  });
  tlCanvas.addEventListener("pointermove", function (evt) {
    if (!dragging) return;
    brush[1] = binAt(evt);
    drawTimeline();
  });
  tlCanvas.addEventListener("pointerup", function (evt) {
    if (!dragging) return;
    dragging = false;
    brush[1] = binAt(evt);
    var a = Math.min(brush[0], brush[1]), b = Math.max(brush[0], brush[1]);
    setDates(TL.bins[a].from, TL.bins[b].to);
  });
  document.getElementById("kg-tl-clear").addEventListener("click", function () { setDates("", ""); });
  window.addEventListener("resize", drawTimeline);
  drawTimeline();

  // ---------- the events that pass the filters, as CSV ----------
  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;  // a spreadsheet must not read a cell as a formula
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function shownEventsCsv() {
    var rows = [["event_id", "date", "cameo_code", "cameo_name", "quad_class", "factuality", "confidence",
                 "actors", "place", "label", "documents"]];
    EVENTS.filter(function (ev) { return passes.get(ev.id); })
      .sort(function (a, b) { return (a.date || "9999").localeCompare(b.date || "9999") || (a.id < b.id ? -1 : 1); })
      .forEach(function (ev) {
        rows.push([ev.id, ev.date, ev.cameo, ev.cameo_name, ev.quad, ev.factuality, ev.confidence,
                   (ev.participants || []).filter(function (p) { return p.role !== "place" && p.role !== "theme"; })
                     .map(function (p) { return p.label; }).join("; "),
                   ev.place_label, ev.label, (ev.documents || []).join("; ")]);
      });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  document.getElementById("kg-export").addEventListener("click", function () {
    var blob = new Blob([shownEventsCsv()], { type: "text/csv;charset=utf-8" });
    var a = el("a", { download: "kg-events.csv" });
    a.href = URL.createObjectURL(blob);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });

  window.kgView = {
    network: network, data: DATA, select: select, find: find, state: state, refresh: refresh,
    expand: toggleExpand, dates: setDates, csv: shownEventsCsv, timeline: TL,
    labels: function () {  // the labelled nodes on screen and their size in px
      var s = network.getScale();
      var out = [];
      LABELLED.forEach(function (sz, id) { if (visibleNodes.has(id)) out.push({ id: id, px: sz * s }); });
      if (SMALL) visibleNodes.forEach(function (id) { out.push({ id: id, px: ((FONT.get(id) || {}).size || 14) * s }); });
      return out;
    },
    counts: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length,
               viewNodes: nodesView.length, viewEdges: edgesView.length };
    }
  };
})();
