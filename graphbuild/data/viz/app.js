/* graphbuild view: filters, search, side panel. Text from articles only ever goes through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var details = data.details;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var original = {};
  data.nodes.forEach(function (n) { original[n.id] = n.color; });
  var options = {
    physics: data.physics ? { stabilization: { iterations: 120 }, barnesHut: { gravitationalConstant: -4000, springLength: 120 } } : false,
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.nodes.length > 1000 },
    layout: { improvedLayout: false },
    nodes: { font: { face: "Noto Sans, Noto Sans Arabic, Arial, sans-serif", size: 14 } },
    edges: { font: { size: 10, align: "middle" }, smooth: false, width: 1 }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var state = { selected: null, focus: false };
  window.graphbuild = { network: network, nodes: nodes, edges: edges, data: data, ready: false, errors: [] };
  network.once("afterDrawing", function () {
    network.fit({ animation: false });
    window.graphbuild.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.on("stabilizationIterationsDone", function () { network.fit({ animation: false }); });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function fold(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه").toLowerCase();
  }

  // legend and type filters
  var legend = document.getElementById("legend");
  var typeBox = document.getElementById("type-filters");
  var shownTypes = {};
  data.legend.forEach(function (item) {
    var li = el("li");
    var sw = el("span", "", "swatch");
    sw.style.background = item.color;
    li.appendChild(sw);
    li.appendChild(el("span", item.label + " (" + item.shape + ")"));
    legend.appendChild(li);
    shownTypes[item.type] = true;
    var lab = el("label");
    var cb = document.createElement("input");
    cb.type = "checkbox"; cb.checked = true; cb.value = item.type;
    cb.addEventListener("change", function () { shownTypes[item.type] = cb.checked; apply(); });
    lab.appendChild(cb);
    lab.appendChild(el("span", " " + item.label));
    typeBox.appendChild(lab);
  });
  // countries
  var countrySel = document.getElementById("country-filter");
  var codes = {};
  Object.keys(details).forEach(function (id) { (details[id].countries || []).forEach(function (c) { codes[c] = true; }); });
  Object.keys(codes).sort().forEach(function (c) { var o = el("option", c); o.value = c; countrySel.appendChild(o); });
  countrySel.addEventListener("change", apply);
  document.getElementById("date-from").addEventListener("change", apply);
  document.getElementById("date-to").addEventListener("change", apply);

  function visibleIds() {
    var country = countrySel.value;
    var from = document.getElementById("date-from").value;
    var to = document.getElementById("date-to").value;
    var keep = {};
    Object.keys(details).forEach(function (id) {
      var d = details[id];
      if (!shownTypes[d.type] && shownTypes[d.type] !== undefined) { return; }
      if (country && (d.countries || []).indexOf(country) < 0) { return; }
      if (d.type === "meeting" && d.date && ((from && d.date < from) || (to && d.date > to))) { return; }
      keep[id] = true;
    });
    if (state.focus && state.selected) {
      var near = {}; near[state.selected] = true;
      network.getConnectedNodes(state.selected).forEach(function (n) {
        near[n] = true;
        network.getConnectedNodes(n).forEach(function (m) { if (details[m] && details[m].type !== "country") { near[m] = true; } });
      });
      Object.keys(keep).forEach(function (id) { if (!near[id]) { delete keep[id]; } });
    }
    return keep;
  }
  function apply() {
    var keep = visibleIds();
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !keep[n.id] }; }));
  }
  document.getElementById("reset").addEventListener("click", function () {
    countrySel.value = ""; document.getElementById("date-from").value = ""; document.getElementById("date-to").value = "";
    Object.keys(shownTypes).forEach(function (t) { shownTypes[t] = true; });
    typeBox.querySelectorAll("input").forEach(function (cb) { cb.checked = true; });
    state.focus = false; unhighlight(); apply(); network.fit();
  });
  var focusBtn = document.getElementById("focus");
  focusBtn.addEventListener("click", function () { state.focus = !state.focus; focusBtn.textContent = state.focus ? "Whole graph" : "Neighbourhood of selection"; apply(); if (state.selected) { network.focus(state.selected, { scale: 1.0 }); } });

  // highlight a meeting's participants
  function unhighlight() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: original[n.id] }; }));
  }
  function highlight(id) {
    var members = {}; members[id] = true;
    (data.members[id] || []).forEach(function (m) { members[m] = true; });
    network.getConnectedNodes(id).forEach(function (m) { members[m] = true; });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: members[n.id] ? original[n.id] : "#e6e6e6" }; }));
  }

  // side panel
  var panel = document.getElementById("panel");
  function showDetails(id) {
    var d = details[id];
    panel.replaceChildren();
    if (!d) { panel.appendChild(el("p", "Click a node to see its details and sources.", "hint")); return; }
    panel.appendChild(el("p", d.type, "kind"));
    panel.appendChild(el("h2", d.label));
    if (d.names && d.names.length) {
      var names = el("ul", null, "names");
      d.names.forEach(function (n) { var li = el("li", n); li.dir = "auto"; names.appendChild(li); });
      panel.appendChild(names);
    }
    var dl = el("dl");
    Object.keys(d.attrs || {}).forEach(function (k) {
      var v = d.attrs[k];
      dl.appendChild(el("dt", k));
      dl.appendChild(el("dd", typeof v === "object" ? JSON.stringify(v) : v));
    });
    if (data.members[id]) {
      dl.appendChild(el("dt", "participants"));
      dl.appendChild(el("dd", data.members[id].map(function (m) { return details[m] ? details[m].label : m; }).join(", ")));
    }
    panel.appendChild(dl);
    if (d.sources && d.sources.length) {
      panel.appendChild(el("h3", "Sources"));
      var ol = el("ol", null, "sources");
      d.sources.forEach(function (s) {
        var li = el("li");
        li.appendChild(el("div", s.title + (s.published ? " (" + s.published + ")" : ""), "source-title"));
        if (s.sentence) { var q = el("blockquote", s.sentence); q.dir = "auto"; li.appendChild(q); }
        ol.appendChild(li);
      });
      panel.appendChild(ol);
    }
  }
  network.on("click", function (params) {
    var id = params.nodes.length ? params.nodes[0] : null;
    state.selected = id;
    focusBtn.disabled = !id;
    unhighlight();
    if (id && details[id] && details[id].type === "meeting") { highlight(id); }
    showDetails(id);
  });

  // search in any script
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  search.addEventListener("input", function () {
    var q = fold(search.value.trim());
    if (!q) { status.textContent = ""; network.unselectAll(); return; }
    var hits = Object.keys(details).filter(function (id) { return fold(details[id].search).indexOf(q) >= 0; });
    status.textContent = hits.length + " found";
    network.selectNodes(hits.filter(function (h) { return nodes.get(h); }));
    if (hits.length) { state.selected = hits[0]; focusBtn.disabled = false; showDetails(hits[0]); network.focus(hits[0], { scale: 1.2 }); }
  });
  window.addEventListener("error", function (e) { window.graphbuild.errors.push(String(e.message)); });
})();
