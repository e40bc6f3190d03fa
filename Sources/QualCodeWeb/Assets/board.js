// Malterud's systematic text condensation as a board: code groups as columns, meaning units as cards;
// drag a card (or use the keyboard) into another group or subgroup; a subgroup's condensate and golden
// quote are written beside the cards; the four steps as tabs show what the library says is missing.
import { state, $, el, t, api, toast, addRoute } from "./core.js";

const stepOf = {
  noProjectMemo: 1, transcriptsWithoutMemo: 1, noThemes: 1, themesNotShared: 1,
  noUnits: 2, noSubgroups: 2, unsortedUnits: 2,
  noCondensate: 3, noGoldenQuote: 3,
  notAnalysed: 4, strayGroup: 4,
};

let board = null;
let openPath = null;
let dragged = null;

async function draw(main) {
  board = await api("GET", "/api/stc/board");
  render(main);
}

function render(main = $("main")) {
  const status = board.status;
  const tabs = el("div", { class: "steps", role: "tablist" }, [1, 2, 3, 4].map((step) => {
    const missing = status.missing.filter((m) => stepOf[m.kind] === step);
    return el("div", { class: `step${step === status.step ? " current" : ""}`, role: "tab", "aria-selected": step === status.step ? "true" : "false" },
      el("strong", { text: `${step}. ${t(`uiStep${step}`)}` }),
      el("span", { class: "step-count", text: missing.length ? t("uiStepMissing", missing.length) : t("uiStepDone") }),
      missing.length ? el("ul", {}, missing.slice(0, 4).map((m) => el("li", { text: describe(m) }))) : null);
  }));
  const columns = el("div", { class: "board", id: "board" }, board.columns.map(column));
  const panel = el("aside", { class: "panel", id: "panel", hidden: !openPath });
  main.replaceChildren(el("div", { class: "page-head" }, el("h1", { text: t("uiBoard") }), tabs), el("div", { class: "board-wrap" }, columns, panel));
  if (openPath) showPanel(openPath);
}

function describe(missing) {
  switch (missing.kind) {
    case "transcriptsWithoutMemo": return t("uiMissing_transcriptsWithoutMemo", missing.transcripts.length);
    case "themesNotShared": return t("uiMissing_themesNotShared", missing.count);
    case "noSubgroups": return t("uiMissing_noSubgroups", missing.group);
    case "unsortedUnits": return t("uiMissing_unsortedUnits", missing.units.length);
    case "noCondensate": return t("uiMissing_noCondensate", missing.subgroup);
    case "noGoldenQuote": return t("uiMissing_noGoldenQuote", missing.subgroup);
    case "notAnalysed": return t("uiMissing_notAnalysed", missing.path);
    case "strayGroup": return t("uiMissing_strayGroup", missing.path);
    default: return t(`uiMissing_${missing.kind}`);
  }
}

function column(col) {
  return el("section", { class: "column", "aria-label": col.group.name },
    el("header", {}, el("h2", { text: col.group.name }), el("span", { class: "count", text: t("uiUnitsFrom", col.group.units, col.group.participants) })),
    col.unsorted.length ? zone(col.group.path, t("uiUnsorted"), col.unsorted, null) : null,
    col.sections.map((section) => zone(section.subgroup.path, section.subgroup.name, section.units, section.subgroup)));
}

// A place cards can be dropped into: the group's unsorted units, or a subgroup.
function zone(path, title, units, subgroup) {
  const head = el("div", { class: "zone-head" }, el("span", { text: title }), el("span", { class: "count", text: units.length }));
  if (subgroup) {
    const marks = [subgroup.condensate ? "✎" : null, subgroup.goldenUnit ? "★" : null].filter(Boolean).join(" ");
    head.append(el("button", { type: "button", class: "link", text: marks ? `${marks} ${t("uiCondense")}` : t("uiCondense"),
      onclick: () => { openPath = path; showPanel(path); } }));
  }
  const box = el("div", { class: subgroup ? "zone" : "zone unsorted", dataset: { path } }, head, units.map((unit) => card(unit, path, subgroup)));
  box.addEventListener("dragover", (event) => { if (dragged) { event.preventDefault(); box.classList.add("over"); } });
  box.addEventListener("dragleave", () => box.classList.remove("over"));
  box.addEventListener("drop", (event) => {
    event.preventDefault();
    box.classList.remove("over");
    if (dragged && dragged.from !== path) move(dragged.unit, path, dragged.from);
    dragged = null;
  });
  return box;
}

