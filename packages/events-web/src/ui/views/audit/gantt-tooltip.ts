import { lineText } from "../../format/cut-text.js";
import { tooltipLines } from "../../gantt/bar-text.js";
import type { GanttRow } from "../../gantt/gantt-rows.js";
import { html } from "../../html.js";

export const TOOLTIP_ID = "gantt-tooltip";

export interface TooltipProps {
  readonly row: GanttRow;
  /** The bar's box, in the window's coordinates: the tooltip goes under it. */
  readonly at: DOMRect;
}

/** The one tooltip of the chart: the bar hovered or focused, described by it (`aria-describedby`). */
export function GanttTooltip({ row, at }: TooltipProps) {
  const left = Math.max(4, Math.min(at.left, window.innerWidth - 320));
  const top = at.bottom + 4;
  return html`
    <div
      id=${TOOLTIP_ID}
      class="gantt-tooltip"
      role="tooltip"
      style=${{ left: `${left}px`, top: `${top}px` }}
      data-row=${row.key}
    >
      <strong><bdi>${lineText(row.label)}</bdi></strong>
      <dl>
        ${tooltipLines(row).map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}
      </dl>
    </div>
  `;
}
