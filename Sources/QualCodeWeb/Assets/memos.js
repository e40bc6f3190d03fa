// The memos page (#/memos?kind=…&q=…&offset=…): every memo, newest first, with what it is on, who wrote it
// and when, and a link to where its record is read (the transcript at the segment's lines, the code's
// page); filtered by kind and by words; edited and deleted with the library's check that nobody changed
// the memo meanwhile. Every value from the server goes into the page as text.
import { state, el, t, api, toast, addRoute, busy } from "./core.js";

const locale = () => (state.language === "nb" ? "nb-NO" : "en-GB");
const number = (n) => Number(n).toLocaleString(locale());
const canWrite = () => state.session?.role && state.session.role !== "reader";
const present = (...nodes) => nodes.filter((node) => node !== null && node !== undefined);
const kinds = ["project", "transcript", "participant", "code", "segment"];
const pageSize = 50;

// The filter the page shows, and the list as the server sent it (a live change that leaves the list as
// it is redraws nothing).
let filter = { kind: "", q: "", offset: 0 };
let shown = "";

function params(query) {
  const p = new URLSearchParams(query || "");
  const kind = kinds.includes(p.get("kind")) ? p.get("kind") : "";
  return { kind, q: p.get("q") || "", offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0) };
}

function hashOf({ kind, q, offset }) {
  const p = new URLSearchParams();
  if (kind) p.set("kind", kind);
  if (q) p.set("q", q);
  if (offset) p.set("offset", offset);
  const query = p.toString();
  return `#/memos${query ? "?" + query : ""}`;
}

async function draw(main, match) {
  filter = params(match[1]);
  // A new filter on the page already open redraws the list only, so the control just used keeps the
  // focus (arrowing through the kinds goes on from where it is).
  if (main.querySelector("#memo-filter")) {
    document.getElementById("memo-kind").value = filter.kind;
    const words = document.getElementById("memo-search");
    if (document.activeElement !== words) words.value = filter.q;
    await redraw();
    return;
  }
  const kind = el("select", { id: "memo-kind", "aria-label": t("uiMemoKindLabel") },
    el("option", { value: "", text: t("uiAllKinds") }), kinds.map((k) => el("option", { value: k, text: t(`uiMemoKind_${k}`) })));
  kind.value = filter.kind;
  const words = el("input", { id: "memo-search", type: "search", value: filter.q, maxlength: 1000, autocomplete: "off",
    placeholder: t("uiMemoSearch"), "aria-label": t("uiMemoSearch") });
  const form = el("form", { class: "inline-form", role: "search", id: "memo-filter" }, kind, words,
    el("button", { type: "submit", class: "primary", text: t("uiFilter") }));
  const go = () => {
    const hash = hashOf({ kind: kind.value, q: words.value.trim(), offset: 0 });
    if (location.hash === hash) redraw(); else location.hash = hash;
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); go(); });
  kind.addEventListener("change", go);
  const list = el("div", { id: "memo-list", class: "memo-list" });
  main.replaceChildren(...present(
    el("div", { class: "page-head" }, el("h1", { text: t("uiMemos") }), form),
    canWrite() ? projectMemoForm() : null,
    list));
  await redraw();
}

async function load() {
  const p = new URLSearchParams({ offset: filter.offset, limit: pageSize });
  if (filter.kind) p.set("kind", filter.kind);
  if (filter.q) p.set("q", filter.q);
  return api("GET", `/api/memos?${p}`);
}

async function redraw() {
  const list = document.getElementById("memo-list");
  if (!list) return;
  let page;
  try { page = await load(); } catch (error) {
    list.replaceChildren(el("p", { class: "error-line", role: "alert", text: error.message }));
    return;
  }
  shown = JSON.stringify(page);
  render(list, page);
}

