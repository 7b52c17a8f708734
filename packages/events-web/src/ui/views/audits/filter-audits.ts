import type { AuditRow } from "@phaser/events-analysis";
import { displayText } from "../../format/display-text.js";
import type { Route } from "../../route/route.js";

/**
 * The rows the audits view's filters keep: project, outcomes, and text in id,
 * project or slug. Projects are compared as shown (terminal controls
 * removed), so no control character has to live in the page to select one.
 */
export function filterAudits(rows: readonly AuditRow[], route: Route): AuditRow[] {
  const needle = route.q?.trim().toLowerCase() ?? "";
  return rows.filter(
    (row) =>
      (route.project === undefined || displayText(row.project) === route.project) &&
      (route.outcomes.length === 0 || route.outcomes.includes(row.outcome)) &&
      (needle === "" ||
        row.auditId.toLowerCase().includes(needle) ||
        (row.project ?? "").toLowerCase().includes(needle) ||
        (row.slug ?? "").toLowerCase().includes(needle)),
  );
}

/** Every project named by a row, as shown, sorted. */
export function projectsOf(rows: readonly AuditRow[]): string[] {
  const projects = new Set<string>();
  for (const row of rows) if (row.project !== null) projects.add(displayText(row.project));
  return [...projects].sort();
}
