import type { EventRecord } from "@phaser/events-core";

/** NDJSON: one wire record per line, each line ending in `\n`; empty for no records. */
export function formatNdjson(records: readonly EventRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}
