/* newsgraph workbench: a hash-routed single page over the REST API and the SPARQL endpoint.
   Views: #/ (search, articles), #/actor/ID, #/article/ID, #/network, #/sparql. */
"use strict";

const CATEGORIES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "DEMAND", "REJECT",
  "DISAPPROVE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE"];
// cooperative categories in blues and greens, conflictual ones in oranges and reds
const COLOURS = {AGREE: "#1b9e77", CONSULT: "#1f78b4", SUPPORT: "#33a02c", COOPERATE: "#0f766e", AID: "#65a30d",
  CONCEDE: "#6a3d9a", RETREAT: "#8e7cc3", DEMAND: "#b45309", REJECT: "#d97706", DISAPPROVE: "#e8590c",
  THREATEN: "#c2410c", PROTEST: "#be185d", SANCTION: "#9d174d", MOBILIZE: "#7c2d12", COERCE: "#b91c1c",
  ASSAULT: "#991b1b", FIGHT: "#7f1d1d", INVESTIGATE: "#475569", NONE: "#9ca3af"};
const TYPES = {Person: ["ellipse", "#2563eb"], Organisation: ["round-rectangle", "#7c3aed"],
  Country: ["diamond", "#059669"], Group: ["hexagon", "#d97706"]};
const NG = "https://w3id.org/newsgraph/";

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const enc = encodeURIComponent;

/** The list in a REST list answer: the house envelope's ``items`` (beside ``total`` and ``next``). */
function listOf(data) {
  if (Array.isArray(data)) return data;
  return data.items ?? [];
}

class ApiError extends Error {
  constructor(status, detail, body) { super(detail); this.status = status; this.body = body; }
}

async function api(path, options = {}) {
  const response = await fetch(path, {headers: {Accept: "application/json"}, ...options});
  if (!response.ok) {
    let body = {};
    try { body = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, body.detail || body.title || response.statusText, body);
  }
  return response.json();
}

function problemHtml(error) {
  return `<p class="error" role="alert">${esc(error.message || error)}</p>`;
}

/* ---------- relations: evidence, polarity, grouping ---------- */

function isFact(r) { return !r.negated && (r.modality || "asserted") === "asserted"; }

function polarityTag(r) {
  if (isFact(r)) {
    return r.inDefault === false ? `<span class="tag nonfact" title="below the default confidence threshold">low confidence</span>` : "";
  }
  const words = [r.negated ? "negated" : null, r.modality && r.modality !== "asserted" ? r.modality : null].filter(Boolean);
  return `<span class="tag nonfact" title="not a fact: the article does not say this happened">${esc(words.join(", "))}</span>`;
}

function categoryTag(category) {
  const name = category || "NONE";
  return `<span class="tag cat" style="background:${COLOURS[name] || COLOURS.NONE}">${esc(name === "NONE" ? "no category" : name)}</span>`;
}

/** The sentence with the trigger (and, where spelled the same, the two actors) highlighted. */
function highlight(sentence, trigger, names = []) { return markMany(sentence, trigger ? [trigger] : [], names); }

function actorLink(a) { return `<a href="#/actor/${enc(a.id)}">${esc(a.label || a.id)}</a>`; }

let articleUrls = new Map();  // article id -> its URL, from the articles list

function articleLinks(article) {
  const title = article.title || article.id;
  const url = article.url || articleUrls.get(article.id);
  const source = url ? ` (<a href="${esc(url)}" rel="noopener" title="the article at its source">source</a>)` : "";
  return `<a href="#/article/${enc(article.id)}">${esc(title)}</a>${source}`;
}

async function loadArticleUrls() {
  try {
    const items = listOf(await api("/articles?limit=500"));
    articleUrls = new Map(items.filter((a) => a.url).map((a) => [a.id, a.url]));
  } catch { /* links to the article pages still work */ }
}

