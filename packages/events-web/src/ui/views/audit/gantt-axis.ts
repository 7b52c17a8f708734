import { axisLabel, isoTime } from "../../format/time.js";
import { timeTicks } from "../../gantt/time-ticks.js";
import { html } from "../../html.js";

export interface GanttAxisProps {
  readonly startMs: number;
  readonly spanMs: number;
  readonly trackPx: number;
}

/** The time axis: offsets from the audit's start at round steps, the start itself in the corner. */
export function GanttAxis({ startMs, spanMs, trackPx }: GanttAxisProps) {
  const { step, ticks } = timeTicks(spanMs, trackPx);
  return html`
    <div class="gantt-axis" aria-hidden="true">
      <div class="gantt-label axis-start" title=${isoTime(startMs)}>${isoTime(startMs).slice(11, 19)} UTC</div>
      <div class="gantt-track">
        ${ticks
          .filter((t) => t === 0 || (t / spanMs) * trackPx < trackPx - 60)
          .map(
            (t) =>
              html`<span class="tick" style=${{ left: `${(t / spanMs) * 100}%` }}>${axisLabel(t, step)}</span>`,
          )}
      </div>
    </div>
  `;
}
