// Flashpoint's page: plain JavaScript over the same JSON API the docs describe (/docs).
// Nothing is fetched from outside this server. Article text and every stored string reach the page
// through textContent or SVG text nodes, never as HTML, since they come from untrusted articles.
"use strict";

const PAGE = 50;
const STATUS_GROUP = {
  occurred: "happened", ongoing: "happened",
  planned: "open", threatened: "open", predicted: "open",
  denied: "other", hypothetical: "other",
};
const SVG_NS = "http://www.w3.org/2000/svg";

// --- Small helpers -------------------------------------------------------------------------------

/** An element with attributes and children (strings become text nodes). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** An SVG element with attributes. */
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const child of children) el.append(child instanceof Node ? child : String(child));
  return el;
}

function $(id) { return document.getElementById(id); }

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

/** GET a JSON endpoint; the API answers errors as {"error": "..."}, shown in the banner. */
async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  const url = path + (query.toString() ? "?" + query : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  showError("");
  return body;
}

function statusBadge(status) {
  return h("span", { class: `badge st-${STATUS_GROUP[status] || "other"}`, title: status }, status);
}

function who(item) {
  const source = item.source_name || item.source_id || "—";
  const target = item.target_name || item.target_id;
  return target ? `${source} → ${target}` : source;
}

function place(item) {
  const name = item.location_name || "";
  return item.country ? (name ? `${name}, ${item.country}` : item.country) : name;
}

function claimedBy(list) {
  return list && list.length ? list.join(", citing ") : "";
}

function clip(text, n) {
  const flat = (text || "").replace(/\s+/g, " ");
  return flat.length > n ? flat.slice(0, n - 1) + "…" : flat;
}

function pager(el, page, onPage) {
  el.replaceChildren();
  const { total, offset, limit } = page;
  if (total <= limit) return;
  const last = Math.max(0, Math.floor((total - 1) / limit) * limit);
  el.append(
    h("button", { type: "button", disabled: offset <= 0, onclick: () => onPage(Math.max(0, offset - limit)) }, "← Newer"),
    h("span", {}, ` ${offset + 1}–${Math.min(total, offset + limit)} of ${total.toLocaleString()} `),
    h("button", { type: "button", disabled: offset >= last, onclick: () => onPage(offset + limit) }, "Older →"),
  );
}

// --- Filters and routing -------------------------------------------------------------------------

const form = $("filters");
const FILTER_NAMES = ["type", "status", "country", "actor", "since", "until", "q", "bbox"];

function filters() {
  const out = {};
  for (const name of FILTER_NAMES) {
    const value = form.elements[name].value.trim();
    if (value) out[name] = value;
  }
  return out;
}

function setFilters(values) {
  for (const name of FILTER_NAMES) form.elements[name].value = values[name] || "";
  $("bbox-note").hidden = !form.elements.bbox.value;
  const active = Object.keys(filters()).length;
  $("toggle-filters").textContent = active ? `Filters (${active})` : "Filters";
}

/** The hash is `#view?filters` or `#event/<id>` / `#article/<hash>`; it is the page's whole state. */
function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "events";
  const [path, query] = raw.split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  const [view, id] = path.split("/");
  return { view, id: id ? decodeURIComponent(path.slice(view.length + 1)) : null, params };
}

function go(view, params) {
  const query = new URLSearchParams(params || filters()).toString();
  location.hash = view + (query ? "?" + query : "");
}

let currentView = "events";

function onFilterChange() {
  const view = ["events", "map", "timeline"].includes(currentView) ? currentView : "events";
  go(view, filters());
}

form.addEventListener("change", onFilterChange);
form.addEventListener("submit", (e) => { e.preventDefault(); onFilterChange(); });
$("reset").addEventListener("click", () => { setFilters({}); onFilterChange(); });
// On a phone the filters fold behind one button, so the data is on the first screen.
$("toggle-filters").addEventListener("click", () => {
  const open = form.classList.toggle("open");
  $("toggle-filters").setAttribute("aria-expanded", String(open));
});
$("clear-bbox").addEventListener("click", () => { form.elements.bbox.value = ""; onFilterChange(); });

