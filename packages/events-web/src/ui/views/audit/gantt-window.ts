import { html } from "../../html.js";
import { GANTT_ROW_PX, type RowWindow } from "../row-window.js";

/** The width of the label column, in px (as in app.css). */
export const LABEL_PX = 260;

/** One row to draw (`gap` 0), or `gap` rows' worth of empty space from row `at`. */
export interface Drawn {
  readonly at: number;
  readonly gap: number;
}

/**
 * The rows to draw, of `count`: those of the window, and the `pinned` ones
 * wherever they are; the rows between and after are empty space of their height.
 */
export function drawnIndexes(
  view: RowWindow,
  count: number,
  pinned: readonly (number | undefined)[],
): Drawn[] {
  const indexes = new Set<number>();
  for (let i = view.first; i < view.last; i += 1) indexes.add(i);
  for (const index of pinned) if (index !== undefined && index < count) indexes.add(index);
  const sorted = [...indexes].sort((a, b) => a - b);
  const drawn: Drawn[] = [];
  let next = 0;
  for (const index of sorted) {
    if (index > next) drawn.push({ at: next, gap: index - next });
    drawn.push({ at: index, gap: 0 });
    next = index + 1;
  }
  if (count > next) drawn.push({ at: next, gap: count - next });
  return drawn;
}

export function gap(at: number, count: number) {
  return html`<div key=${`gap-${at}`} class="gantt-gap" aria-hidden="true" style=${{ height: `${count * GANTT_ROW_PX}px` }}></div>`;
}

/**
 * Scrolls the chart body (only it) so row `index`, whose bar starts `barLeft`
 * px from the chart's left edge, is in view: a third from the top, and just
 * right of the labels, when it has to move. Read from the index, not from a
 * drawn bar (the row may not be drawn yet).
 */
export function reveal(container: HTMLElement, index: number, barLeft: number): void {
  // The axis (one row tall) is sticky at the top: a row under it is out of view.
  const top = (index + 1) * GANTT_ROW_PX;
  const visibleTop = container.scrollTop + GANTT_ROW_PX;
  const visibleBottom = container.scrollTop + container.clientHeight;
  if (top < visibleTop || top + GANTT_ROW_PX > visibleBottom) {
    container.scrollTop = Math.max(0, top - container.clientHeight / 3);
  }
  const left = barLeft - container.scrollLeft;
  if (left < LABEL_PX || left > container.clientWidth - 40) {
    container.scrollLeft = Math.max(0, barLeft - LABEL_PX - 40);
  }
}
