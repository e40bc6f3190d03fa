// Downloads of every export (#/exports, #/exports/{kind}), the work map's figure and tables among them: a
// form per export with the command line's options as controls. Download asks for the file — the quote export, which records the quotes' uses, by
// POST with the CSRF token; the others by GET — and saves what the server sends (fetch → Blob → object
// URL → <a download>); a refusal shows the server's one line, and its remedy as a button.
// «Trygg eksport» above the forms asks every export to be a safe one (safe=true): the server refuses it,
// naming the findings, while the text it would write holds one neither replaced nor dismissed.
// Every value from the server goes into the page as text (el/textContent), colours through the CSSOM.
import { state, el, t, api, toast, colorOf, addRoute } from "./core.js";

const documents = ["docx", "wordxml", "html"];
const every = [...documents, "csv"];

// What each form offers, in the command line's terms: where it posts, its formats, and its fields.
const kinds = [
  { id: "quotes", group: "uiExportGroupQuotes", title: "uiExportQuotes", about: "uiExportQuotesAbout", path: "/api/exports/quotes",
    formats: every, records: true, fields: ["codes", "withChildren", "style", "label", "leadIn", "blockWords", "groupBy", "withQuestion",
      "cleanFillers", "namesInSummary", "strict"] },
  { id: "codebook", group: "uiExportGroupTables", title: "uiExportCodebook", about: "uiExportCodebookAbout", path: "/api/exports/codebook",
    formats: every, fields: ["caption", "landscape"] },
  { id: "participants", group: "uiExportGroupTables", title: "uiExportParticipants", about: "uiExportParticipantsAbout",
    path: "/api/exports/participants", formats: every, fields: ["attributes", "caption", "landscape"] },
  { id: "matrix", group: "uiExportGroupTables", title: "uiExportMatrix", about: "uiExportMatrixAbout", path: "/api/exports/matrix",
    formats: every, fields: ["columns", "count", "percent", "minCell", "percentMinN", "codes", "withChildren", "caption", "landscape"] },
  { id: "codings", group: "uiExportGroupTables", title: "uiExportCodings", about: "uiExportCodingsAbout", path: "/api/exports/codings",
    formats: every, format: "csv", fields: ["codes", "withChildren", "attributes", "caption", "landscape"] },
  { id: "wide", group: "uiExportGroupTables", title: "uiExportWide", about: "uiExportWideAbout", path: "/api/exports/wide",
    formats: every, format: "csv", fields: ["values", "codes", "withChildren", "attributes", "caption", "landscape"] },
  { id: "stc-tables", group: "uiExportGroupAnalysis", title: "uiExportStcTables", about: "uiExportStcTablesAbout",
    path: "/api/exports/stc/tables", formats: documents, fields: ["snapshot", "withUnits", "landscape", "style"] },
  { id: "stc-chapter", group: "uiExportGroupAnalysis", title: "uiExportStcChapter", about: "uiExportStcChapterAbout",
    path: "/api/exports/stc/chapter", formats: documents, fields: ["snapshot", "style", "label", "leadIn", "blockWords", "namesInSummary"] },
  { id: "stc-csv", group: "uiExportGroupAnalysis", title: "uiExportStcCsv", about: "uiExportStcCsvAbout", path: "/api/exports/stc/csv",
    formats: ["csv"], fields: ["snapshot"] },
  { id: "map-figure", group: "uiExportGroupMap", title: "uiExportMapFigure", about: "uiExportMapFigureAbout", path: "/api/exports/map/figure",
    formats: documents, fields: ["lanes"] },
  // The drawing alone, as the map page's links give it; the server names the file.
  { id: "map-drawing", group: "uiExportGroupMap", title: "uiExportMapDrawing", about: "uiExportMapDrawingAbout",
    path: (body) => `/api/map/${body.format}`, formats: ["svg", "png", "dot"], fields: ["lanes"], fixedName: true },
  { id: "map-tables", group: "uiExportGroupMap", title: "uiExportMapTables", about: "uiExportMapTablesAbout", path: "/api/exports/map/tables",
    formats: every, fields: ["tables", "style"] },
  { id: "refi-project", group: "uiExportGroupRefi", title: "uiExportRefiProject", about: "uiExportRefiProjectAbout",
    path: "/api/exports/refi/project", formats: ["qdpx"], fields: [] },
  { id: "refi-codebook", group: "uiExportGroupRefi", title: "uiExportRefiCodebook", about: "uiExportRefiCodebookAbout",
    path: "/api/exports/refi/codebook", formats: ["qdc"], fields: [] },
];

