import type { AuditRow } from "@phaser/events-analysis";
import type { RefObject } from "preact";
import { displayText } from "../../format/display-text.js";
import { formatDuration, isoTime } from "../../format/time.js";
import { html } from "../../html.js";
import { useRouteLink } from "../../route/route-link.js";
import type { RoutePatch } from "../../route/route-patch.js";
import { OutcomeBadge } from "../outcome-badge.js";
import type { ViewProps } from "../page-header.js";
import { AUDIT_ROW_PX, usePageRowWindow } from "../row-window.js";

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
  readonly tableRef: RefObject<HTMLTableElement | null>;
  readonly rows: readonly AuditRow[];
  readonly selected: string | undefined;
  readonly onSelect: (auditId: string) => void;
}

/**
 * The audits as a table; each slug links to its audit. Rows are keyed by id,
 * so live changes keep the DOM, and only those in the window's view are drawn
 * (`aria-rowcount` says how many there are).
 */
export function AuditsTable({
  tableRef,
  rows,
  route,
  navigate,
  selected,
  onSelect,
}: AuditsTableProps) {
  const link = useRouteLink(route, navigate);
  const { first, last } = usePageRowWindow(tableRef, rows.length, AUDIT_ROW_PX);
  if (rows.length === 0) return html`<p class="empty">No audit matches.</p>`;
  return html`
    <table class="audits" ref=${tableRef} aria-rowcount=${rows.length + 1}>
      <caption class="visually-hidden">Audits, newest first</caption>
      <thead>
        <tr aria-rowindex="1">
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
        ${first > 0 ? spacer(first) : null}
        ${rows.slice(first, last).map(
          (row, i) => html`
            <tr
              key=${row.auditId}
              aria-rowindex=${first + i + 2}
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
        ${last < rows.length ? spacer(rows.length - last) : null}
      </tbody>
    </table>
  `;
}

/** Stands for `count` rows not drawn. */
function spacer(count: number) {
  return html`<tr class="spacer" aria-hidden="true" style=${{ height: `${count * AUDIT_ROW_PX}px` }}></tr>`;
}