function relationHtml(r) {
  return `<div class="relation${isFact(r) ? "" : " nonfact"}">
    <div><span class="claim">${actorLink(r.subject)} ${esc(r.predicate)} ${actorLink(r.object)}</span>
      ${categoryTag(r.event_type)} ${polarityTag(r)}</div>
    <p class="evidence">“${highlight(r.sentence, r.trigger, [r.subject.label, r.object.label])}”</p>
    <div class="meta">confidence ${Number(r.confidence).toFixed(2)} · ${esc(r.article.date || "undated")} ·
      ${articleLinks(r.article)}</div></div>`;
}

function groupedRelations(relations, showAll) {
  const shown = relations.filter((r) => showAll || r.inDefault);
  const hidden = relations.length - shown.length;
  const groups = new Map();
  for (const r of shown) {
    const key = r.event_type || "NONE";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  const order = [...groups.keys()].sort((a, b) => groups.get(b).length - groups.get(a).length || a.localeCompare(b));
  const note = hidden ? `<p class="hint">${hidden} hidden: non-facts (negated, hypothetical or intended) and relations
    below the confidence threshold.</p>` : "";
  return note + (order.map((key) => `<div class="panel" data-category="${esc(key)}"><h3>${categoryTag(key)}
      <span class="meta">${groups.get(key).length}</span></h3>${groups.get(key).map(relationHtml).join("")}</div>`).join("")
    || "<p>No relations.</p>");
}

function bySortKey(a, b) {  // newest first, then most confident
  return (b.article.date || "").localeCompare(a.article.date || "") || b.confidence - a.confidence;
}

/* ---------- views ---------- */

async function showHome() {
  searchActors($("q").value);
  try {
    const data = await api("/articles?limit=50");
    $("article-list").innerHTML = listOf(data).map((a) => `<li>${articleLinks(a)}
      <div class="meta">${[a.date || "undated", a.source, `${a.relations} relations`].filter(Boolean).map(esc).join(" · ")}</div></li>`).join("")
      || "<li>No articles yet.</li>";
  } catch (error) { $("article-list").innerHTML = problemHtml(error); }
  try {
    const central = listOf(await api("/analytics/centrality?limit=10"));
    $("central-list").innerHTML = central.map((a) => `<li>${actorLink(a)} <span class="tag">${esc(a.type || "")}</span>
      <div class="meta">${a.degree} partners · ${a.weighted_degree} relations · PageRank ${a.pagerank.toFixed(3)}</div></li>`).join("")
      || "<li>No interactions yet.</li>";
  } catch (error) { $("central-list").innerHTML = problemHtml(error); }
}

async function searchActors(q) {
  try {
    const data = await api(`/actors?q=${enc(q || "")}&limit=30`);
    $("actor-results").innerHTML = listOf(data).map((a) => `<li>${actorLink(a)}
      <span class="tag">${esc(a.type || "")}</span> <span class="meta">${a.articles ?? ""} article(s)</span></li>`).join("")
      || "<li>No actor matches.</li>";
  } catch (error) { $("actor-results").innerHTML = problemHtml(error); }
}

async function actorSuggestions(id, error) {
  const offered = error.body && error.body.suggestions;
  if (offered && offered.length) return `<p>Did you mean ${offered.map(actorLink).join(", ")}?</p>`;
  const words = id.replace(/^.*\//, "").replace(/[-_]+/g, " ");
  try {
    const found = listOf(await api(`/actors?q=${enc(words)}&limit=5`));
    return found.length ? `<p>Did you mean ${found.map(actorLink).join(", ")}?</p>` : "";
  } catch { return ""; }
}

async function showActor(id) {
  const view = $("view-actor");
  view.innerHTML = "<p>Loading…</p>";
  let actor, data, all;
  try {
    // what happened (the API's default view), and everything, to show marked on request
    [actor, data, all] = await Promise.all([api(`/actors/${enc(id)}`), api(`/actors/${enc(id)}/relations?limit=1000`),
      api(`/actors/${enc(id)}/relations?limit=1000&polarity=all&min_confidence=0`),
      articleUrls.size ? null : loadArticleUrls()]);
  } catch (error) {
    view.innerHTML = problemHtml(error) + (error.status === 404 ? await actorSuggestions(id, error) : "");
    return;
  }
  const facts = new Set(listOf(data).map((r) => r.relation));
  const relations = listOf(all).map((r) => ({...r, inDefault: facts.has(r.relation)})).sort(bySortKey);
  const wikidata = actor.wikidata ? `<a href="https://www.wikidata.org/wiki/${enc(actor.wikidata)}" rel="noopener">${esc(actor.wikidata)}</a>` : "—";
  view.innerHTML = `<h1>${esc(actor.label)} <span class="tag">${esc(actor.types.join(", "))}</span></h1>
    <div class="panel"><dl class="facts">
      <dt>Also called</dt><dd>${esc(actor.alt_labels.join(", ") || "—")}</dd>
      <dt>Roles</dt><dd>${esc(actor.roles.map((r) => r.label || r.iri).join(", ") || "—")}</dd>
      <dt>Country</dt><dd>${actor.country ? actorLink(actor.country) : "—"}</dd>
      <dt>Wikidata</dt><dd>${wikidata}</dd>
      <dt>Counts</dt><dd>${actor.counts.articles} article(s), ${actor.counts.outgoing} outgoing and ${actor.counts.incoming} incoming relations</dd>
      <dt>IRI</dt><dd>${esc(actor.iri)}</dd>
    </dl>
    <p><a href="#/network?actor=${enc(actor.id)}">Show in the network</a></p></div>
    <h2>Relations</h2>
    <label><input type="checkbox" id="show-nonfacts"> Show non-facts (negated, hypothetical, intended) and
      low-confidence relations, marked</label>
    <div id="actor-relations"></div>`;
  const render = () => { $("actor-relations").innerHTML = groupedRelations(relations, $("show-nonfacts").checked); };
  $("show-nonfacts").addEventListener("change", render);
  render();
}

async function showArticle(id) {
  const view = $("view-article");
  view.innerHTML = "<p>Loading…</p>";
  let article;
  try { article = await api(`/articles/${enc(id)}`); } catch (error) { view.innerHTML = problemHtml(error); return; }
  const relations = article.relations;
  const url = article.url ? `<a href="${esc(article.url)}" rel="noopener">${esc(article.url)}</a>` : "—";
  view.innerHTML = `<h1>${esc(article.title || article.id)}</h1>
    <div class="panel"><dl class="facts">
      <dt>Date</dt><dd>${esc(article.date || "undated")}</dd>
      <dt>Source</dt><dd>${esc(article.source || "—")}</dd>
      <dt>URL</dt><dd>${url}</dd>
      <dt>Identifier</dt><dd>${esc(article.id)}</dd>
      <dt>Relations</dt><dd>${relations.length} (${relations.filter((r) => !isFact(r)).length} non-facts, marked)</dd>
    </dl></div>
    <h2>Text</h2>
    <p class="hint">Every relation is highlighted: <mark class="trigger">trigger</mark>,
      <mark class="actor">arguments</mark> (linked to their actor pages),
      <mark class="trigger nonfact">non-facts</mark> (negated, hypothetical or intended) struck through.</p>
    <div class="article-text">${articleText(article.sentences || [], relations)}</div>`;
}

/** The article's sentences in order, each with its relations' triggers and arguments marked by offsets,
    and the relations listed under the sentence they come from. */
function articleText(sentences, relations) {
  const bySentence = new Map();
  for (const r of relations) {
    const index = r.offsets ? r.offsets.sentence : null;
    if (!bySentence.has(index)) bySentence.set(index, []);
    bySentence.get(index).push(r);
  }
  const known = new Set(sentences.map((s) => s.index));
  // relations stored without offsets, or whose sentence is missing: their evidence sentence, unmarked
  const orphans = relations.filter((r) => !r.offsets || !known.has(r.offsets.sentence));
  const html = sentences.map((s) => sentenceHtml(s, bySentence.get(s.index) || []));
  const extra = [...new Set(orphans.map((r) => r.sentence))].map((text) =>
    sentenceHtml({index: null, start: 0, end: 0, text}, orphans.filter((r) => r.sentence === text)));
  return html.concat(extra).join("") || "<p>No text stored for this article.</p>";
}

function sentenceHtml(sentence, relations) {
  // one mark per span: relations sharing a trigger ("call" Maduro and Díaz-Canel) or an argument share it
  const marks = [];
  const add = (span, kind, r, party) => {
    if (!span || sentence.index === null) return;
    const start = span.start - sentence.start, end = span.end - sentence.start;
    if (start < 0 || end > sentence.text.length || start >= end) return;
    const same = marks.find((m) => m.start === start && m.end === end);
    if (same) { if (same.kind === kind) same.relations.push(r); return; }
    if (!marks.some((m) => start < m.end && end > m.start)) marks.push({start, end, kind, party, relations: [r]});
  };
  const at = (r) => r.offsets || {};
  relations.forEach((r) => add(at(r).trigger, "trigger", r, null));
  relations.forEach((r) => { add(at(r).subject, "actor", r, r.subject); add(at(r).object, "actor", r, r.object); });
  marks.sort((a, b) => a.start - b.start);
  const claim = (r) => `${r.subject.label || r.subject.id} ${r.predicate} ${r.object.label || r.object.id}${isFact(r) ? "" : " (not a fact)"}`;
  let out = "", pos = 0;
  for (const m of marks) {
    const words = esc(sentence.text.slice(m.start, m.end));
    const claims = [...new Set(m.relations.map(claim))].join("; ");
    const nonfact = m.kind === "trigger" && !m.relations.some(isFact);
    const inner = m.party ? `<a href="#/actor/${enc(m.party.id)}">${words}</a>` : words;
    const title = m.party ? `${m.party.label || m.party.id}: ${claims}` : claims;
    out += esc(sentence.text.slice(pos, m.start)) + `<mark class="${m.kind}${nonfact ? " nonfact" : ""}" title="${esc(title)}">${inner}</mark>`;
    pos = m.end;
  }
  out += esc(sentence.text.slice(pos));
  if (!relations.length) return `<p class="sentence">${out}</p>`;
  if (!marks.length) out = markMany(sentence.text, relations.map((r) => r.trigger), relations.flatMap((r) => [r.subject.label, r.object.label]));
  return `<div class="panel sentence-relations"><p class="sentence evidence">${out}</p>${relations.map((r) => `<div class="meta relation-line ${isFact(r) ? "" : "nonfact"}">
      <span class="${isFact(r) ? "" : "struck"}">${actorLink(r.subject)} ${esc(r.predicate)} ${actorLink(r.object)}</span>
      ${categoryTag(r.event_type)} ${polarityTag(r)} · confidence ${Number(r.confidence).toFixed(2)}</div>`).join("")}</div>`;
}

/** Lower case without accents, one character for one (so positions still match the original). */
function fold(text) {
  return text.split("").map((c) => c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()[0] || c).join("");
}

/** ``sentence`` as HTML with the first occurrence of each trigger and actor name marked (no overlaps). */
function markMany(sentence, triggers, names) {
  const lower = fold(sentence);
  const marks = [];
  const add = (text, cls) => {
    if (!text) return;
    const at = lower.indexOf(fold(text));
    if (at >= 0 && !marks.some(([s, e]) => at < e && at + text.length > s)) marks.push([at, at + text.length, cls]);
  };
  triggers.forEach((t) => add(t, "trigger"));
  names.forEach((n) => add(n, "actor"));
  marks.sort((a, b) => a[0] - b[0]);
  let out = "", pos = 0;
  for (const [s, e, cls] of marks) { out += esc(sentence.slice(pos, s)) + `<mark class="${cls}">${esc(sentence.slice(s, e))}</mark>`; pos = e; }
  return out + esc(sentence.slice(pos));
}

/* ---------- network ---------- */

let cy = null;

function filterQuery() {
  const form = $("net-filters");
  const params = new URLSearchParams();
  form.querySelectorAll("input[name=category]:checked").forEach((c) => params.append("category", c.value));
  for (const name of ["since", "until", "polarity"]) if (form.elements[name].value) params.set(name, form.elements[name].value);
  if (Number(form.elements.min_confidence.value) > 0) params.set("min_confidence", form.elements.min_confidence.value);
  return params;
}

function elementsOf(data) {
  const nodes = data.nodes.map((n) => ({group: "nodes", data: {id: n.id, label: n.label, type: n.type || "Actor",
    relations: n.relations || 0}}));
  const edges = data.edges.map((e) => ({group: "edges", data: {id: `${e.source}|${e.target}|${e.category}`,
    source: e.source, target: e.target, category: e.category, count: e.count, first: e.first, last: e.last}}));
  return [...nodes, ...edges];
}

function ensureCy() {
  if (cy) return cy;
  const style = [
    {selector: "node", style: {label: "data(label)", "font-size": 9, "text-background-color": "#fff",
      "text-background-opacity": 0.75, "text-background-padding": 1, "text-wrap": "ellipsis", "text-max-width": 90,
      width: "mapData(relations, 1, 30, 14, 44)", height: "mapData(relations, 1, 30, 14, 44)", "background-color": "#64748b"}},
    ...Object.entries(TYPES).map(([type, [shape, colour]]) => ({selector: `node[type = "${type}"]`,
      style: {shape, "background-color": colour}})),
    {selector: "edge", style: {width: "mapData(count, 1, 10, 1.5, 8)", "curve-style": "bezier", "target-arrow-shape": "triangle",
      "arrow-scale": .7, opacity: .85, "line-color": COLOURS.NONE, "target-arrow-color": COLOURS.NONE}},
    ...Object.entries(COLOURS).map(([cat, colour]) => ({selector: `edge[category = "${cat}"]`,
      style: {"line-color": colour, "target-arrow-color": colour}})),
    {selector: "node.path", style: {"border-width": 4, "border-color": "#f59e0b"}},
    {selector: "edge.path", style: {"line-style": "dashed", width: 6}},
    {selector: "node:selected", style: {"border-width": 3, "border-color": "#111"}},
  ];
  cy = cytoscape({container: $("cy"), style, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 3});
  cy.on("tap", "node", (event) => expand(event.target.id()));
  return cy;
}

function layout() {
  cy.layout({name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90}).run();
  renderNodeList();
}

function renderNodeList() {
  const nodes = cy.nodes().sort((a, b) => b.data("relations") - a.data("relations"));
  $("net-nodes").innerHTML = nodes.map((n) => `<li><a href="#/actor/${enc(n.id())}">${esc(n.data("label"))}</a>
    <button type="button" class="secondary" data-expand="${esc(n.id())}" aria-label="Add the partners of ${esc(n.data("label"))}">expand</button></li>`).join("");
}

async function loadNetwork() {
  ensureCy();
  const params = filterQuery();
  const actor = $("net-filters").elements.actor.value.trim();
  const path = actor ? `/actors/${enc(actor)}/network?depth=1&${params}` : `/analytics/network?limit=120&${params}`;
  $("path-result").textContent = "";
  try {
    const data = await api(path);
    cy.elements().remove();
    cy.add(elementsOf(data));
    layout();
    $("cy").setAttribute("aria-label", `Actor interaction network: ${data.nodes.length} actors, ${data.edges.length} edges`);
  } catch (error) { $("net-nodes").innerHTML = `<li>${problemHtml(error)}</li>`; }
}

async function expand(id) {
  try {
    const data = await api(`/actors/${enc(id)}/network?depth=1&${filterQuery()}`);
    const fresh = elementsOf(data).filter((el) => cy.getElementById(el.data.id).empty());
    cy.add(fresh);
    layout();
  } catch (error) { $("path-result").innerHTML = problemHtml(error); }
}

async function findPath(event) {
  event.preventDefault();
  const form = $("path-form");
  const params = filterQuery();
  params.set("from", form.elements.from.value.trim());
  params.set("to", form.elements.to.value.trim());
  try {
    const data = await api(`/paths?${params}`);
    cy.elements().removeClass("path");
    if (!data.paths.length) { $("path-result").textContent = "No interaction path under these filters."; return; }
    const steps = data.paths[0];
    const elements = [];
    for (const step of steps) {
      elements.push({group: "nodes", data: {id: step.from.id, label: step.from.label, relations: 1}},
        {group: "nodes", data: {id: step.to.id, label: step.to.label, relations: 1}});
      for (const r of step.relations) {
        elements.push({group: "edges", data: {id: `${r.from}|${r.to}|${r.event_type}`, source: r.from, target: r.to,
          category: r.event_type, count: r.count}});
      }
    }
    cy.add(elements.filter((el) => cy.getElementById(el.data.id).empty()));
    layout();
    for (const el of elements) cy.getElementById(el.data.id).addClass("path");
    const names = [steps[0].from.label, ...steps.map((s) => s.to.label)];
    $("path-result").textContent = `${data.length} step(s): ${names.join(" → ")}`;
  } catch (error) { $("path-result").innerHTML = problemHtml(error); }
}

function setUpNetworkForm() {
  $("net-categories").innerHTML = CATEGORIES.map((c) => `<label><input type="checkbox" name="category" value="${c}">
    <span class="swatch" style="background:${COLOURS[c]}"></span>${c.toLowerCase()}</label>`).join("");
  $("legend").innerHTML = Object.entries(TYPES).map(([t, [shape, colour]]) =>
    `<span><span class="swatch" style="background:${colour}"></span> ${t} (${shape})</span>`).join("");
  const form = $("net-filters");
  form.elements.min_confidence.addEventListener("input", (e) => { form.elements["confidence-out"].value = e.target.value; });
  form.addEventListener("submit", (e) => { e.preventDefault(); loadNetwork(); });
  $("path-form").addEventListener("submit", findPath);
  $("net-nodes").addEventListener("click", (e) => { const b = e.target.closest("button[data-expand]"); if (b) expand(b.dataset.expand); });
}

async function showNetwork(params) {
  const actor = params.get("actor");
  if (actor) $("net-filters").elements.actor.value = actor;
  await loadNetwork();
}

/* ---------- SPARQL ---------- */

let yasqe = null, yasr = null;
const EXAMPLES = [
  ["Relations with their evidence", `SELECT ?subject ?predicate ?object ?sentence WHERE {
  ?r ng:subject ?s ; ng:predicateLabel ?predicate ; ng:object ?o ; prov:wasDerivedFrom/ng:text ?sentence .
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
} LIMIT 50`],
  ["Whom Putin interacted with most", `SELECT ?other ?label (COUNT(DISTINCT ?relation) AS ?relations) WHERE {
  { ?relation ng:subject actor:vladimir-putin ; ng:object ?other }
  UNION { ?relation ng:object actor:vladimir-putin ; ng:subject ?other }
  ?relation ng:negated false .
  ?other rdfs:label ?label .
} GROUP BY ?other ?label ORDER BY DESC(?relations) ?label LIMIT 10`],
  ["Non-facts: negated, hypothetical or intended", `SELECT ?subject ?predicate ?object ?negated ?modality WHERE {
  ?r ng:subject ?s ; ng:predicateLabel ?predicate ; ng:object ?o ; ng:negated ?negated ; ng:modality ?modality .
  FILTER(?negated || ?modality != ng:Asserted)
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
} LIMIT 50`],
  ["Relations per PLOVER category", `SELECT ?category (COUNT(?r) AS ?relations) WHERE {
  ?r a ng:Relation ; ng:eventType ?category .
} GROUP BY ?category ORDER BY DESC(?relations)`],
  ["CONSTRUCT: Putin's direct relations", `CONSTRUCT { actor:vladimir-putin ?p ?o } WHERE {
  ?p rdfs:subPropertyOf+ ng:relatedTo .
  actor:vladimir-putin ?p ?o .
}`],
  ["DESCRIBE an actor", `DESCRIBE actor:vladimir-putin`],
];

async function ensureSparql() {
  if (yasqe) return;
  const prefixes = await api("/workbench/prefixes");
  const lines = Object.entries(prefixes).map(([p, iri]) => `${p}: <${iri}>`).sort();
  // complete the project's prefixes from this list only (the stock completers would ask prefix.cc and LOV)
  Yasqe.forkAutocompleter("prefixes", {name: "projectPrefixes", persistenceId: null, get: () => Promise.resolve(lines)}, false);
  const declare = (query) => {
    const used = Object.keys(prefixes).filter((p) => new RegExp(`(^|[^\\w])${p}:`).test(query));
    return used.map((p) => `PREFIX ${p}: <${prefixes[p]}>`).join("\n") + "\n" + query;
  };
  $("examples").innerHTML = EXAMPLES.map(([name], i) => `<option value="${i}">${esc(name)}</option>`).join("");
  yasqe = new Yasqe($("yasqe"), {value: declare(EXAMPLES[0][1]), persistenceId: null, autocompleters: ["projectPrefixes", "variables"],
    requestConfig: {endpoint: "/sparql", method: "POST", acceptHeaderGraph: "text/turtle"},
    showQueryButton: true, resizeable: true, editorHeight: "16rem"});
  yasr = new Yasr($("yasr"), {prefixes, persistenceId: null, pluginOrder: ["table", "response"], defaultPlugin: "table"});
  yasqe.on("queryResponse", (_editor, response, duration) => yasr.setResponse(response, duration));
  $("examples").addEventListener("change", (e) => yasqe.setValue(declare(EXAMPLES[Number(e.target.value)][1])));
  $("run-sparql").addEventListener("click", () => yasqe.query());
  // IRIs of this graph open in the workbench; others stay plain links
  $("yasr").addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    const route = link && workbenchRoute(link.getAttribute("href"));
    if (route) { event.preventDefault(); location.hash = route; }
  });
}

