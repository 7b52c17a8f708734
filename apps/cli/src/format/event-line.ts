import type { EventRecord, JsonObject } from "@phaser/events-core";
import { pc } from "./colors.js";
import { shortId, shown, truncate } from "./text.js";
import { paintFor } from "./type-style.js";

const TYPE_WIDTH = "verification_passed".length;

/** `key=value` pairs of a payload on one line; long or multi-line strings are cut short, all printable. */
export function compactData(data: JsonObject): string {
  return Object.entries(data)
    .map(([key, value]) => {
      const text = typeof value === "string" ? value.replace(/\s*\r?\n\s*/g, " ⏎ ") : value;
      const plain = typeof text === "string" && !/[\s"=]/.test(text) ? text : JSON.stringify(text);
      return `${shown(key)}=${truncate(plain, 60)}`;
    })
    .join(" ");
}

/** One stored event on one line: timestamp, short audit id, phase, type and compact payload. */
export function formatEventLine(record: EventRecord): string {
  const phase = record.phase === null ? "  -" : `p${record.phase}`.padStart(3);
  const type = paintFor(record.type)(shown(record.type).padEnd(TYPE_WIDTH));
  return `${pc().dim(shown(record.timestamp))}  ${shortId(record.audit_id)}  ${phase}  ${type}  ${compactData(record.data)}`;
}