// The work map's tables, as the route names them.
const mapTables = [["steps", "uiMapTable_steps"], ["texts", "uiMapTable_texts"], ["disjunctures", "uiMapTable_disjunctures"],
  ["quotes", "uiMapTable_quotes"], ["informants", "uiMapTable_informants"]];

// The stem of each export's usual file name, as the server names it when the field is left empty.
const stems = { quotes: "fileQuotes", codebook: "fileCodebook", participants: "fileParticipants", matrix: "fileMatrix", codings: "fileCodings",
  wide: "fileWide", "stc-tables": "fileAnalysisTables", "stc-chapter": "fileAnalysisChapter", "stc-csv": "fileAnalysisCSV",
  "map-figure": "fileMapFigure", "map-drawing": "fileWorkMap", "map-tables": "fileMapTables", "refi-project": "fileRefiProject", "refi-codebook": "fileRefiCodebook" };

const canWrite = () => state.session?.role && state.session.role !== "reader";

// Kept while the browser tab is open, whichever export is chosen.
let safe = sessionStorage.getItem("qualcode.safeExport") === "true";

// ---------------------------------------------------------------- the page
async function draw(main, match) {
  const kind = kinds.find((k) => k.id === match[1]) || kinds[0];
  const [codes, participants, snapshots] = await Promise.all([
    api("GET", "/api/codes"), api("GET", "/api/participants"), api("GET", "/api/stc/snapshots")]);
  state.codes = codes;
  const attributes = [...new Set(participants.flatMap((p) => Object.keys(p.attributes)))].sort((a, b) => a.localeCompare(b, "nb"));
  const tabs = el("nav", { class: "export-kinds", "aria-label": t("uiExports") });
  for (const group of [...new Set(kinds.map((k) => k.group))]) {
    const members = kinds.filter((k) => k.group === group);
    // A group of one needs no name of its own: its one tab says it.
    tabs.append(el("div", { class: "export-group" }, members.length > 1 ? el("span", { class: "export-group-name", text: t(group) }) : null,
      members.map((k) => el("a", { href: `#/exports/${k.id}`, id: `export-tab-${k.id}`, "aria-current": k === kind ? "page" : null, text: t(k.title) }))));
  }
  const safeBox = el("label", { class: "check safe-export", title: t("uiExportSafeAbout") },
    el("input", { type: "checkbox", id: "export-safe", checked: safe, onchange: (event) => {
      safe = event.target.checked;
      sessionStorage.setItem("qualcode.safeExport", String(safe));
    } }),
    el("span", { text: t("uiExportSafe") }), el("span", { class: "hint", text: t("uiExportSafeAbout") }));
  main.replaceChildren(
    el("div", { class: "page-head" }, el("h1", { text: t("uiExports") }), el("p", { class: "hint", text: t("uiExportsIntro") }), safeBox, tabs),
    exportForm(kind, { attributes, snapshots }));
}

