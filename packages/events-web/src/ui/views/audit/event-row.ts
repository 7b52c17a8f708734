import type { EventRecord } from "@phaser/events-core";
import { LINE_MAX } from "../../format/cut-text.js";
import { displayText } from "../../format/display-text.js";
import { cutSummary, summarizeEvent } from "../../format/summarize-event.js";
import { clockTime, isoTime } from "../../format/time.js";
import { html } from "../../html.js";

export interface EventRowProps {
  readonly record: EventRecord;
  /** Its place among all the table's rows, from 0. */
  readonly index: number;
  readonly highlighted: boolean;
  readonly tabbable: boolean;
  readonly onPick: (record: EventRecord, index: number) => void;
}

/** One event: time, type, phase, summary. */
export function eventRow({ record, index, highlighted, tabbable, onPick }: EventRowProps) {
  return html`
    <tr
      key=${record.id}
      data-event-id=${record.id}
      data-type=${displayText(record.type)}
      aria-rowindex=${index + 2}
      class=${highlighted ? "highlight" : undefined}
      tabindex=${tabbable ? 0 : -1}
      aria-selected=${highlighted ? "true" : "false"}
      onClick=${() => onPick(record, index)}
    >
      <td><time datetime=${isoTime(record.timestamp)} title=${isoTime(record.timestamp)}>${clockTime(record.timestamp)}</time></td>
      <td><span class=${`type type-${displayText(record.type)}`}>${displayText(record.type)}</span></td>
      <td class="num">${record.phase ?? ""}</td>
      <td class="summary">${summary(record)}</td>
    </tr>
  `;
}

/**
 * The row's summary: each stored part in a `<bdi>` of its own, so neither a
 * right-to-left name nor a stray isolate in one can reorder the UI's words
 * and numbers around it (the `+120 −3` after a path).
 */
function summary(record: EventRecord) {
  return cutSummary(summarizeEvent(record.type, record.data), LINE_MAX).map((part) =>
    part.stored ? html`<bdi>${part.text}</bdi>` : part.text,
  );
}