async function route() {
  const { view, id, params } = parseHash();
  const known = ["events", "map", "timeline", "network", "watch", "event", "article"];
  const name = known.includes(view) ? view : "events";
  currentView = name;
  if (!["event", "article"].includes(name)) setFilters(params);
  const section = name === "event" || name === "article" ? "article" : name;
  for (const el of document.querySelectorAll(".view")) el.hidden = el.id !== `view-${section}`;
  for (const a of document.querySelectorAll(".tabs a")) a.classList.toggle("active", a.dataset.view === section);
  form.hidden = !["events", "map", "timeline"].includes(name);
  document.body.dataset.view = section;
  try {
    if (name === "events") await showEvents(params);
    else if (name === "map") await showMap(params);
    else if (name === "timeline") await showTimeline(params);
    else if (name === "network") await showNetwork();
    else if (name === "watch") await showWatch(params);
    else if (name === "event") await showEvent(id);
    else if (name === "article") await showArticle(id, null);
  } catch (error) {
    showError(error.message);
  }
  document.body.dataset.ready = name;
}

// --- Events table --------------------------------------------------------------------------------

async function showEvents(params) {
  const offset = Number(params.offset || 0);
  const page = await api("/events", { ...filters(), limit: PAGE, offset });
  const body = $("events-table").tBodies[0];
  body.replaceChildren(...page.items.map(eventRow));
  $("events-summary").textContent = page.total
    ? `${page.total.toLocaleString()} event${page.total === 1 ? "" : "s"}, latest first`
    : "No event matches these filters.";
  pager($("events-pager"), page, (next) => go("events", { ...filters(), offset: next }));
}

function eventRow(item) {
  const open = () => { location.hash = "event/" + encodeURIComponent(item.event_id); };
  return h("tr", { class: "event-row", tabindex: "0", "data-event": item.event_id, onclick: open,
                   onkeydown: (e) => { if (e.key === "Enter") open(); } },
    h("td", { "data-label": "Date" }, item.when || (item.published ? `(${item.published})` : "")),
    h("td", { "data-label": "Type" }, h("b", {}, item.type), item.mode ? h("small", {}, ` ${item.mode}`) : ""),
    h("td", { "data-label": "Status" }, statusBadge(item.status)),
    h("td", { "data-label": "Who" }, who(item)),
    h("td", { "data-label": "Place" }, place(item)),
    h("td", { "data-label": "Dead", class: "num" }, item.fatalities ?? ""),
    h("td", { "data-label": "Claimed by" }, claimedBy(item.attributed_to)),
    h("td", { "data-label": "Evidence", class: "evidence" }, clip(item.evidence_text, 140)),
  );
}

// --- Article view with highlighted spans ---------------------------------------------------------

async function showEvent(eventId) {
  const ev = await api("/events/" + encodeURIComponent(eventId));
  await showArticle(ev.content_hash, ev);
}

/** Cut the text at every span boundary; each piece carries the classes of the spans covering it. */
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(sp.start); cuts.add(sp.end); }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((sp) => sp.start <= a && sp.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) { pieces.push(piece); continue; }
    const el = h("span", { class: [...new Set(covering.map((sp) => sp.cls))].join(" ") }, piece);
    const titled = covering.find((sp) => sp.title);
    if (titled) el.title = titled.title;
    const clickable = covering.find((sp) => sp.event);
    if (clickable) el.dataset.event = clickable.event;
    pieces.push(el);
  }
  return pieces;
}

async function showArticle(contentHash, focus) {
  const art = await api("/articles/" + encodeURIComponent(contentHash));
  const selected = focus ? art.events.find((e) => e.event_id === focus.event_id) : null;
  $("article-title").textContent = art.title || art.article_id;
  $("article-meta").textContent = [art.outlet, art.published, art.url].filter(Boolean).join(" · ");
  const spans = [];
  for (const m of art.mentions) spans.push({ start: m.start, end: m.end, cls: "hl-actor", title: `${m.name || m.actor_id} (${m.kind || "actor"})` });
  for (const e of art.events) {
    const mine = selected && e.event_id === selected.event_id;
    spans.push({ start: e.trigger_start, end: e.trigger_end, cls: mine ? "hl-trigger hl-focus" : "hl-trigger", title: `${e.type} · ${e.status}`, event: e.event_id });
    if (e.date_span) spans.push({ start: e.date_span.start, end: e.date_span.end, cls: "hl-date", title: e.when || e.date_text });
    if (e.place_span) spans.push({ start: e.place_span.start, end: e.place_span.end, cls: "hl-place", title: place(e) });
  }
  if (selected) spans.push({ start: selected.evidence_start, end: selected.evidence_end, cls: "hl-evidence" });
  const textEl = $("article-text");
  textEl.replaceChildren(...highlighted(art.text, spans));
  textEl.onclick = (event) => {
    const target = event.target.closest("[data-event]");
    if (target) location.hash = "event/" + encodeURIComponent(target.dataset.event);
  };
  $("event-panel").replaceChildren(eventPanel(art, selected, focus));
  const mark = textEl.querySelector(".hl-evidence");
  if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: "center" });
}

