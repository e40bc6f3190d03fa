// The institutional-ethnography work map: the drawing the library makes, each box a button that opens
// what backs it — the quotes with who said them and a link to where, the clauses of texts cited, the
// links at it with their own evidence. Swim lanes and the map's language are switches; the nodes without
// evidence are listed under the map. Also the picker that adds a transcript selection as evidence (e).
import { state, $, el, t, api, toast, addRoute } from "./core.js";
import { openList } from "./picker.js";

const svgNS = "http://www.w3.org/2000/svg";
let view = null;          // MapView from the server
let shown = "";           // the view as last drawn, to skip a live redraw that changes nothing
let options = { lanes: false, language: "nb" };
let open = null;          // the key of the node whose panel is open
let opener = null;        // the key of the box the focus goes back to when the panel closes

function query(opts = options) {
  return `lanes=${opts.lanes}&language=${opts.language}`;
}

function load() {
  return api("GET", `/api/map?${query()}`);
}

async function draw(main, match) {
  const params = new URLSearchParams(match[1] || "");
  options = { lanes: ["true", "1"].includes(params.get("lanes")), language: ["nb", "en"].includes(params.get("language")) ? params.get("language") : state.language };
  open = null;
  view = await load();
  shown = JSON.stringify(view);
  render(main);
}

// A switch changed: the address says what is shown (so a reload keeps it) without a new page.
async function change(opts) {
  options = opts;
  history.replaceState(null, "", `#/map?${query()}`);
  try {
    view = await load();
    shown = JSON.stringify(view);
    render();
  } catch (error) { toast(error.message, true); }
}

function render(main = $("main")) {
  const focused = document.activeElement?.closest?.("#map-svg g[data-key]")?.dataset.key;
  const status = view.status;
  const lanes = el("label", { class: "toggle" },
    el("input", { type: "checkbox", id: "map-lanes", checked: options.lanes, onchange: (event) => change({ ...options, lanes: event.target.checked }) }),
    t("uiMapLanes"));
  const language = el("select", { id: "map-language", onchange: (event) => change({ ...options, language: event.target.value }) },
    el("option", { value: "nb", text: "Norsk" }), el("option", { value: "en", text: "English" }));
  language.value = options.language;
  const head = el("div", { class: "page-head" },
    el("h1", { text: t("uiMap") }),
    el("p", { class: "meta", text: [status.standpoint ? t("uiMapStandpoint", status.standpoint) : t("uiMapNoStandpoint"),
      t("uiMapCounts", status.steps, status.actions, status.actors, status.texts, status.links)].join(" · ") }),
    el("div", { class: "inline-form compact map-controls" }, lanes,
      el("label", { class: "toggle" }, t("uiMapWords"), language),
      downloads()));
  const canvas = el("div", { class: "map-canvas", id: "map-canvas" }, drawing());
  const panel = el("aside", { class: "panel map-panel", id: "map-panel", hidden: true, "aria-label": t("uiMap") });
  main.replaceChildren(...[head,
    view.nodes.length ? null : el("p", { class: "empty", text: t("uiMapEmpty") }),
    el("div", { class: "map-wrap" }, canvas, panel),
    notDrawn(canvas), withoutEvidence()].filter(Boolean));
  fit();
  if (open) showPanel(open);
  if (focused) boxOf(focused)?.focus({ preventScroll: true });
}

// The drawing (SVG, PNG, DOT), the map as a Word figure and its tables as Word, with the switches' lanes and
// language; the server names each file. The exports page offers the figure and the tables with every choice.
function downloads() {
  const tables = `language=${options.language}`;
  const links = [
    ["svg", "SVG", `/api/map/svg?${query()}`, "uiMapDownloadSvg"],
    ["png", "PNG", `/api/map/png?${query()}`, "uiMapDownloadPng"],
    ["dot", "DOT", `/api/map/dot?${query()}`, "uiMapDownloadDot"],
    ["figure", t("uiMapDownloadFigure"), `/api/exports/map/figure?${query()}`, "uiMapDownloadFigureAbout"],
    ["tables", t("uiMapDownloadTables"), `/api/exports/map/tables?${tables}`, "uiMapDownloadTablesAbout"],
  ];
  return el("span", { class: "map-downloads", id: "map-downloads", role: "group", "aria-labelledby": "map-downloads-label" },
    el("span", { id: "map-downloads-label", text: t("uiMapDownload") }),
    links.map(([id, text, href, about]) => el("a", { class: "button", id: `map-download-${id}`, href, download: "", title: t(about), text })));
}

