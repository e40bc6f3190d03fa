// The ethics register (#/ethics), the owner's page: its warnings, the approvals, consent per participant,
// the planned deletion dates and the log of deleted recordings, each with a small form. Each form is one
// POST that answers with the register as it now stands, so the page is drawn from that answer.
// Every value from the server goes into the page as text (el/textContent).
import { state, el, t, api, toast, addRoute } from "./core.js";

let participants = [];

async function draw(main) {
  if (state.session.role !== "owner") { main.replaceChildren(el("p", { class: "empty", text: t("uiOwnerOnly") })); return; }
  const [register, people] = await Promise.all([api("GET", "/api/ethics"), api("GET", "/api/participants")]);
  participants = people;
  render(main, register);
}

function render(main, register) {
  main.replaceChildren(
    el("div", { class: "page-head" }, el("h1", { text: t("uiEthics") }), el("p", { class: "hint", text: t("uiEthicsIntro") })),
    el("div", { class: "ethics" },
      warnings(register),
      approvals(main, register),
      consents(main, register),
      plan(main, register),
      deletions(main, register)));
}

// What is overdue or missing, as the library words it (the command line prints the same lines).
function warnings(register) {
  if (!register.warnings.length) return el("p", { class: "ethics-ok", id: "ethics-warnings", text: t("uiEthicsNoWarnings") });
  return el("div", { class: "export-notes ethics-warnings", id: "ethics-warnings", role: "alert" },
    el("p", { text: t("uiEthicsWarnings") }), el("ul", {}, register.warnings.map((w) => el("li", { text: w }))));
}

function approvals(main, register) {
  const fields = {
    body: input("text", "ethics-approval-body", { placeholder: "Sikt", maxlength: 500, required: true }),
    reference: input("text", "ethics-approval-reference", { placeholder: "123456", maxlength: 500, required: true }),
    date: input("date", "ethics-approval-date", { required: true }),
    note: input("text", "ethics-approval-note", { maxlength: 2000 }),
  };
  return section("ethics-approvals", t("uiEthicsApprovals"),
    register.approvals.length
      ? table([t("uiEthicsBody"), t("uiEthicsReference"), t("uiEthicsDate"), t("uiEthicsNote")],
        register.approvals.map((a) => [a.body, a.reference, a.date, a.note || ""]))
      : el("p", { class: "empty", text: t("uiEthicsNoApprovals") }),
    form(main, "ethics-approval-form", "/api/ethics/approvals", t("uiEthicsAddApproval"),
      [labelled(t("uiEthicsBody"), fields.body), labelled(t("uiEthicsReference"), fields.reference), labelled(t("uiEthicsDate"), fields.date),
        labelled(t("uiEthicsNote"), fields.note)],
      () => ({ body: fields.body.value, reference: fields.reference.value, date: fields.date.value, ...(fields.note.value.trim() ? { note: fields.note.value } : {}) })));
}

// Every participant with their consent, or that it is missing.
function consents(main, register) {
  const given = new Map(register.consents.map((c) => [c.participant, c]));
  const fields = {
    participant: participantSelect("ethics-consent-participant", participants.find((p) => !given.has(p.pseudonym))?.id),
    date: input("date", "ethics-consent-date", { required: true }),
    form: input("text", "ethics-consent-how", { placeholder: t("uiEthicsFormExample"), maxlength: 500, required: true }),
  };
  const rows = participants.map((p) => {
    const consent = given.get(p.pseudonym);
    return consent ? [p.pseudonym, consent.date, consent.form] : [p.pseudonym, { text: t("uiEthicsMissing"), class: "missing" }, ""];
  });
  return section("ethics-consents", t("uiEthicsConsents"),
    participants.length ? table([t("uiEthicsParticipant"), t("uiEthicsDate"), t("uiEthicsConsentForm")], rows)
      : el("p", { class: "empty", text: t("uiEthicsNoParticipants") }),
    participants.length ? form(main, "ethics-consent-form", "/api/ethics/consents", t("uiEthicsRecordConsent"),
      [labelled(t("uiEthicsParticipant"), fields.participant), labelled(t("uiEthicsDate"), fields.date), labelled(t("uiEthicsConsentForm"), fields.form)],
      () => ({ participant: fields.participant.value, date: fields.date.value, form: fields.form.value })) : null);
}