function fact(label, value) {
  return value === "" || value === null || value === undefined ? null : h("div", { class: "fact" }, h("dt", {}, label), h("dd", {}, value));
}

function eventPanel(art, selected, detail) {
  const panel = h("div", {});
  if (selected && detail) {
    panel.append(
      h("h2", {}, selected.type, selected.mode ? h("small", {}, ` ${selected.mode}`) : ""),
      h("dl", { class: "facts" },
        fact("Status", statusBadge(selected.status)),
        fact("Who → whom", who(selected)),
        fact("When", selected.when ? `${selected.when}${selected.date_text ? ` (“${selected.date_text}”)` : ""}` : ""),
        fact("Where", place(detail)),
        fact("Dead", detail.fatalities ?? ""),
        fact("ACLED", detail.acled_event_type ? `${detail.acled_event_type} · ${detail.acled_sub_event_type}` : ""),
        fact("Confidence", detail.confidence != null ? detail.confidence.toFixed(2) : ""),
      ),
      h("div", { class: "attribution", id: "attribution" },
        h("h3", {}, "Who says so"),
        detail.attributed_to && detail.attributed_to.length
          ? h("ol", { class: "chain" }, detail.attributed_to.map((who) => h("li", {}, who)))
          : h("p", {}, "The article, in its own voice."),
      ),
    );
    if (detail.reports && detail.reports.length) {
      panel.append(h("h3", {}, "Also reported by"), h("ul", { class: "reports" }, detail.reports.map((r) =>
        h("li", {}, h("a", { href: "#event/" + encodeURIComponent(r.event_id) }, [r.outlet, r.published].filter(Boolean).join(", ") || r.title || r.event_id)))));
    }
    const links = [...(detail.fulfilled_by || []).map((l) => ["Carried out by", l]), ...(detail.fulfils || []).map((l) => ["Carries out", l])];
    if (links.length) {
      panel.append(h("h3", {}, "Watch"), h("ul", { class: "reports" }, links.map(([label, l]) =>
        h("li", {}, `${label} `, h("a", { href: "#event/" + encodeURIComponent(l.event_id) }, `${l.type}: ${clip(l.evidence_text, 80)}`),
          l.days_after != null ? ` (${l.days_after} days)` : ""))));
    }
  } else {
    panel.append(h("p", { class: "hint" }, "Choose an event below, or click a highlighted event word in the text."));
  }
  panel.append(h("h3", {}, `Events in this article (${art.events.length})`), h("ol", { class: "article-events" }, art.events.map((e) =>
    h("li", { class: selected && e.event_id === selected.event_id ? "current" : null },
      h("a", { href: "#event/" + encodeURIComponent(e.event_id) }, `${e.type} `, statusBadge(e.status), ` ${who(e)}`)))));
  return panel;
}

// --- Map -----------------------------------------------------------------------------------------

let shapes = null;
const mapState = { box: null, world: null };

