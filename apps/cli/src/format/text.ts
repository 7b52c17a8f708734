import type { JsonObject, JsonValue } from "@phaser/events-core";
import { fitWidth } from "./display-width.js";
import { printable } from "./printable.js";

/**
 * The helpers every formatter takes stored values through. Anything read from
 * an event (or another writer's file) is data: `field`, `truncate` and
 * `shown` make it printable (control characters shown as text) before it
 * goes into a line.
 */

/** The first 8 characters of an audit id: enough to tell audits apart on screen. */
export function shortId(id: string): string {
  return printable(id.slice(0, 8));
}

/** Stored `text` made printable and cut to `columns` terminal columns, ending in `…` when cut. */
export function truncate(text: string, columns: number): string {
  return fitWidth(printable(text), columns);
}

/** Stored `text` made printable, whole. */
export function shown(text: string): string {
  return printable(text);
}

/** A field of an event's data as printable display text; `?` when it is missing. */
export function field(data: JsonObject, key: string): string {
  const value: JsonValue | undefined = data[key];
  if (value === undefined || value === null) return "?";
  return printable(typeof value === "string" ? value : JSON.stringify(value));
}

/** `12.345s`: a duration in seconds, to the millisecond. */
export function formatSeconds(value: JsonValue | undefined): string {
  return typeof value === "number" ? `${value.toFixed(3)}s` : "?s";
}

/** `1 verification`, `2 verifications`. */
export function plural(value: JsonValue | undefined, noun: string): string {
  const count = typeof value === "number" ? value : "?";
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * A size in bytes for people, in SI units as `ls -h --si` and most file
 * managers show them: `512 B`, `1.4 kB`, `2.0 MB`, `3.1 GB`. The one size
 * format of every command.
 */
export function formatBytes(value: JsonValue | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return "? B";
  if (value < 1000) return `${value} B`;
  const units = ["kB", "MB", "GB", "TB"] as const;
  let scaled = value / 1000;
  let unit = 0;
  // 999.95 kB would print as "1000.0 kB": move up a unit before rounding does.
  while (scaled >= 999.95 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${scaled.toFixed(1)} ${units[unit]}`;
}

/** `350 ms`, `12 s`, `5 min`, `3 h`. */
export function formatAge(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
