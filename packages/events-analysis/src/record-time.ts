import type { EventRecord } from "@phaser/events-core";
import { parseTimestamp } from "./parse-timestamp.js";

/**
 * Where records sit in time. Records may reach us in any order (a store's
 * order is append order, which other writers' clocks need not follow), so the
 * models sort by timestamp; records with the same instant keep the order they
 * were given in. A timestamp that does not parse sorts after every other.
 */

/** A record's place in time order: its instant, then the order it was seen in. */
export interface TimeMark {
  /** Milliseconds since the epoch; `Infinity` for a timestamp that does not parse. */
  readonly ms: number;
  readonly seen: number;
}

/** The record's timestamp in milliseconds since the epoch, or `Infinity` if it does not parse. */
export function timeOf(record: EventRecord): number {
  const ms = typeof record.timestamp === "string" ? parseTimestamp(record.timestamp) : Number.NaN;
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/** Whether `a` comes after `b` in time order. */
export function isAfter(a: TimeMark, b: TimeMark): boolean {
  return a.ms > b.ms || (a.ms === b.ms && a.seen > b.seen);
}

/**
 * The records sorted by timestamp; records with the same instant stay in the
 * order given. Records already in that order (a store's usual order: append
 * order, one clock) are only checked, not sorted.
 */
export function inTimeOrder(records: readonly EventRecord[]): EventRecord[] {
  const times = records.map(timeOf);
  let ordered = true;
  for (let i = 1; i < times.length && ordered; i += 1) {
    ordered = (times[i] as number) >= (times[i - 1] as number);
  }
  if (ordered) return [...records];
  return records
    .map((record, seen) => ({ record, ms: times[seen] as number, seen }))
    .sort((a, b) => (a.ms === b.ms ? a.seen - b.seen : a.ms < b.ms ? -1 : 1))
    .map(({ record }) => record);
}

/** Milliseconds from `from` to `to`; `null` when either does not parse or `to` is earlier. */
export function elapsedMs(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return nonNegative(parseTimestamp(to) - parseTimestamp(from));
}

/** `value` when it is a finite number of zero or more; else `null` (NaN, negative, missing). */
export function nonNegative(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The ISO instant `ms` milliseconds before `timestamp`; `timestamp` itself when that cannot be told. */
export function isoBefore(timestamp: string, ms: number | null): string {
  if (ms === null) return timestamp;
  const instant = new Date(parseTimestamp(timestamp) - ms);
  return Number.isNaN(instant.getTime()) ? timestamp : instant.toISOString();
}