async function showMap() {
  if (!shapes) shapes = await api("/map/countries");
  const data = await api("/map/events", { ...filters(), places: 1500 });
  const svg = $("map");
  const world = shapes.viewBox.split(" ").map(Number);
  mapState.world = world;
  if (!mapState.box) mapState.box = world.slice();
  svg.setAttribute("viewBox", mapState.box.join(" "));
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  const counts = Object.fromEntries(data.countries.map((c) => [c.country, c.n]));
  const most = Math.max(1, ...data.countries.map((c) => c.n));
  const land = s("g", { class: "land" });
  for (const c of shapes.countries) {
    const n = counts[c.id] || 0;
    const shade = n ? 0.15 + 0.75 * Math.log(1 + n) / Math.log(1 + most) : 0;
    const path = s("path", { d: c.d, class: n ? "country hit" : "country", "data-country": c.id || "",
                             style: n ? `fill-opacity:${shade.toFixed(2)}` : null });
    path.append(s("title", {}, `${c.name}${n ? `: ${n.toLocaleString()} events` : ""}`));
    if (c.id) path.addEventListener("click", () => { if (!mapState.dragged) { setFilters({ ...filters(), country: c.id }); go("events"); } });
    land.append(path);
  }
  const dots = s("g", { class: "places" });
  const biggest = Math.max(1, ...data.places.map((p) => p.n));
  for (const p of data.places) {
    const r = 0.35 + 1.6 * Math.sqrt(p.n / biggest);
    const dot = s("circle", { cx: (p.lon + 180).toFixed(2), cy: (90 - p.lat).toFixed(2), r: r.toFixed(2), class: "place" });
    dot.append(s("title", {}, `${p.name || ""} ${p.country || ""}: ${p.n.toLocaleString()} events`));
    dot.addEventListener("click", (e) => {
      e.stopPropagation();
      if (mapState.dragged) return;
      const d = 0.25;
      setFilters({ ...filters(), bbox: [p.lon - d, p.lat - d, p.lon + d, p.lat + d].map((v) => v.toFixed(2)).join(",") });
      go("events");
    });
    dots.append(dot);
  }
  svg.replaceChildren(land, dots);
  scaleDots();
  // The busiest countries as a list too: on a phone the map is small to tap.
  const names = Object.fromEntries(shapes.countries.map((c) => [c.id, c.name]));
  $("map-top").replaceChildren(...data.countries.slice(0, 12).map((c) =>
    h("li", {}, h("a", { href: "#events?" + new URLSearchParams({ ...filters(), country: c.country }) },
      `${names[c.country] || c.country}`), ` ${c.n.toLocaleString()}`)));
  const placed = data.places.reduce((a, p) => a + p.n, 0);
  $("map-legend").textContent = data.countries.length
    ? `${data.countries.length} countries shaded by events; ${data.places.length} places (${placed.toLocaleString()} events with coordinates).`
    : "No event with a place matches these filters.";
}

/** Dots keep their size on screen as the map zooms. */
function scaleDots() {
  if (!mapState.world || !mapState.box) return;
  const k = mapState.box[2] / mapState.world[2];
  $("map").style.setProperty("--dot-scale", k.toFixed(3));
}

function zoom(factor, cx, cy) {
  const [x, y, w, hgt] = mapState.box;
  const [wx, wy, ww, wh] = mapState.world;
  const nw = Math.min(ww, Math.max(ww / 64, w * factor));
  const nh = nw * (hgt / w);
  const px = cx === undefined ? x + w / 2 : cx;
  const py = cy === undefined ? y + hgt / 2 : cy;
  let nx = px - (px - x) * (nw / w);
  let ny = py - (py - y) * (nh / hgt);
  nx = Math.min(Math.max(nx, wx), wx + ww - nw);
  ny = Math.min(Math.max(ny, wy), wy + wh - nh);
  mapState.box = [nx, ny, nw, nh];
  $("map").setAttribute("viewBox", mapState.box.join(" "));
  scaleDots();
}

function setupMap() {
  const svg = $("map");
  for (const b of document.querySelectorAll("[data-zoom]")) {
    b.addEventListener("click", () => {
      if (!mapState.box) return;
      if (b.dataset.zoom === "reset") { mapState.box = mapState.world.slice(); zoom(1); }
      else zoom(b.dataset.zoom === "in" ? 0.5 : 2);
    });
  }
  svg.addEventListener("wheel", (e) => {
    if (!mapState.box) return;
    e.preventDefault();
    const pt = toMap(e);
    zoom(e.deltaY < 0 ? 0.8 : 1.25, pt.x, pt.y);
  }, { passive: false });
  let start = null;
  svg.addEventListener("pointerdown", (e) => { start = { x: e.clientX, y: e.clientY, box: mapState.box.slice() }; mapState.dragged = false; });
  svg.addEventListener("pointermove", (e) => {
    if (!start) return;
    const rect = svg.getBoundingClientRect();
    const per = start.box[2] / rect.width;
    const dx = (e.clientX - start.x) * per, dy = (e.clientY - start.y) * per;
    if (Math.abs(e.clientX - start.x) + Math.abs(e.clientY - start.y) > 4) mapState.dragged = true;
    if (!mapState.dragged) return;
    mapState.box = [start.box[0] - dx, start.box[1] - dy, start.box[2], start.box[3]];
    zoom(1);
  });
  window.addEventListener("pointerup", () => { start = null; setTimeout(() => { mapState.dragged = false; }, 0); });
  $("map-bbox").addEventListener("click", () => {
    const [x, y, w, hgt] = mapState.box;
    const west = Math.max(-180, x - 180), east = Math.min(180, x + w - 180);
    const north = Math.min(90, 90 - y), south = Math.max(-90, 90 - (y + hgt));
    setFilters({ ...filters(), bbox: [west, south, east, north].map((v) => v.toFixed(2)).join(",") });
    go("events");
  });
}

