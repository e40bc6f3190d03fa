// Several coders (#/agreement): choose the coders and the unit, see percent agreement, Cohen's κ and
// Krippendorff's α per code, download the report, and settle the disagreements side by side as a
// consensus coder's codings. The owner turns blind coding on and off here.
import { state, $, el, t, api, toast, upload, addRoute } from "./core.js";

let overview = null;
let chosen = null;      // the coders compared, in the order chosen
let unit = "characters";
let merged = null;      // the last merge's report, shown until the page is left

// As the Word table writes them: −0,00 is 0,00, and a share just short of 100 % gets a second decimal.
const number = (value, digits) => {
  if (value === null || value === undefined) return "–";
  const text = value.toFixed(digits);
  return (/^-0\.0*$/.test(text) ? text.slice(1) : text).replace(".", state.language === "nb" ? "," : ".");
};
const percent = (value) => value === null || value === undefined ? "–"
  : `${number(value, value < 100 && value.toFixed(1) === "100.0" ? 2 : 1)}${state.language === "nb" ? "\u00a0%" : "%"}`;

function query(extra = {}) {
  const params = new URLSearchParams({ coders: chosen.join(","), unit, language: state.language, ...extra });
  return params.toString();
}

async function draw(main) {
  overview = await api("GET", "/api/agreement/coders");
  const names = overview.coders.map((c) => c.name).filter((name) => name !== overview.consensusCoder);
  if (!chosen || !chosen.every((name) => names.includes(name))) chosen = names.slice(0, 2);
  const head = el("div", { class: "page-head" }, el("h1", { text: t("uiAgreement") }), el("p", { class: "muted", text: t("uiAgreementIntro") }));
  const blind = blindControl();
  const merging = mergeSection(main);
  if (!overview.mayCompare) { main.replaceChildren(head, blind, el("p", { id: "agreement-closed", text: t("uiAgreementBlindClosed") }), merging); return; }
  if (names.length < 2) { main.replaceChildren(head, blind, el("p", { id: "agreement-empty", text: t("uiAgreementTooFew") }), merging); return; }
  const boxes = el("fieldset", { class: "coders" }, el("legend", { text: t("uiAgreementCoders") }),
    overview.coders.filter((c) => c.name !== overview.consensusCoder).map((c) => el("label", {},
      el("input", { type: "checkbox", value: c.name, checked: chosen.includes(c.name), onchange: (event) => {
        chosen = event.target.checked ? [...chosen, c.name] : chosen.filter((n) => n !== c.name);
      } }), ` ${t("uiAgreementCoderCount", c.name, c.codings)}`)));
  const units = el("label", {}, `${t("uiAgreementUnit")} `, el("select", { id: "agreement-unit", onchange: (event) => { unit = event.target.value; } },
    ["characters", "segments", "sentences"].map((u) => el("option", { value: u, selected: u === unit, text: t(`uiAgreementUnit_${u}`) }))));
  const compare = el("button", { type: "button", id: "agreement-compare", class: "primary", text: t("uiAgreementCompare"), onclick: () => show(main) });
  main.replaceChildren(head, blind, el("form", { class: "agreement-form", onsubmit: (event) => { event.preventDefault(); show(main); } }, boxes, units, compare),
    el("section", { id: "agreement-result" }), merging);
  if (chosen.length >= 2) await show(main);
}

function blindControl() {
  const owner = state.session.role === "owner";
  const wording = () => t(owner ? (overview.blind ? "uiAgreementBlindSwitchOn" : "uiAgreementBlindSwitchOff")
    : (overview.blind ? "uiAgreementBlindOn" : "uiAgreementBlindOff"));
  const words = el("span", { id: "agreement-blind-state", class: "muted", text: wording() });
  if (!owner) return el("p", { class: "blind muted" }, words);
  return el("p", { class: "blind" }, el("label", {}, el("input", { type: "checkbox", id: "agreement-blind", checked: overview.blind, onchange: async (event) => {
    try {
      await api("POST", "/api/agreement/blind", { on: event.target.checked });
      overview.blind = event.target.checked;
      words.textContent = wording();
    } catch (error) { event.target.checked = !event.target.checked; toast(error.message, true); }
  } }), ` ${t("uiAgreementBlind")}`), " · ", words);
}

async function show(main) {
  const result = $("agreement-result");
  if (chosen.length < 2) { toast(t("uiAgreementPickTwo"), true); return; }
  let statistics, list;
  try {
    [statistics, list] = await Promise.all([api("GET", `/api/agreement?${query()}`), api("GET", `/api/agreement/disagreements?${query()}`)]);
  } catch (error) { toast(error.message, true); return; }
  result.replaceChildren(statisticsTable(statistics), downloads(), disagreements(list, main));
}