function card(unit, from, subgroup) {
  const golden = subgroup?.goldenUnit === unit.id;
  const node = el("article", { class: golden ? "card golden" : "card", draggable: "true", tabindex: "0", dataset: { unit: unit.id, from } },
    el("p", { text: unit.text.length > 220 ? `${unit.text.slice(0, 220)} …` : unit.text }),
    el("footer", { text: [unit.participants.join(", "), `${unit.transcript} ${t("uiLine").toLowerCase()} ${unit.lines}`].filter(Boolean).join(" · ") }));
  node.addEventListener("dragstart", (event) => {
    dragged = { unit: unit.id, from };
    event.dataTransfer.setData("text/plain", unit.id);
    event.dataTransfer.effectAllowed = "move";
  });
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); event.stopPropagation(); moveMenu(node, unit, from); }
  });
  return node;
}

// Moving with the keyboard: Enter on a card offers every other place; choose one and press Enter (or the
// button) to move it there.
function moveMenu(node, unit, from) {
  node.querySelector(".move-menu")?.remove();
  const places = board.columns.flatMap((col) => [col.group.path, ...col.sections.map((s) => s.subgroup.path)]).filter((p) => p !== from);
  const select = el("select", { "aria-label": t("uiMoveTo") }, places.map((p) => el("option", { value: p, text: p })));
  const go = el("button", { type: "button", text: t("uiMove"), onclick: () => move(unit.id, select.value, from) });
  const menu = el("div", { class: "move-menu" }, select, go);
  node.append(menu);
  select.focus();
  menu.addEventListener("keydown", (event) => {
    event.stopPropagation();
    if (event.key === "Escape") { menu.remove(); node.focus(); }
    if (event.key === "Enter" && event.target === select) { event.preventDefault(); move(unit.id, select.value, from); }
  });
}

async function move(unit, to, from) {
  try {
    await api("POST", "/api/stc/move", { unit, to, from });
    toast(t("uiMoved", to));
    board = await api("GET", "/api/stc/board");
    render();
  } catch (error) { toast(error.message, true); }
}

function showPanel(path) {
  const panel = $("panel");
  const section = board.columns.flatMap((c) => c.sections).find((s) => s.subgroup.path === path);
  if (!panel || !section) return;
  panel.hidden = false;
  const text = el("textarea", { id: "condensate", rows: "8" });
  text.value = section.subgroup.condensate || "";
  const golden = el("select", { id: "golden" }, el("option", { value: "", text: "—" }),
    section.units.map((u) => el("option", { value: u.id, text: u.text.length > 90 ? `${u.text.slice(0, 90)} …` : u.text })));
  golden.value = section.subgroup.goldenUnit || "";
  const save = el("button", { type: "button", class: "primary", text: t("uiSave"), onclick: async () => {
    try {
      await api("POST", "/api/stc/condense", { path, text: text.value, golden: golden.value || null });
      toast(t("uiSaved"));
      board = await api("GET", "/api/stc/board");
      render();
    } catch (error) { toast(error.message, true); }
  } });
  const close = el("button", { type: "button", text: t("uiClose"), onclick: () => { openPath = null; panel.hidden = true; } });
  panel.replaceChildren(el("h3", { text: section.subgroup.path }),
    el("label", { class: "field" }, el("span", { text: t("uiCondensate") }), text),
    el("label", { class: "field" }, el("span", { text: t("uiGoldenQuote") }), golden),
    el("div", { class: "buttons" }, close, save));
}

addRoute(/^#\/board$/, draw);