function toMap(e) {
  const svg = $("map");
  const rect = svg.getBoundingClientRect();
  const [x, y, w, hgt] = mapState.box;
  const scale = Math.min(rect.width / w, rect.height / hgt);
  const ox = (rect.width - w * scale) / 2, oy = (rect.height - hgt * scale) / 2;
  return { x: x + (e.clientX - rect.left - ox) / scale, y: y + (e.clientY - rect.top - oy) / scale };
}

// --- Timeline ------------------------------------------------------------------------------------

async function showTimeline(params) {
  let bucket = $("bucket").value;
  let counts;
  if (bucket === "auto") {
    counts = await api("/timeline/counts", { ...filters(), bucket: "month" });
    if (counts.length <= 3) { bucket = "day"; counts = await api("/timeline/counts", { ...filters(), bucket }); }
    else if (counts.length > 120) { bucket = "year"; counts = await api("/timeline/counts", { ...filters(), bucket }); }
    else bucket = "month";
  } else {
    counts = await api("/timeline/counts", { ...filters(), bucket });
  }
  drawChart(counts, bucket);
  const offset = Number(params.offset || 0);
  const page = await api("/timeline", { ...filters(), limit: PAGE, offset });
  $("timeline-list").replaceChildren(...page.items.map((item) =>
    h("li", { class: "happening", "data-event": item.event_id },
      h("span", { class: "when" }, item.when || `reported ${item.first_published || "?"}`),
      h("a", { href: "#event/" + encodeURIComponent(item.event_id) }, h("b", {}, item.type), " ", statusBadge(item.status), ` ${who(item)}`),
      h("span", { class: "where" }, place(item)),
      h("span", { class: "reports" }, `${item.n_reports} report${item.n_reports === 1 ? "" : "s"}${item.fatalities ? ` · ${item.fatalities} dead` : ""}`),
    )));
  if (!page.items.length) $("timeline-list").append(h("li", { class: "hint" }, "No happening matches these filters."));
  pager($("timeline-pager"), page, (next) => go("timeline", { ...filters(), offset: next }));
}

