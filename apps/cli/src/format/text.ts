import type { JsonObject, JsonValue } from "@phaser/events-core";

/** The first 8 characters of an audit id: enough to tell audits apart on screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** `text` cut to `max` characters, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A field of an event's data as display text; `?` when it is missing. */
export function field(data: JsonObject, key: string): string {
  const value: JsonValue | undefined = data[key];
  if (value === undefined || value === null) return "?";
  return typeof value === "string" ? value : JSON.stringify(value);
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
