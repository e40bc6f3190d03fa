// The code tree page (#/codes): counts, add, rename, move, merge, delete with a preview first; and a
// code's retrieval (#/codes/{id}): its segments with the lines around them, a page at a time.
// Every value from the server goes into the page as text (el/textContent), colours through the CSSOM.
import { state, el, t, api, toast, upload, colorOf, addRoute, openAction, buttons, scalarOffset, snapSelection, runAction } from "./core.js";

const locale = () => (state.language === "nb" ? "nb-NO" : "en-GB");
const number = (n) => Number(n).toLocaleString(locale());
// replaceChildren would write a null as the text «null»; el() skips them, this does the same here.
const present = (...nodes) => nodes.filter((node) => node !== null && node !== undefined);
const canWrite = () => state.session?.role && state.session.role !== "reader";

// ---------------------------------------------------------------- the tree
async function drawTree(main) {
  state.codes = await api("GET", "/api/codes");
  const form = newCodeForm();
  const table = el("table", { class: "codes-table" },
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: t("uiCode") }),
      el("th", { scope: "col", class: "n", text: t("uiSegments") }),
      el("th", { scope: "col", class: "n", text: t("uiParticipants") }),
      el("th", { scope: "col", class: "n", text: t("uiRolledUp") }),
      canWrite() ? el("th", { scope: "col", text: t("uiActions") }) : null)),
    el("tbody", { id: "code-rows" }, state.codes.map(codeRow)));
  main.replaceChildren(...present(
    el("div", { class: "page-head" }, el("h1", { text: t("uiCodeTree") })),
    canWrite() ? form : null,
    canWrite() ? codebookImport(main) : null,
    state.codes.length ? table : el("p", { class: "empty", text: t("uiNoCodes") })));
}

// A REFI-QDA codebook (.qdc, or a .qdpx/.qde's codebook) from another tool: its codes are added to the tree,
// the ones the project has (by path) left as they are.
function codebookImport(main) {
  const input = el("input", { id: "codebook-file", type: "file", accept: ".qdc,.qdpx,.qde", hidden: true });
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    try {
      const data = await upload("/api/import/refi-codebook", file);
      toast(t("uiImportedCodebook", data.added.length, data.existing.length));
      await drawTree(main);
    } catch (error) { toast(error.message, true); } finally { input.value = ""; }
  });
  return el("p", { class: "codebook-import" }, input,
    el("button", { type: "button", class: "link", id: "codebook-import", text: t("uiImportCodebook"), onclick: () => input.click() }));
}

