import { lineText } from "../../format/cut-text.js";
import { barLabel } from "../../gantt/bar-text.js";
import type { GanttRow } from "../../gantt/gantt-rows.js";
import { html } from "../../html.js";
import { TOOLTIP_ID } from "./gantt-tooltip.js";

export interface GanttRowProps {
  readonly row: GanttRow;
  readonly startMs: number;
  readonly spanMs: number;
  readonly selected: boolean;
  readonly dimmed: boolean;
  /** The one bar reached by Tab (roving tabindex; arrows move between bars). */
  readonly tabbable: boolean;
  readonly described: boolean;
  readonly onSelect: (row: GanttRow) => void;
  readonly onTip: (row: GanttRow | undefined, target: HTMLElement | undefined) => void;
}

/** One row: its label, then its bar, a button placed on the time track. */
export function GanttRowView(props: GanttRowProps) {
  const { row, startMs, spanMs, selected, dimmed, tabbable, described, onSelect, onTip } = props;
  const label = lineText(row.label);
  const from = row.startMs === null ? 0 : (row.startMs - startMs) / spanMs;
  const to = row.endMs === null ? from : (row.endMs - startMs) / spanMs;
  const classes = [
    "gantt-row",
    `row-${row.kind}`,
    selected ? "selected" : "",
    dimmed ? "dim" : "",
  ].join(" ");
  const barClasses = [
    "bar",
    `status-${row.status}`,
    row.flaky ? "flaky" : "",
    row.startMs === null ? "untimed" : "",
  ].join(" ");
  return html`
    <div class=${classes} data-key=${row.key} data-phase=${row.phase}>
      <div class="gantt-label" title=${label}>
        <bdi>${label}</bdi>
        ${row.rollup === "" ? null : html`<span class="rollup">${row.rollup}</span>`}
      </div>
      <div class="gantt-track">
        <button
          type="button"
          class=${barClasses}
          data-key=${row.key}
          tabindex=${tabbable ? 0 : -1}
          aria-label=${barLabel(row)}
          aria-pressed=${selected ? "true" : "false"}
          aria-describedby=${described ? TOOLTIP_ID : undefined}
          style=${{ left: `${Math.max(0, from) * 100}%`, width: `${Math.max(0, to - from) * 100}%` }}
          onClick=${() => onSelect(row)}
          onMouseEnter=${(e: MouseEvent) => onTip(row, e.currentTarget as HTMLElement)}
          onMouseLeave=${() => onTip(undefined, undefined)}
          onFocus=${(e: FocusEvent) => onTip(row, e.currentTarget as HTMLElement)}
          onBlur=${() => onTip(undefined, undefined)}
        ></button>
      </div>
    </div>
  `;
}
