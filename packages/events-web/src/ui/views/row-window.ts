import type { RefObject } from "preact";
import { useCallback, useLayoutEffect, useState } from "preact/hooks";

/** Every row of the event table is this tall (app.css fixes it), so a row's place is its index × this. */
export const ROW_PX = 28;
/** Every row of the Gantt chart, and its axis, is this tall (app.css fixes it). */
export const GANTT_ROW_PX = 28;
/** Every row of the audits table is this tall (app.css fixes it). */
export const AUDIT_ROW_PX = 36;
/** Rows drawn beyond each edge of the view, so quick scrolling shows no gap. */
const OVERSCAN = 30;

/** The rows `[first, last)` to draw, of `count`, for the scroller's position and height. */
export interface RowWindow {
  readonly first: number;
  readonly last: number;
}

/** A {@link RowWindow} of an element that scrolls itself. */
export interface ScrollerRowWindow extends RowWindow {
  /**
   * Reads the scroller's position now: a caller that scrolled it calls this
   * so that the next render, before the next paint, draws the rows there,
   * instead of the rows of before until the scroll event comes.
   */
  readonly sync: () => void;
}

/**
 * Which rows of a long table to draw: the ones in view and a margin. A table
 * of thousands of events costs what its visible part costs, in rendering and
 * in the browser's layout.
 */
export function useRowWindow(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  rowPx: number = ROW_PX,
): ScrollerRowWindow {
  const [view, setView] = useState({ top: 0, height: 800 });
  const sync = useCallback(() => {
    const element = scroller.current;
    if (element === null) return;
    const top = element.scrollTop;
    const height = element.clientHeight || 800;
    // The same place (the scroll event after a sync) draws nothing again.
    setView((before) =>
      before.top === top && before.height === height ? before : { top, height },
    );
  }, [scroller]);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    sync();
    element.addEventListener("scroll", sync, { passive: true });
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(sync) : undefined;
    observer?.observe(element);
    return () => {
      element.removeEventListener("scroll", sync);
      observer?.disconnect();
    };
  }, [scroller, sync]);
  return { ...windowOf(view, count, rowPx), sync };
}

/**
 * The same for a table the page itself scrolls (the audits): the rows of
 * `table`'s body in the window's view, and a margin.
 */
export function usePageRowWindow(
  table: RefObject<HTMLTableElement | null>,
  count: number,
  rowPx: number,
): RowWindow {
  const [view, setView] = useState({ top: 0, height: 1000 });
  useLayoutEffect(() => {
    const measure = () => {
      const body = table.current?.tBodies[0];
      if (body) setView({ top: -body.getBoundingClientRect().top, height: window.innerHeight });
    };
    measure();
    window.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    return () => {
      window.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
    };
  }, [table, count > 0]);
  return windowOf(view, count, rowPx);
}

function windowOf(view: { top: number; height: number }, count: number, rowPx: number): RowWindow {
  const first = Math.min(count, Math.max(0, Math.floor(view.top / rowPx) - OVERSCAN));
  const last = Math.min(
    count,
    Math.max(first, Math.ceil((view.top + view.height) / rowPx) + OVERSCAN),
  );
  return { first, last };
}

/**
 * Scrolls the table (only it, never the page) so row `index` is in view, a
 * third from the top when it has to move; `head` is the sticky header's height.
 */
export function scrollToRow(container: HTMLElement, index: number, head: number): void {
  const top = index * ROW_PX;
  const visibleTop = container.scrollTop;
  const visibleBottom = visibleTop + container.clientHeight - head;
  if (top >= visibleTop && top + ROW_PX <= visibleBottom) return;
  container.scrollTop = Math.max(0, top - (container.clientHeight - head) / 3);
}
