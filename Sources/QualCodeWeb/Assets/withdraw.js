// Withdrawing a participant (#/withdraw), the owner's page: choose the participant, see what would go
// (transcripts removed whole, focus groups where their turns give way to «[trukket]», what hangs on them,
// quote exports already made), type the pseudonym to confirm, and read the report. It cannot be undone,
// so the button stays off until the pseudonym is typed exactly, and the server checks it again.
// Every value from the server goes into the page as text (el/textContent).
import { state, $, el, t, api, toast, addRoute } from "./core.js";

async function draw(main, match) {
  if (state.session.role !== "owner") { main.replaceChildren(el("p", { class: "empty", text: t("uiOwnerOnly") })); return; }
  const participants = await api("GET", "/api/participants");
  const chosen = participants.find((p) => p.id === match[1]);
  const select = el("select", { id: "withdraw-participant", onchange: (event) => {
    // The address names the participant, so a reload shows the same preview.
    location.hash = event.target.value ? `#/withdraw/${event.target.value}` : "#/withdraw";
  } }, el("option", { value: "", text: t("uiWithdrawChoose") }), participants.map((p) => el("option", { value: p.id, text: p.pseudonym })));
  select.value = chosen?.id || "";
  main.replaceChildren(
    el("div", { class: "page-head" }, el("h1", { text: t("uiWithdraw") }), el("p", { class: "hint", text: t("uiWithdrawIntro") })),
    el("div", { class: "withdraw" },
      el("label", { class: "field withdraw-choose" }, el("span", { text: t("uiWithdrawWho") }), select),
      el("section", { id: "withdraw-preview", "aria-live": "polite" })));
  if (!participants.length) $("withdraw-preview").replaceChildren(el("p", { class: "empty", text: t("uiEthicsNoParticipants") }));
  if (chosen) await preview(chosen);
}

async function preview(participant) {
  const box = $("withdraw-preview");
  let report;
  try {
    report = await api("GET", `/api/participants/${participant.id}/withdrawal`);
  } catch (error) { box.replaceChildren(el("p", { class: "error-line", text: error.message })); return; }
  const confirmField = el("input", { type: "text", id: "withdraw-confirm", autocomplete: "off", spellcheck: "false" });
  const button = el("button", { type: "submit", class: "danger", id: "withdraw-submit", disabled: true, text: t("uiWithdrawButton", participant.pseudonym) });
  const error = el("p", { class: "form-error", id: "withdraw-error", role: "alert" });
  confirmField.addEventListener("input", () => { button.disabled = confirmField.value.trim() !== participant.pseudonym; });
  const form = el("form", { class: "withdraw-confirm" },
    el("label", { class: "field" }, el("span", { text: t("uiWithdrawTypeName", participant.pseudonym) }), confirmField),
    el("div", { class: "buttons start" }, button), error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    error.textContent = "";
    try {
      const done = await api("POST", `/api/participants/${participant.id}/withdraw`, { confirm: confirmField.value });
      toast(t("uiWithdrawDone", done.report.participant));
      box.replaceChildren(outcome(done));
      // The participant and their transcripts are gone from the lists.
      const select = $("withdraw-participant");
      select.querySelector(`option[value="${participant.id}"]`)?.remove();
      select.value = "";
      history.replaceState(null, "", "#/withdraw");
      window.dispatchEvent(new CustomEvent("qualcode:transcripts"));
    } catch (failure) {
      error.textContent = failure.message;
      button.disabled = false;
    }
  });
  box.replaceChildren(el("div", { class: "delete-preview withdraw-report", id: "withdraw-what" },
    el("h2", { text: t("uiWithdrawWhat", report.participant) }),
    facts(report, false)), form);
  confirmField.focus();
}

// The report's parts as a list: the same for the preview and what was done.
function facts(report, done) {
  const list = el("ul", { class: "withdraw-facts" });
  const add = (id, text) => list.append(el("li", { id, text }));
  add("withdraw-transcripts", report.transcripts.length
    ? t(done ? "uiWithdrawTranscriptsRemoved" : "uiWithdrawTranscripts", report.transcripts.join(", ")) : t("uiWithdrawNoTranscripts"));
  if (report.focusGroups.length) add("withdraw-focus", t(done ? "uiWithdrawFocusGroupsDone" : "uiWithdrawFocusGroups", report.focusGroups.join(", "), report.turnsWithdrawn));
  const hanging = dependents(report.dependents);
  add("withdraw-dependents", hanging ? t(done ? "uiWithdrawDependentsDone" : "uiWithdrawDependents", hanging) : t("uiWithdrawNoDependents"));
  // Condensates written from their units: the researcher reads them again.
  const reread = [...new Set(report.dependents.flatMap((d) => d.names || []))];
  if (reread.length) add("withdraw-reread", t("uiWithdrawReread", reread.join(", ")));
  if (report.exportsMade.length) {
    list.append(el("li", { id: "withdraw-exports", class: "warning" }, t("uiWithdrawExports"),
      el("ul", {}, report.exportsMade.map((file) => el("li", {}, el("code", { text: file }))))));
  } else add("withdraw-exports", t("uiWithdrawNoExports"));
  return list;
}

function outcome(done) {
  const report = done.report;
  const list = facts(report, true);
  list.append(el("li", { text: t("uiWithdrawEvents", report.eventsScrubbed) }));
  if (report.backupsRemoved.length) list.append(el("li", { text: t("uiWithdrawBackups", report.backupsRemoved.join(", ")) }));
  if (done.keyError) list.append(el("li", { class: "warning", id: "withdraw-key-error", text: t("uiWithdrawKeyFailed", done.keyError) }));
  else list.append(el("li", { text: t(done.removedFromKey ? "uiWithdrawKeyRemoved" : "uiWithdrawKeyNone") }));
  return el("div", { class: "withdraw-report done", id: "withdraw-outcome", role: "status" },
    el("h2", { text: t("uiWithdrawDoneHeading", report.participant) }), list);
}

// «3 segmenter, 4 kodinger» in the page's language; a kind a method module adds has no label of ours, so
// the library's own words name it.
function dependents(list) {
  return list.filter((d) => d.count > 0).map((d) => {
    const key = `uiDependent_${d.kind.id}`;
    return state.labels[key] ? t(key, d.count) : `${d.count} ${d.count === 1 ? d.kind.singular : d.kind.plural}`;
  }).join(", ");
}

addRoute(/^#\/withdraw(?:\/([0-9a-fA-F-]{36}))?$/, draw);