function exportForm(kind, project) {
  const controls = {};
  const has = (field) => kind.fields.includes(field);
  const form = el("form", { class: "export-form", id: `export-${kind.id}`, dataset: { kind: kind.id } });
  const what = [], look = [];
  if (has("codes")) what.push(controls.codes = codePicker(kind.id === "quotes"));
  if (has("withChildren")) what.push(controls.withChildren = checkbox("withChildren", t("uiIncludeChildren")));
  if (has("columns")) {
    what.push(controls.columns = select("columns", t("uiExportColumns"),
      [["", t("uiExportColumnsChoose")], ["participant", t("uiExportByParticipants")], ...project.attributes.map((a) => [`attr:${a}`, t("uiExportByAttribute", a)])]));
    controls.columns.input.required = true;
  }
  if (has("count")) what.push(controls.count = select("count", t("uiExportCount"), [["participants", t("uiCount_participants")], ["segments", t("uiCount_segments")]]));
  if (has("percent")) what.push(controls.percent = select("percent", t("uiExportPercent"),
    [["", t("uiPercent_none")], ["row", t("uiPercent_row")], ["column", t("uiPercent_column")]]));
  if (has("minCell")) what.push(controls.minCell = number("minCell", t("uiExportMinCell"), 1));
  if (has("percentMinN")) what.push(controls.percentMinN = number("percentMinN", t("uiExportPercentMinN"), 5));
  if (has("values")) what.push(controls.values = select("values", t("uiExportValues"), [["presence", t("uiValues_presence")], ["counts", t("uiValues_counts")]]));
  if (has("attributes")) what.push(controls.attributes = attributePicker(project.attributes));
  if (has("snapshot")) what.push(controls.snapshot = select("snapshot", t("uiExportSnapshot"),
    [["", t("uiExportSnapshotNow")], ...project.snapshots.map((s) => [s.label, t("uiExportSnapshotStep", s.label, s.step)])]));
  if (has("tables")) what.push(controls.tables = tablePicker());
  if (has("withUnits")) what.push(controls.withUnits = checkbox("withUnits", t("uiExportWithUnits")));
  if (has("groupBy")) what.push(controls.groupBy = select("groupBy", t("uiExportGroupBy"),
    [["code", t("uiBy_code")], ["participant", t("uiBy_participant")], ...project.attributes.map((a) => [`attr:${a}`, t("uiExportByAttribute", a)])]));
  if (has("withQuestion")) what.push(controls.withQuestion = checkbox("withQuestion", t("uiExportWithQuestion")));
  if (has("cleanFillers")) what.push(controls.cleanFillers = checkbox("cleanFillers", t("uiExportCleanFillers")));

  if (has("lanes")) look.push(controls.lanes = checkbox("lanes", t("uiMapLanes")));
  if (has("style")) look.push(controls.style = select("style", t("uiExportStyle"), [["thesis", t("uiStyle_thesis")], ["report", t("uiStyle_report")]]));
  if (has("label")) {
    look.push(controls.label = text("label", t("uiExportLabel"), "({pseudonym})"));
    look.push(controls.noLabel = checkbox("noLabel", t("uiExportNoLabel")));
    controls.noLabel.input.addEventListener("change", () => { controls.label.input.disabled = controls.noLabel.input.checked; });
  }
  if (has("leadIn")) look.push(controls.leadIn = text("leadIn", t("uiExportLeadIn"), t("uiExportLeadInExample")));
  if (has("blockWords")) look.push(controls.blockWords = number("blockWords", t("uiExportBlockWords"), 40));
  if (has("namesInSummary")) look.push(controls.namesInSummary = checkbox("namesInSummary", t("uiExportNamesInSummary")));
  if (has("strict")) look.push(controls.strict = checkbox("strict", t("uiExportStrict")));
  if (has("caption")) look.push(controls.caption = text("caption", t("uiExportCaption"), ""));
  if (has("landscape")) look.push(controls.landscape = checkbox("landscape", t("uiExportLandscape")));
  if (controls.style && controls.label) {
    controls.style.input.addEventListener("change", () => { controls.label.input.placeholder = controls.style.input.value === "report" ? "({label})" : "({pseudonym})"; });
  }

  // Where the file goes: its format, language, CSV separator and name.
  controls.format = select("format", t("uiExportFormat"), kind.formats.map((f) => [f, t(`uiFormat_${f}`)]));
  controls.format.input.value = kind.format || kind.formats[0];
  controls.language = select("language", t("uiExportLanguage"), [["nb", t("uiLanguage_nb")], ["en", t("uiLanguage_en")]]);
  controls.language.input.value = state.language;
  controls.delimiter = select("delimiter", t("uiExportDelimiter"), [[",", t("uiDelimiter_comma")], [";", t("uiDelimiter_semicolon")], ["\t", t("uiDelimiter_tab")]]);
  controls.name = text("name", t("uiExportName"), t(stems[kind.id]));
  controls.name.input.maxLength = 120;
  const file = [controls.format, controls.language, controls.delimiter, ...(kind.fixedName ? [] : [controls.name])];
  const nodes = (controls) => controls.map((control) => control.node);
  const whatSet = what.length ? el("fieldset", {}, el("legend", { text: t("uiExportWhat") }), nodes(what)) : null;
  const lookSet = look.length ? el("fieldset", {}, el("legend", { text: t("uiExportLook") }), nodes(look)) : null;
  // A CSV has no page, caption or landscape (a layout box left empty goes too); only a CSV has a separator.
  const showFormatFields = () => {
    const csv = controls.format.input.value === "csv";
    controls.delimiter.hidden = !csv;
    for (const field of [controls.caption, controls.landscape]) if (field) field.hidden = csv;
    if (lookSet) lookSet.hidden = look.every((field) => field.hidden);
  };
  controls.format.input.addEventListener("change", showFormatFields);
  showFormatFields();

  const button = el("button", { type: "submit", class: "primary", id: "export-download", text: t("uiExportDownload") });
  const status = el("span", { class: "hint export-status", role: "status" });
  const outcome = el("div", { class: "export-outcome", id: "export-outcome", "aria-live": "polite" });
  const readerOnly = kind.records && !canWrite();
  if (readerOnly) button.disabled = true;
  // append() would write a null as the text «null»; el() skips them, so the parts go through it.
  form.append(...el("div", {},
    el("header", { class: "export-head" }, el("h2", { text: t(kind.title) }), el("p", { class: "about", text: t(kind.about) })),
    el("div", { class: "export-columns" }, whatSet, lookSet,
      // The file's fields, the button and what came of it stay together, in view beside the options.
      el("div", { class: "export-side" },
        el("fieldset", {}, el("legend", { text: t("uiExportFile") }), nodes(file)),
        readerOnly ? el("p", { class: "hint", text: t("uiExportReaderQuotes") }) : null,
        el("div", { class: "export-actions" }, button, status),
        outcome))).childNodes);

  const submit = async () => {
    button.disabled = true;
    status.textContent = t("uiExportWorking");
    outcome.replaceChildren();
    try {
      const saved = await download(kind, choices(controls));
      toast(t("uiExportSaved", saved.name));
      outcome.replaceChildren(...notes(saved, controls, submit));
    } catch (error) {
      if (error.status === undefined) { toast(error.message, true); return; }
      outcome.replaceChildren(refusal(error, controls, submit));
    } finally {
      button.disabled = readerOnly;
      status.textContent = "";
    }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); submit(); });
  return form;
}

