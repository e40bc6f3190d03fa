// The event log as a readable history: who did what, when, with the records named as they are today.
import { state, $, el, t, api, toast, addRoute } from "./core.js";

const shown = ["id", "code", "into", "from", "parent", "transcript", "segment", "name", "oldName", "title", "file", "text", "pseudonym", "participant", "target", "on"];

async function draw(main) {
  const list = el("ol", { class: "history", id: "history" });
  const more = el("button", { type: "button", text: t("uiHistoryOlder") });
  main.replaceChildren(el("div", { class: "page-head" }, el("h1", { text: t("uiHistory") })), list, more);
  let before = null;
  async function load() {
    try {
      const entries = await api("GET", `/api/history?limit=50${before ? `&before=${before}` : ""}`);
      for (const entry of entries) list.append(row(entry));
      before = entries.length ? entries[entries.length - 1].id : before;
      more.hidden = entries.length < 50;
    } catch (error) { toast(error.message, true); }
  }
  more.onclick = load;
  await load();
}

function row(entry) {
  const when = new Date(entry.at).toLocaleString(state.language === "nb" ? "nb-NO" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  const label = state.labels[`ev_${entry.action}`] || entry.action;
  const details = Object.entries(entry.details)
    .filter(([key]) => shown.includes(key))
    .map(([key, value]) => el("span", { class: "detail" }, key === "id" ? null : el("span", { class: "key", text: keyLabel(key) }), value));
  const deleted = entry.deleted.filter((key) => shown.includes(key) && key !== "id");
  const gone = deleted.length ? el("span", { class: "detail gone", text: t("uiHistoryDeleted", deleted.map(keyLabel).join(", ")) }) : null;
  // Rows an undo wrote, or that are part of a change of code, say so: they are not steps of their own.
  const part = entry.details.undoes ? t("uiHistoryByUndo") : entry.details.partOf === "coding.change" ? t("uiHistoryPartOfChange") : null;
  return el("li", { class: part ? "part" : "" }, el("time", { text: when }), el("span", { class: "who", text: entry.actor }),
    el("span", { class: "what", text: label }),
    el("span", { class: "details" }, part ? el("span", { class: "part-of", text: part }) : null, details, gone));
}

function keyLabel(key) {
  const label = t(`evKey_${key}`);
  return label === `evKey_${key}` ? key : label;
}

addRoute(/^#\/history$/, draw);
