// The transcript view's «Personvern» panel: what the detectors find in the open transcript (national
// identity numbers, phone numbers, e-mail addresses, the key's names and terms, gendered pronouns under
// the «hen» policy), marked in the text and listed beside it, each to replace, dismiss here or everywhere;
// «Vis avviste» lists the dismissed ones to restore. The server scans; the page only shows and asks.
// Every value from the server goes into the page as text (el/textContent).
import { state, el, t, api, toast } from "./core.js";

let open = sessionStorage.getItem("qualcode.privacy") === "open";
let showDismissed = false;
let found = null;          // the last answer of /api/transcripts/{id}/privacy
let redraw = async () => {};
let loading = 0;           // the newest load wins when several overlap

const canWrite = () => state.session?.role && state.session.role !== "reader";

// The «Personvern» switch in the transcript's head.
export function privacyToggle() {
  return el("button", { type: "button", id: "privacy-toggle", class: "privacy-toggle", "aria-pressed": String(open), "aria-controls": "privacy-panel",
    text: t("uiPrivacy"), onclick: () => setOpen(!open) });
}

// The transcript's body with the panel beside it; `refresh` redraws the transcript after a replacement.
export function withPrivacy(body, refresh) {
  redraw = refresh;
  const panel = el("aside", { class: "panel privacy-panel", id: "privacy-panel", hidden: !open, "aria-label": t("uiPrivacy") });
  const wrap = el("div", { class: open ? "transcript-wrap with-privacy" : "transcript-wrap" }, body, panel);
  if (open) load();
  return wrap;
}

function setOpen(value) {
  open = value;
  sessionStorage.setItem("qualcode.privacy", open ? "open" : "closed");
  document.getElementById("privacy-toggle")?.setAttribute("aria-pressed", String(open));
  const panel = document.getElementById("privacy-panel");
  if (!panel) return;
  panel.hidden = !open;
  panel.parentElement.classList.toggle("with-privacy", open);
  if (open) load(); else { unmark(); found = null; }
}

// Asks for the open transcript's findings, then lists and marks them.
async function load() {
  const view = state.view;
  if (!view) return;
  const ticket = ++loading;
  try {
    const answer = await api("GET", `/api/transcripts/${view.transcript.id}/privacy`);
    // The reader went on to another transcript, or a newer load is under way.
    if (ticket !== loading || state.view?.transcript.id !== answer.transcript) return;
    found = answer;
    render();
  } catch (error) {
    const panel = document.getElementById("privacy-panel");
    if (panel) panel.replaceChildren(el("h2", { text: t("uiPrivacy") }), el("p", { class: "error-line", text: error.message }));
  }
}

function render() {
  const panel = document.getElementById("privacy-panel");
  if (!panel || !found) return;
  const active = found.findings.filter((f) => !f.dismissed);
  const dismissed = found.findings.filter((f) => f.dismissed);
  const shown = showDismissed ? found.findings : active;
  const head = el("div", { class: "panel-head" }, el("h2", { text: t("uiPrivacy") }),
    el("button", { type: "button", class: "link", "aria-label": t("uiClose"), title: t("uiClose"), text: "×", onclick: () => setOpen(false) }));
  const notes = [
    found.hasKey && !found.keyOpen ? el("p", { class: "privacy-note", id: "privacy-key-note", role: "note", text: t("uiPrivacyKeyClosed") }) : null,
    el("p", { class: "meta", text: t(found.policy === "hen" ? "uiPrivacyPolicyHen" : "uiPrivacyPolicyAsSpoken") }),
  ];
  const summary = el("p", { class: "privacy-summary", id: "privacy-summary",
    text: active.length ? t("uiPrivacyCount", active.length) : t("uiPrivacyNone") });
  const tools = el("div", { class: "privacy-tools" },
    canWrite() && active.length ? el("button", { type: "button", id: "privacy-apply-all", class: "primary", text: t("uiPrivacyApplyAll"), onclick: applyAll }) : null,
    dismissed.length || showDismissed ? el("label", { class: "check" }, el("input", { type: "checkbox", id: "privacy-show-dismissed", checked: showDismissed,
      onchange: (event) => { showDismissed = event.target.checked; render(); } }), el("span", { text: t("uiPrivacyShowDismissed", dismissed.length) })) : null);
  const list = el("ol", { class: "privacy-findings", id: "privacy-findings" }, shown.map(item));
  // replaceChildren() would write a null as the text «null»: only the parts there are.
  panel.replaceChildren(...[head, ...notes, summary, tools, list,
    canWrite() ? null : el("p", { class: "hint", text: t("uiPrivacyReaderOnly") })].filter(Boolean));
  mark(shown);
}

