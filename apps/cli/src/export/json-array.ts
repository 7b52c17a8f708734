import type { EventRecord } from "@phaser/events-core";

/** A JSON array of the wire records, indented by 2 spaces, ending in `\n`. */
export function formatJsonArray(records: readonly EventRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
