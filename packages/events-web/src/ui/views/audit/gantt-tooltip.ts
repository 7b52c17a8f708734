import { tooltipLines } from "../../gantt/bar-text.js";
import type { GanttRow } from "../../gantt/gantt-rows.js";
import { displayText } from "../../format/display-text.js";
import { html } from "../../html.js";

export const TOOLTIP_ID = "gantt-tooltip";

export interface TooltipProps {
  readonly row: GanttRow;
  /** Where to draw it, in the chart body's coordinates. */
  readonly left: number;
  readonly top: number;
}

/** The one tooltip of the chart: the bar hovered or focused, described by it (`aria-describedby`). */
export function GanttTooltip({ row, left, top }: TooltipProps) {
  return html`
    <div
      id=${TOOLTIP_ID}
      class="gantt-tooltip"
      role="tooltip"
      style=${{ left: `${left}px`, top: `${top}px` }}
      data-row=${row.key}
    >
      <strong><bdi>${displayText(row.label)}</bdi></strong>
      <dl>
        ${tooltipLines(row).map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}
      </dl>
    </div>
  `;
}
