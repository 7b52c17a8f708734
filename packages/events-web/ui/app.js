// A placeholder until the real UI: lists /api/audits and follows /api/stream.
// Every stored string is set with textContent, never parsed as HTML.

const status = document.getElementById("status");
const table = document.getElementById("audits");
const body = table.querySelector("tbody");
/** @type {Map<string, object>} */
const rows = new Map();

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  return td;
}

function render() {
  const sorted = [...rows.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  body.replaceChildren(
    ...sorted.map((audit) => {
      const tr = document.createElement("tr");
      tr.append(
        cell(audit.auditId.slice(0, 8)),
        cell(audit.project),
        cell(audit.slug),
        cell(audit.outcome),
        cell(audit.startedAt),
        cell(`${audit.phasesDone}/${audit.phasesTotal ?? "?"}`),
        cell(audit.failingChecks),
        cell(audit.eventCount),
      );
      return tr;
    }),
  );
  table.hidden = sorted.length === 0;
  status.textContent = sorted.length === 0 ? "No audits yet." : `${sorted.length} audits`;
}

async function load() {
  const response = await fetch("/api/audits");
  if (!response.ok) throw new Error(`GET /api/audits: ${response.status}`);
  const { position, audits } = await response.json();
  for (const audit of audits) rows.set(audit.auditId, audit);
  render();
  const stream = new EventSource(`/api/stream?after=${position}`);
  stream.addEventListener("record", (message) => {
    const { audit } = JSON.parse(message.data);
    if (audit !== null) rows.set(audit.auditId, audit);
    render();
  });
}

load().catch((error) => {
  status.textContent = `Could not load the audits: ${error.message}`;
});