function statisticsTable(s) {
  const two = s.coders.length === 2;
  const header = [t("uiAgreementCode"), t("uiAgreementUnits"),
    ...(two ? [t("uiAgreementBoth"), t("uiAgreementOnly", s.coders[0]), t("uiAgreementOnly", s.coders[1]), t("uiAgreementNeither")] : [t("uiAgreementAgreed")]),
    t("uiAgreementPercent"), ...(two ? [t("uiAgreementKappa")] : []), t("uiAgreementAlpha")];
  const row = (label, f, pooled) => el("tr", { class: pooled ? "pooled" : "" }, el("th", { scope: "row", text: label }),
    [f.units, ...(two ? [f.both, f.firstOnly, f.secondOnly, f.neither] : [f.agreed])].map((n) => el("td", { class: "num", text: String(n) })),
    el("td", { class: "num", text: percent(f.percent) }), two ? el("td", { class: "num", text: number(f.kappa, 2) }) : null,
    el("td", { class: "num", text: number(f.alpha, 2) }));
  return el("div", { class: "agreement-table" },
    el("table", { id: "agreement-statistics" }, el("thead", {}, el("tr", {}, header.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, s.codes.map((c) => row(c.path, c, false)), s.codes.length ? row(t("uiAgreementPooled"), s.pooled, true) : null)),
    el("ul", { class: "notes muted" }, s.notes.map((note) => el("li", { text: note }))));
}

function downloads() {
  const links = [
    ["report", t("uiAgreementDownloadReport"), `/api/exports/agreement?${query({ format: "docx" })}`],
    ["statistics", t("uiAgreementDownloadStatistics"), `/api/exports/agreement?${query({ format: "csv", tables: "statistics" })}`],
    ["disagreements", t("uiAgreementDownloadDisagreements"), `/api/exports/agreement?${query({ format: "csv", tables: "disagreements" })}`],
  ];
  return el("p", { class: "downloads" }, links.map(([id, text, href]) => el("a", { class: "button", id: `agreement-download-${id}`, href, download: "", text })));
}

function disagreements(list, main) {
  const writer = state.session.role !== "reader";
  const decided = list.items.filter((item) => item.decision).length;
  const head = el("div", { class: "section-head" }, el("h2", { text: t("uiDisagreements") }),
    el("span", { class: "muted", id: "disagreements-count", text: t("uiDisagreementsCount", list.items.length, decided, list.agreed)
      + (list.changedDecisions ? ` · ${t("uiDisagreementsChanged", list.changedDecisions)}` : "") }),
    writer && list.agreed ? el("button", { type: "button", id: "agreement-adopt-agreed", text: t("uiAgreementAdoptAgreed"), onclick: async () => {
      try {
        const done = await api("POST", "/api/agreement/agreed", { scope: { coders: chosen, unit } });
        toast(t("uiAgreementAgreedAdopted", done.added, overview.consensusCoder));
      } catch (error) { toast(error.message, true); }
    } }) : null);
  if (!list.items.length) return el("section", { id: "disagreements" }, head, el("p", { text: t("uiDisagreementsNone") }));
  return el("section", { id: "disagreements" }, head, el("ol", { class: "disagreements" }, list.items.map((item) => card(item, list.coders, writer, main))));
}

function card(item, coders, writer, main) {
  const lines = item.firstLine === item.lastLine ? `${item.firstLine}` : `${item.firstLine}–${item.lastLine}`;
  const note = el("input", { type: "text", class: "note", placeholder: t("uiDisagreementNote"), "aria-label": t("uiDisagreementNote"),
    value: item.decision?.note || "" });
  const decide = async (adopt) => {
    try {
      await api("POST", "/api/agreement/consensus", { scope: { coders: chosen, unit }, disagreements: [item.id], adopt, note: note.value });
      toast(t("uiDisagreementSaved", overview.consensusCoder));
      await show(main);
    } catch (error) { toast(error.message, true); }
  };
  const decision = item.decision ? el("p", { class: "decision", text: t("uiDisagreementDecided",
    item.decision.adopted.length ? t("uiDisagreementAdopted", item.decision.adopted.join(", ")) : t("uiDisagreementAdoptedNone"))
    + (item.decision.note ? `: ${item.decision.note}` : "") }) : null;
  return el("li", { class: item.decision ? "disagreement decided" : "disagreement", id: `disagreement-${item.id}`, dataset: { id: item.id } },
    el("header", {}, el("code", { text: item.id }), " ", el("strong", { text: item.codePath }), " · ",
      el("a", { href: `#/transcript/${item.transcript}?line=${item.firstLine}${item.lastLine !== item.firstLine ? "-" + item.lastLine : ""}`,
        text: `${item.transcriptName}, ${t("uiLine").toLowerCase()} ${lines}` }), " · ",
      el("span", { class: "kind", text: t(`uiDisagreementKind_${item.kind}`) })),
    el("div", { class: "sides" }, item.sides.map((side) => el("div", { class: "side-by-side" }, el("h3", { text: side.coder }),
      side.passages.length ? side.passages.map((p) => el("blockquote", { text: p.text })) : el("p", { class: "muted", text: t("uiDisagreementNotCoded") })))),
    decision,
    writer ? el("div", { class: "actions" }, coders.map((coder) => el("button", { type: "button", class: "adopt", dataset: { adopt: coder },
      text: t("uiDisagreementAdopt", coder), onclick: () => decide([coder]) })),
      el("button", { type: "button", class: "adopt", dataset: { adopt: "all" }, text: t("uiDisagreementAdoptAll"), onclick: () => decide(coders) }),
      el("button", { type: "button", class: "adopt", dataset: { adopt: "none" }, text: t("uiDisagreementAdoptNone"), onclick: () => decide([]) }),
      note) : null);
}

// The owner brings a coder's copy of the project file in (POST /api/merge) and sees what came in.
function mergeSection(main) {
  if (state.session.role !== "owner") return null;
  const input = el("input", { id: "merge-file", type: "file", accept: ".qualcode", hidden: true });
  const status = el("p", { id: "merge-status", class: "muted", role: "status" });
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    status.textContent = t("uiMergeWorking", file.name);
    try {
      merged = await upload("/api/merge", file, { language: state.language });
      await draw(main);
      $("merge-report")?.scrollIntoView({ block: "nearest" });
    } catch (error) { status.textContent = ""; toast(error.message, true); } finally { input.value = ""; }
  });
  return el("section", { id: "merge" }, el("h2", { text: t("uiMerge") }), el("p", { class: "muted", text: t("uiMergeIntro") }),
    el("p", {}, input, el("button", { type: "button", id: "merge-choose", text: t("uiMergeChoose"), onclick: () => input.click() })),
    status, merged ? mergeReport(merged) : null);
}

