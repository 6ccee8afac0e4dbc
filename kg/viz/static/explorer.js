// gonghui-kg explorer. Corpus text reaches the page only through textContent or the
// canvas, never as HTML. window.kgExplorer exposes the state for tests and the console.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var N = DATA.nodes, E = DATA.edges, CLS = DATA.classes, REL = DATA.relations;
  var EV_PAGE = 30;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function clsName(i) { return CLS[N[i].c].zh + " " + CLS[N[i].c].name; }

  // ---------------------------------------------------------------- indexes
  var adj = N.map(function () { return []; });
  E.forEach(function (e, k) { adj[e[0]].push(k); if (e[1] !== e[0]) adj[e[1]].push(k); });
  var relIndex = {}; REL.forEach(function (r, i) { relIndex[r.key] = i; });
  var clsIndex = {}; CLS.forEach(function (c, i) { clsIndex[c.key] = i; });
  function other(k, i) { return E[k][0] === i ? E[k][1] : E[k][0]; }
  function edgesOf(i, rel) { return adj[i].filter(function (k) { return rel === undefined || E[k][2] === relIndex[rel]; }); }

  // ---------------------------------------------------------------- view state
  var state = {
    classOn: CLS.map(function () { return true; }),
    relOn: REL.map(function () { return true; }),
    topOn: !!DATA.layout.topByDefault,
    topN: DATA.layout.topN,
    scope: null,          // Set of node indices, or null for everything
    pinned: new Set()     // nodes shown whatever the filters say (search results)
  };
  function nodeVisible(i) {
    if (state.pinned.has(i)) return true;
    if (!state.classOn[N[i].c]) return false;
    if (state.scope) return state.scope.has(i);
    return !state.topOn || N[i].r < state.topN;
  }
  function edgeVisible(k) {
    var e = E[k];
    return state.relOn[e[2]] && nodeVisible(e[0]) && nodeVisible(e[1]);
  }

  // ---------------------------------------------------------------- vis data
  function tooltip(i) {
    var n = N[i], d = el("div", "tip");
    d.appendChild(el("b", null, n.l));
    d.appendChild(el("div", null, clsName(i) + " · " + adj[i].length + " links"));
    if (n.a && n.a.length) d.appendChild(el("div", null, "又名 " + n.a.join("、")));
    return d;
  }
  // Per-item options are deep-merged by vis for every item: keep them few (groups carry
  // shape and colour), or thousands of edges take seconds to add.
  var nodeItems = N.map(function (n, i) {
    var item = { id: i, label: short(n.l, 16), group: "c" + n.c, size: n.s, title: tooltip(i) };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  });
  var edgeItems = E.map(function (e, k) {
    var item = { id: k, from: e[0], to: e[1], label: e[3], color: REL[e[2]].color };
    if (e[4].length > 1) item.width = Math.min(1 + Math.log2(e[4].length), 5);
    return item;
  });
  var groups = {};
  CLS.forEach(function (c, i) {
    groups["c" + i] = { shape: c.shape, color: { background: c.color, border: c.color, highlight: { background: c.color, border: "#1f2933" }, hover: { background: c.color, border: "#1f2933" } } };
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodesView = new vis.DataView(nodes, { filter: function (it) { return nodeVisible(it.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (it) { return edgeVisible(it.id); } });

  var big = !DATA.layout.physics;
  var options = {
    autoResize: true,
    layout: { randomSeed: 42, improvedLayout: !big && N.length < 150 },
    physics: big ? false : {
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -6000, springLength: 130, springConstant: 0.03, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: 300, fit: true }
    },
    groups: groups,
    nodes: { borderWidth: 1, scaling: { label: { drawThreshold: 7 } }, font: { size: 13, color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } }, color: { highlight: "#1f2933", opacity: 0.85 },
      font: { size: 10, color: "#52606d", strokeWidth: 2, align: "middle" },
      smooth: big ? false : { type: "continuous" },
      scaling: { label: { drawThreshold: 8 } },
      selectionWidth: 2
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false, keyboard: false }
  };
  var network = new vis.Network($("graph"), { nodes: nodesView, edges: edgesView }, options);
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  network.once("afterDrawing", function () { window.kgReady = true; document.body.setAttribute("data-ready", "1"); });

  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    $("status").textContent = "Showing " + nodesView.length + " of " + N.length + " nodes, " +
      edgesView.length + " of " + E.length + " edges" + (state.topOn && !state.scope ? " (top " + state.topN + " by PageRank)" : "");
  }

  // ---------------------------------------------------------------- legend and filters
  function swatch(color, shape) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "-8 -8 16 16");
    var s;
    var poly = {
      square: "-6,-6 6,-6 6,6 -6,6", diamond: "0,-7 7,0 0,7 -7,0", triangle: "0,-7 7,6 -7,6",
      star: "0,-7 2,-2 7,-2 3,1 5,7 0,3 -5,7 -3,1 -7,-2 -2,-2", hexagon: "-6,0 -3,-6 3,-6 6,0 3,6 -3,6"
    }[shape];
    if (shape === "line") { s = document.createElementNS(ns, "line"); s.setAttribute("x1", "-7"); s.setAttribute("x2", "7"); s.setAttribute("y1", "0"); s.setAttribute("y2", "0"); s.setAttribute("stroke", color); s.setAttribute("stroke-width", "3"); }
    else if (poly) { s = document.createElementNS(ns, "polygon"); s.setAttribute("points", poly); s.setAttribute("fill", color); }
    else { s = document.createElementNS(ns, "circle"); s.setAttribute("r", "6"); s.setAttribute("fill", color); }
    svg.appendChild(s);
    return svg;
  }
  function checkList(box, items, counts, on, shapeOf, name) {
    items.forEach(function (it, i) {
      var lab = el("label"), cb = el("input");
      cb.type = "checkbox"; cb.checked = true; cb.setAttribute("data-key", it.key); cb.name = name;
      cb.addEventListener("change", function () { on[i] = cb.checked; refresh(); });
      lab.appendChild(cb); lab.appendChild(swatch(it.color, shapeOf(it)));
      lab.appendChild(el("span", null, it.zh + " " + it.name)); lab.appendChild(el("span", "count", counts[i]));
      box.appendChild(lab);
    });
  }
  var classCounts = CLS.map(function () { return 0; }); N.forEach(function (n) { classCounts[n.c]++; });
  var relCounts = REL.map(function () { return 0; }); E.forEach(function (e) { relCounts[e[2]]++; });
  checkList($("f-classes"), CLS, classCounts, state.classOn, function (c) { return c.shape; }, "class");
  checkList($("f-relations"), REL, relCounts, state.relOn, function () { return "line"; }, "relation");

  function fillSelect(sel, cls) {
    N.map(function (n, i) { return i; }).filter(function (i) { return N[i].c === clsIndex[cls]; })
      .sort(function (a, b) { return N[a].l < N[b].l ? -1 : N[a].l > N[b].l ? 1 : a - b; })
      .forEach(function (i) { var o = el("option", null, short(N[i].l, 40)); o.value = String(i); sel.appendChild(o); });
  }
  fillSelect($("f-article"), "Article");
  fillSelect($("f-column"), "Column");
  function neighbourhood(i) {
    var s = new Set([i]);
    adj[i].forEach(function (k) { s.add(other(k, i)); });
    return s;
  }
  function setScope(sel, otherSel, build) {
    sel.addEventListener("change", function () {
      otherSel.value = "";
      state.scope = sel.value === "" ? null : build(Number(sel.value));
      state.pinned.clear();
      refresh();
      network.fit();
    });
  }
  setScope($("f-article"), $("f-column"), neighbourhood);
  setScope($("f-column"), $("f-article"), function (c) {
    var s = new Set([c]);
    edgesOf(c, "column").forEach(function (k) { neighbourhood(other(k, c)).forEach(function (x) { s.add(x); }); });
    return s;
  });
  $("f-top").checked = state.topOn;
  $("f-topn").value = String(state.topN);
  $("f-top").addEventListener("change", function () { state.topOn = $("f-top").checked; refresh(); });
  $("f-topn").addEventListener("change", function () { state.topN = Math.max(1, Number($("f-topn").value) || DATA.layout.topN); refresh(); });
  $("reset").addEventListener("click", function () {
    state.scope = null; state.pinned.clear(); $("f-article").value = ""; $("f-column").value = "";
    network.unselectAll(); hidePanel(); refresh(); network.fit();
  });

  // ---------------------------------------------------------------- search
  var searchKeys = N.map(function (n) { return [n.l].concat(n.a || []).map(function (s) { return s.toLowerCase(); }); });
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    for (var i = 0; i < N.length; i++) {
      var best = 9;
      searchKeys[i].forEach(function (key, j) {
        var score = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(q) > 0 ? 2 : 9;
        if (score < 9 && j > 0) score += 0.5;  // an alias match ranks after a label match
        if (score < best) best = score;
      });
      if (best < 9) found.push([best, N[i].r, i]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.slice(0, 20).map(function (f) { return f[2]; });
  }
  var results = [], active = 0;
  function showResults() {
    var box = $("results");
    box.textContent = "";
    results = matches($("search").value);
    active = 0;
    results.forEach(function (i, r) {
      var li = el("li", r === 0 ? "active" : null);
      li.setAttribute("role", "option");
      li.setAttribute("data-node", N[i].i);
      li.appendChild(swatch(CLS[N[i].c].color, CLS[N[i].c].shape));
      li.appendChild(el("span", null, short(N[i].l, 30)));
      var q = $("search").value.trim().toLowerCase();
      var alias = (N[i].a || []).filter(function (a) { return a.toLowerCase().indexOf(q) >= 0; })[0];
      if (alias && N[i].l.toLowerCase().indexOf(q) < 0) li.appendChild(el("span", "kind", "= " + alias));
      li.appendChild(el("span", "kind", CLS[N[i].c].zh));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      box.appendChild(li);
    });
  }
  var composing = false;
  $("search").addEventListener("compositionstart", function () { composing = true; });
  $("search").addEventListener("compositionend", function () { composing = false; showResults(); });
  $("search").addEventListener("input", function (ev) { if (!composing && !ev.isComposing) showResults(); });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.isComposing || composing) return;
    var items = $("results").children;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!items.length) return;
      ev.preventDefault();
      items[active].className = "";
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[active].className = "active";
    } else if (ev.key === "Enter") {
      if (!results.length) showResults();
      if (results.length) choose(results[active]);
    } else if (ev.key === "Escape") {
      $("results").textContent = "";
    }
  });
  $("search").addEventListener("blur", function () { setTimeout(function () { $("results").textContent = ""; }, 150); });

  function choose(i) {
    $("results").textContent = "";
    if (!nodeVisible(i)) { state.pinned.add(i); refresh(); }
    network.selectNodes([i]);
    showNode(i);
    network.focus(i, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
  }

  // ---------------------------------------------------------------- side panel
  // The panel takes width from the canvas: resize the network at once, so a focus lands in the centre.
  function setPanel(open) {
    if ($("panel").hidden === !open) return;
    $("panel").hidden = !open;
    network.setSize("100%", "100%");
  }
  function hidePanel() { setPanel(false); }
  $("panel-close").addEventListener("click", function () { hidePanel(); network.unselectAll(); });
  function nodeLink(i) {
    var b = el("button", "link", N[i].l);
    b.type = "button"; b.setAttribute("data-node", N[i].i);
    b.addEventListener("click", function () { choose(i); });
    return b;
  }
  function badge(i) { var b = el("span", "badge", clsName(i)); b.style.background = CLS[N[i].c].color; return b; }
  function section(body, title, count) { body.appendChild(el("h3", null, title + (count !== undefined ? " (" + count + ")" : ""))); }
  function list(body, items, render) {
    var ul = el("ul");
    items.forEach(function (x) { var li = el("li"); render(li, x); ul.appendChild(li); });
    body.appendChild(ul);
  }
  // rows: evidence indices for one (sentence, span); several rules can cite the same words
  function evidenceItem(rows) {
    var ev = DATA.evidence[rows[0]], s = DATA.sentences[ev[0]], box = el("div", "ev"), p = el("div", "sentence");
    if (ev[2] > ev[1]) {
      p.appendChild(document.createTextNode(s.slice(0, ev[1])));
      p.appendChild(el("mark", null, s.slice(ev[1], ev[2])));
      p.appendChild(document.createTextNode(s.slice(ev[2])));
    } else {
      p.textContent = s;
    }
    box.appendChild(p);
    var meta = el("div", "meta");
    if (ev[3] >= 0) { meta.appendChild(document.createTextNode("《")); meta.appendChild(nodeLink(ev[3])); meta.appendChild(document.createTextNode("》 · ")); }
    var rules = unique(rows.map(function (j) { return DATA.rules[DATA.evidence[j][4]]; }));
    meta.appendChild(el("span", "rule", (rules.length > 1 ? "rules " : "rule ") + rules.join(", ")));
    box.appendChild(meta);
    return box;
  }
  function groupBySpan(ids) {
    var groups = [], at = {};
    ids.forEach(function (j) {
      var ev = DATA.evidence[j], key = ev[3] + ":" + ev[0] + ":" + ev[1] + ":" + ev[2];
      if (at[key] === undefined) { at[key] = groups.length; groups.push([]); }
      groups[at[key]].push(j);
    });
    return groups;
  }
  function evidenceList(body, rowIds) {
    var ids = groupBySpan(rowIds);
    section(body, "Evidence 证据", ids.length);
    if (!ids.length) { body.appendChild(el("p", "muted", "No evidence sentence recorded.")); return; }
    var box = el("div", "evidence"), shown = 0;
    body.appendChild(box);
    function more() {
      ids.slice(shown, shown + EV_PAGE).forEach(function (j) { box.appendChild(evidenceItem(j)); });
      shown = Math.min(ids.length, shown + EV_PAGE);
      if (shown < ids.length) {
        var b = el("button", "more", "Show more (" + (ids.length - shown) + ")");
        b.type = "button";
        b.addEventListener("click", function () { b.remove(); more(); });
        box.appendChild(b);
      }
    }
    more();
  }
  function unique(xs) { var seen = new Set(); return xs.filter(function (x) { if (seen.has(x)) return false; seen.add(x); return true; }); }
  // Evidence rows are numbered by article and position, so numeric order reads like the text.
  function inTextOrder(ids) { return unique(ids).sort(function (a, b) { return a - b; }); }
  function openPanel() { var body = $("panel-body"); body.textContent = ""; setPanel(true); $("panel").scrollTop = 0; return body; }

  function showNode(i) {
    var n = N[i], body = openPanel(), isArticle = n.c === clsIndex.Article;
    body.setAttribute("data-node", n.i);
    body.appendChild(el("h2", null, n.l));
    body.appendChild(badge(i));
    body.appendChild(el("div", "iri", n.i));
    if (n.a && n.a.length) { section(body, "Aliases 别名", n.a.length); body.appendChild(el("p", "aliases", n.a.join("、"))); }
    if (isArticle) {
      if (n.src) body.appendChild(el("p", "muted", "Source 来源: " + n.src));
      if (n.topic) body.appendChild(el("p", "muted", "Topic 专题: " + n.topic));
      [["creator", "Authors 作者"], ["column", "Column 栏目"]].forEach(function (rt) {
        var ks = edgesOf(i, rt[0]);
        if (ks.length) { section(body, rt[1], ks.length); list(body, ks, function (li, k) { li.appendChild(nodeLink(other(k, i))); }); }
      });
      var named = edgesOf(i, "mentions").map(function (k) { return other(k, i); });
      section(body, "Entities named 提及的实体", named.length);
      named.sort(function (a, b) { return N[a].c - N[b].c || N[a].r - N[b].r; });
      list(body, named, function (li, j) { li.appendChild(nodeLink(j)); li.appendChild(el("span", "rel", " " + CLS[N[j].c].zh)); });
      evidenceList(body, inTextOrder([].concat.apply([], edgesOf(i, "mentions").concat(edgesOf(i, "creator")).map(function (k) { return E[k][4]; }))));
      return;
    }
    var articleEdges = adj[i].filter(function (k) { return N[other(k, i)].c === clsIndex.Article; });
    var arts = unique(articleEdges.map(function (k) { return other(k, i); }));
    section(body, "Articles 文章", arts.length);
    list(body, arts, function (li, a) { li.appendChild(nodeLink(a)); });
    var rels = adj[i].filter(function (k) { return N[other(k, i)].c !== clsIndex.Article; });
    if (rels.length) {
      section(body, "Relations 关系", rels.length);
      list(body, rels, function (li, k) {
        var e = E[k], r = REL[e[2]], out = e[0] === i;
        var b = el("button", "link", (out ? "" : "← ") + e[3] + (out ? " →" : ""));
        b.type = "button"; b.addEventListener("click", function () { network.selectEdges([k]); showEdge(k); });
        li.appendChild(b); li.appendChild(document.createTextNode(" ")); li.appendChild(nodeLink(other(k, i)));
        li.appendChild(el("span", "rel", " (" + r.name + ")"));
      });
    }
    evidenceList(body, inTextOrder([].concat.apply([], adj[i].map(function (k) { return E[k][4]; }))));
  }

  function showEdge(k) {
    var e = E[k], r = REL[e[2]], body = openPanel();
    body.setAttribute("data-edge", String(k));
    body.appendChild(el("h2", null, e[3]));
    var b = el("span", "badge", r.zh + " " + r.name); b.style.background = r.color; body.appendChild(b);
    var p = el("p");
    p.appendChild(nodeLink(e[0])); p.appendChild(document.createTextNode(" → ")); p.appendChild(nodeLink(e[1]));
    body.appendChild(p);
    evidenceList(body, e[4]);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  refresh();
  window.kgExplorer = {
    network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView, data: DATA,
    select: choose, showNode: showNode, showEdge: showEdge,
    indexOf: function (iri) { for (var i = 0; i < N.length; i++) if (N[i].i === iri) return i; return -1; }
  };
})();
