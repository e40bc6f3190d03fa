// Importing a transcript by upload: the file as the request body, the command line's options as query
// parameters; the server runs the same importers and limits.
import { state, $, el, t, api, toast, upload } from "./core.js";

export async function openImport(afterImport) {
  if (state.session.role === "reader") { toast(t("uiReadOnly"), true); return; }
  for (const [id, key] of [["import-title", "uiImportTitle"], ["import-file-label", "uiImportFile"], ["import-participants-label", "uiImportParticipants"],
    ["import-map-label", "uiImportMap"], ["import-date-label", "uiImportDate"], ["import-mode-label", "uiImportMode"],
    ["import-cancel", "uiCancel"], ["import-submit", "uiImportSubmit"]]) $(id).textContent = t(key);
  const participants = await api("GET", "/api/participants");
  $("import-participants").replaceChildren(...participants.map((p) => el("option", { value: p.pseudonym, text: p.pseudonym })));
  $("import-form").reset();
  $("import-error").textContent = "";
  $("import-dialog").hidden = false;
  $("import-file").focus();
  $("import-cancel").onclick = close;
  $("import-form").onkeydown = (event) => { if (event.key === "Escape") { event.preventDefault(); close(); } };
  $("import-form").onsubmit = async (event) => {
    event.preventDefault();
    if (await send(false)) { close(); afterImport(); }
  };
}

function close() { $("import-dialog").hidden = true; }

async function send(allowDuplicate) {
  const file = $("import-file").files[0];
  if (!file) return false;
  const options = [...$("import-participants").selectedOptions].map((option) => ["participant", option.value]);
  for (const [name, id] of [["speakerMap", "import-map"], ["date", "import-date"], ["mode", "import-mode"]]) {
    if ($(id).value.trim()) options.push([name, $(id).value.trim()]);
  }
  if (allowDuplicate) options.push(["allowDuplicate", "true"]);
  try {
    const data = await upload("/api/transcripts/import", file, options);
    toast(t("uiImported", data.map((tr) => tr.name).join(", ")));
    return true;
  } catch (error) {
    if (error.remedy === "allowDuplicate" && confirm(t("uiImportAgain"))) return send(true);
    $("import-error").textContent = error.message;
    return false;
  }
}