function plan(main, register) {
  const audio = input("date", "ethics-plan-audio", { value: register.deleteAudioBy || "" });
  const data = input("date", "ethics-plan-data", { value: register.deleteDataBy || "" });
  return section("ethics-plan", t("uiEthicsPlan"),
    el("p", { class: "meta", id: "ethics-plan-now", text: [
      `${t("uiEthicsAudioBy")}: ${register.deleteAudioBy || t("uiEthicsNotPlanned")}`,
      `${t("uiEthicsDataBy")}: ${register.deleteDataBy || t("uiEthicsNotPlanned")}`].join(" · ") }),
    form(main, "ethics-plan-form", "/api/ethics/plan", t("uiEthicsSavePlan"),
      [labelled(t("uiEthicsAudioBy"), audio), labelled(t("uiEthicsDataBy"), data)],
      () => ({ ...(audio.value ? { audioBy: audio.value } : {}), ...(data.value ? { dataBy: data.value } : {}) })));
}

function deletions(main, register) {
  const fields = {
    participant: participantSelect("ethics-deletion-participant"),
    date: input("date", "ethics-deletion-date", { required: true }),
    method: input("text", "ethics-deletion-method", { placeholder: t("uiEthicsMethodExample"), maxlength: 500 }),
  };
  return section("ethics-deletions", t("uiEthicsDeletions"),
    register.audioDeletions.length
      ? table([t("uiEthicsParticipant"), t("uiEthicsDate"), t("uiEthicsMethod"), t("uiEthicsRecordedBy")],
        register.audioDeletions.map((d) => [d.participant || t("uiEthicsWithdrawn"), d.date, d.method || "", d.recordedBy]))
      : el("p", { class: "empty", text: t("uiEthicsNoDeletions") }),
    participants.length ? form(main, "ethics-deletion-form", "/api/ethics/audio-deletions", t("uiEthicsLogDeletion"),
      [labelled(t("uiEthicsParticipant"), fields.participant), labelled(t("uiEthicsDate"), fields.date), labelled(t("uiEthicsMethod"), fields.method)],
      () => ({ participant: fields.participant.value, date: fields.date.value, ...(fields.method.value.trim() ? { method: fields.method.value } : {}) })) : null);
}

// ---------------------------------------------------------------- parts
function section(id, title, ...children) {
  return el("section", { class: "ethics-section", id }, el("h2", { text: title }), ...children);
}

// A form that posts `body()` to `path` and draws the page from the register it answers with; a refusal
// is the server's one line under the form, and what was typed stays.
function form(main, id, path, submit, fields, body) {
  const error = el("p", { class: "form-error", role: "alert" });
  const button = el("button", { type: "submit", class: "primary", text: submit });
  const node = el("form", { class: "inline-form ethics-form", id }, ...fields, button, error);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    error.textContent = "";
    try {
      const register = await api("POST", path, body());
      toast(t("uiEthicsSaved"));
      render(main, register);
    } catch (failure) {
      error.textContent = failure.message;
      button.disabled = false;
    }
  });
  return node;
}

function input(type, id, props = {}) {
  return el("input", { type, id, autocomplete: "off", ...props });
}

function labelled(text, control) {
  return el("label", { class: "field" }, el("span", { text }), control);
}

function participantSelect(id, chosen) {
  const select = el("select", { id, required: true }, participants.map((p) => el("option", { value: p.id, text: p.pseudonym })));
  if (chosen) select.value = chosen;
  return select;
}

// A table of text cells; a cell may be { text, class }.
function table(headers, rows) {
  return el("div", { class: "table-scroll" }, el("table", { class: "codes-table ethics-table" },
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { text: h })))),
    el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell) =>
      typeof cell === "object" ? el("td", { class: cell.class, text: cell.text }) : el("td", { text: cell })))))));
}

addRoute(/^#\/ethics$/, draw);