// The form's choices as the route reads them: only what was chosen, so the rest is the command line's default.
function choices(controls) {
  const body = {};
  const value = (name) => controls[name]?.input.value;
  for (const name of ["format", "language", "columns", "count", "values", "style", "groupBy", "snapshot"]) {
    if (controls[name] && value(name) !== "") body[name] = value(name);
  }
  if (controls.format && value("format") === "csv") body.delimiter = value("delimiter");
  if (controls.percent && value("percent")) body.percent = value("percent");
  for (const name of ["name", "caption", "leadIn"]) if (controls[name] && value(name).trim()) body[name] = value(name).trim();
  if (controls.label) {
    if (controls.noLabel.input.checked) body.label = "";
    else if (value("label").trim()) body.label = value("label").trim();
  }
  for (const name of ["minCell", "percentMinN", "blockWords"]) if (controls[name] && value(name) !== "") body[name] = Number(value(name));
  for (const name of ["withChildren", "withUnits", "withQuestion", "cleanFillers", "namesInSummary", "strict", "landscape", "lanes"]) {
    if (controls[name] && controls[name].input.checked && !controls[name].hidden) body[name] = true;
  }
  if (controls.codes) body.codes = controls.codes.chosen();
  if (controls.attributes) body.attributes = controls.attributes.chosen();
  if (controls.tables) body.tables = controls.tables.chosen();
  if (safe) body.safe = true;
  return body;
}

