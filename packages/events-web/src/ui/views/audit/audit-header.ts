import type { AuditRow } from "@phaser/events-analysis";
import { displayText } from "../../format/display-text.js";
import { formatDuration, isoTime } from "../../format/time.js";
import { html } from "../../html.js";
import { OutcomeBadge } from "../outcome-badge.js";

/** The audit's name and its key facts, as in its row of the audits view. */
export function AuditHeader({
  row,
  backLink,
}: {
  readonly row: AuditRow;
  readonly backLink: object;
}) {
  return html`
    <header class="audit-header">
      <a class="back" ...${backLink}>← All audits</a>
      <h1>
        <bdi>${displayText(row.project ?? "(no project)")}</bdi>
        <span class="sep" aria-hidden="true"> / </span>
        <bdi>${displayText(row.slug ?? "(no slug)")}</bdi>
        ${" "}<${OutcomeBadge} outcome=${row.outcome} />
      </h1>
      <dl class="audit-facts">
        <dt>Started</dt><dd><time datetime=${isoTime(row.startedAt)}>${isoTime(row.startedAt)}</time></dd>
        <dt>Duration</dt><dd>${row.durationMs === null ? "running" : formatDuration(row.durationMs)}</dd>
        <dt>Phases</dt><dd>${row.phasesDone}/${row.phasesTotal ?? "?"}</dd>
        <dt>Failing checks</dt><dd>${row.failingChecks}</dd>
        <dt>Events</dt><dd>${row.eventCount}</dd>
        <dt>Id</dt><dd><code>${row.auditId}</code></dd>
      </dl>
    </header>
  `;
}
