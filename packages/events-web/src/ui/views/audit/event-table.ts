import type { EventRecord } from "@phaser/events-core";
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { displayText } from "../../format/display-text.js";
import { summarizeEvent } from "../../format/summarize-event.js";
import { clockTime, isoTime } from "../../format/time.js";
import { html } from "../../html.js";

/** How close to the bottom (px) counts as "at the bottom": new rows then keep it there (follow). */
const FOLLOW_SLACK = 8;
/** A summary longer than this is cut in the table (the detail pane has it whole). */
const SUMMARY_MAX = 300;

export interface EventTableProps {
  /** The rows shown (already filtered), oldest first. */
  readonly records: readonly EventRecord[];
  readonly highlighted: ReadonlySet<string>;
  readonly onPick: (record: EventRecord) => void;
  /** Bumped when the selection came from the chart: the table scrolls to the first highlighted row. */
  readonly revealToken: number;
}

/**
 * The audit's events: time, type, phase, summary. Arrow keys move between rows
 * and Enter picks one. It keeps its scroll position as rows arrive, unless the
 * reader is at the bottom: then it follows.
 */
export function EventTable({ records, highlighted, onPick, revealToken }: EventTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(false);
  const count = useRef(records.length);
  const [focusId, setFocusId] = useState<string | undefined>(undefined);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null && records.length > count.current && atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
    count.current = records.length;
    if (element !== null) atBottom.current = isAtBottom(element);
  }, [records]);
  // A reveal asked for waits for its row: the selection may reach the table a render later.
  const revealed = useRef(0);
  useLayoutEffect(() => {
    if (revealToken === revealed.current || scroller.current === null) return;
    const row = scroller.current.querySelector<HTMLElement>("tr.highlight");
    if (row === null) return;
    revealed.current = revealToken;
    revealRow(scroller.current, row);
  });

  const firstHighlighted = records.find((r) => highlighted.has(r.id))?.id;
  const tabbableId =
    [focusId, firstHighlighted].find(
      (id) => id !== undefined && records.some((r) => r.id === id),
    ) ?? records[0]?.id;
  const body = useMemo(
    () =>
      records.map(
        (record) => html`
          <tr
            key=${record.id}
            data-event-id=${record.id}
            data-type=${displayText(record.type)}
            class=${highlighted.has(record.id) ? "highlight" : undefined}
            tabindex=${record.id === tabbableId ? 0 : -1}
            aria-selected=${highlighted.has(record.id) ? "true" : "false"}
            onClick=${() => {
              setFocusId(record.id);
              onPick(record);
            }}
          >
            <td><time datetime=${isoTime(record.timestamp)} title=${isoTime(record.timestamp)}>${clockTime(record.timestamp)}</time></td>
            <td><span class=${`type type-${displayText(record.type)}`}>${displayText(record.type)}</span></td>
            <td class="num">${record.phase ?? ""}</td>
            <td class="summary"><bdi>${displayText(summarizeEvent(record.type, record.data)).slice(0, SUMMARY_MAX)}</bdi></td>
          </tr>
        `,
      ),
    [records, highlighted, tabbableId, onPick],
  );
  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest("tr[data-event-id]") as HTMLElement | null;
    if (row === null) return;
    const index = records.findIndex((r) => r.id === row.dataset.eventId);
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      const record = records[index];
      if (record !== undefined) onPick(record);
      return;
    }
    const by =
      event.key === "Home" ? -index : event.key === "End" ? records.length : step[event.key];
    if (by === undefined) return;
    event.preventDefault();
    const next = records[Math.min(records.length - 1, Math.max(0, index + by))];
    if (next === undefined) return;
    setFocusId(next.id);
    scroller.current
      ?.querySelector<HTMLElement>(`tr[data-event-id="${CSS.escape(next.id)}"]`)
      ?.focus();
  };
  return html`
    <section class="events" aria-labelledby="events-heading">
      <h2 id="events-heading">Events <span class="count">${records.length}</span></h2>
      <div
        class="event-table-scroll"
        ref=${scroller}
        onScroll=${(e: Event) => (atBottom.current = isAtBottom(e.currentTarget as HTMLElement))}
      >
        <table class="event-table" role="grid" aria-labelledby="events-heading" onKeyDown=${onKeyDown}>
          <thead>
            <tr><th scope="col">Time (UTC)</th><th scope="col">Type</th><th scope="col">Phase</th><th scope="col">Summary</th></tr>
          </thead>
          <tbody>${body}</tbody>
        </table>
        ${records.length === 0 ? html`<p class="empty">No event matches.</p>` : null}
      </div>
    </section>
  `;
}

function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= FOLLOW_SLACK;
}

/** Scrolls the table (only it, never the page) so the row is in view, a third from the top. */
function revealRow(container: HTMLElement, row: HTMLElement): void {
  const box = container.getBoundingClientRect();
  const rect = row.getBoundingClientRect();
  const head = container.querySelector("thead")?.getBoundingClientRect().height ?? 0;
  if (rect.top < box.top + head || rect.bottom > box.bottom) {
    container.scrollTop += rect.top - box.top - head - container.clientHeight / 3;
  }
}