// The library's SVG, parsed (never set as markup), each box of a node made a button with its counts.
function drawing() {
  const parsed = new DOMParser().parseFromString(view.svg, "image/svg+xml").documentElement;
  if (parsed.namespaceURI !== svgNS) return el("p", { class: "error-line", text: "SVG" });
  const svg = document.importNode(parsed, true);
  svg.id = "map-svg";
  // A group of buttons, not one picture: role img would hide the boxes from assistive technology.
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", svg.querySelector("title")?.textContent || t("uiMap"));
  const nodes = new Map(view.nodes.map((node) => [node.key, node]));
  for (const box of svg.querySelectorAll("g[data-key]")) {
    const node = nodes.get(box.dataset.key);
    if (!node) continue;
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "button");
    box.setAttribute("aria-label", `${node.name}, ${t("uiMapInformants", node.informants)}`);
    const tip = document.createElementNS(svgNS, "title");
    tip.textContent = `${node.name}: ${passagesLine(node.evidence, node.informants, node.orphaned)}`;
    box.prepend(tip);
    badge(box, node.evidence - node.orphaned);
  }
  svg.addEventListener("click", (event) => {
    const box = event.target.closest("g[data-key]");
    if (box?.hasAttribute("tabindex")) openNode(box.dataset.key);
  });
  svg.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches?.("g[data-key][tabindex]")) {
      event.preventDefault();
      event.stopPropagation();
      openNode(event.target.dataset.key);
    }
  });
  return svg;
}

// The number of passages still in place on the box's top right corner; an empty ring where there are none.
function badge(box, count) {
  const rect = box.querySelector("rect");
  if (!rect) return;
  const x = Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")), y = Number(rect.getAttribute("y"));
  const group = document.createElementNS(svgNS, "g");
  group.setAttribute("class", count ? "badge" : "badge none");
  group.setAttribute("aria-hidden", "true");
  const circle = document.createElementNS(svgNS, "circle");
  for (const [name, value] of [["cx", x - 1], ["cy", y + 1], ["r", 7.5]]) circle.setAttribute(name, value);
  const label = document.createElementNS(svgNS, "text");
  for (const [name, value] of [["x", x - 1], ["y", y + 4.2], ["text-anchor", "middle"], ["font-size", 9.5], ["font-weight", "bold"]]) label.setAttribute(name, value);
  label.textContent = count > 99 ? "99+" : String(count);
  group.append(circle, label);
  box.append(group);
}

// As wide as the room beside the panel: a small map grows up to 1.25 times its size, a wide one shrinks
// down to 60 % of it and then scrolls sideways.
function fit() {
  const svg = $("map-svg"), canvas = $("map-canvas");
  if (!svg || !canvas) return;
  const width = Number(svg.getAttribute("width")), height = Number(svg.getAttribute("height"));
  if (!width || !height) return;
  const shownWidth = Math.min(Math.max(canvas.clientWidth - 2, width * 0.6), width * 1.25);
  svg.style.width = `${shownWidth}px`;
  svg.style.height = `${shownWidth * height / width}px`;
}
window.addEventListener("resize", fit);

function boxOf(key) {
  return document.querySelector(`#map-svg g[data-key="${CSS.escape(key)}"]`);
}

function passagesLine(passages, informants, orphaned) {
  return t("uiMapPassages", passages, informants) + (orphaned ? ` · ${t("uiMapOrphanedCount", orphaned)}` : "");
}

// ---------------------------------------------------------------- the panel
async function openNode(key) {
  open = key;
  opener = key;
  if (await showPanel(key)) $("map-panel-title")?.focus({ preventScroll: true });
}

