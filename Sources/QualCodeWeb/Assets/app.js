// QualCode in the browser: the transcript view, coding by selection and the code tree.
// Every value from the server goes into the page as text (textContent), never as markup.
import { state, $, el, t, api, toast, scalarOffset, snapSelection, colorOf, routes } from "./core.js";
import { openPicker, closePicker, loadRecent, rememberRecent } from "./picker.js";
import { openImport } from "./import.js";
import "./history.js";
import "./board.js";
import { pickEvidence } from "./map.js";
import "./agreement.js";
import { privacyToggle, withPrivacy } from "./privacy.js";

// ---------------------------------------------------------------- start
async function start() {
  state.labels = await api("GET", `/api/labels?lang=${encodeURIComponent(state.language)}`);
  state.session = await api("GET", "/api/session");
  loadRecent();
  document.documentElement.lang = state.language;
  renderChrome();
  await Promise.all([loadTranscripts(), loadCodes()]);
  window.addEventListener("hashchange", route);
  // A page that removed transcripts (a withdrawal) asks for the list again.
  window.addEventListener("qualcode:transcripts", () => loadTranscripts().catch((error) => toast(error.message, true)));
  document.addEventListener("keydown", keepFocusInDialog, true);
  document.addEventListener("mousedown", (event) => { if (event.target.classList?.contains("modal")) event.preventDefault(); });
  document.addEventListener("keydown", onKey);
  document.addEventListener("click", onDocumentClick);
  listen();
  await route();
}

function renderChrome() {
  $("project").textContent = state.session.project;
  $("who").textContent = t("uiLoggedInAs", state.session.user, t(`uiRole_${state.session.role}`));
  $("language").textContent = t("uiLanguage");
  $("language").onclick = () => {
    localStorage.setItem("qualcode.language", state.language === "nb" ? "en" : "nb");
    location.reload();
  };
  $("help-button").onclick = showHelp;
  $("logout").onclick = async () => {
    try { await api("POST", "/api/logout"); } catch (error) { toast(error.message, true); return; }
    location.href = "/";
  };
  $("transcripts-heading").textContent = t("uiTranscripts");
  $("import-button").textContent = t("uiImport");
  $("import-button").hidden = state.session.role === "reader";
  $("import-button").onclick = () => openImport(loadTranscripts);
  $("codes-heading").textContent = t("uiCodes");
  // The owner's pages (the ethics register, withdrawal) are not offered to anyone else.
  for (const node of document.querySelectorAll("[data-owner]")) node.hidden = state.session.role !== "owner";
  for (const node of document.querySelectorAll("[data-label]")) node.textContent = t(node.dataset.label);
}

async function loadTranscripts() {
  state.transcripts = await api("GET", "/api/transcripts");
  const list = $("transcripts");
  list.replaceChildren(...state.transcripts.map((tr) => el("li", {},
    el("a", { href: `#/transcript/${tr.id}`, dataset: { id: tr.id } },
      tr.title || tr.name,
      el("span", { class: "meta", text: [tr.name, tr.participants.join(", "), `${tr.words} ${t("uiWords")}`].filter(Boolean).join(" · ") })))));
  markCurrent();
}

async function loadCodes() {
  state.codes = await api("GET", "/api/codes");
  const tree = $("codes");
  if (state.codes.length === 0) { tree.replaceChildren(el("li", { class: "empty", text: t("uiNoCodes") })); return; }
  tree.replaceChildren(...state.codes.map((code) => el("li", { title: code.path, dataset: { id: code.id } },
    el("span", { class: "swatch", style: null }),
    el("a", { class: "name", href: `#/codes/${code.id}`, text: code.name }),
    el("span", { class: "count", title: `${t("uiOwn")} / ${t("uiWithChildren")}`,
      text: code.segmentsWithChildren !== code.segments ? `${code.segments} / ${code.segmentsWithChildren}` : `${code.segments}` }))));
  // Indent by depth and colour the swatches through the CSS object model (no inline style markup).
  [...tree.children].forEach((li, i) => {
    const code = state.codes[i];
    li.style.paddingLeft = `${4 + code.depth * 14}px`;
    li.querySelector(".swatch").style.background = colorOf(code.id);
  });
}