function render(list, page) {
  if (!page.total) {
    list.replaceChildren(el("p", { class: "empty", text: filter.kind || filter.q ? t("uiNoMemosMatch") : t("uiNoMemos") }));
    return;
  }
  const first = page.offset + 1, last = page.offset + page.memos.length;
  const paged = page.total > page.memos.length;
  // One page: just the count; more: the count with previous and next around it.
  const pager = () => el("nav", { class: "pager", "aria-label": t("uiShowing", first, last, page.total) },
    paged ? el("button", { type: "button", disabled: page.offset === 0, text: `← ${t("uiPrevious")}`,
      onclick: () => { location.hash = hashOf({ ...filter, offset: Math.max(0, page.offset - pageSize) }); } }) : null,
    el("span", { class: "showing", text: paged ? `${t("uiMemoCount", number(page.total))} · ${t("uiShowing", number(first), number(last), number(page.total))}`
      : t("uiMemoCount", number(page.total)) }),
    paged ? el("button", { type: "button", disabled: last >= page.total, text: `${t("uiNext")} →`,
      onclick: () => { location.hash = hashOf({ ...filter, offset: page.offset + pageSize }); } }) : null);
  list.replaceChildren(...present(pager(), el("ol", { class: "memos" }, page.memos.map((memo) => el("li", {}, memoCard(memo)))),
    paged && page.memos.length > 5 ? pager() : null));
}

// What the memo is on, as a link to where that is read.
function target(memo) {
  const place = memo.place;
  if (memo.targetIsDeleted) return el("span", { class: "target gone", text: `${memo.on} · ${t("uiTargetDeleted")}` });
  switch (memo.targetKind) {
    case "project": return el("span", { class: "target", text: state.session?.project || t("uiMemoKind_project") });
    case "transcript": return el("a", { class: "target", href: `#/transcript/${place.transcriptId}`, title: t("uiOpenTranscript"), text: memo.targetName });
    case "segment": {
      const lines = place.firstLine === place.lastLine ? `${place.firstLine}` : `${place.firstLine}–${place.lastLine}`;
      return el("a", { class: "target", href: `#/transcript/${place.transcriptId}?line=${place.firstLine}${place.lastLine !== place.firstLine ? "-" + place.lastLine : ""}`,
        title: t("uiOpenInTranscript"), text: `${place.transcript} · ${t("uiLine")} ${lines}` });
    }
    case "code": return el("a", { class: "target", href: `#/codes/${memo.targetId}`, title: t("uiOpenCode"), text: memo.targetName });
    case "participant": return el("a", { class: "target", href: "#/participants", title: t("uiOpenParticipants"), text: memo.targetName });
    default: return el("span", { class: "target", text: memo.on });
  }
}

function codeChip(path) {
  const chip = el("span", { class: "chip" }, el("span", { class: "swatch" }), path);
  chip.querySelector(".swatch").style.background = state.codes.find((c) => c.path === path)?.color || "#8C959F";
  return chip;
}

function memoCard(memo) {
  const when = new Date(memo.createdAt).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" });
  const text = el("div", { class: "memo-text", text: memo.text });
  // Edit and delete sit in the header, beside who wrote the memo, so a card is no taller than its text.
  const actions = canWrite() ? el("span", { class: "memo-actions" },
    el("button", { type: "button", class: "link", dataset: { action: "edit" }, text: t("uiEdit"), onclick: () => edit(card, memo, memo.text) }),
    el("button", { type: "button", class: "link danger", dataset: { action: "delete" }, text: t("uiDelete"), onclick: () => askDelete(card, memo) })) : null;
  const card = el("article", { class: "memo-card", dataset: { id: memo.id, kind: memo.targetKind } },
    el("header", {},
      el("span", { class: `kind kind-${memo.targetKind}`, text: t(`uiMemoKind_${memo.targetKind}`) }),
      target(memo),
      el("span", { class: "spacer" }),
      el("span", { class: "meta", text: t("uiMemoBy", memo.author, when) }),
      actions),
    memo.place?.text ? el("blockquote", { class: "segment-quote" }, memo.place.text) : null,
    memo.place?.codes?.length ? el("div", { class: "chips" }, memo.place.codes.map(codeChip)) : null,
    text);
  return card;
}

