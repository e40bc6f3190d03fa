// The participants page (#/participants): each participant with their attribute values, the transcripts
// they are linked to and the segments they said (the command line's `participant list`); add, rename,
// change the label and values, delete with what it takes shown first; attributes defined with a type and
// a display name. The library checks everything (names, types, duplicates); its refusals are shown as
// they come. Every value from the server goes into the page as text.
import { state, el, t, api, toast, addRoute, openAction, buttons, busy, runAction } from "./core.js";

const locale = () => (state.language === "nb" ? "nb-NO" : "en-GB");
const number = (n) => Number(n).toLocaleString(locale());
const canWrite = () => state.session?.role && state.session.role !== "reader";
const present = (...nodes) => nodes.filter((node) => node !== null && node !== undefined);

// What the lists show now, as the server sent it: a live change that leaves it as it is redraws nothing.
let shown = "";

async function load() {
  const [participants, attributes] = await Promise.all([api("GET", "/api/participants"), api("GET", "/api/attributes")]);
  return { participants, attributes };
}

async function draw(main) {
  const body = el("div", { id: "participants-body" });
  main.replaceChildren(...present(
    el("div", { class: "page-head" }, el("h1", { text: t("uiParticipants") }), canWrite() ? addForm() : null),
    body));
  await redraw();
}

async function redraw() {
  const body = document.getElementById("participants-body");
  if (!body) return;
  const data = await load();
  shown = JSON.stringify(data);
  render(body, data);
}

function render(body, { participants, attributes }) {
  body.replaceChildren(...present(
    participants.length ? table(participants, attributes) : el("p", { class: "empty", text: t("uiNoParticipants") }),
    attributeSection(attributes)));
}

// ---------------------------------------------------------------- participants
function addForm() {
  const pseudonym = el("input", { id: "new-participant", type: "text", required: true, maxlength: 200, autocomplete: "off",
    placeholder: t("uiPseudonym"), "aria-label": t("uiPseudonym"), title: t("uiPseudonymHint") });
  const label = el("input", { id: "new-participant-label", type: "text", maxlength: 200, autocomplete: "off",
    placeholder: t("uiParticipantLabel"), "aria-label": t("uiParticipantLabel") });
  const form = el("form", { class: "inline-form", id: "new-participant-form" },
    el("strong", { text: t("uiNewParticipant") }), pseudonym, label,
    el("button", { type: "submit", class: "primary", text: t("uiAddParticipant") }),
    el("span", { class: "hint", text: t("uiPseudonymHint") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { pseudonym: pseudonym.value };
    if (label.value.trim()) body.label = label.value;
    try {
      const added = await api("POST", "/api/participants", body);
      toast(t("uiParticipantAdded", added.pseudonym));
      pseudonym.value = "";
      label.value = "";
      await redraw();
    } catch (error) { toast(error.message, true); }
    pseudonym.focus();
  });
  return form;
}

function attributeHeading(attribute) {
  return el("th", { scope: "col", title: `${attribute.name} · ${t(`uiType_${attribute.type}`)}` },
    attribute.label || attribute.name, el("span", { class: "type", text: t(`uiType_${attribute.type}`) }));
}

function table(participants, attributes) {
  return el("div", { class: "table-scroll" }, el("table", { class: "codes-table participants-table", id: "participants" },
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: t("uiPseudonym") }),
      el("th", { scope: "col", text: t("uiParticipantLabelShort") }),
      attributes.map(attributeHeading),
      el("th", { scope: "col", text: t("uiTranscripts") }),
      el("th", { scope: "col", class: "n", text: t("uiSegments") }),
      canWrite() ? el("th", { scope: "col", text: t("uiActions") }) : null)),
    el("tbody", { id: "participant-rows" }, participants.map((p) => participantRow(p, attributes)))));
}

// A stored value as a reader reads it: yes/no for booleans, a decimal comma in Norwegian.
function shownValue(attribute, value) {
  if (value === undefined || value === null) return "";
  if (attribute.type === "boolean") return value === "true" ? t("uiYes") : t("uiNo");
  if (attribute.type === "float" || attribute.type === "integer") return Number(value).toLocaleString(locale(), { maximumFractionDigits: 10 });
  return value;
}

function participantRow(participant, attributes) {
  const row = el("tr", { dataset: { id: participant.id, pseudonym: participant.pseudonym } },
    el("th", { scope: "row", class: "pseudonym", text: participant.pseudonym }),
    el("td", { class: "label", text: participant.label || "" }),
    attributes.map((a) => el("td", { class: a.type === "integer" || a.type === "float" ? "value n" : "value", dataset: { attribute: a.name },
      text: shownValue(a, participant.attributes[a.name]) })),
    el("td", { class: "linked" }, participant.linkedTranscripts.map((tr, i) =>
      el("span", {}, i ? ", " : "", el("a", { href: `#/transcript/${tr.id}`, text: tr.name })))),
    el("td", { class: "n", text: number(participant.segments) }),
    canWrite() ? el("td", { class: "actions" },
      el("button", { type: "button", class: "link", dataset: { action: "values" }, text: t("uiValues"),
        onclick: () => openAction(row, participant, (p, close) => valuesForm(p, attributes, close)) }),
      el("button", { type: "button", class: "link", dataset: { action: "rename" }, text: t("uiRename"),
        onclick: () => openAction(row, participant, renameForm) }),
      el("button", { type: "button", class: "link danger", dataset: { action: "delete" }, text: t("uiDelete"),
        onclick: () => openAction(row, participant, deleteForm) })) : null);
  return row;
}