// One finding: its kind, the words and line (a button that shows it in the text), what it would become,
// and the decisions.
function item(finding) {
  const go = el("button", { type: "button", class: "finding-go", title: t("uiPrivacyShow"), onclick: () => reveal(finding) },
    el("span", { class: "finding-text", text: finding.text }),
    el("span", { class: "finding-line", text: `${t("uiLine")} ${finding.line}` }));
  const actions = !canWrite() ? null : finding.dismissed
    ? el("div", { class: "finding-actions" },
      el("button", { type: "button", class: "privacy-restore", text: t("uiPrivacyRestore"), onclick: () => decide("restore", finding) }))
    : el("div", { class: "finding-actions" },
      el("button", { type: "button", class: "primary privacy-apply", text: t("uiPrivacyApply"), onclick: () => decide("apply", finding) }),
      el("button", { type: "button", class: "privacy-dismiss", text: t("uiPrivacyDismissHere"), onclick: () => decide("dismiss", finding) }),
      el("button", { type: "button", class: "privacy-dismiss-everywhere", text: t("uiPrivacyDismissEverywhere"), onclick: () => decide("everywhere", finding) }));
  return el("li", { class: finding.dismissed ? "finding dismissed" : "finding", dataset: { id: finding.id, kind: finding.kind } },
    el("span", { class: `finding-kind kind-${finding.kind}`, text: kindName(finding.kind) }),
    go,
    el("p", { class: "finding-replacement" }, el("span", { class: "muted", text: `${t("uiPrivacyBecomes")} ` }), el("code", { text: finding.replacement })),
    finding.dismissed ? el("p", { class: "hint", text: t("uiPrivacyDismissed") }) : null,
    actions);
}

function kindName(kind) {
  const key = `uiPrivacyKind_${kind}`;
  return state.labels[key] ? t(key) : kind;
}

// ---------------------------------------------------------------- decisions
async function decide(what, finding) {
  const id = state.view.transcript.id;
  const route = { apply: "apply", dismiss: "dismiss", everywhere: "dismiss", restore: "restore" }[what];
  const body = what === "apply" ? { ids: [finding.id] } : what === "restore" ? { ids: [finding.id] } : { ids: [finding.id], everywhere: what === "everywhere" };
  try {
    const result = await api("POST", `/api/transcripts/${id}/privacy/${route}`, body);
    toast(what === "apply" ? t("uiPrivacyApplied", result.applied) : what === "restore" ? t("uiPrivacyRestored", result.count)
      : t(what === "everywhere" ? "uiPrivacyDismissedEverywhere" : "uiPrivacyDismissedHere", result.count));
    await after(what === "apply");
  } catch (error) { toast(error.message, true); await load(); }
}

async function applyAll() {
  const active = found.findings.filter((f) => !f.dismissed);
  // A replacement takes the words out of the project for good: asked once for all of them.
  if (!confirm(t("uiPrivacyApplyAllConfirm", active.length))) return;
  try {
    // The findings confirmed, by number: one found since (a name added to the key) is not replaced unseen.
    const result = await api("POST", `/api/transcripts/${state.view.transcript.id}/privacy/apply`, active.length <= 5000 ? { ids: active.map((f) => f.id) } : { all: true });
    toast(t("uiPrivacyApplied", result.applied));
    await after(true);
  } catch (error) { toast(error.message, true); await load(); }
}

// A replacement changed the text: the transcript is drawn again (which loads the findings anew); a
// dismissal changed only the list.
async function after(textChanged) {
  if (textChanged) await redraw(); else await load();
}

// Someone else's change (a dismissal everywhere, a replacement): the open panel follows.
let changeTimer;
window.addEventListener("qualcode:change", () => {
  if (!open || !state.view) return;
  clearTimeout(changeTimer);
  changeTimer = setTimeout(load, 200);
});

// ---------------------------------------------------------------- marks in the text
// Each finding is a <mark> around its words inside the pieces of the transcript (a piece's own text
// stays whole, so selecting and coding count offsets as before).
function unmark() {
  for (const mark of document.querySelectorAll("#transcript mark.finding")) {
    const parent = mark.parentNode;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
}

function mark(findings) {
  unmark();
  const pieces = [...document.querySelectorAll("#transcript .piece")];
  for (const finding of findings) {
    for (const piece of pieces) {
      const start = Number(piece.dataset.start);
      const length = [...piece.textContent].length;
      if (start >= finding.end || start + length <= finding.start) continue;
      wrapScalars(piece, Math.max(0, finding.start - start), Math.min(length, finding.end - start), finding);
    }
  }
}

// Wraps the scalars from..to of `piece`'s text (across its text nodes) in marks for `finding`.
function wrapScalars(piece, from, to, finding) {
  const walker = document.createTreeWalker(piece, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let at = 0;
  for (const node of nodes) {
    const scalars = [...node.data];
    const nodeStart = at, nodeEnd = at + scalars.length;
    at = nodeEnd;
    if (nodeEnd <= from || nodeStart >= to) continue;
    // Scalars to UTF-16 units within this node.
    const units = (n) => scalars.slice(0, n).join("").length;
    let target = node;
    const cutStart = Math.max(0, from - nodeStart), cutEnd = Math.min(scalars.length, to - nodeStart);
    if (cutEnd < scalars.length) target.splitText(units(cutEnd));
    if (cutStart > 0) target = target.splitText(units(cutStart));
    const mark = el("mark", { class: finding.dismissed ? "finding dismissed" : "finding", dataset: { finding: finding.id }, title: `${kindName(finding.kind)} → ${finding.replacement}` });
    target.replaceWith(mark);
    mark.append(target);
  }
}

// Scrolls the text to a finding and flashes it; its line when the words are not marked.
function reveal(finding) {
  const marks = [...document.querySelectorAll(`#transcript mark.finding[data-finding="${finding.id}"]`)];
  const target = marks[0] || document.querySelector(`#transcript .row[data-line="${finding.line}"]`);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  for (const mark of marks) { mark.classList.remove("flash"); void mark.offsetWidth; mark.classList.add("flash"); }
  for (const row of document.querySelectorAll("#privacy-findings li.current")) row.classList.remove("current");
  document.querySelector(`#privacy-findings li[data-id="${finding.id}"]`)?.classList.add("current");
}
