// The pickers every page chooses through. One list picker over the #picker dialog: type-ahead, ↑/↓,
// Enter chooses the highlighted item, Esc closes. The code picker (codes, the recent codes that the
// digits 1–9 apply) and the work map's evidence picker (map.js) are both built on it.
import { state, $, el, t, colorOf } from "./core.js";

const picker = { items: [], active: 0, list: null };

// Opens the list picker over `quote`. `items(query)` gives what matches what is typed, in order, each
// {text, swatch?, meta?, className?} plus whatever `choose` needs; `choose(item)` does the work and
// answers whether it went well. With `stayOpen` the picker stays for the next choice on the same
// selection, else it closes.
export function openList({ title, quote, hint, items, choose, stayOpen = true }) {
  picker.list = { items, choose, stayOpen };
  $("picker-title").textContent = title;
  $("picker-quote").textContent = quote ? `«${quote}»` : "";
  $("picker-hint").textContent = hint;
  const input = $("picker-input");
  input.value = "";
  $("picker").hidden = false;
  fill();
  input.focus();
}

export function closePicker() {
  $("picker").hidden = true;
  picker.list = null;
  $("main").focus({ preventScroll: true });
}

function fill() {
  if (!picker.list) return;
  picker.items = picker.list.items($("picker-input").value.trim());
  picker.active = 0;
  render();
}

function render() {
  const list = $("picker-list");
  list.replaceChildren(...picker.items.map((item, i) => {
    const li = el("li", { role: "option", "aria-selected": i === picker.active ? "true" : "false", onclick: () => { picker.active = i; chooseActive(); } },
      el("span", { class: "swatch" }),
      el("span", { class: item.className, text: item.text }),
      item.meta ? el("span", { class: "meta", text: item.meta }) : null);
    li.querySelector(".swatch").style.background = item.swatch || "transparent";
    return li;
  }));
  list.children[picker.active]?.scrollIntoView({ block: "nearest" });
}

async function chooseActive() {
  const item = picker.items[picker.active];
  const current = picker.list;
  if (!item || !current) return;
  const ok = await current.choose(item);
  if (!ok || picker.list !== current) return;
  if (!current.stayOpen) { closePicker(); return; }
  $("picker-input").value = "";
  fill();
  $("picker-input").focus();
}

$("picker-input").addEventListener("input", fill);
$("picker-input").addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") { picker.active = Math.min(picker.items.length - 1, picker.active + 1); render(); event.preventDefault(); }
  else if (event.key === "ArrowUp") { picker.active = Math.max(0, picker.active - 1); render(); event.preventDefault(); }
  else if (event.key === "Enter") { event.preventDefault(); chooseActive(); }
  else if (event.key === "Escape") { event.preventDefault(); closePicker(); }
  event.stopPropagation();
});
$("picker").addEventListener("click", (event) => { if (event.target === $("picker")) closePicker(); });

// ---------------------------------------------------------------- the code picker
function recentKey() { return `qualcode.recent.${state.session.project}.${state.session.user}`; }

export function loadRecent() {
  state.recent = JSON.parse(localStorage.getItem(recentKey()) || "[]");
  renderRecent();
}

export function rememberRecent(path) {
  state.recent = [path, ...state.recent.filter((p) => p !== path)].slice(0, 9);
  localStorage.setItem(recentKey(), JSON.stringify(state.recent));
  renderRecent();
}

function renderRecent() {
  $("recent").replaceChildren(...state.recent.map((path, i) =>
    el("span", { class: "chip", title: `${i + 1}: ${path}` }, el("span", { class: "key", text: i + 1 }), path)));
}

// Opens the picker over the code paths; `choose(path)` does the work and answers whether it went well.
// Enter applies the highlighted code, or creates the typed path; a code applied becomes a recent one.
export function openPicker({ title, quote, choose, stayOpen = true }) {
  openList({
    title, quote, stayOpen, hint: t(stayOpen ? "uiPickerHint" : "uiPickerHintOnce"), items: codeItems,
    choose: async (item) => {
      const ok = await choose(item.path);
      if (ok) rememberRecent(item.path);
      return ok;
    },
  });
}

function codeItems(query) {
  const lower = query.toLowerCase();
  const scored = state.codes
    .map((code) => {
      const path = code.path.toLowerCase(), name = code.name.toLowerCase();
      const rank = !lower ? 2 : name.startsWith(lower) ? 0 : path.startsWith(lower) ? 1 : path.includes(lower) ? 2 : -1;
      return { code, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.code.path.localeCompare(b.code.path, "nb"));
  const recentFirst = !lower ? [...scored].sort((a, b) => recentIndex(a.code.path) - recentIndex(b.code.path)) : scored;
  const items = recentFirst.map((x) => ({ path: x.code.path, text: x.code.path, swatch: colorOf(x.code.id) }));
  const exists = state.codes.some((c) => c.path.toLowerCase() === lower);
  if (query && !exists) items.unshift({ path: query, text: t("uiCreateCode", query), className: "new" });
  return items;
}

function recentIndex(path) {
  const i = state.recent.indexOf(path);
  return i < 0 ? 99 : i;
}
