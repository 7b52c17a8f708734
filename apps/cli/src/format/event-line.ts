import type { EventRecord, JsonObject } from "@phaser/events-core";
import { pc } from "./colors.js";
import { shortId, truncate } from "./text.js";
import { paintFor } from "./type-style.js";

const TYPE_WIDTH = "verification_passed".length;

/** `key=value` pairs of a payload on one line; long or multi-line strings are cut short. */
export function compactData(data: JsonObject): string {
  return Object.entries(data)
    .map(([key, value]) => {
      const text = typeof value === "string" ? value.replace(/\s*\r?\n\s*/g, " ⏎ ") : value;
      const shown = typeof text === "string" && !/[\s"=]/.test(text) ? text : JSON.stringify(text);
      return `${key}=${truncate(shown, 60)}`;
    })
    .join(" ");
}

/** One stored event on one line: timestamp, short audit id, phase, type and compact payload. */
export function formatEventLine(record: EventRecord): string {
  const phase = record.phase === null ? "  -" : `p${record.phase}`.padStart(3);
  const type = paintFor(record.type)(record.type.padEnd(TYPE_WIDTH));
  return `${pc.dim(record.timestamp)}  ${shortId(record.audit_id)}  ${phase}  ${type}  ${compactData(record.data)}`;
}