function newCodeForm() {
  const name = el("input", { id: "new-code-name", type: "text", required: true, maxlength: 1000, placeholder: t("uiCodeNameHint"), "aria-label": t("uiCodeNameHint"), autocomplete: "off" });
  const definition = el("input", { id: "new-code-definition", type: "text", placeholder: t("uiDefinition"), "aria-label": t("uiDefinition") });
  const colour = el("input", { id: "new-code-colour", type: "color", value: "#5b8ff9", title: t("uiColour"), "aria-label": t("uiColour") });
  let colourChosen = false;
  colour.addEventListener("input", () => { colourChosen = true; });
  const form = el("form", { class: "inline-form", id: "new-code" },
    el("strong", { text: t("uiNewCode") }), name, definition, colour,
    el("button", { type: "submit", class: "primary", text: t("uiAddCode") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { name: name.value };
    if (definition.value.trim()) body.definition = definition.value;
    if (colourChosen) body.color = colour.value;
    try {
      const code = await api("POST", "/api/codes", body);
      toast(t("uiCodeAdded", code.name));
      await redraw();
      document.getElementById("new-code-name")?.focus();
    } catch (error) { toast(error.message, true); name.focus(); }
  });
  return form;
}

function codeRow(code) {
  const swatch = el("span", { class: "swatch" });
  swatch.style.background = colorOf(code.id);
  const inner = el("div", { class: "code-name" }, swatch,
    el("a", { href: `#/codes/${code.id}`, title: code.definition ? `${code.path} — ${code.definition}` : code.path, text: code.name }));
  inner.style.paddingLeft = `${code.depth * 20}px`;
  const name = el("td", {}, inner);
  const rolled = code.segmentsWithChildren !== code.segments || code.participantsWithChildren !== code.participants
    ? `${number(code.segmentsWithChildren)} / ${number(code.participantsWithChildren)}` : "";
  const row = el("tr", { dataset: { id: code.id, path: code.path } }, name,
    el("td", { class: "n", text: number(code.segments) }),
    el("td", { class: "n", text: number(code.participants) }),
    el("td", { class: "n", title: `${t("uiSegments")} / ${t("uiParticipants")}`, text: rolled }),
    canWrite() ? el("td", { class: "actions" },
      el("button", { type: "button", class: "link", dataset: { action: "rename" }, text: t("uiRename"), onclick: () => openAction(row, code, renameForm) }),
      el("button", { type: "button", class: "link", dataset: { action: "move" }, text: t("uiMove"), onclick: () => openAction(row, code, moveForm) }),
      el("button", { type: "button", class: "link", dataset: { action: "merge" }, text: t("uiMerge"), onclick: () => openAction(row, code, mergeForm) }),
      el("button", { type: "button", class: "link danger", dataset: { action: "delete" }, text: t("uiDelete"), onclick: () => openAction(row, code, deleteForm) })) : null);
  return row;
}

const run = (action, message) => runAction(action, message, redraw);

function renameForm(code, close) {
  const name = el("input", { type: "text", name: "name", value: code.name, required: true, "aria-label": t("uiRename") });
  const definition = el("input", { type: "text", name: "definition", value: code.definition || "", placeholder: t("uiDefinition"), "aria-label": t("uiDefinition") });
  const colour = el("input", { type: "color", name: "colour", value: /^#[0-9A-Fa-f]{6}$/.test(code.color || "") ? code.color : colorOf(code.id), "aria-label": t("uiColour") });
  let colourChosen = false;
  colour.addEventListener("input", () => { colourChosen = true; });
  const form = el("form", { class: "inline-form" }, name, definition, colour,
    buttons(close, el("button", { type: "submit", class: "primary", text: t("uiSave") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = {};
    if (name.value !== code.name) body.name = name.value;
    if (definition.value !== (code.definition || "")) body.definition = definition.value;
    if (colourChosen) body.color = colour.value;
    if (!Object.keys(body).length) { close(); return; }
    run(() => api("POST", `/api/codes/${code.id}/update`, body), (changed) => t("uiRenamed", changed.name));
  });
  return form;
}

// The codes a code may go under: not itself, not anything below it.
function below(code) {
  const ids = new Set([code.id]);
  for (const c of state.codes) if (c.parentId && ids.has(c.parentId)) ids.add(c.id);
  return ids;
}

function codeSelect(options, label) {
  return el("select", { "aria-label": label }, options.map(([value, text]) => el("option", { value, text })));
}

function moveForm(code, close) {
  const excluded = below(code);
  const select = codeSelect([["", t("uiToTop")], ...state.codes.filter((c) => !excluded.has(c.id)).map((c) => [c.id, c.path])], t("uiMoveUnder", code.name));
  if (code.parentId) select.value = code.parentId;
  const form = el("form", { class: "inline-form" }, el("label", {}, t("uiMoveUnder", code.name), " ", select),
    buttons(close, el("button", { type: "submit", class: "primary", text: t("uiMove") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(() => api("POST", `/api/codes/${code.id}/move`, { parent: select.value || null }), (node) => t("uiMoved", node?.path ?? code.name));
  });
  return form;
}

function mergeForm(code, close) {
  const select = codeSelect(state.codes.filter((c) => c.id !== code.id).map((c) => [c.id, c.path]), t("uiMergeInto", code.name));
  const form = el("form", { class: "inline-form" }, el("label", {}, t("uiMergeInto", code.name), " ", select),
    el("span", { class: "hint", text: t("uiMergeHint", code.name) }),
    buttons(close, el("button", { type: "submit", class: "primary", text: t("uiMerge") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!select.value) return;
    run(() => api("POST", `/api/codes/${code.id}/merge`, { into: select.value }), (r) => t("uiMerged", r.codingsMoved, r.codingsRemoved));
  });
  return form;
}

// What deleting removes is asked for and shown first; the delete itself is refused like the CLI's when
// the code is in use, and the refusal's remedy becomes the confirming button.
async function deleteForm(code, close) {
  const preview = await api("GET", `/api/codes/${code.id}/deletion`);
  const inUse = preview.codingsRemoved > 0 || preview.childrenRemoved.length > 0 || preview.memosRemoved > 0;
  const box = el("div", { class: "delete-preview", role: "alert" },
    el("p", { text: inUse ? t("uiDeletePreview", preview.code, number(preview.codingsRemoved), number(preview.childrenRemoved.length), number(preview.memosRemoved))
      : t("uiDeleteNothing", preview.code) }),
    preview.childrenRemoved.length ? el("p", { class: "hint", text: t("uiDeleteChildren", preview.childrenRemoved.join(", ")) }) : null);
  const refusal = el("p", { class: "error-line", hidden: true });
  const confirm = el("button", { type: "button", class: "danger", hidden: true, text: t("uiDeleteAnyway"),
    onclick: () => run(() => api("POST", `/api/codes/${code.id}/delete`, { force: true }), (r) => t("uiDeleted", r.code)) });
  const first = el("button", { type: "button", class: "danger", text: t("uiDelete"), onclick: async () => {
    try {
      const report = await api("POST", `/api/codes/${code.id}/delete`, {});
      toast(t("uiDeleted", report.code));
      await redraw();
    } catch (error) {
      if (error.remedy !== "force") { toast(error.message, true); return; }
      refusal.textContent = error.message;
      refusal.hidden = false;
      first.hidden = true;
      confirm.hidden = false;
      confirm.focus();
    }
  } });
  box.append(refusal, buttons(close, first, confirm));
  return box;
}

async function redraw() {
  const main = document.getElementById("main");
  if (location.hash === "#/codes") await drawTree(main);
}

// ---------------------------------------------------------------- retrieval
const pageSize = 20;

function params(query) {
  const p = new URLSearchParams(query || "");
  return { offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0), children: p.get("children") === "1" };
}

function retrievalHash(id, offset, children) {
  const p = new URLSearchParams();
  if (offset) p.set("offset", offset);
  if (children) p.set("children", "1");
  const q = p.toString();
  return `#/codes/${id}${q ? "?" + q : ""}`;
}

async function drawRetrieval(main, match) {
  const id = match[1];
  const { offset, children } = params(match[2]);
  if (!state.codes.some((c) => c.id === id)) state.codes = await api("GET", "/api/codes");
  const code = state.codes.find((c) => c.id === id);
  const swatch = el("span", { class: "swatch big" });
  swatch.style.background = colorOf(id);
  const toggle = el("input", { type: "checkbox", id: "include-children", checked: children,
    onchange: () => { location.hash = retrievalHash(id, 0, toggle.checked); } });
  const head = el("div", { class: "page-head" },
    el("a", { href: "#/codes", class: "back", text: `← ${t("uiBackToTree")}` }),
    el("h1", {}, swatch, code?.path ?? id),
    code?.definition ? el("p", { class: "definition", text: code.definition }) : null,
    el("label", { class: "toggle" }, toggle, " ", t("uiIncludeChildren")));
  if (canWrite()) head.append(el("p", { class: "hint", text: t("uiCodeFromHere") }));
  const list = el("div", { class: "retrieval", id: "retrieval" });
  main.replaceChildren(head, list);
  // Coding further from here: the keys c, C and 1–9 code a selection in a card's shown text.
  state.selectionSource = {
    current: retrievalSelection,
    after: async () => {
      const scroll = main.scrollTop;
      await drawRetrieval(main, match);
      main.scrollTop = scroll;
    },
  };
  let page;
  try {
    page = await api("GET", `/api/codes/${id}/segments?offset=${offset}&limit=${pageSize}&context=2${children ? "&children=1" : ""}`);
  } catch (error) {
    list.replaceChildren(...present(el("p", { class: "error-line", text: error.message }),
      error.remedy === "includeChildren" ? el("button", { type: "button", class: "primary", text: t("uiIncludeChildren"),
        onclick: () => { location.hash = retrievalHash(id, 0, true); } }) : null));
    return;
  }
  if (!page.total) { list.replaceChildren(el("p", { class: "empty", text: t("uiNoSegments") })); return; }
  const first = page.offset + 1, last = page.offset + page.segments.length;
  const pager = () => el("nav", { class: "pager", "aria-label": t("uiShowing", first, last, page.total) },
    el("button", { type: "button", disabled: page.offset === 0, text: `← ${t("uiPrevious")}`,
      onclick: () => { location.hash = retrievalHash(id, Math.max(0, page.offset - pageSize), children); } }),
    el("span", { class: "showing", text: t("uiShowing", number(first), number(last), number(page.total)) }),
    el("button", { type: "button", disabled: last >= page.total, text: `${t("uiNext")} →`,
      onclick: () => { location.hash = retrievalHash(id, page.offset + pageSize, children); } }));
  list.replaceChildren(...present(pager(), ...page.segments.map(retrievedCard), page.segments.length > 3 ? pager() : null));
}

function retrievedCard(r) {
  const s = r.segment;
  const lines = s.firstLine === s.lastLine ? `${s.firstLine}` : `${s.firstLine}–${s.lastLine}`;
  const chip = (label, codeId) => {
    const made = el("span", { class: "chip" }, el("span", { class: "swatch" }), label);
    made.querySelector(".swatch").style.background = colorOf(codeId);
    return made;
  };
  const context = (line) => el("div", { class: "context-line" }, el("span", { class: "num", text: line.number }),
    el("span", { class: "shown", text: line.text, dataset: { start: line.start, line: line.number } }),
    line.codes.length ? el("span", { class: "line-codes" }, line.codes.map((label, i) => chip(label, line.codeIDs[i]))) : null);
  const chips = r.codeIDs.map((codeId, i) => chip(r.codes[i], codeId));
  return el("article", { class: "retrieved", dataset: { segment: s.id, transcript: r.transcriptId } },
    el("header", {},
      el("strong", { text: s.transcript }),
      el("span", { class: "meta", text: ` · ${t("uiLine")} ${lines}${r.participants.length ? " · " + r.participants.join(", ") : ""}` }),
      s.isOrphaned ? el("span", { class: "meta", text: ` · ${t("uiOrphaned")}` }) : null,
      el("span", { class: "spacer" }),
      el("a", { class: "open-line", href: `#/transcript/${r.transcriptId}?line=${s.firstLine}${s.lastLine !== s.firstLine ? "-" + s.lastLine : ""}`, text: t("uiOpenInTranscript") })),
    el("div", { class: "context" }, r.before.map(context)),
    el("div", { class: "segment-text" }, el("span", { class: "num", text: lines }), el("span", { class: "quote shown", text: s.text, dataset: s.isOrphaned ? {} : { start: s.start } })),
    el("div", { class: "context" }, r.after.map(context)),
    el("div", { class: "chips" }, chips));
}

// The selection in one card of a retrieval, in store offsets: from where it starts in the shown text
// (a context line or the segment) to where it ends. Text the card does not show (the rest of the line
// the segment starts in) cannot be coded from here: that is said instead.
function retrievalSelection(exact) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const common = range.commonAncestorContainer;
  const card = (common.nodeType === Node.TEXT_NODE ? common.parentElement : common).closest?.(".retrieved");
  if (!card) return null;
  const shown = [...card.querySelectorAll(".shown[data-start]")].filter((node) => range.intersectsNode(node));
  if (!shown.length) return null;
  const length = (node) => scalarOffset(node.textContent, node.textContent.length);
  const offsetIn = (node, container, offset) => {
    const before = document.createRange();
    before.setStart(node, 0);
    before.setEnd(container, offset);
    return Number(node.dataset.start) + scalarOffset(node.textContent, before.toString().length);
  };
  const first = shown[0], last = shown[shown.length - 1];
  const start = first.contains(range.startContainer) ? offsetIn(first, range.startContainer, range.startOffset) : Number(first.dataset.start);
  const end = last.contains(range.endContainer) ? offsetIn(last, range.endContainer, range.endOffset) : Number(last.dataset.start) + length(last);
  // The card's shown text by position. Between two shown pieces a single line break is known, and so is
  // what lies between two numbered lines in a row: line breaks and lines of whitespace only.
  const base = Number(first.dataset.start), to = Number(last.dataset.start) + length(last);
  const scalars = new Array(Math.max(0, to - base)).fill(null);
  shown.forEach((node, i) => {
    const at = Number(node.dataset.start) - base;
    [...node.textContent].forEach((c, k) => { scalars[at + k] = c; });
    const next = shown[i + 1];
    if (!next) return;
    const gapStart = at + length(node), gapEnd = Number(next.dataset.start) - base;
    const lineBreaksOnly = gapEnd === gapStart + 1 || (node.dataset.line && Number(next.dataset.line) === Number(node.dataset.line) + 1);
    if (lineBreaksOnly) scalars.fill("\n", gapStart, gapEnd);
  });
  const snapped = snapSelection(scalars, base, start, end, exact);
  if (scalars.slice(snapped.start - base, snapped.end - base).some((c) => c === null)) return { error: "uiSelectWithinShown" };
  return { transcript: card.dataset.transcript, ...snapped };
}

addRoute(/^#\/codes$/, drawTree);
addRoute(/^#\/codes\/([0-9a-fA-F-]{36})(?:\?(.*))?$/, drawRetrieval);