// ---------------------------------------------------------------- the download
// Asks for the file and saves what comes back under the name the server gives; a refusal throws the
// server's message with its status and remedy, as api() does. A list is sent as the name repeated.
async function download(kind, body) {
  let response;
  if (kind.records) {
    response = await fetch(kind.path, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": state.session.csrfToken },
    });
  } else {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) for (const one of [value].flat()) query.append(name, String(one));
    const path = typeof kind.path === "function" ? kind.path(body) : kind.path;
    response = await fetch(`${path}?${query}`, { credentials: "same-origin" });
  }
  if (response.status === 401) location.assign("/login");
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    const error = new Error(data?.error || `${response.status}`);
    error.status = response.status;
    error.remedy = data?.remedy;
    throw error;
  }
  const name = fileName(response.headers.get("Content-Disposition")) || "export";
  const url = URL.createObjectURL(await response.blob());
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the URL is let go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  const warnings = response.headers.get("X-QualCode-Warnings");
  const tooWide = response.headers.get("X-QualCode-Too-Wide");
  return { name, warnings: warnings ? JSON.parse(decodeURIComponent(warnings)) : [], tooWide: tooWide ? tooWide.split(",") : [] };
}

// The UTF-8 name (filename*) when the server gives one, else the plain one.
function fileName(header) {
  const encoded = header?.match(/filename\*=UTF-8''([^;]+)/i);
  if (encoded) { try { return decodeURIComponent(encoded[1]); } catch { /* fall through to the plain name */ } }
  return header?.match(/filename="([^"]*)"/i)?.[1] || null;
}

// What the export found: the quote checks' warnings, tables too wide for the page (with landscape as a button).
function notes(saved, controls, again) {
  const shown = [];
  if (saved.warnings.length) {
    shown.push(el("div", { class: "export-notes", role: "alert" }, el("p", { text: t("uiExportWarnings") }),
      el("ul", {}, saved.warnings.map((w) => el("li", { text: w })))));
  }
  if (saved.tooWide.length) {
    const retry = controls.landscape && !controls.landscape.input.checked
      ? el("button", { type: "button", text: t("uiExportUseLandscape"), onclick: () => { controls.landscape.input.checked = true; again(); } }) : null;
    shown.push(el("div", { class: "export-notes" }, el("p", { text: t("uiExportTooWide", saved.tooWide.join(", ")) }), retry));
  }
  return shown;
}

// A refusal: the server's one line, and its remedy as a button that applies it and downloads again.
function refusal(error, controls, again) {
  const box = el("div", { class: "export-error", role: "alert" }, el("p", { class: "error-line", text: error.message }));
  if (error.remedy === "includeChildren" && controls.withChildren) {
    box.append(el("button", { type: "button", class: "primary", id: "export-remedy", text: t("uiRemedy_includeChildren"),
      onclick: () => { controls.withChildren.input.checked = true; again(); } }));
  }
  return box;
}

// ---------------------------------------------------------------- controls
// Each control is a labelled field: { node, input, hidden } where hiding hides the whole field.
function field(label, input, inline = false) {
  const node = el("label", { class: inline ? "check" : "field" }, inline ? [input, el("span", { text: label })] : [el("span", { text: label }), input]);
  return wrap(node, input);
}