// Edits in place: the text the editor opened with goes along, so a memo changed by someone else
// meanwhile is not overwritten; the library's refusal is shown with their text, and saving over it is a
// second, explicit step.
function edit(card, memo, original, draft = original) {
  card.classList.add("editing");
  const area = el("textarea", { class: "memo-editor", rows: Math.min(16, Math.max(4, draft.split("\n").length + 1)), "aria-label": t("uiEdit") });
  area.value = draft;
  const error = el("p", { class: "error-line", role: "alert", hidden: true });
  const theirs = el("div", { class: "their-text", hidden: true });
  const cancel = () => { card.classList.remove("editing"); redraw(); };
  const save = async (from) => {
    try {
      await api("POST", `/api/memos/${memo.id}/update`, { text: area.value, original: from });
      toast(t("uiMemoSaved"));
      card.classList.remove("editing");
      await redraw();
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
      if (failure.status !== 409) { area.focus(); return; }
      // Someone changed it: show their text; saving again writes over it, knowingly.
      try {
        const now = await api("GET", `/api/memos/${memo.id}`);
        theirs.replaceChildren(el("strong", { text: t("uiTextNow") }), el("div", { class: "memo-text", text: now.text }),
          el("button", { type: "button", class: "danger", text: t("uiSaveMineAnyway"), onclick: () => save(now.text) }));
        theirs.hidden = false;
      } catch (gone) { error.textContent = gone.message; }
    }
  };
  area.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); cancel(); }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); save(original); }
  });
  const editor = el("div", { class: "memo-edit" }, area, error, theirs,
    el("div", { class: "buttons" }, el("button", { type: "button", text: t("uiCancel"), onclick: cancel }),
      el("button", { type: "button", class: "primary", text: t("uiSave"), onclick: () => save(original) })));
  card.querySelector(".memo-text").replaceWith(editor);
  card.querySelector(".memo-actions")?.remove();
  area.focus();
}

function askDelete(card, memo) {
  card.classList.add("editing");
  const error = el("p", { class: "error-line", role: "alert", hidden: true });
  const cancel = () => { card.classList.remove("editing"); redraw(); };
  const confirm = el("button", { type: "button", class: "danger", text: t("uiDeleteMemoForGood"), onclick: async () => {
    try {
      await api("POST", `/api/memos/${memo.id}/delete`, { original: memo.text });
      toast(t("uiMemoDeleted"));
      card.classList.remove("editing");
      await redraw();
    } catch (failure) { error.textContent = failure.message; error.hidden = false; }
  } });
  const box = el("div", { class: "delete-preview", role: "alert" }, el("p", { text: t("uiDeleteMemoAsk") }), error,
    el("div", { class: "buttons" }, el("button", { type: "button", text: t("uiCancel"), onclick: cancel }), confirm));
  box.addEventListener("keydown", (event) => { if (event.key === "Escape") { event.preventDefault(); cancel(); } });
  card.querySelector(".memo-actions")?.remove();
  card.append(box);
  confirm.focus();
}

// A memo on the whole project (the first step of Malterud's method asks for one).
function projectMemoForm() {
  const area = el("textarea", { id: "project-memo-text", rows: 4, "aria-label": t("uiNewProjectMemo") });
  const form = el("form", { class: "project-memo" }, area,
    el("div", { class: "buttons" }, el("button", { type: "submit", class: "primary", text: t("uiSave") })));
  const details = el("details", { id: "project-memo" }, el("summary", { text: t("uiNewProjectMemo") }), form);
  const submit = async () => {
    try {
      await api("POST", "/api/memos", { kind: "project", text: area.value });
      toast(t("uiMemoWritten"));
      area.value = "";
      details.open = false;
      await redraw();
    } catch (error) { toast(error.message, true); area.focus(); }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); submit(); });
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); }
  });
  return details;
}

// ---------------------------------------------------------------- live
window.addEventListener("qualcode:change", async () => {
  const list = document.getElementById("memo-list");
  if (!list || !location.hash.startsWith("#/memos") || busy(list)) return;
  try {
    const page = await load();
    if (JSON.stringify(page) === shown) return;
    shown = JSON.stringify(page);
    if (!busy(list)) render(list, page);
  } catch { /* the next change tries again */ }
});

addRoute(/^#\/memos(?:\?(.*))?$/, draw);