function markCurrent() {
  const current = state.view?.transcript.id;
  for (const a of $("transcripts").querySelectorAll("a")) {
    if (a.dataset.id === current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
}

async function route() {
  const match = location.hash.match(/^#\/transcript\/([0-9a-fA-F-]{36})(?:\?line=(\d+)(?:-(\d+))?)?$/);
  if (match) {
    await openTranscript(match[1]);
    if (match[2]) showLines(Number(match[2]), Number(match[3] || match[2]));
    return;
  }
  for (const page of routes) {
    const found = location.hash.match(page.pattern);
    if (found) {
      state.view = null;
      state.selectionSource = null;
      markCurrent();
      await page.draw($("main"), found);
      return;
    }
  }
  {
    state.view = null;
    state.selectionSource = null;
    $("main").replaceChildren(el("p", { class: "empty", text: t("uiChooseTranscript") }));
    markCurrent();
  }
}

// ---------------------------------------------------------------- transcript view
async function openTranscript(id, keepScroll = false) {
  const main = $("main");
  const scroll = main.scrollTop;
  const view = await api("GET", `/api/transcripts/${id}`);
  // A change elsewhere in the project leaves this page as it is: keep the DOM (and the reader's selection).
  if (keepScroll && state.view && JSON.stringify(view) === JSON.stringify(state.view)) return;
  state.view = view;
  state.selectionSource = { current: currentSelection, after: refresh };
  renderTranscript();
  if (keepScroll) main.scrollTop = scroll;
  markCurrent();
}

// Scrolls to lines first–last (from a retrieval or search link) and flashes them.
function showLines(first, last) {
  const rows = [...document.querySelectorAll("#transcript .row")].filter((row) => {
    const n = Number(row.dataset.line);
    return n >= first && n <= last;
  });
  if (!rows.length) return;
  rows[0].scrollIntoView({ block: "center" });
  for (const row of rows) { row.classList.remove("flash"); void row.offsetWidth; row.classList.add("flash"); }
}

function renderTranscript() {
  const view = state.view;
  const head = el("div", { class: "transcript-head" },
    el("h1", { text: view.transcript.title || view.transcript.name }),
    el("div", { class: "meta", text: [view.transcript.name, view.transcript.participants.join(", "),
      t("uiLineCount", view.lines.length), t("uiCodings", view.codings.length)].filter(Boolean).join(" · ") }),
    el("div", { class: "transcript-tools" }, privacyToggle()));
  if (view.recording) {
    const player = el(view.recording.isVideo ? "video" : "audio",
      { id: "player", class: "player", controls: true, preload: "metadata", src: `/api/transcripts/${view.transcript.id}/media` });
    head.append(player);
  }
  const body = el("div", { class: "transcript", id: "transcript" });
  const fragment = document.createDocumentFragment();
  for (const line of view.lines) fragment.append(renderLine(line));
  body.append(fragment);
  $("main").replaceChildren(head, withPrivacy(body, refresh));
}

function renderLine(line) {
  const text = el("div", { class: "text", dataset: { start: line.start } });
  // A turn whose text already starts with «Name:» (text and Markdown imports) needs no second label.
  const spoken = line.pieces.map((p) => p.text).join("");
  const named = line.speaker && (spoken.startsWith(`${line.speaker}:`) || spoken.startsWith(`${line.participant?.pseudonym}:`));
  if (line.speaker && (!named || line.time !== null && line.time !== undefined)) {
    const speaker = el("span", { class: "speaker", text: named ? "" : (line.participant?.pseudonym || line.speaker) });
    if (line.time !== null && line.time !== undefined) {
      const time = state.view.recording
        ? el("button", { type: "button", class: "time", title: t("uiPlayFromHere"), text: formatTime(line.time), onclick: () => playFrom(line.time) })
        : el("span", { class: "time", text: formatTime(line.time) });
      speaker.append(time);
    }
    text.append(speaker);
  }
  let nameLeft = named ? spoken.indexOf(":") + 1 : 0;
  for (const piece of line.pieces) {
    // The «Name:» the text starts with is set like a speaker label, still as the piece's own text.
    const shown = nameLeft > 0 ? [el("span", { class: "speaker-name", text: piece.text.slice(0, nameLeft) }), piece.text.slice(nameLeft)] : [piece.text];
    nameLeft = Math.max(0, nameLeft - piece.text.length);
    const span = el("span", { class: piece.codings.length ? "piece coded" : "piece", dataset: { start: piece.start } }, ...shown);
    if (piece.codings.length) {
      span.dataset.codings = piece.codings.join(",");
      paintPiece(span, piece.codings);
    }
    text.append(span);
  }
  const margin = el("div", { class: "margin" }, line.margin.map((index) => {
    const coding = state.view.codings[index];
    const code = state.view.codes.find((c) => c.id === coding.code);
    const chip = el("span", { class: "chip", title: `${code?.path} · ${coding.coder}`, dataset: { coding: index } },
      el("span", { class: "swatch" }), code?.label ?? "?");
    chip.querySelector(".swatch").style.background = code?.color;
    return chip;
  }));
  return el("div", { class: line.speaker ? "row turn" : "row", dataset: { line: line.number } },
    el("div", { class: "num", text: line.number }), text, margin);
}

// Each code on a piece is a band of its colour under the text, so overlapping codings stay visible as
// such; a single coding also tints the background.
function paintPiece(span, codingIndexes) {
  const colors = [...new Set(codingIndexes.map((i) => colorOf(state.view.codings[i].code)))];
  const bands = colors.map((c) => `linear-gradient(${c}, ${c})`);
  const sizes = colors.map(() => "100% 3px");
  const positions = colors.map((_, i) => `0 calc(100% - ${i * 4}px)`);
  span.style.backgroundImage = [...bands, `linear-gradient(${hexAlpha(colors[0], 0.22)}, ${hexAlpha(colors[0], 0.22)})`].join(", ");
  span.style.backgroundSize = [...sizes, `100% calc(100% - ${colors.length * 4}px)`].join(", ");
  span.style.backgroundPosition = [...positions, "0 0"].join(", ");
  span.style.paddingBottom = `${Math.max(0, colors.length - 1) * 4}px`;
}

function hexAlpha(hex, alpha) {
  // #RGB (which the store takes too) as #RRGGBB.
  const full = /^#?[0-9a-f]{3}$/i.test(hex || "") ? hex.replace(/^#?(.)(.)(.)$/, "#$1$1$2$2$3$3") : hex;
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(full || "");
  if (!m) return `rgba(200,200,200,${alpha})`;
  return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`;
}

// Plays the recording from `ms` milliseconds (a turn's time).
function playFrom(ms) {
  const player = $("player");
  if (!player) return;
  player.currentTime = ms / 1000;
  player.play().catch(() => {});
}

function formatTime(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return (h ? `${h}:${String(m).padStart(2, "0")}` : `${m}`) + `:${String(sec).padStart(2, "0")}`;
}

// ---------------------------------------------------------------- selection
// Where a DOM point lies in the store's units: the piece's scalar start plus the scalars before the
// point inside the piece's text.
function pointToScalar(node, offset) {
  let element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  if (element?.classList?.contains("text") && node === element) {
    // A point between the children of a line: take the piece at or after it.
    const child = element.childNodes[offset];
    if (child?.dataset?.start) return Number(child.dataset.start);
    const last = [...element.querySelectorAll(".piece")].pop();
    return last ? Number(last.dataset.start) + scalarOffset(last.textContent, last.textContent.length) : Number(element.dataset.start);
  }
  const piece = element?.closest?.(".piece");
  if (!piece) return null;
  // The UTF-16 units from the piece's start to the point, whatever elements the piece holds.
  const before = document.createRange();
  before.setStart(piece, 0);
  before.setEnd(node, offset);
  return Number(piece.dataset.start) + scalarOffset(piece.textContent, before.toString().length);
}

// The scalar at `offset` and the line text around it, for snapping to words.
function lineAround(offset) {
  const line = state.view.lines.find((l) => offset >= l.start && offset <= l.end);
  if (!line) return null;
  return { line, scalars: [...line.pieces.map((p) => p.text).join("")] };
}

// The current selection in the transcript, in scalars, snapped to whole words unless `exact`.
function currentSelection(exact) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !state.view) return null;
  const range = selection.getRangeAt(0);
  if (!$("transcript")?.contains(range.commonAncestorContainer)) return null;
  let start = pointToScalar(range.startContainer, range.startOffset);
  let end = pointToScalar(range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  if (end < start) [start, end] = [end, start];
  const first = lineAround(start), last = lineAround(end);
  if (!first || !last) return null;
  const base = first.line.start;
  return { transcript: state.view.transcript.id, ...snapSelection(scalarsBetween(base, last.line.end), base, start, end, exact) };
}

// The transcript's scalars from `from` to `to`, each line at its own offset (the line breaks between
// lines stay line breaks).
function scalarsBetween(from, to) {
  const scalars = new Array(Math.max(0, to - from)).fill("\n");
  for (const line of state.view.lines) {
    if (line.end <= from || line.start >= to) continue;
    [...line.pieces.map((p) => p.text).join("")].forEach((c, i) => {
      const at = line.start - from + i;
      if (at >= 0 && at < scalars.length) scalars[at] = c;
    });
  }
  return scalars;
}

function textBetween(from, to) { return scalarsBetween(from, to).join(""); }

// ---------------------------------------------------------------- coding
// Codes a selection (from any page's selection source) and redraws that page.
async function applyCodes(paths, selection) {
  if (!state.session.role || state.session.role === "reader") { toast(t("uiReadOnly"), true); return false; }
  try {
    const result = await api("POST", "/api/codings", { transcript: selection.transcript, start: selection.start, end: selection.end, codes: paths });
    toast(t("uiCoded", [...result.added, ...result.alreadyPresent].join(", ")));
    await afterCoding();
    return true;
  } catch (error) {
    toast(error.message, true);
    return false;
  }
}

// Redraws the page a selection was coded on: the code tree first, so a page drawn after it colours a
// code the coding just created.
async function afterCoding() {
  if (state.selectionSource?.after) { await loadCodes(); await state.selectionSource.after(); } else { await refresh(); }
}

// The selection the keys act on, or null with the reason said.
function selectionToCode(exact) {
  const selection = state.selectionSource?.current(exact);
  if (selection?.error) { toast(t(selection.error), true); return null; }
  if (!selection || selection.blank) { toast(t(selection?.blank ? "uiBlankSelection" : "uiNothingSelected"), true); return null; }
  if (state.session.role === "reader") { toast(t("uiReadOnly"), true); return null; }
  return selection;
}

function codeSelection(exact) {
  const selection = selectionToCode(exact);
  if (!selection) return;
  openPicker({ title: t("uiPickCode"), quote: selection.text, choose: (path) => applyCodes([path], selection) });
}

// The selection as evidence for a node or link of the work map, chosen in the map's picker.
function evidenceSelection(exact) {
  const selection = selectionToCode(exact);
  if (selection) pickEvidence(selection, afterCoding);
}

async function refresh() {
  const tasks = [loadCodes()];
  if (state.view) tasks.push(openTranscript(state.view.transcript.id, true));
  await Promise.all(tasks);
}

async function undo() {
  if (state.session.role === "reader") { toast(t("uiReadOnly"), true); return; }
  try {
    const undone = await api("POST", "/api/codings/undo");
    toast(undone.restored ? t("uiUndoneChange", undone.restored) : t("uiUndone", undone.result.removed.join(", ")));
    await refresh();
  } catch (error) { toast(error.message, true); }
}

async function removeCoding(coding) {
  try {
    let result;
    try {
      result = await api("POST", "/api/codings/remove", { segment: coding.segment, code: coding.code });
    } catch (error) {
      if (error.remedy !== "force" || !confirm(t("uiRemoveMemosToo"))) throw error;
      result = await api("POST", "/api/codings/remove", { segment: coding.segment, code: coding.code, force: true });
    }
    toast(t("uiRemoved", result.removed.join(", ")));
    hidePopover();
    await refresh();
  } catch (error) { toast(error.message, true); }
}

// Moves one's coding to another code chosen in the picker; the segment and its memos stay.
function changeCoding(coding, code) {
  hidePopover();
  openPicker({
    title: t("uiChangeCodeFrom", code?.path ?? "?"), quote: textBetween(coding.start, coding.end), stayOpen: false,
    choose: async (path) => {
      try {
        const result = await api("POST", "/api/codings/change", { segment: coding.segment, from: coding.code, to: path });
        toast(t("uiChanged", result.from, result.to));
        await refresh();
        return true;
      } catch (error) { toast(error.message, true); return false; }
    },
  });
}

// ---------------------------------------------------------------- quotes
// A coded passage as a quote: the displayed form written with the edit marks, checked by the server
// against the verbatim text; a lead-in; back to verbatim or without filler words in one click.
let quoteSegment = null;
let quoteShown = "";

async function openQuote(segment) {
  if (state.session.role === "reader") { toast(t("uiReadOnly"), true); return; }
  try {
    const details = await api("GET", `/api/segments/${segment}/quote`);
    quoteSegment = segment;
    $("quote-title").textContent = t("uiEditQuote");
    $("quote-help").textContent = t("uiQuoteMarks");
    $("quote-verbatim-label").textContent = t("uiVerbatim");
    $("quote-display-label").textContent = t("uiDisplayed");
    $("quote-leadin-label").textContent = t("uiLeadIn");
    $("quote-cancel").textContent = t("uiCancel");
    $("quote-save").textContent = t("uiSave");
    $("quote-fillers").textContent = t("uiCleanFillers");
    $("quote-verbatim").textContent = t("uiBackToVerbatim");
    showQuote(details);
    $("quote-dialog").hidden = false;
    $("quote-display").focus();
  } catch (error) { toast(error.message, true); }
}

function showQuote(details) {
  $("quote-source").textContent = details.verbatim;
  $("quote-display").value = details.editable;
  quoteShown = details.editable;
  $("quote-printed").textContent = details.editable === details.displayed ? "" : `${t("uiPrinted")}: ${details.displayed}`;
  $("quote-leadin").value = details.leadIn ?? "";
  $("quote-edits").textContent = [details.edits ? `${t("uiEdits")}: ${details.edits}` : "",
    details.editedBy && details.editedBy !== state.session.user ? t("uiQuoteEditedBy", details.editedBy) : ""].filter(Boolean).join(" · ");
  $("quote-error").textContent = details.isStale ? t("uiQuoteStale") : "";
}

function closeQuote() { $("quote-dialog").hidden = true; quoteSegment = null; $("main").focus({ preventScroll: true }); }

async function saveQuote(change) {
  if (!quoteSegment) return;
  try {
    const details = await api("POST", `/api/segments/${quoteSegment}/quote`, change);
    showQuote(details);
    toast(t("uiQuoteSaved"));
    if (!change.cleanFillers && !change.verbatim) closeQuote();
  } catch (error) { $("quote-error").textContent = error.message; }
}

$("quote-cancel").addEventListener("click", closeQuote);
// The form is sent only when it was changed, so saving a lead-in leaves the edits exactly as they were.
$("quote-save").addEventListener("click", () => {
  const display = $("quote-display").value;
  saveQuote(display === quoteShown ? { leadIn: $("quote-leadin").value } : { display, leadIn: $("quote-leadin").value });
});
$("quote-fillers").addEventListener("click", () => saveQuote({ cleanFillers: true }));
$("quote-verbatim").addEventListener("click", () => saveQuote({ verbatim: true }));
$("quote-dialog").addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeQuote();
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("quote-save").click();
  event.stopPropagation();
});

// ---------------------------------------------------------------- memos
let memoTarget = null;

function openMemo(target, quote) {
  if (state.session.role === "reader") { toast(t("uiReadOnly"), true); return; }
  memoTarget = target;
  $("memo-title").textContent = t("uiAddMemo");
  $("memo-quote").textContent = quote ? `«${quote}»` : "";
  $("memo-text").value = "";
  $("memo-cancel").textContent = t("uiCancel");
  $("memo-save").textContent = t("uiSave");
  $("memo-dialog").hidden = false;
  $("memo-text").focus();
}

function closeMemo() { $("memo-dialog").hidden = true; memoTarget = null; }

$("memo-cancel").addEventListener("click", closeMemo);
$("memo-text").addEventListener("keydown", (event) => {
  if (event.key === "Escape") { closeMemo(); }
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) saveMemo();
  event.stopPropagation();
});
$("memo-save").addEventListener("click", saveMemo);

async function saveMemo() {
  const text = $("memo-text").value;
  if (!text.trim() || !memoTarget) return;
  try {
    const target = memoTarget;
    await api("POST", "/api/memos", { kind: target.kind, id: target.id, text });
    closeMemo();
    await refresh();
  } catch (error) { toast(error.message, true); }
}

// ---------------------------------------------------------------- popover
function showPopover(anchor, indexes) {
  const box = $("popover");
  const rows = indexes.map((index) => {
    const coding = state.view.codings[index];
    const code = state.view.codes.find((c) => c.id === coding.code);
    const row = el("div", { class: "coding" },
      el("span", { class: "swatch" }),
      el("strong", { text: code?.path ?? "?" }),
      state.session.role !== "reader" && coding.coder === state.session.user
        ? el("span", { class: "actions" },
          el("button", { type: "button", class: "link", text: t("uiChangeCode"), onclick: () => changeCoding(coding, code) }),
          el("button", { type: "button", class: "link", text: t("uiRemove"), onclick: () => removeCoding(coding) }))
        : el("span"),
      el("span", { class: "detail", text: `${t("uiCoder")}: ${coding.coder} · ${t("uiLine")} ${coding.firstLine}${coding.lastLine !== coding.firstLine ? "–" + coding.lastLine : ""}` }),
      coding.memos.map((memo) => el("span", { class: "memo", text: memo })));
    row.querySelector(".swatch").style.background = code?.color;
    return row;
  });
  const segment = state.view.codings[indexes[0]]?.segment;
  if (state.session.role !== "reader" && segment) {
    rows.push(el("div", { class: "buttons" },
      el("button", { type: "button", text: t("uiAddMemo"), onclick: () => { hidePopover(); openMemo({ kind: "segment", id: segment }); } }),
      el("button", { type: "button", text: t("uiEditQuote"), onclick: () => { hidePopover(); openQuote(segment); } })));
  }
  box.replaceChildren(...rows);
  box.hidden = false;
  const rect = anchor.getBoundingClientRect();
  const top = Math.min(window.innerHeight - box.offsetHeight - 8, rect.bottom + 6);
  const left = Math.min(window.innerWidth - box.offsetWidth - 8, rect.left);
  box.style.top = `${Math.max(8, top)}px`;
  box.style.left = `${Math.max(8, left)}px`;
}

function hidePopover() { $("popover").hidden = true; }

function onDocumentClick(event) {
  const chip = event.target.closest?.(".margin .chip");
  if (chip) { showPopover(chip, [Number(chip.dataset.coding)]); return; }
  const piece = event.target.closest?.(".piece.coded");
  if (piece && window.getSelection()?.isCollapsed) {
    showPopover(piece, piece.dataset.codings.split(",").map(Number));
    return;
  }
  if (!event.target.closest?.("#popover")) hidePopover();
}

// ---------------------------------------------------------------- keys
function showHelp() {
  $("help-title").textContent = t("uiShortcuts");
  const keys = [["c", t("uiKeyCode")], ["C (shift+c)", t("uiKeyCodeExact")], ["e", t("uiKeyEvidence")], ["1–9", t("uiKeyRecent")], ["u", t("uiKeyUndo")],
    ["m", t("uiKeyMemo")], ["j / k", t("uiKeyLine")], ["shift+←/→", t("uiKeySelect")], ["shift+↑/↓", t("uiKeySelectLine")], ["?", t("uiKeyHelp")], ["Esc", t("uiKeyClose")]];
  $("help-keys").replaceChildren(...keys.flatMap(([key, what]) => [el("dt", { text: key }), el("dd", { text: what })]));
  $("help").hidden = false;
}

function onKey(event) {
  if (event.target.closest?.("input, textarea")) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  // A dialog open while focus left it (a click on its backdrop): keys must not act on the page behind it.
  const dialog = document.querySelector(".modal:not([hidden]):not(#help)");
  if (dialog) {
    if (event.key === "Escape") closeDialog(dialog.id);
    return;
  }
  if (event.key === "Escape") { $("help").hidden = true; hidePopover(); return; }
  if (!$("help").hidden) { $("help").hidden = true; return; }
  if (event.key === "?") { showHelp(); event.preventDefault(); return; }
  if (event.key === "c" || event.key === "C") { event.preventDefault(); codeSelection(event.key === "C"); return; }
  if (event.key === "e" || event.key === "E") { event.preventDefault(); evidenceSelection(event.key === "E"); return; }
  // By the key's place, not its character: shift+2 gives «"» or «@» depending on the keyboard layout.
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (digit && state.selectionSource) {
    const path = state.recent[Number(digit[1]) - 1];
    if (!path) return;
    event.preventDefault();
    const selection = selectionToCode(event.shiftKey);
    if (selection) applyCodes([path], selection).then((ok) => { if (ok) rememberRecent(path); });
    return;
  }
  if (!state.view) return;
  if (event.key === "u") { event.preventDefault(); undo(); return; }
  if (event.key === "m") {
    // A memo on the coded passage under the selection (or the one last clicked).
    const piece = window.getSelection()?.anchorNode?.parentElement?.closest?.(".piece.coded") || document.querySelector(".piece.coded.hot");
    if (!piece) { toast(t("uiMemoNeedsCoding"), true); return; }
    event.preventDefault();
    const coding = state.view.codings[Number(piece.dataset.codings.split(",")[0])];
    openMemo({ kind: "segment", id: coding.segment }, piece.textContent);
    return;
  }
  if (event.key === "j" || event.key === "k") { event.preventDefault(); moveCurrentLine(event.key === "j" ? 1 : -1); return; }
  if (event.shiftKey && event.key.startsWith("Arrow")) {
    // Selecting with the keyboard: from the current line's start, a word or a line at a time.
    const selection = selectionToExtend();
    if (!selection) return;
    event.preventDefault();
    const forward = event.key === "ArrowRight" || event.key === "ArrowDown";
    selection.modify("extend", forward ? "forward" : "backward", event.key === "ArrowRight" || event.key === "ArrowLeft" ? "word" : "line");
    return;
  }
}

// An open dialog keeps the focus: a click on its backdrop does not take it away (mousedown above), and
// Tab goes round the dialog's own fields and buttons, never to the page behind it.
function keepFocusInDialog(event) {
  if (event.key !== "Tab") return;
  const dialog = document.querySelector(".modal:not([hidden])");
  if (!dialog) return;
  const items = [...dialog.querySelectorAll("button, input, textarea, select, a[href]")].filter((e) => !e.disabled && e.offsetParent !== null);
  if (!items.length) { event.preventDefault(); return; }
  const first = items[0], last = items[items.length - 1];
  const inside = dialog.contains(document.activeElement);
  if (!inside || (event.shiftKey && document.activeElement === first)) { event.preventDefault(); (event.shiftKey ? last : first).focus(); }
  else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
}

function closeDialog(id) {
  if (id === "quote-dialog") closeQuote();
  else if (id === "memo-dialog") closeMemo();
  else if (id === "picker") closePicker();
  else $(id).hidden = true;
}

// ---------------------------------------------------------------- keyboard selection
function currentRow() { return document.querySelector("#transcript .row.current"); }

function moveCurrentLine(step) {
  const rows = [...document.querySelectorAll("#transcript .row")];
  if (!rows.length) return;
  const at = rows.indexOf(currentRow());
  const next = rows[Math.max(0, Math.min(rows.length - 1, at < 0 ? 0 : at + step))];
  currentRow()?.classList.remove("current");
  next.classList.add("current");
  next.scrollIntoView({ block: "nearest" });
  window.getSelection()?.removeAllRanges();
}

// The selection to grow: the one in the transcript, else a caret at the current line's first word.
function selectionToExtend() {
  const selection = window.getSelection();
  if (selection.rangeCount && $("transcript")?.contains(selection.anchorNode)) return selection;
  const row = currentRow() || document.querySelector("#transcript .row");
  const piece = row?.querySelector(".piece");
  if (!piece?.firstChild) return null;
  row.classList.add("current");
  const range = document.createRange();
  range.setStart(piece.firstChild, 0);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

// ---------------------------------------------------------------- live
let refreshTimer;
function listen() {
  const source = new EventSource("/api/events");
  // The server closes the stream when the session ends; the browser's reconnect is then refused and
  // the source gives up. Asking for the session takes the page to the login form.
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) api("GET", "/api/session").catch(() => {});
  });
  source.addEventListener("change", (event) => {
    const changes = JSON.parse(event.data);
    const others = changes.filter((c) => c.actor !== state.session.user);
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      // A withdrawal elsewhere may have taken transcripts, the open one among them.
      if (changes.some((c) => c.action === "participant.withdraw")) await loadTranscripts();
      try {
        await refresh();
      } catch (error) {
        state.view = null;
        $("main").replaceChildren(el("p", { class: "empty", text: t("uiChooseTranscript") }));
        markCurrent();
        toast(error.message, true);
      }
      // The other pages (participants, memos) redraw themselves from this, when they are open.
      window.dispatchEvent(new CustomEvent("qualcode:change", { detail: changes }));
      if (others.length) toast(t("uiLiveChange", others[others.length - 1].actor));
    }, 150);
  });
}

start().catch((error) => {
  $("main").replaceChildren(el("p", { class: "empty", text: error.message }));
});
