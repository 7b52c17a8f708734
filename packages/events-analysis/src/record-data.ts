import type { EventRecord } from "@phaser/events-core";

/**
 * Payload fields read from stored wire records. Records a store hands back
 * may come from a newer or older writer, so a field of the wrong type reads
 * as missing instead of being trusted.
 */

/** `record.data[key]` when it is a string. */
export function stringField(record: EventRecord, key: string): string | undefined {
  const value = dataOf(record)[key];
  return typeof value === "string" ? value : undefined;
}

/** `record.data[key]` when it is a finite number. */
export function numberField(record: EventRecord, key: string): number | undefined {
  const value = dataOf(record)[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The record's payload; none (`{}`) when a writer stored something other than an object. */
function dataOf(record: EventRecord): Readonly<Record<string, unknown>> {
  const data: unknown = record.data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
}
