import { numberField, phaseNumberOf, stringField } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { attributes, type OtlpSpanEvent } from "./otlp-json.js";
import {
  ATTR_FILE_PATH,
  ATTR_FILE_SIZE,
  ATTR_PHASER_EVENT_ID,
  ATTR_PHASER_LINES_ADDED,
  ATTR_PHASER_LINES_REMOVED,
} from "./semconv.js";
import { type Bounds, clamp, unixNano } from "./unix-nano.js";

const FILE_EVENT_TYPES = new Set(["file_created", "file_modified", "file_deleted"]);

/** The phase's file changes as span events, in time order, within the phase. */
export function fileEvents(
  records: readonly EventRecord[],
  phase: number,
  bounds: Bounds,
): OtlpSpanEvent[] {
  const events: { at: bigint; event: OtlpSpanEvent }[] = [];
  for (const record of records) {
    if (!FILE_EVENT_TYPES.has(record.type) || phaseNumberOf(record) !== phase) continue;
    const path = stringField(record, "path");
    const at = unixNano(record.timestamp);
    if (path === undefined || at === undefined) continue;
    const time = clamp(at, bounds.start, bounds.end);
    events.push({
      at: time,
      event: {
        timeUnixNano: String(time),
        name: record.type,
        attributes: attributes({
          [ATTR_FILE_PATH]: path,
          [ATTR_FILE_SIZE]: numberField(record, "size_bytes"),
          [ATTR_PHASER_LINES_ADDED]: numberField(record, "lines_added"),
          [ATTR_PHASER_LINES_REMOVED]: numberField(record, "lines_removed"),
          [ATTR_PHASER_EVENT_ID]: record.id,
        }),
      },
    });
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => e.event);
}
