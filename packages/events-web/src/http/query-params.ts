import { HttpError } from "../errors/http-error.js";

/**
 * A position from a query parameter or `Last-Event-ID`: a whole number, 0 or
 * more, in decimal digits only. Undefined when absent or empty; 400 otherwise.
 */
export function parsePosition(value: string | null | undefined, name: string): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const seq = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new HttpError(
      "BAD_REQUEST",
      `${name} must be a position: a whole number, 0 or more (got ${JSON.stringify(value)})`,
    );
  }
  return seq;
}

/** `limit`: a whole number from 1; `fallback` when absent; at most `max` (larger asks get `max`). */
export function parseLimit(value: string | null, fallback: number, max: number): number {
  if (value === null || value === "") return fallback;
  const limit = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!(Number.isSafeInteger(limit) && limit >= 1)) {
    throw new HttpError(
      "BAD_REQUEST",
      `limit must be a whole number, 1 or more (got ${JSON.stringify(value)})`,
    );
  }
  return Math.min(limit, max);
}

/** A path part, percent-decoded; 400 when its encoding is broken. */
export function decodePathPart(part: string, name: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError("BAD_REQUEST", `${name} is not valid percent-encoding`);
  }
}