function drawChart(counts, bucket) {
  const svg = $("timeline-chart");
  const width = Math.max(320, svg.clientWidth || 800), height = 180, pad = { l: 36, r: 8, t: 10, b: 26 };
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  if (!counts.length) { svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" }, "Nothing dated matches these filters.")); return; }
  const top = Math.max(...counts.map((c) => c.total));
  const plotW = width - pad.l - pad.r, plotH = height - pad.t - pad.b;
  const bw = plotW / counts.length;
  const y = (v) => pad.t + plotH - (v / top) * plotH;
  svg.append(s("line", { x1: pad.l, x2: width - pad.r, y1: y(0), y2: y(0), class: "axis-line" }));
  svg.append(s("text", { x: pad.l - 4, y: y(top) + 4, "text-anchor": "end", class: "axis" }, top.toLocaleString()));
  counts.forEach((c, i) => {
    const x = pad.l + i * bw;
    const other = Math.max(0, c.total - c.happened - c.open);
    let base = 0;
    for (const [part, cls] of [[c.happened, "happened"], [c.open, "open"], [other, "other"]]) {
      if (!part) continue;
      const bar = s("rect", { x: (x + 0.5).toFixed(1), width: Math.max(1, bw - 1).toFixed(1), y: y(base + part).toFixed(1),
                              height: (y(base) - y(base + part)).toFixed(1), class: `bar ${cls}` });
      bar.append(s("title", {}, `${c.period}: ${c.total} (${c.happened} happened, ${c.open} threatened or planned)`));
      bar.addEventListener("click", () => { setFilters({ ...filters(), ...periodRange(c.period, bucket) }); go("timeline"); });
      svg.append(bar);
      base += part;
    }
  });
  const every = Math.ceil(counts.length / Math.max(1, Math.floor(plotW / 70)));
  counts.forEach((c, i) => {
    if (i % every) return;
    svg.append(s("text", { x: pad.l + i * bw + bw / 2, y: height - 8, "text-anchor": "middle", class: "axis" },
      bucket === "year" ? c.period.slice(0, 4) : bucket === "month" ? c.period.slice(0, 7) : c.period.slice(5)));
  });
}

/** The since/until filter of a bar's period. */
function periodRange(period, bucket) {
  const start = new Date(period + "T00:00:00Z");
  const end = new Date(start);
  if (bucket === "day") end.setUTCDate(end.getUTCDate());
  else if (bucket === "week") end.setUTCDate(end.getUTCDate() + 6);
  else if (bucket === "month") { end.setUTCMonth(end.getUTCMonth() + 1); end.setUTCDate(0); }
  else { end.setUTCFullYear(end.getUTCFullYear() + 1); end.setUTCDate(0); }
  return { since: period, until: end.toISOString().slice(0, 10) };
}

// --- Network -------------------------------------------------------------------------------------

// Actors repel only within three ideal edge lengths (as Fruchterman and Reingold's grid variant
// does), and everything is pulled gently toward the middle: groups with no tie between them then
// settle side by side instead of flying to the edges and shrinking the rest when fitted.
const GRAVITY = 0.03;

/** A force layout (springs on ties, repulsion between nearby actors), run a fixed number of steps so
 *  the same graph is always drawn the same way. */
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: width / 2 + (width / 3) * Math.cos(a), y: height / 2 + (height / 3) * Math.sin(a) };
  });
  const k = Math.sqrt((width * height) / Math.max(1, n));
  for (let step = 0; step < 250; step++) {
    const t = (width / 10) * (1 - step / 250) + 1;
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      if (d > 3 * k) continue;
      const f = (k * k) / d;
      dx /= d; dy /= d;
      disp[i].x += dx * f; disp[i].y += dy * f; disp[j].x -= dx * f; disp[j].y -= dy * f;
    }
    for (const e of edges) {
      const i = index.get(e.source), j = index.get(e.target);
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k;
      dx /= d; dy /= d;
      disp[i].x -= dx * f; disp[i].y -= dy * f; disp[j].x += dx * f; disp[j].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      // A pull toward the middle keeps actors with no tie between them from drifting to the walls.
      disp[i].x -= (pos[i].x - width / 2) * GRAVITY;
      disp[i].y -= (pos[i].y - height / 2) * GRAVITY;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, t);
      pos[i].y += (disp[i].y / d) * Math.min(d, t);
    }
  }
  // Fit the drawing to the frame: the forces settle where they settle, not necessarily centred.
  const xs = pos.map((q) => q.x), ys = pos.map((q) => q.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 180) / Math.max(1, x1 - x0), (height - 60) / Math.max(1, y1 - y0), 3);
  const dx = (width - (x1 - x0) * scale) / 2, dy = (height - (y1 - y0) * scale) / 2;
  return pos.map((q) => ({ x: dx + (q.x - x0) * scale, y: dy + (q.y - y0) * scale }));
}

