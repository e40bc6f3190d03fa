// Full-text search (#/search?q=…) with the command line's syntax; each hit shows its line with the
// matched words marked (built as elements, never as markup), links to the line, and codes the line or
// the matched words with a code typed into a field that suggests the code paths.
import { state, el, t, api, toast, addRoute } from "./core.js";

const locale = () => (state.language === "nb" ? "nb-NO" : "en-GB");
const number = (n) => Number(n).toLocaleString(locale());
const canWrite = () => state.session?.role && state.session.role !== "reader";

async function drawSearch(main, match) {
  const query = new URLSearchParams(match[1] || "").get("q") || "";
  const input = el("input", { id: "search-input", type: "search", value: query, placeholder: t("uiSearch"), "aria-label": t("uiSearch"),
    autocomplete: "off", spellcheck: "false", maxlength: 1000 });
  const form = el("form", { class: "inline-form search-form", role: "search" }, input,
    el("button", { type: "submit", class: "primary", text: t("uiSearch") }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value;
    const hash = `#/search?${new URLSearchParams({ q })}`;
    if (location.hash === hash) drawSearch(main, [hash, `q=${encodeURIComponent(q)}`]); else location.hash = hash;
  });
  const results = el("div", { id: "search-results", class: "search-results" });
  main.replaceChildren(
    el("div", { class: "page-head" }, el("h1", { text: t("uiSearch") }), form, el("p", { class: "hint", text: t("uiSearchHint") })),
    results);
  input.focus();
  if (!query.trim()) return;
  let result;
  try {
    result = await api("GET", `/api/search?q=${encodeURIComponent(query)}`);
  } catch (error) {
    results.replaceChildren(el("p", { class: "error-line", role: "alert", text: error.message }));
    return;
  }
  if (!state.codes.length) state.codes = await api("GET", "/api/codes");
  const paths = el("datalist", { id: "code-paths" }, state.codes.map((c) => el("option", { value: c.path })));
  results.replaceChildren(
    el("p", { class: "meta", text: result.total > result.hits.length ? t("uiHitsShown", number(result.total), number(result.hits.length)) : t("uiHits", number(result.total)) }),
    paths,
    ...result.hits.map(hitCard));
}

// The line's text with the matches as <mark> elements. Offsets are Unicode scalars; Array.from splits a
// string into code points, which are the scalars, so no UTF-16 arithmetic is needed here. A long line is
// cut to the stretch around its matches.
function marked(hit) {
  const scalars = Array.from(hit.text);
  const spans = hit.matches.map((m) => [m.start - hit.start, m.end - hit.start]).filter(([a, b]) => a >= 0 && b <= scalars.length && a < b);
  let from = 0, to = scalars.length;
  if (spans.length && scalars.length > 320) {
    from = Math.max(0, spans[0][0] - 120);
    to = Math.min(scalars.length, spans[spans.length - 1][1] + 120);
  }
  const parts = [];
  if (from > 0) parts.push("…");
  let at = from;
  for (const [a, b] of spans) {
    if (b <= at || a >= to) continue;
    if (a > at) parts.push(scalars.slice(at, a).join(""));
    parts.push(el("mark", { text: scalars.slice(Math.max(a, at), Math.min(b, to)).join("") }));
    at = Math.min(b, to);
  }
  if (at < to) parts.push(scalars.slice(at, to).join(""));
  if (to < scalars.length) parts.push("…");
  return parts;
}

function hitCard(hit) {
  const who = hit.participant || hit.speaker;
  const card = el("article", { class: "hit", dataset: { line: hit.line, transcript: hit.transcriptId } },
    el("header", {},
      el("strong", { text: hit.transcript }),
      el("span", { class: "meta", text: ` · ${t("uiLine")} ${hit.line}${who ? " · " + who : ""}` }),
      el("span", { class: "spacer" }),
      el("a", { class: "open-line", href: `#/transcript/${hit.transcriptId}?line=${hit.line}`, text: t("uiOpenInTranscript") })),
    el("p", { class: "snippet" }, marked(hit)));
  if (canWrite()) card.append(codeForm(hit));
  return card;
}

function codeForm(hit) {
  const input = el("input", { type: "text", list: "code-paths", class: "code-input", placeholder: t("uiCodeToApply"), "aria-label": t("uiCodeToApply"), autocomplete: "off" });
  const codeLine = el("button", { type: "submit", class: "primary", value: "line", text: t("uiCodeLine") });
  const codeMatch = el("button", { type: "submit", value: "match", text: t("uiCodeMatch"), disabled: !hit.matches.length });
  const form = el("form", { class: "inline-form hit-code" }, input, codeLine, codeMatch);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const path = input.value.trim();
    if (!path) { toast(t("uiNameACode"), true); input.focus(); return; }
    // Enter in the field codes the line; the second button the matched words (first to last match).
    const whole = (event.submitter?.value || "line") === "line" || !hit.matches.length;
    const start = whole ? hit.start : hit.matches[0].start;
    const end = whole ? hit.end : hit.matches[hit.matches.length - 1].end;
    try {
      const result = await api("POST", "/api/codings", { transcript: hit.transcriptId, start, end, codes: [path] });
      toast(t("uiCoded", [...result.added, ...result.alreadyPresent].join(", ")));
      state.codes = await api("GET", "/api/codes");
      const list = document.getElementById("code-paths");
      list?.replaceChildren(...state.codes.map((c) => el("option", { value: c.path })));
      form.closest(".hit")?.classList.add("coded");
    } catch (error) { toast(error.message, true); }
  });
  return form;
}

addRoute(/^#\/search(?:\?(.*))?$/, drawSearch);
