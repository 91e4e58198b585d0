/* graphbuild view: who met whom, where and when. Text from articles only ever goes through textContent. */
(function () {
  "use strict";
  var marks = { start: performance.now() };   // where the first paint's time goes (benchmarks/html_render.py)
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  marks.parsed = performance.now();
  var details = data.details;
  var ids = data.nodes.map(function (n) { return n[0]; });
  data.edges.forEach(function (e) {   // a node's degree: its drawn edges (0 for an isolated mention)
    [ids[e[0]], ids[e[1]]].forEach(function (id) { details[id].degree = (details[id].degree || 0) + 1; });
  });
  var links = (function () {   // neighbours: the drawn edges, and a meeting's organisations and countries
    var out = {};
    function add(a, b) { (out[a] = out[a] || {})[b] = true; (out[b] = out[b] || {})[a] = true; }
    data.edges.forEach(function (e) { add(ids[e[0]], ids[e[1]]); });
    ids.forEach(function (id) {
      var d = details[id];
      if (d.type === "meeting") { (d.organisations || []).concat(d.countries || []).forEach(function (o) { add(id, o); }); }
    });
    var sorted = {};
    Object.keys(out).forEach(function (k) { sorted[k] = Object.keys(out[k]).sort(); });
    return sorted;
  })();
  var S = data.strings;
  var HUBS = { country: true, city: true };
  var LABEL_PX = 13;          // labels keep this size on screen whatever the zoom
  var MAX_LABELS = 400;       // labels considered per drawing, best first
  var lang = data.languages.indexOf("en") >= 0 ? "en" : data.languages[0];
  var state = { selected: null, focus: false, isolated: false, sort: { key: "date", dir: 1 } };

  function t(key, values) {
    var s = (S[lang] && S[lang][key]) || S.en[key] || key;
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(values[k])); });
    return s;
  }
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
  var FIRST = data.languages[0];
  function nameOf(id) { var d = details[id]; return d ? (d.name[lang] || d.name[FIRST] || id) : id; }
  function byDate(a, b) {
    var x = details[a].date || "9999", y = details[b].date || "9999";
    return x < y ? -1 : x > y ? 1 : (a < b ? -1 : 1);
  }
  function meetingsOf(id) {
    return (links[id] || []).filter(function (m) { return details[m].type === "meeting"; }).sort(byDate);
  }
  function metBy(id) {   // the people met most often, through meetings
    var count = {};
    meetingsOf(id).forEach(function (m) {
      (details[m].people || []).forEach(function (p) { if (p.id !== id) { count[p.id] = (count[p.id] || 0) + 1; } });
    });
    return Object.keys(count).sort(function (a, b) { return (count[b] - count[a]) || (a < b ? -1 : 1); })
      .slice(0, 12).map(function (p) { return [p, count[p]]; });
  }
  var BASE_SIZE = { meeting: 16, person: 12, organisation: 10 };
  function sizeOf(id) {   // meetings and people larger, growing with their links; places and bodies small
    var d = details[id];
    return (BASE_SIZE[d.type] || 7) + 3 * Math.pow(Math.min(d.degree || 0, 20), 0.7);
  }
  function placeOf(d) {
    var parts = [d.city, d.country].filter(Boolean).map(nameOf);
    return parts.filter(function (x, i) { return parts.indexOf(x) === i; }).join(", ");
  }
  function formatDay(iso) {   // as the titles write it (the same CLDR patterns: "26 Apr 2016", "26 avr. 2016")
    var p = String(iso).slice(0, 10).split("-");
    try {
      return new Intl.DateTimeFormat(t("locale"), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
        .format(new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])));
    } catch (err) { return String(iso); }
  }
  function isolated(id) { return !details[id].degree; }

  // -- the network ---------------------------------------------------------------------------
  var WEIGHT = { meeting: 1.5, person: 1.3, organisation: 1.0, country: 0.6, city: 0.6 };
  function priority(id) { var d = details[id]; return (1 + (d.degree || 0)) * (WEIGHT[d.type] || 0.5); }
  var rank = Object.keys(details).sort(function (a, b) { return (priority(b) - priority(a)) || (a < b ? -1 : 1); });
  var OVERVIEW = data.overview;   // above this, the first view holds the best-connected nodes; the rest opens on demand
  var overviewSet = {};
  rank.slice(0, OVERVIEW).forEach(function (id) { overviewSet[id] = true; });
  state.everything = ids.length <= OVERVIEW;
  state.revealed = {};
  function inOverview(id) { return state.everything || overviewSet[id] || state.revealed[id]; }
  // Only what is shown is in the network's data sets: vis-network builds an object for every node it
  // holds, hidden or not, which costs seconds at 40,000 nodes; the rest waits in the page's data.
  var position = {};
  data.nodes.forEach(function (n) { position[n[0]] = n; });
  var edgesOf = {};
  data.edges.forEach(function (e, i) { (edgesOf[ids[e[0]]] = edgesOf[ids[e[0]]] || []).push(i); (edgesOf[ids[e[1]]] = edgesOf[ids[e[1]]] || []).push(i); });
  function nodeItem(id) {
    var n = position[id];
    return { id: id, x: n[1], y: n[2], group: details[id].type, size: sizeOf(id), label: "" };
  }
  var lastHidden = {};
  ids.forEach(function (id) { lastHidden[id] = isolated(id) || !inOverview(id); });
  var nodes = new vis.DataSet(ids.filter(function (id) { return !lastHidden[id]; }).map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(function (e, i) { return [e, i]; })
    .filter(function (x) { return !lastHidden[ids[x[0][0]]] && !lastHidden[ids[x[0][1]]]; })
    .map(function (x) { return { id: x[1], from: ids[x[0][0]], to: ids[x[0][1]] }; }));
  function show(add, remove) {   // nodes in and out of the data sets, with the edges between shown nodes
    if (remove.length) {
      var gone = {};
      remove.forEach(function (id) { (edgesOf[id] || []).forEach(function (i) { gone[i] = true; }); });
      edges.remove(Object.keys(gone).map(Number).filter(function (i) { return edges.get(i); }));
      nodes.remove(remove);
    }
    if (add.length) {
      nodes.add(add.map(nodeItem));
      var fresh = {};
      add.forEach(function (id) {
        (edgesOf[id] || []).forEach(function (i) {
          var e = data.edges[i];
          if (!lastHidden[ids[e[0]]] && !lastHidden[ids[e[1]]] && !edges.get(i)) { fresh[i] = true; }
        });
      });
      edges.add(Object.keys(fresh).map(Number).map(function (i) { return { id: i, from: ids[data.edges[i][0]], to: ids[data.edges[i][1]] }; }));
    }
  }
  var options = {
    physics: false,   // laid out when written: the same picture every time, and no wait
    interaction: { hover: true, hideEdgesOnDrag: data.nodes.length > 1000, multiselect: true },
    layout: { improvedLayout: false },
    nodes: { font: { face: "Noto Sans, Noto Sans Arabic, Arial, sans-serif", size: LABEL_PX, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { smooth: false, width: 1, selectionWidth: 2, arrows: "to", color: { color: "#c4c4c4", highlight: "#555555" } },
    groups: {}
  };
  marks.datasets = performance.now();
  data.legend.forEach(function (item) { options.groups[item.type] = { color: item.color, shape: item.shape }; });
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, options);
  marks.network = performance.now();
  var api = { marks: marks, labelText: labelText, network: network, nodes: nodes, edges: edges, data: data, ready: false, errors: [], shownLabels: {} };
  window.graphbuild = api;

  // -- labels: the best-connected first, none overlapping, at a constant size on screen ----------
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_PX + "px Noto Sans, Arial, sans-serif";
  function labelText(id) {   // a meeting's title on two lines (what; where and when), an acronym, a cut name
    var d = details[id], name = nameOf(id), sep = data.separators[lang] || " · ", lines = [name];
    if (d.type === "organisation" && d.acronym) { lines = [d.acronym]; }
    else if (d.type === "meeting" && name.indexOf(sep) > 0) {
      var at = name.indexOf(sep);
      lines = [name.slice(0, at), name.slice(at + sep.length)];
    }
    return lines.map(function (line) {
      var cut = line.length <= data.label_width ? line : line.slice(0, data.label_width - 1).trim() + "…";
      return "\u2068" + cut + "\u2069";   // each line keeps its own direction
    }).join("\n");
  }
  function cull() {
    var scale = network.getScale();
    var boxes = [];
    var shown = {};
    var candidates = [];
    for (var i = 0; i < rank.length && candidates.length < MAX_LABELS; i++) {
      if (!lastHidden[rank[i]]) { candidates.push(rank[i]); }
    }
    var pos = network.getPositions(candidates);
    var box = network.body.container.getBoundingClientRect();
    candidates.forEach(function (id) {
      var p = network.canvasToDOM(pos[id]);
      if (p.x < -50 || p.y < -50 || p.x > box.width + 50 || p.y > box.height + 50) { return; }
      var lines = labelText(id).split("\n");
      var w = Math.max.apply(null, lines.map(function (l) { return measure.measureText(l).width; })) + 6;
      var h = lines.length * (LABEL_PX + 3);
      var r = (nodes.get(id).size || 10) * scale;
      var b = { x: p.x - w / 2, y: p.y + r, w: w, h: h + 2 };
      for (var j = 0; j < boxes.length; j++) {
        var o = boxes[j];
        if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) { return; }
      }
      boxes.push(b);
      shown[id] = b;
    });
    var changes = [];
    var size = LABEL_PX / Math.max(scale, 0.01);
    Object.keys(api.shownLabels).forEach(function (id) {
      if (!shown[id] && !lastHidden[id]) { changes.push({ id: id, label: "" }); }   // an update would add a removed node
    });
    Object.keys(shown).forEach(function (id) { changes.push({ id: id, label: labelText(id), font: { size: size } }); });
    api.shownLabels = shown;
    nodes.update(changes);
  }
  var cullTimer = null;
  function cullSoon() { clearTimeout(cullTimer); cullTimer = setTimeout(cull, 120); }
  network.on("zoom", cullSoon);
  network.on("dragEnd", cullSoon);
  function fitShown() {
    network.fit({ nodes: ids.filter(function (id) { return !lastHidden[id]; }), animation: false });
  }
  network.once("afterDrawing", function () {
    marks.drawn = performance.now();
    fitShown();
    cull();
    openFromHash();
    marks.ready = performance.now();
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
  });

  // -- filters ---------------------------------------------------------------------------------
  var shownTypes = {};
  var typeBox = document.getElementById("type-filters");
  var legend = document.getElementById("legend");
  var countrySel = document.getElementById("country-filter");
  var fromBox = document.getElementById("date-from");
  var toBox = document.getElementById("date-to");
  var undatedBox = document.getElementById("undated");
  var isolatedBox = document.getElementById("isolated");
  var focusBtn = document.getElementById("focus");
  function typeName(type) { return t(type === "country" ? "country_type" : type); }
  data.legend.forEach(function (item) { shownTypes[item.type] = true; });
  function drawLegend() {
    legend.replaceChildren(); typeBox.replaceChildren();
    data.legend.forEach(function (item) {
      var li = el("li");
      var sw = el("span", "", "swatch");
      sw.style.background = item.color;
      li.appendChild(sw);
      li.appendChild(el("span", typeName(item.type)));
      legend.appendChild(li);
      var lab = el("label");
      var cb = document.createElement("input");
      cb.type = "checkbox"; cb.checked = shownTypes[item.type]; cb.value = item.type;
      cb.addEventListener("change", function () { shownTypes[item.type] = cb.checked; apply(); });
      lab.appendChild(cb);
      lab.appendChild(el("span", " " + typeName(item.type)));
      typeBox.appendChild(lab);
    });
  }
  function fillCountries() {   // the countries that took part in or hosted a meeting, by name
    var keep = countrySel.value;
    var seen = {};
    ids.forEach(function (id) { if (details[id].type === "meeting") { (details[id].countries || []).forEach(function (c) { seen[c] = true; }); } });
    while (countrySel.options.length > 1) { countrySel.remove(1); }
    Object.keys(seen).sort(function (a, b) { return nameOf(a).localeCompare(nameOf(b)); }).forEach(function (c) {
      var o = el("option", nameOf(c)); o.value = c; countrySel.appendChild(o);
    });
    countrySel.value = keep;
  }
  [countrySel, fromBox, toBox, undatedBox].forEach(function (b) { b.addEventListener("change", apply); });
  isolatedBox.addEventListener("change", function () { state.isolated = isolatedBox.checked; apply(); });
  var nIsolated = Object.keys(details).filter(isolated).length;

  function inRange(d, from, to) {
    if (!d.date) { return undatedBox.checked; }
    return !((from && d.date.slice(0, 10) < from) || (to && d.date.slice(0, 10) > to));
  }
  function visibleIds() {
    var country = countrySel.value, from = fromBox.value, to = toBox.value;
    var keep = {};
    var ids = Object.keys(details);
    if (country || from || to) {   // the meetings that pass, and what they link to
      ids.forEach(function (id) {
        var d = details[id];
        if (d.type !== "meeting" || !shownTypes.meeting) { return; }
        if (country && (d.countries || []).indexOf(country) < 0) { return; }
        if ((from || to) && !inRange(d, from, to)) { return; }
        keep[id] = true;
        (links[id] || []).forEach(function (n) {   // its people and places; a meeting it is part of passes on its own
          if (shownTypes[details[n].type] && details[n].type !== "meeting") { keep[n] = true; }
        });
      });
    } else {
      ids.forEach(function (id) {
        if (shownTypes[details[id].type] && (state.isolated || !isolated(id)) && inOverview(id)) { keep[id] = true; }
      });
    }
    if (state.focus && state.selected) {
      var near = ego(state.selected);
      Object.keys(keep).forEach(function (id) { if (!near[id]) { delete keep[id]; } });
      keep[state.selected] = true;
    }
    return keep;
  }
  function ego(id) {   // depth 1, and the people of its meetings; never onward through a country or a city
    var near = {}; near[id] = true;
    (links[id] || []).forEach(function (n) {
      near[n] = true;
      if (details[n].type === "meeting" && !HUBS[details[id].type]) {
        (details[n].people || []).forEach(function (p) { near[p.id] = true; });
      }
    });
    return near;
  }
  var everythingBox = document.getElementById("everything");
  document.getElementById("everything-box").hidden = state.everything;
  everythingBox.addEventListener("change", function () { state.everything = everythingBox.checked; apply(); });
  function apply() {
    var keep = visibleIds();
    var add = [], remove = [];
    ids.forEach(function (id) {
      var hide = !keep[id];
      if (hide !== lastHidden[id]) { (hide ? remove : add).push(id); lastHidden[id] = hide; }
    });
    show(add, remove);
    markTimeline();
    drawList();
    cullSoon();
  }
  document.getElementById("reset").addEventListener("click", function () {
    countrySel.value = ""; fromBox.value = ""; toBox.value = ""; undatedBox.checked = false;
    isolatedBox.checked = false; state.isolated = false;
    Object.keys(shownTypes).forEach(function (k) { shownTypes[k] = true; });
    state.focus = false; focusBtn.textContent = t("ego");
    drawLegend(); apply(); fitShown(); cullSoon();
  });
  focusBtn.addEventListener("click", function () {
    state.focus = !state.focus;
    focusBtn.textContent = state.focus ? t("whole") : t("ego");
    apply();
    if (state.focus && state.selected) { network.fit({ nodes: Object.keys(ego(state.selected)), animation: false }); cullSoon(); }
  });

  // -- the timeline: meetings per month; drag across months to choose a period ----------------------
  var timeline = document.getElementById("timeline");
  var months = [];
  (function () {
    var counts = {};
    Object.keys(details).forEach(function (id) {
      var d = details[id];
      if (d.type === "meeting" && d.date) { var m = d.date.slice(0, 7); counts[m] = (counts[m] || 0) + 1; }
    });
    var keys = Object.keys(counts).sort();
    if (!keys.length) { document.getElementById("timeline-box").hidden = true; return; }
    var y = +keys[0].slice(0, 4), m = +keys[0].slice(5, 7);
    var last = keys[keys.length - 1];
    while (months.length < 1200) {
      var key = y + "-" + (m < 10 ? "0" : "") + m;
      months.push({ key: key, n: counts[key] || 0 });
      if (key >= last) { break; }
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    var top = Math.max.apply(null, months.map(function (x) { return x.n; }));
    months.forEach(function (x, i) {
      var bar = el("div", null, "month");
      bar.dataset.index = String(i);
      bar.dataset.month = x.key;
      bar.title = x.key + ": " + x.n;
      var fill = el("div", null, "fill");
      fill.style.height = (x.n ? 15 + 85 * x.n / top : 0) + "%";
      bar.appendChild(fill);
      timeline.appendChild(bar);
    });
  })();
  var brush = null;
  function monthAt(e) {
    var target = document.elementFromPoint(e.clientX, e.clientY);
    while (target && target !== timeline && !(target.dataset && target.dataset.index)) { target = target.parentNode; }
    return target && target.dataset && target.dataset.index ? +target.dataset.index : null;
  }
  function lastDay(key) { var d = new Date(Date.UTC(+key.slice(0, 4), +key.slice(5, 7), 0)); return d.toISOString().slice(0, 10); }
  timeline.addEventListener("pointerdown", function (e) {
    var i = monthAt(e); if (i === null) { return; }
    brush = { a: i, b: i }; markTimeline(); e.preventDefault();
  });
  timeline.addEventListener("pointermove", function (e) {
    if (!brush) { return; }
    var i = monthAt(e); if (i !== null && i !== brush.b) { brush.b = i; markTimeline(); }
  });
  window.addEventListener("pointerup", function () {
    if (!brush) { return; }
    var a = Math.min(brush.a, brush.b), b = Math.max(brush.a, brush.b);
    brush = null;
    fromBox.value = months[a].key + "-01"; toBox.value = lastDay(months[b].key);
    apply();
  });
  function markTimeline() {
    var from = fromBox.value, to = toBox.value;
    Array.prototype.forEach.call(timeline.children, function (bar, i) {
      var key = months[i].key;
      var inside = brush ? (i >= Math.min(brush.a, brush.b) && i <= Math.max(brush.a, brush.b))
        : ((from || to) && !(from && key < from.slice(0, 7)) && !(to && key > to.slice(0, 7)));
      bar.classList.toggle("in", !!inside);
    });
  }

  // -- the side panel ---------------------------------------------------------------------------
  var panel = document.getElementById("panel");
  function ref(id, extra) {
    var b = el("button", nameOf(id) + (extra || ""), "ref");
    b.type = "button"; b.dir = "auto";
    b.addEventListener("click", function () { select(id, true); });
    return b;
  }
  function section(title, items) {
    if (!items || !items.length) { return; }
    panel.appendChild(el("h3", title));
    var ul = el("ul", null, "refs");
    items.forEach(function (item) { var li = el("li"); li.appendChild(item); ul.appendChild(li); });
    panel.appendChild(ul);
  }
  function fact(dl, key, value) {
    if (value === null || value === undefined || value === "") { return; }
    dl.appendChild(el("dt", t(key)));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dd.dir = "auto";
    dl.appendChild(dd);
  }
  function person(p) {
    var box = el("span");
    box.appendChild(ref(p.id));
    var roles = (p.roles || []).slice(0, 2).join("; ");
    var side = p.side ? t(p.side) : "";
    var extra = [side, roles].filter(Boolean).join(", ");
    if (extra) { var x = el("span", " (" + extra + ")", "role"); x.dir = "auto"; box.appendChild(x); }
    return box;
  }
  function showDetails(id) {
    var d = details[id];
    panel.replaceChildren();
    if (!d) { panel.appendChild(el("p", t("hint"), "hint")); return; }
    panel.appendChild(el("p", typeName(d.type), "kind"));
    var h = el("h2", nameOf(id)); h.dir = "auto"; panel.appendChild(h);
    var dl = el("dl");
    if (d.type === "meeting") {
      fact(dl, "when", d.date ? formatDay(d.date) + (d.date_end ? " – " + formatDay(d.date_end) : "") : t("undated_meeting"));
      var where = placeOf(d);
      fact(dl, "where", where);
      fact(dl, "status", d.status ? t(d.status) : null);
      panel.appendChild(dl);
      section(t("who"), (d.people || []).map(person));
      section(t("organisations"), (d.organisations || []).map(function (o) { return ref(o); }));
      section(t("countries"), (d.countries || []).map(function (c) { return ref(c); }));
      section(t("part_of"), (d.part_of || []).map(function (m) { return ref(m); }));
      section(t("sub_meetings"), (d.sub_meetings || []).map(function (m) { return ref(m); }));
    } else if (d.type === "person") {
      panel.appendChild(dl);
      section(t("roles"), (d.roles || []).map(function (r) {
        var span = el("span", r.role + ((r.original || []).length ? " — " + r.original.join("; ") : ""));
        span.dir = "auto";
        if (r.since) { span.appendChild(el("span", " (" + (r.since === r.until ? r.since : t("since", { a: r.since, b: r.until })) + ")", "role")); }
        return span;
      }));
      section(t("meetings"), meetingsOf(id).map(function (m) { return ref(m); }));
      section(t("met"), metBy(id).map(function (pair) { return ref(pair[0], " " + t("times", { n: pair[1] })); }));
    } else {
      if (d.acronym) { fact(dl, "names", d.acronym); }
      panel.appendChild(dl);
      section(t("meetings"), meetingsOf(id).map(function (m) { return ref(m); }));
    }
    var names = d.type === "meeting" ? [] : (d.names || []).filter(function (n) { return n !== nameOf(id); });
    section(t("names"), names.map(function (n) { var s = el("span", n); s.dir = "auto"; return s; }));
    if (d.sources && d.sources.length) {
      panel.appendChild(el("h3", t("sources")));
      var ol = el("ol", null, "sources");
      var previous = null;
      d.sources.forEach(function (pair) {
        var art = data.articles[pair[0]] || {};
        var s = { article: pair[0], title: art.title || pair[0], published: art.published, url: art.url,
                  sentence: pair[1] >= 0 ? data.sentences[pair[1]] : null };
        var li = el("li");
        if (s.article !== previous) {
          var head = el("div", s.title + (s.published ? " (" + s.published + ")" : ""), "source-title");
          head.dir = "auto";
          li.appendChild(head);
        }
        previous = s.article;
        if (s.sentence) { var q = el("blockquote", s.sentence); q.dir = "auto"; li.appendChild(q); }
        if (s.url && /^https?:\/\//.test(s.url)) {
          var a = el("a", t("article"));
          a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.appendChild(a);
        }
        ol.appendChild(li);
      });
      panel.appendChild(ol);
    }
    if (d.merged && d.merged.length) {
      var why = el("details", null, "why");
      why.appendChild(el("summary", t("why")));
      var ul = el("ul");
      d.merged.forEach(function (m) { var li = el("li", t("also_in", m)); li.dir = "auto"; ul.appendChild(li); });
      why.appendChild(ul);
      panel.appendChild(why);
    }
  }
  function select(id, move) {
    if (!details[id]) { return; }
    state.selected = id;
    focusBtn.disabled = false;
    if (!state.everything) {   // open the node's neighbourhood in the overview, touching only it
      var open = [];
      Object.keys(ego(id)).forEach(function (n) {
        state.revealed[n] = true;
        if (lastHidden[n] && shownTypes[details[n].type]) { lastHidden[n] = false; open.push(n); }
      });
      show(open, []);
      cullSoon();
    }
    if (lastHidden[id]) { lastHidden[id] = false; show([id], []); }
    var group = [id];
    if (details[id].type === "meeting") { (details[id].people || []).forEach(function (p) { group.push(p.id); }); }
    network.selectNodes(group.filter(function (n) { return !lastHidden[n]; }));
    showDetails(id);
    try { history.replaceState(null, "", "#" + encodeURIComponent(id)); } catch (err) { /* a sandboxed frame */ }
    if (move) { network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false }); cullSoon(); }
    if (state.focus) { apply(); }
  }
  network.on("click", function (params) {
    var id = params.nodes.length ? params.nodes[0] : null;
    if (id) { select(id, false); return; }
    state.selected = null; focusBtn.disabled = true; showDetails(null);
    try { history.replaceState(null, "", "#"); } catch (err) { /* a sandboxed frame */ }
  });
  function openFromHash() {
    var id = decodeURIComponent((location.hash || "").slice(1));
    if (id && details[id]) { select(id, true); }
  }
  window.addEventListener("hashchange", openFromHash);

  // -- the list of meetings: sortable, the same filters as the graph ------------------------------
  var listBox = document.getElementById("list");
  var table = document.getElementById("meeting-table");
  var COLUMNS = ["date", "title", "place", "people"];
  function rowOf(id) {
    var d = details[id];
    return { id: id, date: d.date || "", title: nameOf(id), place: placeOf(d),
             people: (d.people || []).map(function (p) { return nameOf(p.id); }).join("; ") };
  }
  function listedMeetings() {
    var keep = visibleIds();
    var rows = Object.keys(keep).filter(function (id) { return details[id].type === "meeting"; }).map(rowOf);
    var k = state.sort.key, dir = state.sort.dir;
    rows.sort(function (a, b) { return (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : (a.id < b.id ? -1 : 1)) * dir; });
    return rows;
  }
  function drawList() {
    if (listBox.hidden) { return; }
    var head = table.tHead.rows[0];
    head.replaceChildren();
    COLUMNS.forEach(function (c) {
      var th = el("th", t(c) + (state.sort.key === c ? (state.sort.dir > 0 ? " ▲" : " ▼") : ""));
      th.dataset.key = c;
      th.addEventListener("click", function () {
        state.sort = { key: c, dir: state.sort.key === c ? -state.sort.dir : 1 };
        drawList();
      });
      head.appendChild(th);
    });
    var body = table.tBodies[0];
    body.replaceChildren();
    listedMeetings().forEach(function (r) {
      var tr = el("tr");
      tr.dataset.id = r.id;
      COLUMNS.forEach(function (c) { var td = el("td", c === "people" ? r.people : r[c]); td.dir = "auto"; tr.appendChild(td); });
      tr.addEventListener("click", function () { select(r.id, false); });
      body.appendChild(tr);
    });
  }
  var tabGraph = document.getElementById("tab-graph"), tabList = document.getElementById("tab-list");
  tabGraph.addEventListener("click", function () {
    listBox.hidden = true; tabGraph.classList.add("on"); tabList.classList.remove("on");
    document.getElementById("network").style.visibility = "visible";
  });
  tabList.addEventListener("click", function () {
    listBox.hidden = false; tabList.classList.add("on"); tabGraph.classList.remove("on");
    document.getElementById("network").style.visibility = "hidden";
    drawList();
  });
  function csvCell(v) { var s = String(v === undefined || v === null ? "" : v); return /[",\n\r]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s; }
  document.getElementById("csv").addEventListener("click", function () {
    var lines = [["id"].concat(COLUMNS).join(",")];
    listedMeetings().forEach(function (r) { lines.push([r.id, r.date, r.title, r.place, r.people].map(csvCell).join(",")); });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob); a.download = "meetings.csv";
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  });

  // -- search in any script ----------------------------------------------------------------------
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  var folded = {};
  Object.keys(details).forEach(function (id) {
    var d = details[id];
    folded[id] = fold(Object.keys(d.name).map(function (k) { return d.name[k]; }).concat(d.names || []).join(" "));
  });
  search.addEventListener("input", function () {
    var q = fold(search.value.trim());
    if (!q) { status.textContent = ""; network.unselectAll(); return; }
    var hits = Object.keys(folded).filter(function (id) { return folded[id].indexOf(q) >= 0; });
    status.textContent = t("found", { n: hits.length });
    if (hits.length) { select(hits[0], true); network.selectNodes(hits.filter(function (h) { return !lastHidden[h]; })); }
  });

  // -- language: the page's words, the labels and the panel; Arabic right to left ------------------
  var langSel = document.getElementById("language");
  data.languages.forEach(function (l) { var o = el("option", (S[l] || S.en).language); o.value = l; langSel.appendChild(o); });
  function setLanguage(l) {
    lang = l;
    langSel.value = l;
    document.documentElement.lang = l;
    document.documentElement.dir = t("dir");
    document.querySelectorAll("[data-t]").forEach(function (e) { e.textContent = t(e.dataset.t); });
    search.placeholder = t("search");
    document.getElementById("isolated-label").textContent = t("isolated", { n: nIsolated });
    document.getElementById("everything-label").textContent = t("everything", { n: ids.length });
    document.getElementById("search-status").textContent = state.everything ? "" : t("overview", { n: OVERVIEW });
    document.getElementById("stats").textContent = t("nodes", { n: data.nodes.length, e: data.edges.length });
    focusBtn.textContent = state.focus ? t("whole") : t("ego");
    drawLegend();
    fillCountries();
    api.shownLabels = Object.assign({}, api.shownLabels);
    if (api.ready) { cull(); }
    showDetails(state.selected);
    drawList();
  }
  langSel.addEventListener("change", function () { setLanguage(langSel.value); });
  api.setLanguage = setLanguage;
  setLanguage(lang);
  window.addEventListener("error", function (e) { api.errors.push(String(e.message)); });
})();