function wrap(node, input, extra = {}) {
  const control = { node, input, ...extra };
  Object.defineProperty(control, "hidden", { get: () => node.hidden, set: (value) => { node.hidden = value; } });
  return control;
}

function checkbox(name, label) { return field(label, el("input", { type: "checkbox", name }), true); }
function text(name, label, placeholder) { return field(label, el("input", { type: "text", name, placeholder, autocomplete: "off", spellcheck: "false" })); }
function number(name, label, placeholder) { return field(label, el("input", { type: "number", name, min: 1, step: 1, placeholder, inputmode: "numeric" })); }
function select(name, label, options) {
  return field(label, el("select", { name }, options.map(([value, shown]) => el("option", { value, text: shown }))));
}

// The codes as a filterable list of checkboxes in tree order; what is sent is each chosen code's path.
function codePicker(required) {
  const filter = el("input", { type: "search", class: "picker-filter", placeholder: t("uiExportCodesFilter"), "aria-label": t("uiExportCodesFilter"), autocomplete: "off" });
  const count = el("span", { class: "picker-count" });
  const list = el("ul", { class: "code-picker", id: "export-codes", role: "group", "aria-label": t("uiCodes") }, state.codes.map((code) => {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colorOf(code.id);
    const item = el("li", { dataset: { path: code.path }, title: code.path },
      el("label", {}, el("input", { type: "checkbox", value: code.path }), swatch, el("span", { text: code.name }),
        el("span", { class: "n", text: code.segmentsWithChildren !== code.segments ? `${code.segments} / ${code.segmentsWithChildren}` : `${code.segments}` })));
    item.style.paddingLeft = `${6 + code.depth * 16}px`;
    return item;
  }));
  const chosen = () => [...list.querySelectorAll("input:checked")].map((box) => box.value);
  const update = () => { const n = chosen().length; count.textContent = n ? t("uiExportCodesChosen", n) : (required ? "" : t("uiExportCodesAll")); };
  list.addEventListener("change", update);
  filter.addEventListener("input", () => {
    const wanted = filter.value.trim().toLocaleLowerCase();
    for (const item of list.children) item.hidden = wanted !== "" && !item.dataset.path.toLocaleLowerCase().includes(wanted);
  });
  update();
  const node = el("div", { class: "field" }, el("span", { class: "picker-head" }, el("span", { text: t("uiCodes") }), count),
    state.codes.length ? [filter, list] : el("p", { class: "empty", text: t("uiNoCodes") }));
  return wrap(node, filter, { chosen });
}

// The work map's five tables as checkboxes; none chosen sends none, which is all of them (a CSV takes one).
function tablePicker() {
  const boxes = mapTables.map(([value, label]) => el("label", { class: "check" }, el("input", { type: "checkbox", value, name: "tables" }), el("span", { text: t(label) })));
  const node = el("div", { class: "field", id: "export-tables" }, el("span", { text: t("uiExportMapTablesChoose") }),
    el("div", { class: "attribute-picker" }, boxes), el("p", { class: "hint", text: t("uiExportMapTablesAll") }));
  return wrap(node, null, { chosen: () => boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value) });
}

// The attribute columns as checkboxes; none chosen sends none, which is every attribute.
function attributePicker(attributes) {
  const boxes = attributes.map((name) => el("label", { class: "check" }, el("input", { type: "checkbox", value: name, name: "attribute" }), el("span", { text: name })));
  const node = el("div", { class: "field" }, el("span", { text: t("uiExportAttributes") }),
    attributes.length ? el("div", { class: "attribute-picker" }, boxes) : el("p", { class: "empty", text: t("uiExportNoAttributes") }),
    attributes.length ? el("p", { class: "hint", text: t("uiExportAttributesAll") }) : null);
  return wrap(node, null, { chosen: () => boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value) });
}

addRoute(/^#\/exports(?:\/([a-z-]+))?$/, draw);