const run = (action, message) => runAction(action, message, redraw);

function renameForm(participant, close) {
  const name = el("input", { type: "text", name: "pseudonym", value: participant.pseudonym, required: true, maxlength: 200,
    autocomplete: "off", "aria-label": t("uiNewPseudonym", participant.pseudonym) });
  const form = el("form", { class: "inline-form" }, el("label", {}, t("uiNewPseudonym", participant.pseudonym), " ", name),
    el("span", { class: "hint", text: t("uiRenameKeepsLinks") }),
    buttons(close, el("button", { type: "submit", class: "primary", text: t("uiSave") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (name.value === participant.pseudonym) { close(); return; }
    run(() => api("POST", `/api/participants/${participant.id}/rename`, { pseudonym: name.value }),
      (renamed) => t("uiParticipantRenamed", participant.pseudonym, renamed.pseudonym));
  });
  return form;
}

// A control for one attribute's value, of the kind its type takes; the library checks the value.
function valueControl(attribute, value) {
  const label = `${attribute.label || attribute.name} (${t(`uiType_${attribute.type}`)})`;
  const common = { name: attribute.name, "aria-label": label, dataset: { attribute: attribute.name } };
  let control;
  if (attribute.type === "boolean") {
    control = el("select", common, el("option", { value: "", text: t("uiNoValue") }),
      el("option", { value: "true", text: t("uiYes") }), el("option", { value: "false", text: t("uiNo") }));
    control.value = value ?? "";
  } else if (attribute.type === "date") {
    control = el("input", { ...common, type: "date", value: value ?? "" });
  } else {
    // Plain text fields, numbers included, so a value that does not fit reaches the library, which says why.
    const shownNumber = value !== undefined && attribute.type === "float" && state.language === "nb" ? value.replace(".", ",") : value;
    control = el("input", { ...common, type: "text", value: shownNumber ?? "", autocomplete: "off",
      inputmode: attribute.type === "integer" ? "numeric" : attribute.type === "float" ? "decimal" : null });
  }
  return el("label", { class: "field" }, el("span", { text: label }), control);
}

function valuesForm(participant, attributes, close) {
  const label = el("input", { type: "text", name: "label", value: participant.label || "", maxlength: 200, autocomplete: "off",
    "aria-label": t("uiParticipantLabel") });
  const fields = attributes.map((a) => valueControl(a, participant.attributes[a.name]));
  const form = el("form", { class: "values-form" },
    el("div", { class: "values-grid" }, el("label", { class: "field" }, el("span", { text: t("uiParticipantLabel") }), label), fields),
    el("p", { class: "hint", text: attributes.length ? t("uiValuesHint") : t("uiNoAttributes") }),
    buttons(close, el("button", { type: "submit", class: "primary", text: t("uiSave") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // Only what changed goes to the server, in one request: one value refused, nothing is saved.
    const body = {};
    if (label.value !== (participant.label || "")) body.label = label.value;
    const changed = {};
    for (const control of form.querySelectorAll("[data-attribute]")) {
      const before = participant.attributes[control.dataset.attribute] ?? "";
      const now = control.value;
      const same = now === before || (now.replace(",", ".") === before && control.getAttribute("inputmode") === "decimal");
      if (!same) changed[control.dataset.attribute] = now;
    }
    if (Object.keys(changed).length) body.attributes = changed;
    if (!Object.keys(body).length) { close(); return; }
    run(() => api("POST", `/api/participants/${participant.id}/update`, body), () => t("uiParticipantSaved", participant.pseudonym));
  });
  return form;
}

// «2 speaker turns, 1 memo» in the page's language; a kind a method module adds has no label of ours,
// so the library's own words name it.
function dependents(list, effect) {
  return list.filter((d) => d.count > 0 && d.effect === effect).map((d) => {
    const key = `uiDependent_${d.kind.id}`;
    return state.labels[key] ? t(key, number(d.count)) : `${number(d.count)} ${d.count === 1 ? d.kind.singular : d.kind.plural}`;
  }).join(", ");
}

// What deleting takes is asked for and shown first; the delete itself is refused like the command line's
// while links, turns or memos hang on the participant, and the refusal's remedy becomes the second button.
async function deleteForm(participant, close) {
  const preview = await api("GET", `/api/participants/${participant.id}/deletion`);
  const deletes = dependents(preview.dependents, "deleted"), detaches = dependents(preview.dependents, "detached");
  const box = el("div", { class: "delete-preview", role: "alert" },
    el("p", { text: deletes || detaches ? t("uiParticipantDeletes", preview.record.name, deletes || "–") : t("uiDeleteNothing", preview.record.name) }),
    detaches ? el("p", { text: t("uiParticipantDetaches", detaches) }) : null,
    preview.linked.length ? el("p", { class: "hint", text: t("uiParticipantIn", preview.linked.map((r) => r.name).join(", ")) }) : null);
  const refusal = el("p", { class: "error-line", hidden: true });
  const confirm = el("button", { type: "button", class: "danger", hidden: true, text: t("uiDeleteAnyway"),
    onclick: () => run(() => api("POST", `/api/participants/${participant.id}/delete`, { force: true }), (r) => t("uiDeleted", r.record.name)) });
  const first = el("button", { type: "button", class: "danger", text: t("uiDelete"), onclick: async () => {
    try {
      const report = await api("POST", `/api/participants/${participant.id}/delete`, {});
      toast(t("uiDeleted", report.record.name));
      await redraw();
    } catch (error) {
      if (error.remedy !== "force") { toast(error.message, true); return; }
      refusal.textContent = error.message;
      refusal.hidden = false;
      first.hidden = true;
      confirm.hidden = false;
      confirm.focus();
    }
  } });
  box.append(refusal, buttons(close, first, confirm));
  return box;
}

// ---------------------------------------------------------------- attributes
function attributeSection(attributes) {
  const rows = attributes.map((attribute) => {
    const label = el("input", { type: "text", value: attribute.label || "", maxlength: 200, autocomplete: "off",
      placeholder: attribute.name, "aria-label": `${t("uiAttributeLabel")}: ${attribute.name}` });
    const form = el("form", { class: "inline-form compact" }, label, el("button", { type: "submit", text: t("uiSave") }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run(() => api("POST", "/api/attributes/label", { name: attribute.name, label: label.value }), (a) => t("uiAttributeLabelSaved", a.name));
    });
    return el("tr", { dataset: { attribute: attribute.name } },
      el("th", { scope: "row", text: attribute.name }),
      el("td", { text: t(`uiType_${attribute.type}`) }),
      el("td", {}, canWrite() ? form : attribute.label || ""));
  });
  return el("section", { class: "attributes", "aria-labelledby": "attributes-heading" },
    el("h2", { id: "attributes-heading", text: t("uiAttributes") }),
    attributes.length ? el("table", { class: "codes-table attributes-table", id: "attributes" },
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: t("uiName") }),
        el("th", { scope: "col", text: t("uiAttributeType") }),
        el("th", { scope: "col", text: t("uiAttributeLabel") }))),
      el("tbody", {}, rows)) : el("p", { class: "empty", text: t("uiNoAttributes") }),
    canWrite() ? defineForm() : null,
    el("p", { class: "hint", text: t("uiAttributeHint") }));
}