function workbenchRoute(iri) {
  if (iri.startsWith(NG + "actor/")) return `#/actor/${enc(iri.slice((NG + "actor/").length))}`;
  if (iri.startsWith(NG + "article/")) return `#/article/${enc(iri.slice((NG + "article/").length))}`;
  return null;
}

/* ---------- routing ---------- */

const VIEWS = {home: showHome, actor: showActor, article: showArticle, network: showNetwork, sparql: ensureSparql};

async function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const [name, ...rest] = path.split("/");
  const view = VIEWS[name] ? name : "home";
  for (const el of document.querySelectorAll(".view")) el.hidden = el.id !== `view-${view}`;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  const arg = view === "network" ? new URLSearchParams(query || "") : decodeURIComponent(rest.join("/"));
  await VIEWS[view](arg);
  if (view !== "home") $("main").focus({preventScroll: true});
}

function setUp() {
  setUpNetworkForm();
  let timer = null;
  $("q").addEventListener("input", () => {
    // go home at once, search a moment later: a late timer must not take back a click made meanwhile
    if (location.hash.replace(/^#\/?/, "") !== "") location.hash = "#/";
    clearTimeout(timer);
    timer = setTimeout(() => searchActors($("q").value), 150);
  });
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); location.hash = "#/"; searchActors($("q").value); });
  api("/actors?limit=200").then((data) => {
    $("actor-options").innerHTML = listOf(data).map((a) => `<option value="${esc(a.id)}">${esc(a.label)}</option>`).join("");
  }).catch(() => {});
  window.addEventListener("hashchange", route);
  route();
}

setUp();