async function showNetwork() {
  const graph = await api("/network", { edges: $("edges").value });
  const svg = $("network");
  const width = Math.max(320, svg.clientWidth || 900);
  const height = Math.max(360, Math.min(720, Math.round(width * 0.65)));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  if (!graph.nodes.length) { svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" }, "No ties between actors yet.")); return; }
  const pos = layout(graph.nodes, graph.edges, width, height);
  const at = new Map(graph.nodes.map((node, i) => [node.id, pos[i]]));
  const degree = new Map();
  for (const e of graph.edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) || 0) + e.weight);
  const heaviest = Math.max(1, ...graph.edges.map((e) => e.weight));
  svg.append(s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
    s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }))));
  const most = Math.max(1, ...degree.values());
  const radius = (id) => 4 + 10 * Math.sqrt((degree.get(id) || 0) / most);
  const pairs = new Map();
  for (const e of graph.edges) {
    const a = at.get(e.source), b = at.get(e.target);
    // Ties between the same two actors are fanned out sideways so each stays visible.
    const key = [e.source, e.target].sort().join("\u0000");
    const nth = pairs.get(key) || 0;
    pairs.set(key, nth + 1);
    const len = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
    const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
    const side = nth ? (nth % 2 ? 1 : -1) * Math.ceil(nth / 2) * 6 : 0;
    const ox = -uy * side, oy = ux * side;
    const end = radius(e.target) + 2;
    const line = s("line", { x1: (a.x + ox).toFixed(1), y1: (a.y + oy).toFixed(1),
                             x2: (b.x - ux * end + ox).toFixed(1), y2: (b.y - uy * end + oy).toFixed(1),
                             class: `tie ${e.kind}`, "stroke-width": (0.8 + 4 * Math.sqrt(e.weight / heaviest)).toFixed(2), "marker-end": "url(#arrow)" });
    line.append(s("title", {}, `${e.source} ${e.label} ${e.target}: ${e.weight}${e.last ? `, last ${e.last}` : ""}`));
    svg.append(line);
    if (graph.edges.length <= 60) {
      // Labels of parallel ties sit at different points along them, so they do not overprint.
      const at = 0.5 + (nth ? (nth % 2 ? 0.18 : -0.18) : 0);
      svg.append(s("text", { x: (a.x + (b.x - a.x) * at + ox).toFixed(1), y: (a.y + (b.y - a.y) * at + oy - 3).toFixed(1),
                             "text-anchor": "middle", class: "tie-label" }, e.label.toLowerCase()));
    }
  }
  for (const node of graph.nodes) {
    const p = at.get(node.id);
    const r = radius(node.id);
    const g = s("g", { class: `node kind-${node.kind}`, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`, "data-actor": node.id });
    // Labels of actors on the right-hand side go to their left, so none runs off the graph.
    const left = p.x > width * 0.65;
    g.append(s("circle", { r: r.toFixed(1) }),
      s("text", { x: (left ? -(r + 3) : r + 3).toFixed(1), y: "4", "text-anchor": left ? "end" : "start" }, node.name || node.id),
      s("title", {}, `${node.name} (${node.kind}${node.country ? `, ${node.country}` : ""})`));
    g.addEventListener("click", () => { setFilters({ actor: node.id }); go("events"); });
    svg.append(g);
  }
}

// --- Watch ---------------------------------------------------------------------------------------

async function showWatch(params) {
  const offset = Number(params.offset || 0);
  const page = await api("/watch", { limit: PAGE, offset });
  $("watch-summary").textContent = page.total
    ? `${page.total.toLocaleString()} open threat${page.total === 1 ? "" : "s"}, vows and plans that no stored event has carried out, oldest first.`
    : "Nothing on the watch list.";
  $("watch-list").replaceChildren(...page.items.map((w) =>
    h("li", { class: "watched", "data-event": w.event_id },
      h("div", { class: "head" },
        h("span", { class: "age" }, w.age_days != null ? `${w.age_days} days` : ""),
        h("a", { href: "#event/" + encodeURIComponent(w.event_id) }, h("b", {}, w.type), " ", statusBadge(w.status), ` ${who(w)}`),
        h("span", { class: "when" }, `said ${w.said_on || "?"}${w.when ? `, for ${w.when}` : ""}`)),
      h("p", { class: "evidence" }, clip(w.evidence_text, 260)))));
  pager($("watch-pager"), page, (next) => go("watch", { offset: next }));
}

// --- Start ---------------------------------------------------------------------------------------

async function loadFacets() {
  const f = await api("/facets");
  const fill = (name, values) => {
    const select = form.elements[name];
    for (const v of values) select.append(h("option", { value: v.value }, `${v.value} (${v.n.toLocaleString()})`));
  };
  fill("type", f.types);
  fill("status", f.statuses);
  fill("country", f.countries);
  $("stats").textContent = `${f.events.toLocaleString()} events · ${f.articles.toLocaleString()} articles`;
}

$("bucket").addEventListener("change", () => route());
$("edges").addEventListener("change", () => route());
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", async () => {
  setupMap();
  try { await loadFacets(); } catch (error) { showError(error.message); }
  await route();
});
