// The code picker every page codes through: type-ahead over code paths, Enter applies the highlighted
// code (or creates the typed path), and the recent codes that the digits 1–9 apply.
import { state, $, el, t, colorOf } from "./core.js";

const picker = { items: [], active: 0, choose: null, stayOpen: true };

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

// Opens the picker over `quote`; `choose(path)` does the work and answers whether it went well. With
// `stayOpen` the picker stays for the next code on the same selection, else it closes.
export function openPicker({ title, quote, choose, stayOpen = true }) {
  picker.choose = choose;
  picker.stayOpen = stayOpen;
  $("picker-title").textContent = title;
  $("picker-quote").textContent = quote ? `«${quote}»` : "";
  $("picker-hint").textContent = t(stayOpen ? "uiPickerHint" : "uiPickerHintOnce");
  const input = $("picker-input");
  input.value = "";
  $("picker").hidden = false;
  fillPicker();
  input.focus();
}

export function closePicker() {
  $("picker").hidden = true;
  picker.choose = null;
  $("main").focus({ preventScroll: true });
}

function fillPicker() {
  const query = $("picker-input").value.trim();
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
  picker.items = recentFirst.map((x) => ({ path: x.code.path, code: x.code }));
  const exists = state.codes.some((c) => c.path.toLowerCase() === lower);
  if (query && !exists) picker.items.unshift({ path: query, create: true });
  picker.active = 0;
  renderPickerList();
}

function recentIndex(path) {
  const i = state.recent.indexOf(path);
  return i < 0 ? 99 : i;
}

function renderPickerList() {
  const list = $("picker-list");
  list.replaceChildren(...picker.items.map((item, i) => {
    const li = el("li", { role: "option", "aria-selected": i === picker.active ? "true" : "false", onclick: () => { picker.active = i; choosePicked(); } },
      el("span", { class: "swatch" }),
      item.create ? el("span", { class: "new", text: t("uiCreateCode", item.path) }) : el("span", { text: item.path }));
    li.querySelector(".swatch").style.background = item.create ? "transparent" : colorOf(item.code.id);
    return li;
  }));
  list.children[picker.active]?.scrollIntoView({ block: "nearest" });
}

async function choosePicked() {
  const item = picker.items[picker.active];
  if (!item || !picker.choose) return;
  const ok = await picker.choose(item.path);
  if (!ok) return;
  rememberRecent(item.path);
  if (!picker.stayOpen) { closePicker(); return; }
  $("picker-input").value = "";
  fillPicker();
  $("picker-input").focus();
}

$("picker-input").addEventListener("input", fillPicker);
$("picker-input").addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") { picker.active = Math.min(picker.items.length - 1, picker.active + 1); renderPickerList(); event.preventDefault(); }
  else if (event.key === "ArrowUp") { picker.active = Math.max(0, picker.active - 1); renderPickerList(); event.preventDefault(); }
  else if (event.key === "Enter") { event.preventDefault(); choosePicked(); }
  else if (event.key === "Escape") { event.preventDefault(); closePicker(); }
  event.stopPropagation();
});
$("picker").addEventListener("click", (event) => { if (event.target === $("picker")) closePicker(); });
