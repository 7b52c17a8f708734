import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { auditIdAsSent, auditRows } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { PACKAGE_UI } from "./package-ui.js";
import { displayText } from "./ui/format/display-text.js";

/** Options of {@link renderAuditReport}. */
export interface AuditReportOptions {
  /** The records to show: one audit's, or several audits'. */
  readonly records: readonly EventRecord[];
  /** The audit the report opens on; without it, the list of audits. */
  readonly auditId?: string | undefined;
  /** The page's title. Default: the audit's project and slug, or "Phaser audits". */
  readonly title?: string | undefined;
}

/**
 * One self-contained HTML page with the web view over `records`: the UI's
 * script and styles inline, the records as JSON in
 * `<script type="application/json" id="phaser-data">`. It opens from disk
 * with no network (a CI artifact, an attachment): its Content-Security-Policy
 * allows only its own inline script and style (by hash) and `data:` images,
 * and no connection at all. Stored strings stay data: every `<` in the JSON
 * is escaped, so none can end the element, and the UI renders them as text.
 */
export async function renderAuditReport(options: AuditReportOptions): Promise<string> {
  const [css, js] = await Promise.all([
    readFile(join(PACKAGE_UI, "app.css"), "utf8"),
    readFile(join(PACKAGE_UI, "app.js"), "utf8"),
  ]);
  const audits = auditRows(options.records);
  const open =
    options.auditId === undefined
      ? undefined
      : `audit=${encodeURIComponent(auditIdAsSent(options.auditId))}`;
  const data = JSON.stringify({ audits, events: options.records, open }).replace(/</g, "\\u003c");
  // Inline, a `</script` would end the element; in a module's code `<\/script` means the same.
  const script = js.replace(/<\/(script)/gi, "<\\/$1");
  const style = css.replace(/<\/(style)/gi, "<\\/$1");
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(style)}'`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const row = audits.find((a) => a.auditId === options.auditId);
  // A window or tab title shows control characters as they are: each stored part is made fit to
  // show as the page does (terminal controls removed, bidi controls shown as `<U+202E>`), then
  // isolated (U+2068 … U+2069), as <bdi> does in the page: a stored PDI can no longer close the
  // isolate early, and neither an override nor right-to-left text reorders the " / " after it.
  const isolate = (text: string) => `\u2068${displayText(text)}\u2069`;
  const title =
    options.title === undefined
      ? row
        ? `${isolate(row.project ?? "?")} / ${isolate(row.slug ?? row.auditId)}`
        : "Phaser audits"
      : displayText(options.title);
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    "</head>",
    '<body><div id="app"></div>',
    `<script type="application/json" id="phaser-data">${data}</script>`,
    `<script type="module">${script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}

/** Text for an HTML text node (the title). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