async function showPanel(key) {
  const node = view.nodes.find((n) => n.key === key);
  const panel = $("map-panel");
  if (!node || !panel) { closePanel(); return false; }
  let evidence;
  try {
    evidence = await api("GET", `/api/map/nodes/${node.kind}/${node.key}/evidence`);
  } catch (error) { toast(error.message, true); return false; }
  // Another box was chosen, or the page left, while this one loaded.
  if (open !== key || !$("map-panel")) return false;
  for (const box of document.querySelectorAll("#map-svg g.selected")) box.classList.remove("selected");
  boxOf(key)?.classList.add("selected");
  const step = node.step && view.nodes.find((n) => n.key === node.step);
  const panelNode = $("map-panel");
  panelNode.replaceChildren(
    el("div", { class: "panel-head" },
      el("h2", { id: "map-panel-title", tabindex: "-1", text: evidence.name }),
      el("button", { type: "button", class: "link", id: "map-panel-close", "aria-label": t("uiClose"), title: t("uiClose"), text: "×", onclick: closePanel })),
    el("p", { class: "meta" }, el("span", { class: `kind kind-map-${node.kind}`, text: t(`uiMapKind_${node.kind}`) }),
      step && node.kind !== "step" ? ` ${t("uiMapKind_step")}: ${step.name}` : null),
    el("p", { class: "map-count", text: passagesLine(evidence.passages.length, evidence.informants.length, evidence.orphaned) }),
    passageList(evidence.passages),
    clauseList(evidence.clauses),
    evidence.links.length ? el("section", { class: "map-links" }, el("h3", { text: t("uiMapLinks") }), evidence.links.map(linkBlock)) : null);
  panelNode.hidden = false;
  fit();
  return true;
}

function closePanel() {
  open = null;
  const panel = $("map-panel");
  if (panel) panel.hidden = true;
  for (const box of document.querySelectorAll("#map-svg g.selected")) box.classList.remove("selected");
  fit();
  if (opener) boxOf(opener)?.focus({ preventScroll: true });
}

function passageList(passages) {
  if (!passages.length) return el("p", { class: "empty", text: t("uiMapNoPassages") });
  return el("ul", { class: "map-passages" }, passages.map((p) => {
    const lines = p.firstLine === p.lastLine ? `${p.firstLine}` : `${p.firstLine}–${p.lastLine}`;
    return el("li", { class: p.isOrphaned ? "passage orphaned" : "passage", dataset: { segment: p.segment } },
      el("blockquote", { class: "segment-quote", text: p.text }),
      el("div", { class: "meta" },
        el("span", { class: "informants", text: p.informants.join(", ") || "–" }),
        ` · ${p.transcript} ${t("uiLine").toLowerCase()} ${lines}`,
        p.isOrphaned ? el("span", { class: "removed", text: ` · ${t("uiMapRemoved")}` }) : null,
        " ",
        el("a", { class: "open-line", href: `#/transcript/${p.transcriptId}?line=${p.firstLine}${p.lastLine !== p.firstLine ? "-" + p.lastLine : ""}`,
          text: t("uiOpenInTranscript") })));
  }));
}

function clauseList(clauses) {
  if (!clauses.length) return null;
  return el("section", { class: "map-clauses" }, el("h3", { text: t("uiMapClauses") }),
    el("ul", {}, clauses.map((c) => el("li", {}, el("strong", { text: c.label }),
      c.clause.excerpt ? el("span", { class: "excerpt", text: ` «${c.clause.excerpt}»` }) : null,
      c.clause.place ? el("span", { class: "meta", text: ` (${c.clause.place})` }) : null))));
}

function linkBlock(link) {
  return el("article", { class: "map-link", dataset: { link: link.link.id.toLowerCase() } },
    el("h4", { text: link.name }),
    el("p", { class: "map-count", text: passagesLine(link.passages.length, link.informants.length, link.orphaned) }),
    passageList(link.passages),
    clauseList(link.clauses));
}

// ---------------------------------------------------------------- under the map
function nodeButton(node) {
  return el("button", { type: "button", class: "link", dataset: { key: node.key },
    text: `${t(`uiMapKind_${node.kind}`)}: ${node.name}`, onclick: () => openNode(node.key) });
}

