import type { AuditRow } from "@phaser/events-analysis";
import type { Ref } from "preact";
import { displayText } from "../../format/display-text.js";
import { formatDuration, isoTime } from "../../format/time.js";
import { html } from "../../html.js";
import { useRouteLink } from "../../route/route-link.js";
import type { RoutePatch } from "../../route/route-patch.js";
import { OutcomeBadge } from "../outcome-badge.js";
import type { ViewProps } from "../page-header.js";

/** The route patch that opens an audit as it first shows: no selection, no table filter, fitted. */
export function openAudit(auditId: string): RoutePatch {
  return {
    view: "audit",
    audit: auditId,
    phase: undefined,
    attempt: undefined,
    types: [],
    inPhase: undefined,
    zoom: 1,
  };
}

export interface AuditsTableProps extends ViewProps {
  readonly tableRef: Ref<HTMLTableElement>;
  readonly rows: readonly AuditRow[];
  readonly selected: string | undefined;
  readonly onSelect: (auditId: string) => void;
}

/** The audits as a table; each slug links to its audit, rows are keyed by id so live changes keep the DOM. */
export function AuditsTable({
  tableRef,
  rows,
  route,
  navigate,
  selected,
  onSelect,
}: AuditsTableProps) {
  const link = useRouteLink(route, navigate);
  if (rows.length === 0) return html`<p class="empty">No audit matches.</p>`;
  return html`
    <table class="audits" ref=${tableRef}>
      <caption class="visually-hidden">Audits, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Project</th>
          <th scope="col">Slug</th>
          <th scope="col">Outcome</th>
          <th scope="col">Started (UTC)</th>
          <th scope="col" class="num">Duration</th>
          <th scope="col" class="num">Phases</th>
          <th scope="col" class="num">Failing checks</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`
            <tr
              key=${row.auditId}
              data-audit-id=${row.auditId}
              data-outcome=${row.outcome}
              class=${row.auditId === selected ? "selected" : undefined}
              onClick=${() => onSelect(row.auditId)}
            >
              <td><bdi>${displayText(row.project ?? "—")}</bdi></td>
              <td>
                <a
                  ...${link(openAudit(row.auditId))}
                  title=${row.auditId}
                >
                  <bdi>${displayText(row.slug ?? row.auditId.slice(0, 8))}</bdi>
                </a>
              </td>
              <td><${OutcomeBadge} outcome=${row.outcome} /></td>
              <td><time datetime=${isoTime(row.startedAt)}>${isoTime(row.startedAt)}</time></td>
              <td class="num">${row.durationMs === null ? "…" : formatDuration(row.durationMs)}</td>
              <td class="num">${row.phasesDone}/${row.phasesTotal ?? "?"}</td>
              <td class="num">${row.failingChecks === 0 ? "" : row.failingChecks}</td>
            </tr>
          `,
        )}
      </tbody>
    </table>
  `;
}