function mergeReport(report) {
  const download = (id, text, extra) => el("a", { class: "button", id: `merge-download-${id}`, download: "", text,
    href: `/api/exports/merge?${new URLSearchParams({ language: state.language, ...extra })}` });
  const changed = report.counts.filter((c) => c.new || c.matched);
  return el("div", { id: "merge-report" },
    el("p", { text: t(report.broughtInAnything ? "uiMergeDone" : "uiMergeNothing", report.other) }),
    report.backup ? el("p", { class: "muted", text: t("uiMergeBackup", report.backup) }) : null,
    report.modulesNotCarried.length ? el("p", { class: "warning", text: t("uiMergeNotCarried", report.modulesNotCarried.join(", ")) }) : null,
    changed.length ? el("table", { id: "merge-counts" },
      el("thead", {}, el("tr", {}, [t("uiMergeKind"), t("uiMergeNew"), t("uiMergeMatched")].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, changed.map((c) => el("tr", { dataset: { kind: c.kind } }, el("th", { scope: "row", text: c.name }),
        el("td", { class: "num", text: String(c.new) }), el("td", { class: "num", text: String(c.matched) }))))) : null,
    report.conflicts.length ? [el("h3", { text: t("uiMergeConflicts", report.conflicts.length) }), el("table", { id: "merge-conflicts" },
      el("thead", {}, el("tr", {}, [t("uiMergeKind"), t("uiMergeAspect"), t("uiMergeOurs"), t("uiMergeTheirs")].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, report.conflicts.map((c) => el("tr", {}, el("th", { scope: "row", text: `${c.kind}: ${c.what}` }), el("td", { text: c.aspect }),
        el("td", { text: c.ours }), el("td", { text: c.theirs + (c.cameInAs ? ` (${t("uiMergeCameInAs", c.cameInAs)})` : "") })))))]
      : el("p", { id: "merge-no-conflicts", text: t("uiMergeNoConflicts") }),
    el("p", { class: "downloads" }, download("report", t("uiMergeDownloadReport"), { format: "docx" }),
      download("counts", t("uiMergeDownloadCounts"), { format: "csv", table: "counts" }),
      download("conflicts", t("uiMergeDownloadConflicts"), { format: "csv", table: "conflicts" })));
}

addRoute(/^#\/agreement$/, draw);
