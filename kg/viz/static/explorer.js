// gonghui-kg explorer. Corpus text reaches the page only through textContent or the
// canvas, never as HTML. One script, two renderers behind one small interface:
// vis-network (canvas 2D) for small graphs, sigma.js (WebGL) for large ones; search,
// filters and the evidence panel are written once. Positions come from Python (seeded)
// and never change, so no filter, scope or reset can pile nodes up.
// window.kgExplorer exposes the state for tests and the console.
(function () {
  "use strict";
  var T = window.kgTimings = { start: performance.now() };  // milliseconds, for the benchmark
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  T.parsed = performance.now();
  var N = DATA.nodes, E = DATA.edges, CLS = DATA.classes, REL = DATA.relations, T2S = DATA.t2s || {};
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
  // Lower case, traditional characters as simplified: 農民工 finds 农民工.
  function fold(s) {
    s = s.toLowerCase();
    var out = "";
    for (var j = 0; j < s.length; j++) { var ch = s.charAt(j); out += T2S[ch] || ch; }
    return out;
  }

  // ---------------------------------------------------------------- indexes
  var adj = N.map(function () { return []; });
  E.forEach(function (e, k) { adj[e[0]].push(k); if (e[1] !== e[0]) adj[e[1]].push(k); });
  var relIndex = {}; REL.forEach(function (r, i) { relIndex[r.key] = i; });
  var clsIndex = {}; CLS.forEach(function (c, i) { clsIndex[c.key] = i; });
  var ART = clsIndex.Article;
  function other(k, i) { return E[k][0] === i ? E[k][1] : E[k][0]; }
  function edgesOf(i, rel) { return adj[i].filter(function (k) { return rel === undefined || E[k][2] === relIndex[rel]; }); }
  var byIri = {}; N.forEach(function (n, i) { byIri[n.i] = i; });

  // Months of dated articles, for the date filter.
  var months = [];
  (function () {
    var seen = {};
    N.forEach(function (n) { if (n.d && n.d.length >= 7) seen[n.d.slice(0, 7)] = (seen[n.d.slice(0, 7)] || 0) + 1; });
    months = Object.keys(seen).sort().map(function (m) { return [m, seen[m]]; });
  })();

  // ---------------------------------------------------------------- labels
  // Labels never overlap: nodes are taken best first (the selected one, then by rank:
  // PageRank, the classes taking turns) and each gets its label only if the label's box,
  // in screen pixels, is still free. Zooming in makes room, so more labels appear; the
  // same view always gives the same labels.
  var LABEL_FONT = '13px system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var LABEL_H = 16, LABEL_CELL = 64, LABEL_MAX = 400;
  var labelText = N.map(function (n) { return short(n.l, 16); });
  var labelWidth = new Float32Array(N.length);  // measured once per node, in pixels at LABEL_FONT
  // order: node indices best first; at(i): {x, y} of the top centre of i's label in page
  // pixels of the graph box, or null when i is off screen or too small to label.
  function placeLabels(ctx, order, at, width, height) {
    var grid = new Map(), boxes = [];
    for (var o = 0; o < order.length && boxes.length < LABEL_MAX; o++) {
      var i = order[o], p = at(i);
      if (!p || p.x < -50 || p.y < -LABEL_H || p.x > width + 50 || p.y > height) continue;
      if (!labelWidth[i]) labelWidth[i] = ctx.measureText(labelText[i]).width + 4;
      var b = [i, p.x - labelWidth[i] / 2, p.y, p.x + labelWidth[i] / 2, p.y + LABEL_H], free = true, cx, cy, k;
      var cx0 = Math.floor(b[1] / LABEL_CELL), cx1 = Math.floor(b[3] / LABEL_CELL);
      var cy0 = Math.floor(b[2] / LABEL_CELL), cy1 = Math.floor(b[4] / LABEL_CELL);
      for (cx = cx0; cx <= cx1 && free; cx++) {
        for (cy = cy0; cy <= cy1 && free; cy++) {
          var cell = grid.get(cx + ":" + cy);
          if (!cell) continue;
          for (k = 0; k < cell.length; k++) {
            var q = cell[k];
            if (b[1] < q[3] && q[1] < b[3] && b[2] < q[4] && q[2] < b[4]) { free = false; break; }
          }
        }
      }
      if (!free) continue;
      for (cx = cx0; cx <= cx1; cx++) {
        for (cy = cy0; cy <= cy1; cy++) {
          var key = cx + ":" + cy, list = grid.get(key);
          if (list) list.push(b); else grid.set(key, [b]);
        }
      }
      boxes.push(b);
    }
    return boxes;
  }
  // The nodes shown, in the order they get a label: the selected one first, then by rank.
  function labelOrder(sel) {
    var order = [];
    for (var i = 0; i < N.length; i++) if (visN[i] && i !== sel) order.push(i);
    order.sort(function (a, b) { return N[a].r - N[b].r; });
    if (sel !== null && visN[sel]) order.unshift(sel);
    return order;
  }
  function drawLabels(ctx, boxes) {
    ctx.font = LABEL_FONT; ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineJoin = "round"; ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#1f2933";
    for (var j = 0; j < boxes.length; j++) {
      var b = boxes[j], x = (b[1] + b[3]) / 2;
      ctx.strokeText(labelText[b[0]], x, b[2] + 1);
      ctx.fillText(labelText[b[0]], x, b[2] + 1);
    }
  }

  // ---------------------------------------------------------------- view state
  var L = DATA.layout;
  var state = {
    classOn: CLS.map(function (c, i) { return i !== ART || L.articlesByDefault; }),
    relOn: REL.map(function () { return true; }),
    topOn: !!L.topByDefault,
    topN: L.topN,
    hideOrphans: false,
    narrower: true,
    from: "", to: "",      // months, inclusive; "" for open
    scope: null,           // Set of node indices, or null for everything
    pinned: new Set(),     // nodes shown whatever the filters say (search results)
    cap: 0,                // at most this many nodes shown (0: no limit): the fallback without WebGL
    // at most this many edges drawn (0: no limit), those of the nodes in view first, then
    // the best-ranked (EDGE_BUDGET in explorer.py)
    edgeBudget: L.edgeBudget || 0
  };
  var visN = new Uint8Array(N.length), visE = new Uint8Array(E.length), shownN = 0, shownE = 0, capped = 0, trimmed = 0;
  // okE: the edges the filters let through; visE: those drawn (okE less what the edge budget trims)
  var okE = new Uint8Array(E.length), wantE = 0;
  var viewN = 0, viewE = 0;  // while the budget follows the view: its nodes shown and their edges (0: the whole picture)
  var edgeOrder = null;  // edges by the better rank of their ends, then the other: made when first needed

  function inDates(i) {
    if (!state.from && !state.to) return true;
    var n = N[i];
    if (n.c === ART) {
      if (!n.d) return false;
      var m = n.d.slice(0, 7);
      return (!state.from || m >= state.from) && (!state.to || m <= state.to);
    }
    return true;
  }
  function baseVisible(i) {
    if (state.pinned.has(i)) return true;
    // A scope shows the article(s) it is about whatever the class filter says.
    if (state.scope) return state.scope.has(i) && (state.classOn[N[i].c] || N[i].c === ART) && inDates(i);
    if (!state.classOn[N[i].c]) return false;
    if (!inDates(i)) return false;
    return !state.topOn || N[i].r < state.topN;
  }
  // view: let the edge budget follow the renderer's view (false: the whole picture, as
  // before a fit)
  function computeVisibility(view) {
    var i, k, dated = !!(state.from || state.to);
    for (i = 0; i < N.length; i++) visN[i] = baseVisible(i) ? 1 : 0;
    if (dated) {  // an entity every article of which is outside the dates goes too
      for (i = 0; i < N.length; i++) {
        if (!visN[i] || N[i].c === ART || state.pinned.has(i)) continue;
        var arts = 0, inside = 0;
        for (k = 0; k < adj[i].length; k++) {
          var o = other(adj[i][k], i);
          if (N[o].c === ART) { arts++; if (inDates(o)) inside++; }
        }
        if (arts && !inside) visN[i] = 0;
      }
    }
    capped = 0;
    if (state.cap) {  // the best-ranked nodes (and the pinned ones) only
      var shown = [];
      for (i = 0; i < N.length; i++) if (visN[i] && !state.pinned.has(i)) shown.push(i);
      if (shown.length > state.cap) {
        capped = shown.length;
        shown.sort(function (a, b) { return N[a].r - N[b].r; });
        for (k = state.cap; k < shown.length; k++) visN[shown[k]] = 0;
      }
    }
    shownE = 0;
    for (k = 0; k < E.length; k++) {
      var e = E[k];
      visE[k] = state.relOn[e[2]] && visN[e[0]] && visN[e[1]] ? 1 : 0;
      shownE += visE[k];
    }
    if (state.hideOrphans) {
      var linked = new Uint8Array(N.length);
      for (k = 0; k < E.length; k++) if (visE[k]) { linked[E[k][0]] = 1; linked[E[k][1]] = 1; }
      for (i = 0; i < N.length; i++) if (visN[i] && !linked[i] && !state.pinned.has(i)) visN[i] = 0;
    }
    okE.set(visE);
    wantE = shownE;
    shownN = 0;
    for (i = 0; i < N.length; i++) shownN += visN[i];
    trimEdges(view && R && R.inView ? R.inView() : null);
  }
  // The edge budget: past state.edgeBudget edges, those between the best-ranked nodes are
  // drawn. inView (node -> 1, or null for the whole picture): the budget goes to the edges
  // of the nodes in view first, so zooming in on a region brings back its trimmed edges.
  function trimEdges(inView) {
    visE.set(okE);
    shownE = wantE; trimmed = 0; viewN = 0; viewE = 0;
    if (!state.edgeBudget || wantE <= state.edgeBudget) return;
    if (!edgeOrder) edgeOrder = rankedEdges();
    var kept = 0, budget = state.edgeBudget, o, k;
    if (inView) {
      for (var i = 0; i < N.length; i++) viewN += inView[i];
      for (o = 0; o < edgeOrder.length; o++) {  // first the edges of the nodes in view
        k = edgeOrder[o];
        if (!okE[k] || !(inView[E[k][0]] || inView[E[k][1]])) continue;
        viewE++;
        if (kept < budget) kept++; else visE[k] = 0;
      }
    }
    for (o = 0; o < edgeOrder.length; o++) {  // then the rest, best-ranked first
      k = edgeOrder[o];
      if (!okE[k] || (inView && (inView[E[k][0]] || inView[E[k][1]]))) continue;
      if (kept < budget) kept++; else visE[k] = 0;
    }
    trimmed = wantE;
    shownE = kept;
  }
  // Edges by the better rank of their ends, then the worse, then index. The three are
  // packed in one number where it stays exact (below 2^53: 30,000 nodes and 100,000
  // edges use 10^14), so the sort is numeric, without a comparator called 1.7 million times.
  function rankedEdges() {
    var n = N.length + 1, m = E.length, order = new Int32Array(m), j;
    var key = function (e) { var ra = N[e[0]].r, rb = N[e[1]].r; return Math.min(ra, rb) * n + Math.max(ra, rb); };
    if (n * n * m < 9007199254740992) {
      var packed = new Float64Array(m);
      for (j = 0; j < m; j++) packed[j] = key(E[j]) * m + j;
      packed.sort();
      for (j = 0; j < m; j++) order[j] = packed[j] % m;
    } else {
      for (j = 0; j < m; j++) order[j] = j;
      order.sort(function (a, b) { return key(E[a]) - key(E[b]) || a - b; });
    }
    return order;
  }
  // The view settled (the renderer calls this): the edges to redraw now that the budget
  // follows the new view, or null when nothing is trimmed.
  function viewSettled() {
    if (!state.edgeBudget || wantE <= state.edgeBudget) return null;
    var before = visE.slice(), changed = [];
    trimEdges(R.inView());
    for (var k = 0; k < E.length; k++) if (before[k] !== visE[k]) changed.push(k);
    showStatus();
    return changed;
  }

  // ---------------------------------------------------------------- renderers
  // Each renderer: update() after visN/visE change, select(node|null, edge|null),
  // focus(i), fit(), position(i) -> {x, y} in data units, screen(i) -> {x, y} in
  // page pixels of the graph box, screenOfPoint({x, y}), zoomBy(f), panBy(dx, dy),
  // drawNow() (a synchronous redraw, for the benchmark), resize(); it calls hooks.node(i), hooks.edge(k), hooks.stage(), hooks.drawn().
  // sigma also has inView() (the nodes in view, for the edge budget; it calls hooks.settled()
  // when the camera stops and redraws the edges that returns), moving() and frames().
  function visRenderer(box, hooks) {
    var groups = {};
    CLS.forEach(function (c, i) {
      groups["c" + i] = { shape: c.shape, color: { background: c.color, border: c.color, highlight: { background: c.color, border: "#1f2933" }, hover: { background: c.color, border: "#1f2933" } } };
    });
    function tooltip(i) {
      var n = N[i], d = el("div", "tip");
      d.appendChild(el("b", null, n.l));
      d.appendChild(el("div", null, clsName(i) + " · " + adj[i].length + " links"));
      if (n.a && n.a.length) d.appendChild(el("div", null, "又名 " + n.a.join("、")));
      return d;
    }
    // Per-item options are deep-merged by vis for every item: keep them few.
    var nodes = new vis.DataSet(N.map(function (n, i) {
      // no vis label: the page places the labels itself (placeLabels), so they never overlap
      var item = { id: i, group: "c" + n.c, size: n.s, title: tooltip(i) };
      if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
      return item;
    }));
    var physics = N.length > 0 && N[0].x === undefined;
    var edges = new vis.DataSet(E.map(function (e, k) {
      var item = { id: k, from: e[0], to: e[1], color: REL[e[2]].color };
      if (e[2] !== relIndex.mentions) item.label = e[3];  // 提及 on every article link is noise
      if (e[4].length > 1) item.width = Math.min(1 + Math.log2(e[4].length), 5);
      return item;
    }));
    var nodesView = new vis.DataView(nodes, { filter: function (it) { return visN[it.id] === 1; } });
    var edgesView = new vis.DataView(edges, { filter: function (it) { return visE[it.id] === 1; } });
    // Created empty, so the stabilization handlers below are in place before the data comes.
    var network = new vis.Network(box, { nodes: [], edges: [] }, {
      autoResize: true,
      layout: { randomSeed: 42, improvedLayout: physics && N.length < 150 },
      physics: !physics ? false : {
        solver: "barnesHut",
        barnesHut: { gravitationalConstant: -6000, springLength: 130, springConstant: 0.03, avoidOverlap: 0.2 },
        stabilization: { enabled: true, iterations: 300, fit: true }
      },
      groups: groups,
      nodes: { borderWidth: 1, scaling: { label: { drawThreshold: 7 } }, font: { size: 13, color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" } },
      edges: {
        arrows: { to: { enabled: true, scaleFactor: 0.5 } }, color: { highlight: "#1f2933", opacity: 0.85 },
        font: { size: 10, color: "#52606d", strokeWidth: 2, align: "middle" }, smooth: false,
        scaling: { label: { drawThreshold: 8 } }, selectionWidth: 2
      },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: N.length > 500, hideEdgesOnZoom: N.length > 500, navigationButtons: false, keyboard: false }
    });
    // Freeze the laid-out positions into the data, so a node hidden and shown again by a
    // filter, a scope or a reset comes back where it was, and never to a pile at the centre.
    var frozen = !physics;
    function freeze() {
      if (frozen) return;
      frozen = true;
      network.setOptions({ physics: false });
      var pos = network.getPositions();
      nodes.update(Object.keys(pos).map(function (id) { return { id: +id, x: pos[id].x, y: pos[id].y }; }));
    }
    function drawnOnce() {
      network.once("afterDrawing", function () { if (!physics) network.fit(); hooks.drawn(); });
    }
    function settled() { if (frozen) return; freeze(); drawnOnce(); network.fit(); network.redraw(); }
    if (physics) { network.on("stabilizationIterationsDone", settled); network.on("stabilized", settled); }
    else drawnOnce();
    network.setData({ nodes: nodesView, edges: edgesView });
    var order = [], drawnLabels = [], sel = null;
    network.on("afterDrawing", function (ctx) {
      var c = ctx.canvas, w = c.clientWidth, h = c.clientHeight, scale = network.getScale(), pos = network.getPositions(order);
      ctx.save();
      ctx.setTransform(c.width / (w || 1), 0, 0, c.height / (h || 1), 0, 0);  // page pixels
      ctx.font = LABEL_FONT;
      drawnLabels = placeLabels(ctx, order, function (i) {
        var r = N[i].s * scale, p = pos[i];
        if (!p || (r < 3 && i !== sel)) return null;  // too small to name at this zoom
        var d = network.canvasToDOM(p);
        return { x: d.x, y: d.y + r + 2 };
      }, w, h);
      drawLabels(ctx, drawnLabels);
      ctx.restore();
    });
    network.on("click", function (p) {
      if (p.nodes.length) hooks.node(p.nodes[0]);
      else if (p.edges.length) hooks.edge(p.edges[0]);
      else hooks.stage();
    });
    function toPage(pt) { var d = network.canvasToDOM(pt), r = box.getBoundingClientRect(); return { x: r.left + d.x, y: r.top + d.y }; }
    return {
      name: "vis", network: network, nodesView: nodesView, edgesView: edgesView,
      update: function () { order = labelOrder(sel); nodesView.refresh(); edgesView.refresh(); },
      select: function (i, k) {
        sel = i === null || i === undefined ? null : i;
        order = labelOrder(sel);
        if (sel !== null) network.selectNodes([i]);
        else if (k !== null && k !== undefined) network.setSelection({ nodes: [], edges: [k] });
        else network.unselectAll();
      },
      selected: function () { return network.getSelectedNodes(); },
      // the labels of the last frame: [node, left, top, right, bottom] in page pixels of the graph box
      labels: function () { return drawnLabels.map(function (b) { return b.slice(); }); },
      focus: function (i) { network.focus(i, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" } }); },
      fit: function () { network.fit(); },
      position: function (i) { var it = nodes.get(i); return { x: it.x, y: it.y }; },
      screen: function (i) { return toPage(network.getPositions([i])[i]); },
      screenOfPoint: toPage,
      centre: function () { return toPage(network.getViewPosition()); },
      zoomBy: function (f) { network.moveTo({ scale: network.getScale() * f }); },
      panBy: function (dx, dy) { var p = network.getViewPosition(), s = network.getScale(); network.moveTo({ position: { x: p.x + dx / s, y: p.y + dy / s } }); },
      drawNow: function () { network.redraw(); },
      resize: function () { network.setSize("100%", "100%"); network.redraw(); }
    };
  }

  function sigmaRenderer(box, hooks) {
    // Without a GPU, Chromium draws WebGL on the CPU (SwiftShader), where an instanced
    // program (sigma's circles, arrows, thick lines) costs per item, shown or hidden: 30,000
    // circles took a second a frame. Nodes are drawn as round points and hidden edges as
    // 1-pixel lines (plain draws, next to free when hidden). Above MANY_EDGES edges shown,
    // all edges are 1-pixel lines without arrowheads. Above MANY_NODES nodes or MANY_EDGES
    // edges shown ("heavy": a frame then costs 0.1 s or more in software), the view moves
    // without drawing: the last still frame is moved and scaled by a CSS transform while
    // the camera moves, and drawn for real once it stops (see "Moving" below).
    var MANY_EDGES = 2000, MANY_NODES = 1000, thin = shownE > MANY_EDGES, fresh = true;
    function heavy() { return shownN > MANY_NODES || shownE > MANY_EDGES; }
    var rendering = Sigma.rendering;
    var nodes = new Array(N.length), edges = new Array(E.length), i, k;
    for (i = 0; i < N.length; i++) {
      var n = N[i];  // sigma's y axis points up: flip it, so the picture matches the vis-network one
      nodes[i] = { key: String(i), attributes: { x: n.x, y: -n.y, size: Math.max(2, n.s / 3.2), label: labelText[i], color: CLS[n.c].color } };
    }
    for (k = 0; k < E.length; k++) {
      var e = E[k];
      edges[k] = { key: String(k), source: String(e[0]), target: String(e[1]), attributes: {
        size: e[4].length > 1 ? Math.min(1 + Math.log2(e[4].length) / 2, 3) : 1,
        color: REL[e[2]].color, type: e[0] === e[1] ? "line" : "arrow" } };
    }
    var G = new graphology.MultiGraph();
    G.import({ nodes: nodes, edges: edges });  // in bulk: no event per node or edge
    nodes = edges = null;
    T.graphology = performance.now();
    var selN = null, selE = null;
    // The reducers get a fresh copy of the attributes from sigma: they change it in place.
    var sigma = new Sigma(G, box, {
      renderEdgeLabels: false, enableEdgeEvents: E.length <= 4 * MANY_EDGES,
      // a heavy view is not drawn while it moves (see "Moving"), a light one can afford its edges
      hideEdgesOnMove: false, hideLabelsOnMove: false,
      defaultNodeType: "point", nodeProgramClasses: { point: rendering.NodePointProgram },
      edgeProgramClasses: { arrow: rendering.EdgeArrowProgram, line: rendering.EdgeRectangleProgram, thin: rendering.EdgeLineProgram },
      labelFont: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
      labelSize: 13, labelWeight: "normal", labelColor: { color: "#1f2933" },
      renderLabels: false,  // the page places them (placeLabels), as with vis-network
      defaultEdgeType: "arrow", zIndex: true, minCameraRatio: 0.01, maxCameraRatio: 4,
      nodeReducer: function (key, d) {
        var i = +key;
        if (!visN[i]) d.hidden = true;
        else if (i === selN) { d.highlighted = true; d.zIndex = 2; d.forceLabel = true; }
        return d;
      },
      edgeReducer: function (key, d) {
        var k = +key;
        if (!visE[k]) { d.hidden = true; d.type = "thin"; return d; }
        if (thin) d.type = "thin";
        if (k === selE || (selN !== null && (E[k][0] === selN || E[k][1] === selN))) { d.color = "#1f2933"; d.size += 1; d.zIndex = 1; }
        return d;
      }
    });
    // Indexed now, drawn at the next frame (with the camera a fit may set meanwhile).
    function update() {
      order = labelOrder(selN);
      if (fresh) { fresh = false; return; }  // indexed by the constructor, just now
      thin = shownE > MANY_EDGES;
      endMove();
      overviewCam = null;  // another picture: the next fit takes a new one
      pending = true;
      sigma.refresh({ schedule: true });
    }
    // A full refresh waits for its frame: a partial one meanwhile would find no indices, and
    // the full one applies the reducers to everything anyway.
    var pending = false;
    function repaint(nodes, edges) {
      if (pending) sigma.scheduleRender();
      else sigma.refresh({ partialGraph: { nodes: nodes, edges: edges }, skipIndexation: true });  // drawn at once
    }
    // i in sigma's framed coordinates. Sigma frames the extent of every node of the graph,
    // shown or hidden, and no node moves, so this holds between refreshes too (while a
    // refresh waits for its frame, sigma's display data are still raw coordinates).
    var FX = null, FY = null;  // every node's framed x and y, made when first needed
    function framedAll() {
      if (FX) return;
      FX = new Float64Array(N.length); FY = new Float64Array(N.length);
      for (var i = 0; i < N.length; i++) { var f = sigma.normalizationFunction({ x: N[i].x, y: -N[i].y }); FX[i] = f.x; FY[i] = f.y; }
    }
    function framed(i) { framedAll(); return { x: FX[i], y: FY[i] }; }
    var order = labelOrder(null), drawnLabels = [], cam = sigma.getCamera(), mouse = sigma.getMouseCaptor();

    // ------------------------------------------------ Moving
    // Without a GPU a heavy frame costs 0.1 s or more, and sigma draws one for each camera
    // step. So while a person zooms or drags a heavy view (and while the camera animates),
    // nothing is drawn: the canvases keep the last still frame and a CSS transform moves and
    // scales it to where the camera now puts it (the compositor does that in a few
    // milliseconds). SETTLE_MS after the camera stops, the view is drawn for real, in full,
    // and the edge budget follows it (hooks.settled).
    var SETTLE_MS = 150, drawnCam = cam.getState(), moving = false, gesture = false, settleTimer = 0, stills = 0;
    // The WebGL layers (edges, nodes) are moved; the text layers (labels, hovers) are hidden
    // while moving, as labels scaled up look broken. The box clips what moves out of it.
    var canvases = sigma.getCanvases(), layers = [], texts = [];
    box.style.overflow = "hidden";
    for (var name in canvases) {
      if (name === "mouse") continue;
      if (name === "edges" || name === "nodes" || name === "hoverNodes") { layers.push(canvases[name]); canvases[name].style.transformOrigin = "0 0"; }
      else texts.push(canvases[name]);
    }
    // Under them, while moving, a sketch of the whole picture (its nodes as dots, drawn on a
    // 2D canvas just after a fit's frame: copying the WebGL frame instead would wait for the
    // software rasteriser, 0.2 to 0.4 s), moved the same way: zooming out or dragging shows it
    // around the still frame (made opaque meanwhile) instead of blank space.
    var overview = document.createElement("canvas"), overviewCam = null, wantOverview = false, SKETCH_AFTER_MS = 250;
    overview.className = "overview"; overview.hidden = true; overview.style.transformOrigin = "0 0";
    box.insertBefore(overview, box.firstChild);
    function drawOverview(c) {
      var t0 = performance.now(), dim = sigma.getDimensions(), at = { cameraState: c }, byColour = {};
      overview.width = dim.width; overview.height = dim.height;
      overview.style.width = dim.width + "px"; overview.style.height = dim.height + "px";
      var ctx = overview.getContext("2d"), scale = sigma.scaleSize(1, c.ratio);
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, dim.width, dim.height);
      for (var i = 0; i < N.length; i++) {  // one colour after the other, in the graph's order as sigma draws
        if (!visN[i]) continue;
        var colour = CLS[N[i].c].color;
        (byColour[colour] = byColour[colour] || []).push(i);
      }
      // framed -> viewport is affine: from three points, rather than a matrix built per node
      var o = sigma.framedGraphToViewport({ x: 0, y: 0 }, at), ex = sigma.framedGraphToViewport({ x: 1, y: 0 }, at),
          ey = sigma.framedGraphToViewport({ x: 0, y: 1 }, at);
      framedAll();
      for (var colour in byColour) {
        ctx.fillStyle = colour; ctx.beginPath();
        byColour[colour].forEach(function (i) {
          var r = Math.max(1, Math.max(2, N[i].s / 3.2) * scale);
          var x = o.x + (ex.x - o.x) * FX[i] + (ey.x - o.x) * FY[i], y = o.y + (ex.y - o.y) * FX[i] + (ey.y - o.y) * FY[i];
          ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
        });
        ctx.fill();
      }
      overviewCam = c;
      T.overview = performance.now() - t0;  // ms, for the benchmark
    }
    function transformLayers(t) {
      for (var j = 0; j < layers.length; j++) layers[j].style.transform = t;
      for (j = 0; j < texts.length; j++) texts[j].style.visibility = t ? "hidden" : "";
      canvases.edges.style.background = t && overviewCam ? "#ffffff" : "";
      overview.hidden = !t || !overviewCam;
      if (!overview.hidden) overview.style.transform = moved(overviewCam);
    }
    // The CSS transform that puts a frame drawn at camera state c where the camera now puts
    // it: a scale about the origin and a shift (the camera does not turn while moving).
    function moved(c) {
      var now = cam.getState(), dim = sigma.getDimensions(), w = dim.width || 1, at = { cameraState: now };
      var a = sigma.framedGraphToViewport(sigma.viewportToFramedGraph({ x: 0, y: 0 }, { cameraState: c }), at);
      var b = sigma.framedGraphToViewport(sigma.viewportToFramedGraph({ x: w, y: 0 }, { cameraState: c }), at);
      var k = (b.x - a.x) / w;
      return "matrix(" + k + ",0,0," + k + "," + a.x + "," + a.y + ")";
    }
    function placeStill() { transformLayers(moved(drawnCam)); }
    function settleSoon() { clearTimeout(settleTimer); settleTimer = setTimeout(settle, SETTLE_MS); }
    function settle() {
      settleTimer = 0;
      if (cam.isAnimated() || mouse.isMouseDown || touching || mouse.currentWheelDirection) { settleSoon(); return; }
      gesture = false;
      var t0 = performance.now(), was = moving;
      var changed = hooks.settled();  // the edges the budget gives the new view, or null
      if (changed && changed.length) {
        moving = false;
        var keys = new Array(changed.length);
        for (var j = 0; j < changed.length; j++) keys[j] = String(changed[j]);
        repaint([], keys);  // these edges only
      } else if (moving) {
        moving = false;
        sigma.render();  // at once, in the same task that drops the transform
      }
      // for the benchmark: what the end of the last move that drew something cost
      // (ms: main thread; drawnMs: until the frame is on screen, two frames later)
      if (changed) T.rebudgeted = (T.rebudgeted || 0) + changed.length;  // edges, all settles together
      if (!was && !(changed && changed.length)) return;
      var done = T.settled = { ms: performance.now() - t0, edges: changed ? changed.length : 0, moved: was };
      requestAnimationFrame(function () { requestAnimationFrame(function () { done.drawnMs = performance.now() - t0; }); });
    }
    // Ends a move at once (before a filter, a fit or a focus): the next frame is drawn for real.
    function endMove() { gesture = false; if (moving) { moving = false; transformLayers(""); } }
    cam.removeListener("updated", sigma.activeListeners.camera);
    sigma.activeListeners.camera = function () {
      if ((gesture || cam.isAnimated()) && heavy() && cam.getState().angle === drawnCam.angle) { moving = true; placeStill(); }
      else sigma.scheduleRender();
      settleSoon();
    };
    cam.on("updated", sigma.activeListeners.camera);
    // A gesture: a wheel step, or a button or finger down until it is lifted (and the
    // camera's inertia after it). Touch rotation turns the camera: drawn for real.
    var touching = false, touch = sigma.getTouchCaptor();
    function start() { gesture = true; settleSoon(); }
    mouse.on("wheel", start);
    mouse.on("mousedown", start);
    touch.on("touchdown", function () { touching = true; start(); });
    touch.on("touchup", function (ev) { touching = ev.touches.length > 0; settleSoon(); });

    sigma.on("afterRender", function () {
      stills++;
      pending = false;
      drawnCam = cam.getState();
      if (wantOverview && !moving && heavy()) {
        wantOverview = false;
        var c = drawnCam;
        // a moment after this frame, so as not to hold up the next one
        setTimeout(function () { if (!overviewCam && !pending && !moving) drawOverview(c); }, SKETCH_AFTER_MS);
      }
      if (!moving) transformLayers("");
      else placeStill();  // drawn for the camera of now: identity until the camera moves on
      var ctx = sigma.getCanvases().labels.getContext("2d"), dim = sigma.getDimensions(), w = dim.width, h = dim.height;
      if (shownN > MANY_NODES && (cam.isAnimated() || mouse.isMoving || mouse.draggedEvents || mouse.currentWheelDirection)) {
        drawnLabels = [];  // placing them is the JS of a frame
        return;
      }
      // what is on screen, in sigma's framed coordinates, to skip the rest cheaply
      var a = sigma.viewportToFramedGraph({ x: -60, y: -LABEL_H }), b = sigma.viewportToFramedGraph({ x: w + 60, y: h + LABEL_H });
      var x0 = Math.min(a.x, b.x), x1 = Math.max(a.x, b.x), y0 = Math.min(a.y, b.y), y1 = Math.max(a.y, b.y);
      ctx.save();
      ctx.font = LABEL_FONT;
      drawnLabels = placeLabels(ctx, order, function (i) {
        var d = sigma.getNodeDisplayData(String(i));
        if (!d || d.x < x0 || d.x > x1 || d.y < y0 || d.y > y1) return null;
        var r = sigma.scaleSize(d.size);
        if (r < 3 && i !== selN) return null;  // too small to name at this zoom
        var v = sigma.framedGraphToViewport(d);
        return { x: v.x, y: v.y + r + 2 };
      }, w, h);
      drawLabels(ctx, drawnLabels);
      ctx.restore();
    });
    sigma.once("afterRender", function () { hooks.drawn(); });
    sigma.on("clickNode", function (ev) { hooks.node(+ev.node); });
    sigma.on("clickEdge", function (ev) { hooks.edge(+ev.edge); });
    sigma.on("clickStage", function () { hooks.stage(); });
    // where the camera puts p now (sigma's own matrix is that of the last frame drawn)
    function toPage(p) { var v = sigma.graphToViewport({ x: p.x, y: -p.y }, { cameraState: cam.getState() }), r = box.getBoundingClientRect(); return { x: r.left + v.x, y: r.top + v.y }; }
    var api = {
      name: "sigma", sigma: sigma, graph: G,
      update: update,
      // Only the nodes and edges whose look changes are processed again: a full refresh
      // of 30,000 nodes and 100,000 edges takes a second in software.
      select: function (i, k) {
        var was = [selN, selE];
        selN = i === undefined ? null : i; selE = k === undefined ? null : k;
        order = labelOrder(selN);
        var ns = [], es = [];
        [was[0], selN].forEach(function (x) { if (x !== null) { ns.push(String(x)); adj[x].forEach(function (e) { es.push(String(e)); }); } });
        [was[1], selE].forEach(function (x) { if (x !== null) es.push(String(x)); });
        endMove();
        if (ns.length + es.length < 20000) repaint(ns, es);
        else { pending = true; sigma.refresh({ schedule: true }); }
      },
      labels: function () { return drawnLabels.map(function (b) { return b.slice(); }); },
      selected: function () { return selN === null ? [] : [selN]; },
      focus: function (i) {
        endMove();
        var d = framed(i);
        cam.animate({ x: d.x, y: d.y, ratio: Math.min(cam.ratio, 0.35) }, { duration: 350 });
      },
      // Frame the visible nodes; past 50 of them, the outer 2% on each side are let go, so
      // a few stragglers do not shrink the picture to a dot.
      fit: function () {
        endMove();
        wantOverview = true; overviewCam = null;  // the next frame shows the whole picture: sketched after it
        var xs = [], ys = [];
        for (var i = 0; i < N.length; i++) {
          if (!visN[i]) continue;
          var d = framed(i);
          xs.push(d.x); ys.push(d.y);
        }
        if (!xs.length) { cam.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }); return; }
        xs.sort(function (a, b) { return a - b; }); ys.sort(function (a, b) { return a - b; });
        var cut = xs.length > 50 ? Math.floor(xs.length * 0.02) : 0, hi = xs.length - 1 - cut;
        var x0 = xs[cut], x1 = xs[hi], y0 = ys[cut], y1 = ys[hi];
        cam.setState({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: Math.min(1.2, Math.max(0.02, Math.max(x1 - x0, y1 - y0) * 1.2)), angle: 0 });
      },
      position: function (i) { return { x: N[i].x, y: N[i].y }; },
      screen: function (i) { return toPage({ x: N[i].x, y: N[i].y }); },
      screenOfPoint: toPage,
      centre: function () { var r = box.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; },
      zoomBy: function (f) { endMove(); var s = cam.getState(); cam.setState({ ratio: s.ratio / f }); },
      panBy: function (dx, dy) { endMove(); var s = cam.getState(), h = box.clientHeight || 1; cam.setState({ x: s.x + dx * s.ratio / h, y: s.y - dy * s.ratio / h }); },
      drawNow: function () { endMove(); sigma.render(); },
      resize: function () { endMove(); overviewCam = null; sigma.render(); },  // render() takes the new size; no node changes
      // The nodes shown in view (node -> 1), or null when the view holds nearly all of them
      // (90% or more: a fit lets the outer 2% go), for the edge budget.
      inView: function () {
        var dim = sigma.getDimensions(), m = 20, at = { cameraState: cam.getState() };
        var a = sigma.viewportToFramedGraph({ x: -m, y: -m }, at), b = sigma.viewportToFramedGraph({ x: dim.width + m, y: dim.height + m }, at);
        var x0 = Math.min(a.x, b.x), x1 = Math.max(a.x, b.x), y0 = Math.min(a.y, b.y), y1 = Math.max(a.y, b.y);
        var out = new Uint8Array(N.length), count = 0;
        for (var i = 0; i < N.length; i++) {
          if (!visN[i]) continue;
          var d = framed(i);
          if (d.x >= x0 && d.x <= x1 && d.y >= y0 && d.y <= y1) { out[i] = 1; count++; }
        }
        return count >= 0.9 * shownN ? null : out;
      },
      // For tests: true while a move shows the last still frame under a CSS transform;
      // frames(): the frames drawn so far, each of everything shown.
      moving: function () { return moving; },
      frames: function () { return stills; }
    };
    api.fit();  // the constructor drew the whole extent: frame what is shown, drawn at the next frame
    sigma.scheduleRender();
    return api;
  }

  // Without WebGL (disabled, blocked, or no driver) a sigma page draws with vis-network,
  // inlined too, limited to the best-ranked nodes, and says so: never a blank page.
  function webglWorks() {
    try {
      var c = document.createElement("canvas");
      return !!(window.WebGLRenderingContext && (c.getContext("webgl2") || c.getContext("webgl")));
    } catch (err) { return false; }
  }
  var ready = false;
  var hooks = {
    node: function (i) { R.select(i, null); showNode(i); },
    edge: function (k) { R.select(null, k); showEdge(k); },
    stage: function () {},
    drawn: function () { T.drawn = performance.now(); ready = true; window.kgReady = true; document.body.setAttribute("data-ready", "1"); },
    settled: function () { return viewSettled(); }
  };
  var R = null, why = "";
  computeVisibility();  // before the renderer, which reads it as it first indexes the graph
  if (L.renderer === "sigma") {
    if (!webglWorks()) why = "this browser has WebGL turned off or unavailable";
    else if (typeof Sigma === "undefined" || typeof graphology === "undefined") why = "the WebGL renderer did not load (" + (window.kgLibErrors || []).join("; ") + ")";
    else {
      try { R = sigmaRenderer($("graph"), hooks); } catch (err) { why = "the WebGL renderer failed (" + err.message + ")"; }
    }
  }
  if (!R) {
    if (why) {
      state.cap = L.fallbackMax;
      computeVisibility();
      $("graph").textContent = "";
      var notice = $("notice");
      notice.textContent = "WebGL 不可用 · Drawn without WebGL: " + why + ". Showing at most " + L.fallbackMax +
        " nodes at a time, the best-ranked first; search, filters and scopes still reach every node.";
      notice.hidden = false;
    }
    if (typeof vis === "undefined") {
      $("graph").textContent = "The page's renderer did not load; the search and the panel still work.";
      R = { name: "none", update: function () {}, select: function () {}, selected: function () { return []; }, focus: function () {},
            fit: function () {}, position: function (i) { return { x: N[i].x, y: N[i].y }; }, labels: function () { return []; },
            screen: function () { return { x: 0, y: 0 }; }, screenOfPoint: function () { return { x: 0, y: 0 }; },
            centre: function () { return { x: 0, y: 0 }; }, zoomBy: function () {}, panBy: function () {}, drawNow: function () {}, resize: function () {} };
      setTimeout(hooks.drawn, 0);
    } else {
      R = visRenderer($("graph"), hooks);
    }
  }
  T.renderer = performance.now();

  // refit: the caller frames the result next (R.fit()), so the edge budget is spent on the
  // whole picture; otherwise on the current view.
  function refresh(refit) {
    computeVisibility(!refit);
    R.update();
    showStatus();
  }
  function showStatus() {
    var note = state.scope ? " (scope)" : state.topOn ? " (top " + state.topN + " by PageRank, per class in turn)" : "";
    if (capped) note += " (the best " + state.cap + " of " + capped + " without WebGL)";
    if (trimmed && !viewN) note += "; only the edges of the best-ranked nodes are drawn (zoom in, filter or scope for the rest)";
    else if (trimmed && viewE <= state.edgeBudget) note += "; drawn: every edge of the " + viewN + " nodes in view, and the best-ranked of the rest";
    else if (trimmed) note += "; drawn: the edges of the best-ranked of the " + viewN + " nodes in view (" + shownE + " of their " + viewE + "; zoom in for the rest)";
    $("status").textContent = "Showing " + shownN + " of " + N.length + " nodes, " + shownE + " of " + E.length + " edges" + note;
  }

  // ---------------------------------------------------------------- legend and filters
  function swatch(color, shape) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "-8 -8 16 16");
    var s;
    var poly = R.name === "sigma" ? null : {
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
      cb.type = "checkbox"; cb.checked = on[i]; cb.setAttribute("data-key", it.key); cb.name = name;
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
  $("f-orphans").checked = state.hideOrphans;
  $("f-orphans").addEventListener("change", function () { state.hideOrphans = $("f-orphans").checked; refresh(); });
  $("f-narrower").checked = state.narrower;
  $("f-narrower").addEventListener("change", function () {
    state.narrower = $("f-narrower").checked;
    var open = $("panel-body").getAttribute("data-node");
    if (!$("panel").hidden && open && byIri[open] !== undefined) showNode(byIri[open]);
  });

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
  function columnScope(c) {
    var s = new Set([c]);
    edgesOf(c, "column").forEach(function (k) { neighbourhood(other(k, c)).forEach(function (x) { s.add(x); }); });
    return s;
  }
  function applyScope(article, column) {
    $("f-article").value = article === null ? "" : String(article);
    $("f-column").value = column === null ? "" : String(column);
    state.scope = article !== null ? neighbourhood(article) : column !== null ? columnScope(column) : null;
    state.pinned.clear();
    refresh(true);
    R.fit();
  }
  $("f-article").addEventListener("change", function () { applyScope($("f-article").value === "" ? null : Number($("f-article").value), null); });
  $("f-column").addEventListener("change", function () { applyScope(null, $("f-column").value === "" ? null : Number($("f-column").value)); });
  $("f-top").checked = state.topOn;
  $("f-topn").value = String(state.topN);
  $("f-top").addEventListener("change", function () { state.topOn = $("f-top").checked; refresh(); });
  $("f-topn").addEventListener("change", function () { state.topN = Math.max(1, Number($("f-topn").value) || L.topN); refresh(); });
  function reset() {
    state.scope = null; state.pinned.clear(); $("f-article").value = ""; $("f-column").value = "";
    R.select(null, null); hidePanel(); refresh(true); R.fit();
  }
  $("reset").addEventListener("click", reset);

  // ---------------------------------------------------------------- dates
  if (months.length) {
    $("dates").hidden = false;
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), top = 1;
    months.forEach(function (m) { if (m[1] > top) top = m[1]; });
    var w = 256, h = 44, bw = w / months.length;
    svg.setAttribute("width", String(w)); svg.setAttribute("height", String(h)); svg.setAttribute("class", "histogram");
    var bars = months.map(function (m, j) {
      var r = document.createElementNS(ns, "rect"), bh = Math.max(1, (h - 2) * m[1] / top);
      r.setAttribute("x", String(j * bw)); r.setAttribute("width", String(Math.max(1, bw - 1)));
      r.setAttribute("y", String(h - bh)); r.setAttribute("height", String(bh));
      var t = document.createElementNS(ns, "title"); t.textContent = m[0] + ": " + m[1]; r.appendChild(t);
      svg.appendChild(r);
      return r;
    });
    $("histogram").appendChild(svg);
    [$("f-from"), $("f-to")].forEach(function (sel, which) {
      months.forEach(function (m) { var o = el("option", null, m[0]); o.value = m[0]; sel.appendChild(o); });
      sel.value = which ? months[months.length - 1][0] : months[0][0];
      sel.addEventListener("change", function () {
        state.from = $("f-from").value === months[0][0] ? "" : $("f-from").value;
        state.to = $("f-to").value === months[months.length - 1][0] ? "" : $("f-to").value;
        bars.forEach(function (b, j) {
          var m = months[j][0];
          b.setAttribute("class", (state.from && m < state.from) || (state.to && m > state.to) ? "out" : "");
        });
        refresh();
      });
    });
  }

  // ---------------------------------------------------------------- search
  var searchKeys = null;  // folded labels and aliases, made at the first search
  function matches(q) {
    q = fold(q.trim());
    if (!q) return [];
    if (!searchKeys) searchKeys = N.map(function (n) { return [n.l].concat(n.a || []).map(fold); });
    var found = [];
    for (var i = 0; i < N.length; i++) {
      var best = 9, keys = searchKeys[i];
      for (var j = 0; j < keys.length; j++) {
        var at = keys[j].indexOf(q);
        var score = at < 0 ? 9 : keys[j] === q ? 0 : at === 0 ? 1 : 2;
        if (score < 9 && j > 0) score += 0.5;  // an alias match ranks after a label match
        if (score < best) best = score;
      }
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
    var q = fold($("search").value.trim());
    results.forEach(function (i, r) {
      var li = el("li", r === 0 ? "active" : null);
      li.setAttribute("role", "option");
      li.setAttribute("data-node", N[i].i);
      li.appendChild(swatch(CLS[N[i].c].color, CLS[N[i].c].shape));
      li.appendChild(el("span", null, short(N[i].l, 30)));
      var alias = (N[i].a || []).filter(function (a) { return fold(a).indexOf(q) >= 0; })[0];
      if (alias && fold(N[i].l).indexOf(q) < 0) li.appendChild(el("span", "kind", "= " + alias));
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
    if (!visN[i]) { state.pinned.add(i); refresh(); }
    R.select(i, null);
    showNode(i);
    R.focus(i);
  }

  // ---------------------------------------------------------------- side panel
  // The panel takes width from the canvas: resize the renderer at once, so a focus lands in the centre.
  function setPanel(open) {
    if ($("panel").hidden === !open) return;
    $("panel").hidden = !open;
    R.resize();
  }
  function hidePanel() { setPanel(false); }
  $("panel-close").addEventListener("click", function () { hidePanel(); R.select(null, null); });
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
  function openPanel() { var body = $("panel-body"); body.textContent = ""; body.removeAttribute("data-edge"); body.removeAttribute("data-node"); setPanel(true); $("panel").scrollTop = 0; return body; }

  // Groups under a group (skos:broader pointing at it), transitively, nearest first.
  function narrowerOf(g) {
    var seen = new Set([g]), order = [], queue = [g];
    while (queue.length) {
      var next = [];
      queue.forEach(function (x) {
        edgesOf(x, "broader").forEach(function (k) {
          if (E[k][1] === x && !seen.has(E[k][0])) { seen.add(E[k][0]); order.push(E[k][0]); next.push(E[k][0]); }
        });
      });
      queue = next;
    }
    return order;
  }
  function measuresFor(g) {  // [[edge, via group or -1]]: targets edges into g, and into narrower groups
    var rows = edgesOf(g, "targets").filter(function (k) { return E[k][1] === g; }).map(function (k) { return [k, -1]; });
    if (state.narrower) {
      narrowerOf(g).forEach(function (d) {
        edgesOf(d, "targets").forEach(function (k) { if (E[k][1] === d) rows.push([k, d]); });
      });
    }
    return rows;
  }

  function showNode(i) {
    var n = N[i], body = openPanel(), isArticle = n.c === ART;
    body.setAttribute("data-node", n.i);
    body.appendChild(el("h2", null, n.l));
    body.appendChild(badge(i));
    body.appendChild(el("div", "iri", n.i));
    if (n.a && n.a.length) { section(body, "Aliases 别名", n.a.length); body.appendChild(el("p", "aliases", n.a.join("、"))); }
    if (isArticle) {
      if (n.d) body.appendChild(el("p", "muted", "Date 日期: " + n.d));
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
    if (n.c === clsIndex.WorkerGroup) {
      var aimed = measuresFor(i);
      section(body, "Measures aimed at it 面向该群体的举措", aimed.length);
      if (aimed.length) {
        list(body, aimed, function (li, row) {
          li.setAttribute("class", "aimed");
          li.appendChild(nodeLink(E[row[0]][0]));
          if (row[1] >= 0) li.appendChild(el("span", "rel", " via " + N[row[1]].l));
          var b = el("button", "link ev-link", " (" + E[row[0]][4].length + " 证据)");
          b.type = "button"; b.addEventListener("click", function () { R.select(null, row[0]); showEdge(row[0]); });
          li.appendChild(b);
        });
      }
    }
    var articleEdges = adj[i].filter(function (k) { return N[other(k, i)].c === ART; });
    var arts = unique(articleEdges.map(function (k) { return other(k, i); }));
    section(body, "Articles 文章", arts.length);
    list(body, arts, function (li, a) { li.appendChild(nodeLink(a)); if (N[a].d) li.appendChild(el("span", "rel", " " + N[a].d)); });
    var rels = adj[i].filter(function (k) { return N[other(k, i)].c !== ART; });
    if (rels.length) {
      section(body, "Relations 关系", rels.length);
      list(body, rels, function (li, k) {
        var e = E[k], r = REL[e[2]], out = e[0] === i;
        var b = el("button", "link", (out ? "" : "← ") + e[3] + (out ? " →" : ""));
        b.type = "button"; b.addEventListener("click", function () { R.select(null, k); showEdge(k); });
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

  refresh();
  T.refreshed = performance.now();
  window.kgExplorer = {
    renderer: R, data: DATA, nodes: N, edges: E,
    visible: function () { var out = []; for (var i = 0; i < N.length; i++) if (visN[i]) out.push(i); return out; },
    visibleEdges: function () { var out = []; for (var k = 0; k < E.length; k++) if (visE[k]) out.push(k); return out; },
    // The edge budget: wanted (the edges the filters let through), drawn, and, while it
    // follows the view, viewNodes and viewEdges (the nodes shown in view and their edges; 0
    // when it spans the whole picture).
    edgeBudget: function () { return { budget: state.edgeBudget, wanted: wantE, drawn: shownE, viewNodes: viewN, viewEdges: viewE }; },
    positions: function () {
      var out = {};
      for (var i = 0; i < N.length; i++) if (visN[i]) out[N[i].i] = R.position(i);
      return out;
    },
    setScope: function (s) {
      s = s || {};
      var a = s.article === undefined || s.article === null ? null : typeof s.article === "number" ? s.article : byIri[s.article];
      var c = s.column === undefined || s.column === null ? null : typeof s.column === "number" ? s.column : byIri[s.column];
      applyScope(a === undefined ? null : a, a !== null && a !== undefined ? null : (c === undefined ? null : c));
    },
    reset: reset,
    showAll: function () {  // every node of every class: what the benchmark times
      state.topOn = false; $("f-top").checked = false;
      for (var c = 0; c < state.classOn.length; c++) state.classOn[c] = true;
      document.querySelectorAll("#f-classes input").forEach(function (cb) { cb.checked = true; });
      refresh(true); R.fit();
    },
    select: choose, showNode: showNode, showEdge: showEdge,
    indexOf: function (iri) { return byIri[iri] === undefined ? -1 : byIri[iri]; }
  };
  if (ready) window.kgReady = true;
})();