function defineForm() {
  const name = el("input", { id: "new-attribute", type: "text", required: true, maxlength: 200, autocomplete: "off",
    placeholder: t("uiName"), "aria-label": t("uiAttributeName"), title: t("uiAttributeName") });
  const type = el("select", { id: "new-attribute-type", "aria-label": t("uiAttributeType") },
    ["text", "integer", "float", "boolean", "date"].map((kind) => el("option", { value: kind, text: t(`uiType_${kind}`) })));
  const label = el("input", { id: "new-attribute-label", type: "text", maxlength: 200, autocomplete: "off",
    placeholder: t("uiAttributeLabel"), "aria-label": t("uiAttributeLabel") });
  const form = el("form", { class: "inline-form", id: "new-attribute-form" },
    el("strong", { text: t("uiNewAttribute") }), name, type, label,
    el("button", { type: "submit", class: "primary", text: t("uiDefineAttribute") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { name: name.value, type: type.value };
    if (label.value.trim()) body.label = label.value;
    try {
      const attribute = await api("POST", "/api/attributes", body);
      toast(t("uiAttributeAdded", attribute.name));
      await redraw();
      document.getElementById("new-attribute")?.focus();
    } catch (error) { toast(error.message, true); name.focus(); }
  });
  return form;
}

// ---------------------------------------------------------------- live
// Another coder's change (or the command line's) redraws the lists when they changed and nobody is
// typing in them.
window.addEventListener("qualcode:change", async () => {
  const body = document.getElementById("participants-body");
  if (!body || location.hash !== "#/participants" || busy(body)) return;
  try {
    const data = await load();
    if (JSON.stringify(data) === shown) return;
    shown = JSON.stringify(data);
    if (!busy(body)) render(body, data);
  } catch { /* the next change tries again */ }
});

addRoute(/^#\/participants$/, draw);
