import type { EventRecord } from "@phaser/events-core";
import { useCallback, useLayoutEffect, useRef, useState } from "preact/hooks";
import { html } from "../../html.js";
import { ROW_PX, scrollToRow, useRowWindow } from "../row-window.js";
import { eventRow } from "./event-row.js";

/** How close to the bottom (px) counts as "at the bottom": new rows then keep it there (follow). */
const FOLLOW_SLACK = 8;
const STEPS: Readonly<Record<string, number>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
};

export interface EventTableProps {
  /** The rows shown (already filtered), oldest first. */
  readonly records: readonly EventRecord[];
  readonly highlighted: ReadonlySet<string>;
  readonly onPick: (record: EventRecord) => void;
  /**
   * Bumped when the selection came from elsewhere (the view's opening, the chart): the table
   * scrolls to the first highlighted row. A pick in the table itself never moves it.
   */
  readonly revealToken: number;
}

/**
 * The audit's events: time, type, phase, summary, only the rows in view drawn
 * (`aria-rowcount` says how many there are). Arrow keys move between rows and
 * Enter picks one. It keeps its scroll position as rows arrive, unless the
 * reader is at the bottom: then it follows.
 */
export function EventTable({ records, highlighted, onPick, revealToken }: EventTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(false);
  const count = useRef(records.length);
  const [focus, setFocus] = useState<{ id: string; move: boolean } | undefined>(undefined);
  const view = useRowWindow(scroller, records.length);
  const firstHighlighted = records.findIndex((r) => highlighted.has(r.id));
  // While a reveal is still to move the view, no row is drawn: they would only be drawn again.
  // State, not a ref: the rows are drawn in the render that follows a reveal, even one that did
  // not have to scroll.
  const [revealed, setRevealed] = useState(0);
  const revealing = revealToken !== revealed && firstHighlighted >= 0;
  const { first, last } = revealing ? { first: 0, last: 0 } : view;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null && records.length > count.current && atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
    count.current = records.length;
    if (element !== null) atBottom.current = isAtBottom(element);
  }, [records]);
  // A reveal asked for waits for its row: the selection may reach the table a render later.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (revealToken === revealed || element === null || firstHighlighted < 0) return;
    setRevealed(revealToken);
    scrollToRow(element, firstHighlighted, headHeight(element));
    view.sync();
  });
  // Keyboard moves focus to a row that may be drawn only after this render.
  useLayoutEffect(() => {
    if (focus?.move !== true) return;
    const row = scroller.current?.querySelector<HTMLElement>(
      `tr[data-event-id="${CSS.escape(focus.id)}"]`,
    );
    if (row) {
      row.focus({ preventScroll: true });
      setFocus({ id: focus.id, move: false });
    }
  });

  const focusIndex = focus === undefined ? -1 : records.findIndex((r) => r.id === focus.id);
  const tabbable = focusIndex >= 0 ? focusIndex : Math.max(firstHighlighted, 0);
  const pick = useCallback(
    (record: EventRecord) => {
      setFocus({ id: record.id, move: false });
      // The reader is where they clicked: a reveal still pending (its row filtered out, say)
      // would find the new selection's first row and scroll the picked one away.
      setRevealed(revealToken);
      onPick(record);
    },
    [onPick, revealToken],
  );
  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>("tr[data-event-id]");
    const index = row === null ? -1 : records.findIndex((r) => r.id === row.dataset.eventId);
    if (index < 0) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick(records[index] as EventRecord);
      return;
    }
    const by =
      event.key === "Home" ? -index : event.key === "End" ? records.length : STEPS[event.key];
    if (by === undefined) return;
    event.preventDefault();
    const next = Math.min(records.length - 1, Math.max(0, index + by));
    const element = scroller.current;
    if (element !== null) scrollToRow(element, next, headHeight(element));
    setFocus({ id: (records[next] as EventRecord).id, move: true });
  };

  const rows = [];
  for (let index = first; index < last; index += 1) {
    const record = records[index] as EventRecord;
    rows.push(
      eventRow({
        record,
        index,
        highlighted: highlighted.has(record.id),
        tabbable: index === tabbable,
        onPick: pick,
      }),
    );
  }
  return html`
    <section class="events" aria-labelledby="events-heading">
      <h2 id="events-heading">Events <span class="count">${records.length}</span></h2>
      <div
        class="event-table-scroll"
        ref=${scroller}
        onScroll=${(e: Event) => (atBottom.current = isAtBottom(e.currentTarget as HTMLElement))}
      >
        <table class="event-table" role="grid" aria-labelledby="events-heading" aria-rowcount=${records.length + 1} onKeyDown=${onKeyDown}>
          <colgroup>
            <col class="col-time" /><col class="col-type" /><col class="col-phase" /><col class="col-summary" />
          </colgroup>
          <thead>
            <tr aria-rowindex="1"><th scope="col">Time (UTC)</th><th scope="col">Type</th><th scope="col">Phase</th><th scope="col">Summary</th></tr>
          </thead>
          <tbody>
            ${first > 0 ? html`<tr class="spacer" aria-hidden="true" style=${{ height: `${first * ROW_PX}px` }}></tr>` : null}
            ${rows}
            ${
              last < records.length
                ? html`<tr class="spacer" aria-hidden="true" style=${{ height: `${(records.length - last) * ROW_PX}px` }}></tr>`
                : null
            }
          </tbody>
        </table>
        ${records.length === 0 ? html`<p class="empty">No event matches.</p>` : null}
      </div>
    </section>
  `;
}

function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= FOLLOW_SLACK;
}

function headHeight(container: HTMLElement): number {
  return container.querySelector("thead")?.getBoundingClientRect().height ?? 0;
}