// Nodes the drawing has no box for (disjunctures; actors without swim lanes), so every node opens.
function notDrawn(canvas) {
  const drawn = new Set([...canvas.querySelectorAll("g[data-key]")].map((g) => g.dataset.key));
  const missing = view.nodes.filter((n) => !drawn.has(n.key));
  if (!missing.length) return null;
  return el("section", { class: "map-list", id: "map-not-drawn" }, el("h2", { text: t("uiMapNotDrawn") }),
    el("ul", {}, missing.map((node) => el("li", {}, nodeButton(node), el("span", { class: "meta", text: ` ${t("uiMapInformants", node.informants)}` })))));
}

// The status's steps, actions, texts and disjunctures without evidence.
function withoutEvidence() {
  const names = view.status.withoutEvidence;
  const section = el("section", { class: "map-list", id: "map-without-evidence" }, el("h2", { text: t("uiMapWithoutEvidence") }));
  if (!names.length) { section.append(el("p", { class: "empty", text: view.nodes.length ? t("uiMapAllBacked") : "–" })); return section; }
  const unbacked = view.nodes.filter((n) => n.kind !== "actor" && n.evidence === n.orphaned);
  section.append(el("ul", {}, names.map((name) => {
    const node = unbacked.find((n) => n.name === name);
    return el("li", {}, node ? nodeButton(node) : name);
  })));
  return section;
}

// Esc closes the panel (a dialog open over the page closes first, by its own keys).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || !open || !$("map-panel") || document.querySelector(".modal:not([hidden])")) return;
  if (event.target.closest?.("input, textarea, select")) return;
  event.preventDefault();
  closePanel();
});

window.addEventListener("qualcode:change", async () => {
  if (!$("map-canvas") || !location.hash.startsWith("#/map")) return;
  try {
    const fresh = await load();
    if (JSON.stringify(fresh) === shown || !$("map-canvas")) return;
    view = fresh;
    shown = JSON.stringify(fresh);
    render();
  } catch (error) { toast(error.message, true); }
});

addRoute(/^#\/map(?:\?(.*))?$/, draw);

// ---------------------------------------------------------------- evidence from a selection
// Adds `selection` ({transcript, start, end, text}) as evidence for a node or link of the map chosen in
// the list picker; `after()` redraws what the selection came from (the new highlight).
export async function pickEvidence(selection, after) {
  let map;
  try { map = await api("GET", `/api/map?language=${state.language}`); } catch (error) { toast(error.message, true); return; }
  const names = new Map(map.nodes.map((n) => [n.key, n.name]));
  const items = [
    ...map.nodes.map((node) => ({
      text: `${t(`uiMapKind_${node.kind}`)}: ${node.name}`, name: node.name,
      meta: node.kind === "action" && node.step ? names.get(node.step) : t("uiMapInformants", node.informants),
      target: { node: { kind: node.kind, id: node.key } },
    })),
    ...map.links.map((link) => ({ text: link.name, name: link.name, meta: t("uiMapKind_link"), target: { link: link.id } })),
  ];
  if (!items.length) { toast(t("uiMapNothingToPick"), true); return; }
  openList({
    title: t("uiMapPickEvidence"), quote: selection.text, hint: t("uiMapPickerHint"),
    items: (typed) => {
      const lower = typed.toLowerCase();
      if (!lower) return items;
      const rank = (item) => item.name.toLowerCase().startsWith(lower) ? 0 : item.text.toLowerCase().startsWith(lower) ? 1
        : item.text.toLowerCase().includes(lower) ? 2 : -1;
      return items.map((item) => ({ item, rank: rank(item) })).filter((x) => x.rank >= 0).sort((a, b) => a.rank - b.rank).map((x) => x.item);
    },
    choose: async (item) => {
      try {
        await api("POST", "/api/map/evidence", { ...item.target, transcript: selection.transcript, start: selection.start, end: selection.end });
        toast(t("uiMapEvidenceAdded", item.text));
        await after();
        return true;
      } catch (error) { toast(error.message, true); return false; }
    },
  });
}
