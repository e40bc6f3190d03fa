// What every page of QualCode in the browser shares: the state, building elements, labels, the server,
// messages, colours, and the one conversion from browser offsets to the store's.
export const state = {
  session: null,
  labels: {},
  language: localStorage.getItem("qualcode.language") || "nb",
  transcripts: [],
  codes: [],
  view: null,          // the open transcript (TranscriptView from the server)
  // Where the keys c, C and 1–9 find what to code on the current page: current(exact) gives
  // {transcript, start, end, text, blank} in Unicode scalars or null; after() redraws once coded.
  selectionSource: null,
  recent: [],          // code paths, most recent first
};

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A label with its fields filled: `{1}` is the first value; `{1:koding|kodinger}` the word for it,
// singular when the value is 1.
export function t(key, ...values) {
  const text = state.labels[key] ?? key;
  return text.replace(/\{(\d+)(?::([^|}]*)\|([^}]*))?\}/g, (whole, n, one, other) => {
    const value = values[n - 1];
    if (value === undefined) return whole;
    return one === undefined ? String(value) : (Number(value) === 1 ? one : other);
  });
}

// ---------------------------------------------------------------- offsets
// The one place where browser offsets (UTF-16 code units) become the store's (Unicode scalars):
// the number of scalars in the first `utf16` units of `text`. A surrogate pair is one scalar.
export function scalarOffset(text, utf16) {
  let scalars = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { if (i + 1 >= utf16) break; i++; }
    }
    scalars++;
  }
  return scalars;
}

// A selection in the store's units snapped to whole words (unless `exact`) and trimmed of white space.
// `scalars` is the text around it, one scalar per element, starting at store offset `base`.
const wordChar = /[\p{L}\p{N}\p{M}'’-]/u;
export function snapSelection(scalars, base, start, end, exact) {
  let s = start - base, e = end - base;
  if (!exact) {
    while (s > 0 && wordChar.test(scalars[s - 1] || "") && wordChar.test(scalars[s] || "")) s--;
    while (e < scalars.length && wordChar.test(scalars[e] || "") && wordChar.test(scalars[e - 1] || "")) e++;
  }
  while (s < e && /\s/u.test(scalars[s])) s++;
  while (e > s && /\s/u.test(scalars[e - 1])) e--;
  return { start: base + s, end: base + e, text: scalars.slice(s, e).join(""), blank: s >= e };
}

// ---------------------------------------------------------------- server
export async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.session) headers["X-CSRF-Token"] = state.session.csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  return answer(response);
}

// A file sent as a request's body, its name and the route's options in the query; answers as api() does.
export async function upload(path, file, options = {}) {
  const query = new URLSearchParams(options);
  query.set("file", file.name);
  const response = await fetch(`${path}?${query}`, {
    method: "POST", body: file, credentials: "same-origin",
    headers: { "Accept": "application/json", "Content-Type": "application/octet-stream", "X-CSRF-Token": state.session.csrfToken },
  });
  return answer(response);
}

async function answer(response) {
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  // The session ended (logged out elsewhere, a new password, the server restarted): log in again.
  if (response.status === 401) location.assign("/login");
  if (!response.ok) {
    const error = new Error(data?.error || `${response.status}`);
    error.status = response.status;
    error.remedy = data?.remedy;
    throw error;
  }
  return data;
}

// Does a page's change, says how it went (the server's line when refused) and redraws the page.
export async function runAction(action, message, redraw) {
  try {
    const result = await action();
    toast(message(result));
    await redraw();
    return result;
  } catch (error) { toast(error.message, true); return null; }
}

let toastTimer;
export function toast(message, isError = false) {
  const box = $("toast");
  box.textContent = message;
  box.classList.toggle("error", isError);
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, isError ? 6000 : 2500);
}

// A code's colour as the server gives it (every code has one); grey for a code not known yet.
export function colorOf(codeId) {
  return state.view?.codes.find((c) => c.id === codeId)?.color
    || state.codes.find((c) => c.id === codeId)?.color
    || "#8C959F";
}

// Pages other than the transcript register themselves here: a hash pattern and what draws it.
export const routes = [];
export function addRoute(pattern, draw) { routes.push({ pattern, draw }); }

// ---------------------------------------------------------------- table rows
// One action at a time, in a row under a table's row (a code's, a participant's); Esc closes it and
// gives the focus back to the row's first action button.
export function openAction(row, record, build) {
  document.querySelector("tr.action-row")?.remove();
  const cell = el("td", { colspan: row.children.length });
  const actionRow = el("tr", { class: "action-row" }, cell);
  const close = () => { actionRow.remove(); row.querySelector(".actions button")?.focus(); };
  actionRow.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); }
  });
  row.after(actionRow);
  Promise.resolve(build(record, close)).then((content) => {
    cell.replaceChildren(content);
    content.querySelector("input, select, textarea, button")?.focus();
  }).catch((error) => { toast(error.message, true); close(); });
}

// Cancel, then the form's own buttons.
export function buttons(close, ...primary) {
  return el("div", { class: "buttons" }, el("button", { type: "button", text: t("uiCancel"), onclick: close }), ...primary);
}

// Whether someone is typing or choosing in `part` of a page: a live redraw of it then waits for the
// next change, so nothing typed is lost.
export function busy(part) {
  const active = document.activeElement;
  return Boolean(part.querySelector("tr.action-row, .editing")) || (part.contains(active) && active.matches("input, select, textarea"));
}
